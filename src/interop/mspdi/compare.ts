import { CalendarRegistry } from '../../engine/calendar/compile.ts';
import type { ScheduleInput, ScheduleResult } from '../../engine/schedule/types.ts';
import type { MspdiProject } from './types.ts';

export const COMPARED_FIELDS = ['ES', 'EF', 'LS', 'LF', 'TS', 'FS', 'CR'] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

export interface TaskDifference {
  readonly uid: number;
  readonly name: string;
  readonly field: ComparedField;
  readonly expected: number | boolean | null;
  readonly actual: number | boolean;
}

export interface PlanComparison {
  readonly tasks: number;
  /** Tasks with a stored value for the field, and how many of those match to the minute. */
  readonly compared: Record<ComparedField, number>;
  readonly matched: Record<ComparedField, number>;
  /** Tasks that match on every field MS Project stored. */
  readonly allMatch: number;
  readonly differences: TaskDifference[];
}

/**
 * Compares Orrery's schedule with MS Project's stored values task by task. When the file has
 * no stored total slack or critical flag (`.mpp` dumps), they are derived from the stored dates
 * as MS Project defines them: min(LS-ES, LF-EF) in working time on the task's calendar.
 */
export function compareWithStored(
  plan: MspdiProject,
  input: ScheduleInput,
  result: ScheduleResult,
): PlanComparison {
  const zero = () => Object.fromEntries(COMPARED_FIELDS.map((f) => [f, 0])) as Record<ComparedField, number>;
  const compared = zero();
  const matched = zero();
  const differences: TaskDifference[] = [];
  const registry = new CalendarRegistry(input.calendars);
  const project = input.projects[0];
  const limit = project.criticalSlackLimit ?? 0;
  let allMatch = 0;
  plan.tasks.forEach((t, i) => {
    const s = t.stored;
    const cal = registry.get(input.tasks[i].calendarId ?? project.calendarId);
    let ts = s.totalSlack;
    let cr = s.critical;
    if (
      ts === null &&
      s.earlyStart !== null &&
      s.lateStart !== null &&
      s.earlyFinish !== null &&
      s.lateFinish !== null
    ) {
      ts = Math.min(
        cal.workingBetween(s.earlyStart, s.lateStart),
        cal.workingBetween(s.earlyFinish, s.lateFinish),
      );
    }
    if (cr === null && ts !== null) cr = ts <= limit && t.actualFinish === null;
    const pairs: [ComparedField, number | boolean | null, number | boolean][] = [
      ['ES', s.earlyStart, result.earlyStart[i]],
      ['EF', s.earlyFinish, result.earlyFinish[i]],
      ['LS', s.lateStart, result.lateStart[i]],
      ['LF', s.lateFinish, result.lateFinish[i]],
      ['TS', ts, result.totalSlack[i]],
      ['FS', s.freeSlack, result.freeSlack[i]],
      ['CR', cr, result.critical[i] === 1],
    ];
    let all = true;
    for (const [field, expected, actual] of pairs) {
      if (expected === null) continue;
      compared[field]++;
      const ok =
        typeof expected === 'number' ? Math.abs(expected - (actual as number)) < 0.5 : expected === actual;
      if (ok) matched[field]++;
      else {
        all = false;
        differences.push({ uid: t.uid, name: t.name, field, expected, actual });
      }
    }
    if (all) allMatch++;
  });
  return { tasks: plan.tasks.length, compared, matched, allMatch, differences };
}
