import { MINUTES_PER_DAY, monthDayOf, parseLocalDateTime, weekdayOf } from '../calendar/index.ts';

export type Granularity = 'day' | 'week' | 'month';

/** Consecutive reporting periods as epoch-minute boundaries: period i is [bounds[i], bounds[i + 1]). */
export interface Periods {
  readonly bounds: Float64Array;
  /** The first day of each period, `YYYY-MM-DD`. */
  readonly starts: readonly string[];
}

const isoDay = (day: number) => new Date(day * MINUTES_PER_DAY * 60_000).toISOString().slice(0, 10);

function nextStart(day: number, granularity: Granularity): number {
  if (granularity === 'day') return day + 1;
  if (granularity === 'week') return day + 7;
  const { year, month } = monthDayOf(day);
  return Math.round(Date.UTC(year, month, 1) / 86_400_000);
}

function alignStart(day: number, granularity: Granularity): number {
  if (granularity === 'day') return day;
  // ISO weeks start on Monday.
  if (granularity === 'week') return day - ((weekdayOf(day) + 6) % 7);
  const { year, month } = monthDayOf(day);
  return Math.round(Date.UTC(year, month - 1, 1) / 86_400_000);
}

/**
 * The periods that cover `from`..`to` (local dates, both included), aligned to whole days, ISO weeks
 * (Monday) or calendar months.
 *
 * @example periodsBetween('2027-01-06', '2027-01-12', 'week').starts // ['2027-01-04', '2027-01-11']
 */
export function periodsBetween(from: string, to: string, granularity: Granularity): Periods {
  const firstDay = Math.floor(parseLocalDateTime(from) / MINUTES_PER_DAY);
  const lastDay = Math.floor(parseLocalDateTime(to) / MINUTES_PER_DAY);
  const days: number[] = [];
  for (let day = alignStart(firstDay, granularity); day <= lastDay; day = nextStart(day, granularity))
    days.push(day);
  days.push(nextStart(days[days.length - 1] ?? firstDay, granularity));
  return {
    bounds: Float64Array.from(days, (day) => day * MINUTES_PER_DAY),
    starts: days.slice(0, -1).map(isoDay),
  };
}

/** How many periods `from`..`to` spans, without building them (to refuse a range too long to report). */
export function countPeriods(from: string, to: string, granularity: Granularity): number {
  const days = (parseLocalDateTime(to) - parseLocalDateTime(from)) / MINUTES_PER_DAY + 1;
  if (granularity === 'day') return days;
  if (granularity === 'week') return Math.ceil(days / 7) + 1;
  return Math.ceil(days / 28) + 1;
}
