export { CalendarRegistry, compileCalendar, standardWeek } from './compile.ts';
export * from './epoch.ts';
export { CalendarError, CalendarRangeError } from './errors.ts';
export type * from './types.ts';
export { WorkingCalendar } from './working-calendar.ts';
