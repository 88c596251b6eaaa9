import type { TaskId } from './types.ts';

/** Bad schedule input: names the task (or link) and the field. */
export class ScheduleInputError extends Error {
  constructor(
    readonly where: string,
    readonly field: string,
    readonly detail: string,
  ) {
    super(`${where}: ${field} ${detail}`);
    this.name = 'ScheduleInputError';
  }
}

/** The links (and summary links) form a cycle; `taskIds` lists the tasks on one cycle in order. */
export class ScheduleCycleError extends Error {
  constructor(
    readonly taskIds: readonly TaskId[],
    readonly taskNames: readonly string[],
  ) {
    super(
      `the links form a cycle: ${taskIds.map((id, i) => `${JSON.stringify(id)}${taskNames[i] ? ` (${taskNames[i]})` : ''}`).join(' -> ')} -> ${JSON.stringify(taskIds[0])}`,
    );
    this.name = 'ScheduleCycleError';
  }
}
