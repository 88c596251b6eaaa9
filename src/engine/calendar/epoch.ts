/**
 * Wall-clock time inside the engine: integer minutes since 1970-01-01T00:00 read as a local,
 * zone-less time (MS Project dates carry no zone). Day arithmetic is therefore plain division.
 */

export const MINUTES_PER_DAY = 1440;

/** Raised when a date string cannot be read as a local date-time. */
export class DateFormatError extends Error {
  constructor(
    readonly value: string,
    readonly field?: string,
  ) {
    super(
      `${field ? `${field}: ` : ''}not a local date-time (YYYY-MM-DD[THH:MM[:SS]]): ${JSON.stringify(value)}`,
    );
    this.name = 'DateFormatError';
  }
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;

/**
 * Reads `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM` or `YYYY-MM-DDTHH:MM:SS` as epoch minutes (seconds dropped).
 *
 * @example parseLocalDateTime('1970-01-02T01:00') // 1500
 */
export function parseLocalDateTime(value: string, field?: string): number {
  const m = DATE_RE.exec(value.trim());
  if (!m) throw new DateFormatError(value, field);
  const [y, mo, d, h, mi] = [+m[1], +m[2], +m[3], m[4] ? +m[4] : 0, m[5] ? +m[5] : 0];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59) throw new DateFormatError(value, field);
  const ms = Date.UTC(y, mo - 1, d, h, mi);
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCDate() !== d) throw new DateFormatError(value, field);
  return Math.round(ms / 60000);
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/**
 * Writes epoch minutes as `YYYY-MM-DDTHH:MM:SS`, the form MS Project writes.
 *
 * @example formatLocalDateTime(1500) // '1970-01-02T01:00:00'
 */
export function formatLocalDateTime(minutes: number): string {
  const d = new Date(minutes * 60000);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00`;
}

/** Day number (days since 1970-01-01) of an epoch-minute instant. */
export function dayOf(minutes: number): number {
  return Math.floor(minutes / MINUTES_PER_DAY);
}

/** Weekday of a day number, 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Month (1-12) and day of month of a day number. */
export function monthDayOf(day: number): { year: number; month: number; date: number } {
  const d = new Date(day * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, date: d.getUTCDate() };
}

/** Reads `HH:MM[:SS]` as minutes from midnight; `24:00` and a `00:00` end both mean 1440 when `isEnd`. */
export function parseTimeOfDay(value: string, isEnd = false, field?: string): number {
  const m = /^(\d{1,2}):(\d{2})(?::\d{2})?$/.exec(value.trim());
  if (!m) throw new DateFormatError(value, field);
  const minutes = +m[1] * 60 + +m[2];
  if (minutes > MINUTES_PER_DAY) throw new DateFormatError(value, field);
  return isEnd && minutes === 0 ? MINUTES_PER_DAY : minutes;
}
