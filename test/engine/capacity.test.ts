import { describe, expect, it } from 'vitest';
import { CalendarRegistry, parseLocalDateTime, standardWeek } from '../../src/engine/calendar/index.ts';
import {
  periodIndexOf,
  periodsBetween,
  spreadFlat,
  workingMinutesPerPeriod,
} from '../../src/engine/capacity/index.ts';

const standard = new CalendarRegistry([{ id: 'std', week: standardWeek() }]).get('std');
const at = (value: string) => parseLocalDateTime(value);

describe('capacity periods', () => {
  it('aligns weeks to Monday and months to the first, covering both ends', () => {
    expect(periodsBetween('2027-01-06', '2027-01-12', 'week').starts).toEqual(['2027-01-04', '2027-01-11']);
    expect(periodsBetween('2027-01-31', '2027-03-01', 'month').starts).toEqual([
      '2027-01-01',
      '2027-02-01',
      '2027-03-01',
    ]);
    const days = periodsBetween('2027-02-27', '2027-03-01', 'day');
    expect(days.starts).toEqual(['2027-02-27', '2027-02-28', '2027-03-01']);
    expect(days.bounds.length).toBe(4);
  });

  it('finds the period of an instant, and none before the first', () => {
    const { bounds } = periodsBetween('2027-01-04', '2027-01-17', 'week');
    expect(periodIndexOf(bounds, at('2027-01-04T00:00'))).toBe(0);
    expect(periodIndexOf(bounds, at('2027-01-12T09:00'))).toBe(1);
    expect(periodIndexOf(bounds, at('2027-01-03T23:59'))).toBe(-1);
  });
});

describe('spreading work', () => {
  const { bounds } = periodsBetween('2027-01-04', '2027-01-17', 'week');

  it('gives a standard week 40 working hours, times the units', () => {
    expect(Array.from(workingMinutesPerPeriod(standard, bounds, 0.5))).toEqual([1200, 1200]);
  });

  it('spreads work evenly over the working time, across a weekend', () => {
    const into = new Float64Array(2);
    // Thursday 8:00 to the next Wednesday 17:00: five working days, two in the first week.
    const inside = spreadFlat(standard, at('2027-01-07T08:00'), at('2027-01-13T17:00'), 1000, bounds, into);
    expect(Array.from(into)).toEqual([400, 600]);
    expect(inside).toBe(1000);
  });

  it('drops the part outside the periods and puts a milestone in the period of its date', () => {
    const into = new Float64Array(2);
    expect(spreadFlat(standard, at('2026-12-28T08:00'), at('2027-01-08T17:00'), 1000, bounds, into)).toBe(
      500,
    );
    expect(Array.from(into)).toEqual([500, 0]);
    const milestone = new Float64Array(2);
    spreadFlat(standard, at('2027-01-12T17:00'), at('2027-01-12T17:00'), 30, bounds, milestone);
    expect(Array.from(milestone)).toEqual([0, 30]);
    expect(spreadFlat(standard, at('2027-02-01T08:00'), at('2027-02-05T17:00'), 30, bounds, milestone)).toBe(
      0,
    );
  });
});
