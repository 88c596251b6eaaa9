export {
  compareXerWithStored,
  type P6ActivityDates,
  p6ActivityDates,
  XER_COMPARED_FIELDS,
  type XerComparedField,
  type XerComparison,
  type XerDifference,
} from './compare.ts';
export { XerFormatError } from './errors.ts';
export { readClndrData, writeClndrData } from './read-calendar.ts';
export { decodeXer, encodeXer, readXerTables } from './read-tables.ts';
export { readXer } from './read-xer.ts';
export { scheduleXer, wbsTaskId, type XerScheduleInput, xerToScheduleInput } from './to-schedule-input.ts';
export type * from './types.ts';
export { writeXer, type XerWritePlan } from './write-xer.ts';
