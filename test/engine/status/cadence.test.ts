import { describe, expect, it } from 'vitest';
import {
  lastExpiredDue,
  missedDue,
  nextDueDate,
  type ReportingCadence,
  reportingDueDates,
} from '../../../src/engine/status/index.ts';

const weekly: ReportingCadence = { frequency: 'weekly', anchorDate: '2027-01-08', graceDays: 0 };
const fortnightly: ReportingCadence = { frequency: 'fortnightly', anchorDate: '2027-01-08', graceDays: 0 };
const monthEnd: ReportingCadence = { frequency: 'monthly', anchorDate: '2027-01-31', graceDays: 0 };

describe('reportingDueDates', () => {
  it('repeats a weekly cadence on the anchor weekday, never before the anchor', () => {
    expect(reportingDueDates(weekly, '2026-12-01', '2027-02-01')).toEqual([
      '2027-01-08',
      '2027-01-15',
      '2027-01-22',
      '2027-01-29',
    ]);
  });

  it('keeps both bounds and skips every other week for a fortnightly cadence', () => {
    expect(reportingDueDates(fortnightly, '2027-01-22', '2027-02-19')).toEqual([
      '2027-01-22',
      '2027-02-05',
      '2027-02-19',
    ]);
  });

  it("falls on the month's last day when the anchor day does not exist in a month", () => {
    expect(reportingDueDates(monthEnd, '2027-01-01', '2027-05-31')).toEqual([
      '2027-01-31',
      '2027-02-28',
      '2027-03-31',
      '2027-04-30',
      '2027-05-31',
    ]);
    expect(reportingDueDates({ ...monthEnd, anchorDate: '2028-01-30' }, '2028-02-01', '2028-03-31')).toEqual([
      '2028-02-29',
      '2028-03-30',
    ]);
  });

  it('crosses a year end and returns nothing for an empty or reversed range', () => {
    const monthly: ReportingCadence = { frequency: 'monthly', anchorDate: '2026-11-15', graceDays: 0 };
    expect(reportingDueDates(monthly, '2026-12-01', '2027-02-14')).toEqual(['2026-12-15', '2027-01-15']);
    expect(reportingDueDates(monthly, '2027-02-16', '2027-03-14')).toEqual([]);
    expect(reportingDueDates(monthly, '2027-03-01', '2027-02-01')).toEqual([]);
  });
});

describe('late detection', () => {
  it('is not late on the due date itself, and is late the day after without a report', () => {
    expect(missedDue(weekly, null, '2027-01-08')).toBeNull();
    expect(missedDue(weekly, null, '2027-01-09')).toEqual({
      dueDate: '2027-01-08',
      previousDueDate: '2027-01-01',
    });
  });

  it('waits out the grace days before a due counts as missed', () => {
    const lenient = { ...weekly, graceDays: 2 };
    expect(missedDue(lenient, null, '2027-01-10')).toBeNull();
    expect(missedDue(lenient, null, '2027-01-11')?.dueDate).toBe('2027-01-08');
  });

  it('counts a report whose status date is after the previous due as answering the due', () => {
    expect(missedDue(weekly, '2027-01-07', '2027-01-12')).toBeNull();
    expect(missedDue(weekly, '2027-01-02', '2027-01-12')).toBeNull();
    expect(missedDue(weekly, '2027-01-01', '2027-01-12')?.dueDate).toBe('2027-01-08');
  });

  it('names the latest missed due when several went by', () => {
    expect(missedDue(monthEnd, '2027-01-31', '2027-04-10')).toEqual({
      dueDate: '2027-03-31',
      previousDueDate: '2027-02-28',
    });
  });

  it('owes nothing before the first due date', () => {
    expect(lastExpiredDue(monthEnd, '2027-01-15')).toBeNull();
    expect(nextDueDate(monthEnd, '2027-01-15')).toBe('2027-01-31');
    expect(nextDueDate(monthEnd, '2027-02-28')).toBe('2027-02-28');
    expect(nextDueDate(monthEnd, '2027-03-01')).toBe('2027-03-31');
  });
});
