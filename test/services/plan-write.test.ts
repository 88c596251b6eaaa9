import { describe, expect, it } from 'vitest';
import type { NewTaskRow } from '../../src/db/repositories/plans.ts';
import { referencesStayInPlan, type WholePlan } from '../../src/services/plan-write.ts';
import { newTaskRow } from '../support/factories.ts';

const task = (id: string, parentId: string | null = null, calendarId: string | null = null): NewTaskRow =>
  newTaskRow({ id, parentId, calendarId });
const link = (predecessorId: string, successorId: string) => ({
  id: `${predecessorId}-${successorId}`,
  predecessorId,
  successorId,
  type: 'FS',
  lagMinutes: 0,
  lagPercent: null,
  lagElapsed: false,
});
const plan = (tasks: NewTaskRow[], links: ReturnType<typeof link>[]): WholePlan => ({
  settings: {
    projectId: 'p',
    calendarId: 'c',
    startDate: '2027-01-04T08:00:00',
    scheduleFromFinish: false,
    finishDate: null,
    statusDate: null,
    criticalSlackMinutes: 0,
    minutesPerDay: 480,
  },
  calendars: [{ id: 'c', name: 'Standard', baseCalendarId: null, definition: {} }],
  tasks,
  links,
});

describe('proving a plan needs no foreign-key checks', () => {
  it('accepts parents, link ends and calendars that are all rows of the plan', () => {
    expect(referencesStayInPlan(plan([task('a'), task('b', 'a', 'c')], [link('a', 'b')]))).toBe(true);
  });

  it('refuses a parent, a link end or a calendar from outside the plan, and a repeated id', () => {
    expect(referencesStayInPlan(plan([task('a'), task('b', 'x')], []))).toBe(false);
    expect(referencesStayInPlan(plan([task('a')], [link('a', 'elsewhere')]))).toBe(false);
    expect(referencesStayInPlan(plan([task('a', null, 'other calendar')], []))).toBe(false);
    expect(referencesStayInPlan(plan([task('a'), task('a')], []))).toBe(false);
  });
});
