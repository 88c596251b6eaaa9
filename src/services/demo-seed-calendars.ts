import type { Database } from '../db/connection.ts';
import { createCalendar } from './calendars.ts';
import { standardCalendarDefinition } from './plan-schedule.ts';
import type { Actor } from './policy.ts';
import { listResources } from './resources.ts';
import { addTimeOff } from './time-off.ts';

/**
 * The demo organization's default calendar: the standard week with the public holidays of the demo's
 * years (fixed days recur yearly; Easter moves, so each year has its own), and a week of vacation for
 * two people, so the capacity heatmap shows the gaps. Seven writes: no noticeable time.
 */
const HOLIDAYS = [
  { name: "New Year's Day", from: '2026-01-01', recurYearly: true },
  { name: 'Labour Day', from: '2026-05-01', recurYearly: true },
  { name: 'Christmas', from: '2026-12-25', to: '2026-12-26', recurYearly: true },
  { name: 'Easter 2026', from: '2026-04-03', to: '2026-04-06' },
  { name: 'Easter 2027', from: '2027-03-26', to: '2027-03-29' },
];
const VACATIONS: [code: string, from: string, to: string][] = [
  ['DT-03', '2026-08-03', '2026-08-07'],
  ['OP-01', '2027-02-15', '2027-02-19'],
];

export async function seedDemoCalendars(db: Database, system: Actor): Promise<void> {
  await createCalendar(db, system, {
    name: 'Northwind company calendar',
    week: standardCalendarDefinition().week,
    exceptions: HOLIDAYS,
    isDefault: true,
  });
  for (const [code, from, to] of VACATIONS) {
    const [person] = (await listResources(db, system, { page: 1, pageSize: 1, order: 'asc', q: code })).items;
    if (person) await addTimeOff(db, system, person.id, { from, to, name: 'Vacation' });
  }
}
