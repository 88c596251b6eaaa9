import { ScheduleInputError } from './errors.ts';
import type { TaskId } from './types.ts';

/**
 * Task id to index. Integer ids in a compact range (the usual case: UIDs, row numbers) use a
 * flat Int32Array, which is several times faster than a Map at a million tasks; anything else
 * falls back to a Map.
 */
export class TaskIndex {
  private readonly dense: Int32Array | null = null;
  private readonly map: Map<TaskId, number> | null = null;

  constructor(ids: readonly TaskId[]) {
    const n = ids.length;
    let max = -1;
    let integral = true;
    for (let i = 0; i < n && integral; i++) {
      const id = ids[i];
      if (typeof id !== 'number' || !Number.isInteger(id) || id < 0) integral = false;
      else if (id > max) max = id;
    }
    if (integral && max < 4 * n + 1024) {
      const dense = new Int32Array(max + 1).fill(-1);
      for (let i = 0; i < n; i++) {
        const id = ids[i] as number;
        if (dense[id] >= 0) throw new ScheduleInputError(`task ${id}`, 'id', 'is used twice');
        dense[id] = i;
      }
      this.dense = dense;
    } else {
      const map = new Map<TaskId, number>();
      for (let i = 0; i < n; i++) {
        if (map.has(ids[i]))
          throw new ScheduleInputError(`task ${JSON.stringify(ids[i])}`, 'id', 'is used twice');
        map.set(ids[i], i);
      }
      this.map = map;
    }
  }

  get(id: TaskId): number | undefined {
    if (this.dense) {
      if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id >= this.dense.length)
        return undefined;
      const i = this.dense[id];
      return i < 0 ? undefined : i;
    }
    return this.map!.get(id);
  }
}
