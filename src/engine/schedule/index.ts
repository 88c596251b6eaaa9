export { ScheduleCycleError, ScheduleInputError } from './errors.ts';
export { type IsoScheduleInput, type IsoTaskResult, scheduleIso } from './iso.ts';
export { Scheduler, scheduleProject, type TaskChange } from './schedule-project.ts';
export type * from './types.ts';
