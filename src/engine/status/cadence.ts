/**
 * Reporting cadences: when a project's status reports fall due. Dates are ISO `YYYY-MM-DD` strings
 * (calendar days, no time zone); the arithmetic runs on UTC day numbers so it never meets daylight saving.
 */
export type ReportingFrequency = 'weekly' | 'fortnightly' | 'monthly';

export interface ReportingCadence {
  frequency: ReportingFrequency;
  /** The first due date; weekly and fortnightly dues keep its weekday, monthly ones its day of the month. */
  anchorDate: string;
  /** Days after a due date before a missing report counts as late. */
  graceDays: number;
}

const DAY_MS = 86_400_000;

export function dayNumber(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

export function isoOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export const addDays = (iso: string, days: number) => isoOfDay(dayNumber(iso) + days);

function daysInMonth(year: number, monthIndex: number): number {
  return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
}

/** The monthly due `offset` months after the anchor, on the anchor's day or the month's last day. */
function monthlyDue(anchor: string, offset: number): string {
  const [y, m, d] = anchor.split('-').map(Number);
  const monthIndex = m - 1 + offset;
  const year = y + Math.floor(monthIndex / 12);
  const month = ((monthIndex % 12) + 12) % 12;
  const day = Math.min(d, daysInMonth(year, month));
  return isoOfDay(Date.UTC(year, month, day) / DAY_MS);
}

const stepDays = (frequency: ReportingFrequency) => (frequency === 'weekly' ? 7 : 14);

/** The index of the last due on or before `date` in the cadence's infinite series (negative before the anchor). */
function indexOnOrBefore(cadence: ReportingCadence, date: string): number {
  if (cadence.frequency !== 'monthly')
    return Math.floor((dayNumber(date) - dayNumber(cadence.anchorDate)) / stepDays(cadence.frequency));
  const [ay, am] = cadence.anchorDate.split('-').map(Number);
  const [y, m] = date.split('-').map(Number);
  let index = (y - ay) * 12 + (m - am);
  if (monthlyDue(cadence.anchorDate, index) > date) index -= 1;
  return index;
}

/** The `index`-th due of the series; index 0 is the anchor, negative ones lie before it. */
export function dueDateAt(cadence: ReportingCadence, index: number): string {
  if (cadence.frequency === 'monthly') return monthlyDue(cadence.anchorDate, index);
  return addDays(cadence.anchorDate, index * stepDays(cadence.frequency));
}

/**
 * The due dates of a cadence within `[from, to]` (both included), never before its anchor.
 *
 * @example
 * reportingDueDates({ frequency: 'monthly', anchorDate: '2027-01-31', graceDays: 0 }, '2027-01-01', '2027-04-30')
 * // → ['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30']
 */
export function reportingDueDates(cadence: ReportingCadence, from: string, to: string): string[] {
  if (to < from) return [];
  const dues: string[] = [];
  let index = Math.max(0, indexOnOrBefore(cadence, from));
  for (let due = dueDateAt(cadence, index); due <= to; due = dueDateAt(cadence, ++index))
    if (due >= from) dues.push(due);
  return dues;
}

export interface ReportingDue {
  /** The last due date whose grace has run out by `today`; null before the first one has. */
  dueDate: string;
  /** The due before it: a report whose status date is later than this one answers `dueDate`. */
  previousDueDate: string;
}

/** The most recent due date that must already have been met on `today`, with the one before it. */
export function lastExpiredDue(cadence: ReportingCadence, today: string): ReportingDue | null {
  // A report may still come on the due date itself and during the grace days after it.
  const index = indexOnOrBefore(cadence, addDays(today, -1 - cadence.graceDays));
  if (index < 0) return null;
  return { dueDate: dueDateAt(cadence, index), previousDueDate: dueDateAt(cadence, index - 1) };
}

/**
 * Whether a project is late with its report on `today`: the last expired due date has no report
 * whose status date (period end) lies after the due before it.
 */
export function missedDue(
  cadence: ReportingCadence,
  lastReportedPeriodEnd: string | null,
  today: string,
): ReportingDue | null {
  const due = lastExpiredDue(cadence, today);
  if (!due) return null;
  if (lastReportedPeriodEnd !== null && lastReportedPeriodEnd > due.previousDueDate) return null;
  return due;
}

/** The next due date on or after `today` (the one the project works towards). */
export function nextDueDate(cadence: ReportingCadence, today: string): string {
  const index = Math.max(0, indexOnOrBefore(cadence, addDays(today, -1)) + 1);
  return dueDateAt(cadence, index);
}
