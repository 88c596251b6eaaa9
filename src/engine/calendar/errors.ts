/** A calendar definition that cannot be used: names the calendar and what is wrong. */
export class CalendarError extends Error {
  constructor(
    readonly calendarId: string | number,
    readonly detail: string,
  ) {
    super(`calendar ${JSON.stringify(calendarId)}: ${detail}`);
    this.name = 'CalendarError';
  }
}

/** Working-time arithmetic left the supported date range (1984-01-01 … 2149-12-31, as in MS Project). */
export class CalendarRangeError extends Error {
  constructor(
    readonly calendarId: string | number,
    readonly detail: string,
  ) {
    super(`calendar ${JSON.stringify(calendarId)}: ${detail} (supported range 1984-01-01 to 2149-12-31)`);
    this.name = 'CalendarRangeError';
  }
}
