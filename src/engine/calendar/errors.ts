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

/** Working-time arithmetic left the supported date range (1900-01-01 … 2199-12-31). */
export class CalendarRangeError extends Error {
  constructor(
    readonly calendarId: string | number,
    readonly detail: string,
  ) {
    super(`calendar ${JSON.stringify(calendarId)}: ${detail} (supported range 1900-01-01 to 2199-12-31)`);
    this.name = 'CalendarRangeError';
  }
}
