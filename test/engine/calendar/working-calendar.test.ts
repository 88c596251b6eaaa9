import { describe, expect, it } from 'vitest';
import {
  parseLocalDateTime as at,
  CalendarError,
  CalendarRangeError,
  CalendarRegistry,
  formatLocalDateTime as fmt,
  standardWeek,
} from '../../../src/engine/calendar/index.ts';

const std = () => new CalendarRegistry([{ id: 'std', week: standardWeek() }]).get('std');

describe('working calendar', () => {
  it('adds a working day from Friday 08:00 to Friday 17:00', () => {
    expect(fmt(std().addWorking(at('2024-01-05T08:00'), 480))).toBe('2024-01-05T17:00:00');
  });

  it('carries work over the weekend and the lunch break', () => {
    expect(fmt(std().addWorking(at('2024-01-05T15:00'), 240))).toBe('2024-01-08T10:00:00');
  });

  it('lands a finish on 17:00, not on 08:00 the next day', () => {
    expect(fmt(std().addWorking(at('2024-01-08T08:00'), 960))).toBe('2024-01-09T17:00:00');
  });

  it('lands a subtracted start on 08:00, not on 17:00 the day before', () => {
    expect(fmt(std().addWorking(at('2024-01-09T17:00'), -480))).toBe('2024-01-09T08:00:00');
    expect(fmt(std().addWorking(at('2024-01-08T08:00'), -240))).toBe('2024-01-05T13:00:00');
  });

  it('counts working time between two dates', () => {
    expect(std().workingBetween(at('2024-01-05T08:00'), at('2024-01-08T17:00'))).toBe(960);
    expect(std().workingBetween(at('2024-01-08T17:00'), at('2024-01-05T08:00'))).toBe(-960);
  });

  it('moves a non-working instant to the next working start and the previous working finish', () => {
    const cal = std();
    expect(fmt(cal.nextWorkingStart(at('2024-01-06T10:00')))).toBe('2024-01-08T08:00:00');
    expect(fmt(cal.previousWorkingFinish(at('2024-01-06T10:00')))).toBe('2024-01-05T17:00:00');
    expect(fmt(cal.nextWorkingStart(at('2024-01-08T12:30')))).toBe('2024-01-08T13:00:00');
  });

  it('skips a holiday exception', () => {
    const cal = new CalendarRegistry([
      { id: 1, week: standardWeek(), exceptions: [{ from: '2024-01-08', intervals: [] }] },
    ]).get(1);
    expect(fmt(cal.addWorking(at('2024-01-05T17:00'), 480))).toBe('2024-01-09T17:00:00');
  });

  it('uses changed working hours on an exception day', () => {
    const cal = new CalendarRegistry([
      {
        id: 1,
        week: standardWeek(),
        exceptions: [{ from: '2024-01-08', intervals: [{ from: 600, to: 720 }] }],
      },
    ]).get(1);
    expect(fmt(cal.addWorking(at('2024-01-08T00:00'), 120))).toBe('2024-01-08T12:00:00');
    expect(fmt(cal.addWorking(at('2024-01-08T00:00'), 121))).toBe('2024-01-09T08:01:00');
  });

  it('repeats a yearly holiday every year', () => {
    const cal = new CalendarRegistry([
      { id: 1, week: standardWeek(), exceptions: [{ from: '2020-12-25', intervals: [], recurYearly: true }] },
    ]).get(1);
    expect(cal.isWorking(at('2030-12-25T09:00'))).toBe(false); // a Wednesday
    expect(cal.isWorking(at('2030-12-24T09:00'))).toBe(true);
  });

  it('inherits the work week and holidays of its base calendar', () => {
    const reg = new CalendarRegistry([
      { id: 'base', week: standardWeek(), exceptions: [{ from: '2024-01-08', intervals: [] }] },
      { id: 'res', baseId: 'base', week: [null, null, null, null, null, null, [{ from: 480, to: 720 }]] },
    ]);
    const res = reg.get('res');
    expect(res.isWorking(at('2024-01-08T09:00'))).toBe(false);
    expect(res.isWorking(at('2024-01-06T09:00'))).toBe(true); // Saturday morning
    expect(res.isWorking(at('2024-01-09T09:00'))).toBe(true);
  });

  it('works through the night on a shift crossing midnight', () => {
    const night = [
      { from: 0, to: 360 },
      { from: 1320, to: 1440 },
    ];
    const cal = new CalendarRegistry([
      { id: 'n', week: [night, night, night, night, night, night, night] },
    ]).get('n');
    expect(fmt(cal.addWorking(at('2024-01-08T22:00'), 480))).toBe('2024-01-09T06:00:00');
  });

  it('treats a 24-hour calendar as elapsed time', () => {
    const all = [{ from: 0, to: 1440 }];
    const cal = new CalendarRegistry([{ id: 24, week: [all, all, all, all, all, all, all] }]).get(24);
    expect(cal.addWorking(at('2024-01-06T10:00'), 5000)).toBe(at('2024-01-06T10:00') + 5000);
  });

  it('applies a dated work week only between its dates', () => {
    const short = [{ from: 480, to: 720 }];
    const cal = new CalendarRegistry([
      {
        id: 1,
        week: standardWeek(),
        workWeeks: [
          { from: '2024-01-08', to: '2024-01-12', week: [[], short, short, short, short, short, []] },
        ],
      },
    ]).get(1);
    expect(cal.workingBetween(at('2024-01-08T00:00'), at('2024-01-13T00:00'))).toBe(5 * 240);
    expect(cal.workingBetween(at('2024-01-15T00:00'), at('2024-01-20T00:00'))).toBe(5 * 480);
  });

  it('rejects overlapping intervals, unknown and circular base calendars', () => {
    const bad = [
      { from: 480, to: 720 },
      { from: 700, to: 800 },
    ];
    expect(() => new CalendarRegistry([{ id: 1, week: [bad] }]).get(1)).toThrow(CalendarError);
    expect(() => new CalendarRegistry([{ id: 1, baseId: 9 }]).get(1)).toThrow(/calendar 9: is not defined/);
    expect(() =>
      new CalendarRegistry([
        { id: 1, baseId: 2 },
        { id: 2, baseId: 1 },
      ]).get(1),
    ).toThrow(/circular/);
  });

  it('rejects a calendar with no working time and dates beyond the year 2149', () => {
    expect(() => new CalendarRegistry([{ id: 1, week: [[], [], [], [], [], [], []] }]).get(1)).toThrow(
      CalendarRangeError,
    );
    expect(() => std().addWorking(at('2149-12-30T08:00'), 480 * 10)).toThrow(CalendarRangeError);
  });
});

describe('calendar reuse', () => {
  it('recompiles a definition that was changed in place', () => {
    const def = { id: 1, week: standardWeek(), exceptions: [] as { from: string; intervals: never[] }[] };
    expect(new CalendarRegistry([def]).get(1).isWorking(at('2024-01-08T09:00'))).toBe(true);
    def.exceptions.push({ from: '2024-01-08', intervals: [] });
    expect(new CalendarRegistry([def]).get(1).isWorking(at('2024-01-08T09:00'))).toBe(false);
  });
});
