/** A working interval inside one day, minutes from midnight, `from < to <= 1440`. */
export interface WorkingInterval {
  readonly from: number;
  readonly to: number;
}

/**
 * One weekday of a work week: `null` or `undefined` inherits from the base calendar (or is
 * non-working when there is none); an empty array is a non-working day.
 */
export type DayPattern = readonly WorkingInterval[] | null | undefined;

/** Seven day patterns, index 0 = Sunday … 6 = Saturday. */
export type WeekPattern = readonly DayPattern[];

/**
 * An exception: a range of days (inclusive, as day numbers or local dates) with its own
 * working time; `intervals: []` makes the days non-working. `recurYearly` repeats the range's
 * month/day every year (holidays such as 25 December) from the start year on.
 */
export interface CalendarException {
  readonly from: number | string;
  readonly to?: number | string;
  readonly intervals: readonly WorkingInterval[];
  readonly recurYearly?: boolean;
  readonly name?: string;
}

/** A work week that applies only between two dates (MS Project "work weeks"). */
export interface DatedWorkWeek {
  readonly name?: string;
  readonly from: number | string;
  readonly to: number | string;
  readonly week: WeekPattern;
}

/**
 * A calendar as data. Night shifts crossing midnight are two intervals on two weekdays; a
 * 24-hour calendar has `[{ from: 0, to: 1440 }]` on every day.
 */
export interface CalendarDefinition {
  readonly id: string | number;
  readonly name?: string;
  /** Base calendar this one inherits from (resource calendars inherit from a base calendar). */
  readonly baseId?: string | number | null;
  readonly week?: WeekPattern;
  readonly workWeeks?: readonly DatedWorkWeek[];
  readonly exceptions?: readonly CalendarException[];
}
