import { describe, expect, it } from 'vitest';
import {
  CalendarRegistry,
  dayOf,
  parseLocalDateTime,
  standardWeek,
} from '../../src/engine/calendar/index.ts';
import { demoHolidays, gregorianEaster } from '../../src/services/demo-seed-calendars.ts';

describe('the demo holidays', () => {
  it('computes Easter Sunday of Gregorian years, including the earliest and latest dates it can fall on', () => {
    const known: [number, string][] = [
      [1818, '1818-03-22'],
      [1943, '1943-04-25'],
      [2000, '2000-04-23'],
      [2008, '2008-03-23'],
      [2019, '2019-04-21'],
      [2024, '2024-03-31'],
      [2025, '2025-04-20'],
      [2026, '2026-04-05'],
      [2027, '2027-03-28'],
      [2038, '2038-04-25'],
      [2285, '2285-03-22'],
    ];
    expect(known.map(([year]) => [year, gregorianEaster(year)])).toEqual(known);
  });

  it('cover the year before the seed to two years after, Good Friday to Easter Monday each year', () => {
    const holidays = demoHolidays('2026-12-02');
    expect(holidays.filter((h) => h.name?.startsWith('Easter')).map((h) => [h.name, h.from, h.to])).toEqual([
      ['Easter 2025', '2025-04-18', '2025-04-21'],
      ['Easter 2026', '2026-04-03', '2026-04-06'],
      ['Easter 2027', '2027-03-26', '2027-03-29'],
      ['Easter 2028', '2028-04-14', '2028-04-17'],
    ]);
    // The fixed days recur from the first year on; a seed in 2031 moves every range along.
    expect(holidays.filter((h) => h.recurYearly).map((h) => h.from)).toEqual([
      '2025-01-01',
      '2025-05-01',
      '2025-12-25',
    ]);
    expect(demoHolidays('2031-06-15').map((h) => h.from.slice(0, 4))).toEqual([
      '2030',
      '2030',
      '2030',
      '2030',
      '2031',
      '2032',
      '2033',
    ]);
  });

  it('make Good Friday 2026 and Christmas 2028 days off in the engine, and the Tuesday after Easter a working day', () => {
    const calendar = new CalendarRegistry([
      { id: 'company', week: standardWeek(), exceptions: demoHolidays('2026-01-15') },
    ]).get('company');
    const hours = (date: string) =>
      calendar
        .workingIntervalsOfDay(dayOf(parseLocalDateTime(date)))
        .reduce((s, iv) => s + iv.to - iv.from, 0) / 60;
    expect(['2026-04-02', '2026-04-03', '2026-04-06', '2026-04-07', '2028-12-25'].map(hours)).toEqual([
      8, 0, 0, 8, 0,
    ]);
  });
});
