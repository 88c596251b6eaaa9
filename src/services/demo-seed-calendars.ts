import type { Database } from '../db/connection.ts';
import type { CalendarExceptionInput } from '../model/calendars.ts';
import { createCalendar } from './calendars.ts';
import { standardCalendarDefinition } from './plan-schedule.ts';
import type { Actor } from './policy.ts';
import { listResources } from './resources.ts';
import { addTimeOff } from './time-off.ts';

/**
 * The demo organization's default calendar: the standard week with the public holidays around the
 * year the demo is seeded in (fixed days recur yearly; Easter moves, so each year has its own), and a
 * week of vacation for two people, so the capacity heatmap shows the gaps. Seven writes: no
 * noticeable time.
 */
const VACATIONS: [code: string, from: string, to: string][] = [
  ['DT-03', '2026-08-03', '2026-08-07'],
  ['OP-01', '2027-02-15', '2027-02-19'],
];

/** Easter Sunday of a Gregorian year (the anonymous "Meeus/Jones/Butcher" computus), as YYYY-MM-DD. */
export function gregorianEaster(year: number): string {
  const golden = year % 19;
  const century = Math.floor(year / 100);
  const yearOfCentury = year % 100;
  const leapCenturies = Math.floor(century / 4);
  const centuryRest = century % 4;
  const moonCorrection = Math.floor((century + 8) / 25);
  const solarCorrection = Math.floor((century - moonCorrection + 1) / 3);
  const epact = (19 * golden + century - leapCenturies - solarCorrection + 15) % 30;
  const leapYears = Math.floor(yearOfCentury / 4);
  const yearRest = yearOfCentury % 4;
  const weekday = (32 + 2 * centuryRest + 2 * leapYears - epact - yearRest) % 7;
  const shift = Math.floor((golden + 11 * epact + 22 * weekday) / 451);
  const month = Math.floor((epact + weekday - 7 * shift + 114) / 31);
  const day = ((epact + weekday - 7 * shift + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function addDays(isoDay: string, days: number): string {
  return new Date(Date.parse(`${isoDay}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The company holidays from the year before `today`'s to two years after it: plans started last year
 * and those planned ahead both meet them. Good Friday to Easter Monday is one range per year.
 */
export function demoHolidays(today: string): CalendarExceptionInput[] {
  const year = Number(today.slice(0, 4));
  const first = year - 1;
  const easters = [first, year, year + 1, year + 2].map((y) => {
    const easter = gregorianEaster(y);
    return { name: `Easter ${y}`, from: addDays(easter, -2), to: addDays(easter, 1), intervals: [] };
  });
  return [
    { name: "New Year's Day", from: `${first}-01-01`, intervals: [], recurYearly: true },
    { name: 'Labour Day', from: `${first}-05-01`, intervals: [], recurYearly: true },
    { name: 'Christmas', from: `${first}-12-25`, to: `${first}-12-26`, intervals: [], recurYearly: true },
    ...easters,
  ];
}

export async function seedDemoCalendars(db: Database, system: Actor, today: string): Promise<void> {
  await createCalendar(db, system, {
    name: 'Northwind company calendar',
    week: standardCalendarDefinition().week,
    exceptions: demoHolidays(today),
    isDefault: true,
  });
  for (const [code, from, to] of VACATIONS) {
    const [person] = (await listResources(db, system, { page: 1, pageSize: 1, order: 'asc', q: code })).items;
    if (person) await addTimeOff(db, system, person.id, { from, to, name: 'Vacation' });
  }
}
