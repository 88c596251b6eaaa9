import { describe, expect, it } from 'vitest';
import { type ScheduleResult, Scheduler, scheduleProject } from '../../../src/engine/schedule/index.ts';
import { DAY, plan } from './helpers.ts';

/** A chain of ten work packages of ten linked tasks each, under one summary per package. */
function packages() {
  const tasks = [];
  const links = [];
  for (let p = 0; p < 10; p++) {
    tasks.push({ id: `P${p}`, duration: 0, milestone: false });
    for (let k = 0; k < 10; k++) {
      const id = `P${p}T${k}`;
      tasks.push({ id, parentId: `P${p}`, duration: ((k % 4) + 1) * DAY });
      if (k > 0) links.push({ predecessorId: `P${p}T${k - 1}`, successorId: id });
    }
    if (p > 0) links.push({ predecessorId: `P${p - 1}`, successorId: `P${p}T0` });
  }
  return plan(tasks, links);
}

/** The result's per-task arrays, whichever they are. */
const arraysOf = (r: ScheduleResult) =>
  Object.values(r).filter((v): v is Float64Array | Uint8Array => ArrayBuffer.isView(v));

const snapshot = (r: ScheduleResult) => arraysOf(r).map((a) => Array.from(a));

describe('Scheduler: results it hands out', () => {
  it('keeps a taken result unchanged when the scheduler changes afterwards', () => {
    const s = new Scheduler(packages());
    const before = s.result();
    const copy = snapshot(before);
    s.updateTask('P0T3', { duration: 9 * DAY });
    const after = s.result();
    expect(snapshot(before)).toEqual(copy);
    const changed = after.taskIds.indexOf('P0T3');
    expect(after.earlyFinish[changed]).toBeGreaterThan(before.earlyFinish[changed]);
    expect(after.projectFinish).toBeGreaterThan(before.projectFinish);
  });

  it('gives a second result its own arrays, equal to the first', () => {
    const s = new Scheduler(packages());
    const first = s.result();
    const second = s.result();
    arraysOf(first).forEach((a, k) => {
      expect(arraysOf(second)[k]).not.toBe(a);
    });
    expect(snapshot(second)).toEqual(snapshot(first));
  });

  it("holds a result's ten arrays in a buffer of its own, not in the network's", () => {
    const input = packages();
    const n = input.tasks.length;
    // the result's ten arrays take 66 bytes per task; the network takes several times more
    for (const r of [new Scheduler(input).result(), scheduleProject(input)]) {
      const buffer = r.earlyStart.buffer;
      expect(arraysOf(r)).toHaveLength(10);
      for (const a of arraysOf(r)) expect(a.buffer).toBe(buffer);
      expect(buffer.byteLength).toBeLessThanOrEqual(66 * n + 64);
    }
  });
});
