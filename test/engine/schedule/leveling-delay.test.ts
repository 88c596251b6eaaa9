import { describe, expect, it } from 'vitest';
import { Scheduler, scheduleProject } from '../../../src/engine/schedule/index.ts';
import { DAY, fmt, plan } from './helpers.ts';

const tasks = [
  { id: 'A', duration: DAY },
  { id: 'B', duration: DAY },
  { id: 'C', duration: DAY },
];
const links = [{ predecessorId: 'A', successorId: 'B' }];
const TWO_DAYS = 2 * 1440;

describe('schedule: leveling delay', () => {
  it('starts the successor later and keeps its driving predecessor critical', () => {
    const r = scheduleProject(
      plan(
        tasks.map((t) => (t.id === 'B' ? { ...t, levelingDelay: TWO_DAYS } : t)),
        links,
      ),
    );
    expect(fmt(r.earlyStart[1])).toBe('2024-01-11T08:00');
    // the backward pass takes the delay off again: A has no slack towards B
    expect(fmt(r.lateFinish[0])).toBe('2024-01-08T17:00');
    expect(r.critical[0]).toBe(1);
    expect(r.critical[2]).toBe(0);
  });

  it('applies a leveling delay set by a change like a full reschedule, late dates included', () => {
    const s = new Scheduler(plan(tasks, links));
    s.result();
    s.updateTask('B', { levelingDelay: TWO_DAYS });
    const inc = s.result();
    const full = scheduleProject(
      plan(
        tasks.map((t) => (t.id === 'B' ? { ...t, levelingDelay: TWO_DAYS } : t)),
        links,
      ),
    );
    for (const field of ['earlyStart', 'earlyFinish', 'lateStart', 'lateFinish', 'totalSlack'] as const)
      expect({ field, values: Array.from(inc[field]) }).toEqual({ field, values: Array.from(full[field]) });
  });
});
