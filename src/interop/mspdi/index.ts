export {
  COMPARED_FIELDS,
  type ComparedField,
  compareWithStored,
  type PlanComparison,
  type TaskDifference,
} from './compare.ts';
export { MspdiFormatError } from './errors.ts';
export { readMspdi } from './read-mspdi.ts';
export { type ConvertedPlan, mspdiToScheduleInput } from './to-schedule-input.ts';
export type * from './types.ts';
