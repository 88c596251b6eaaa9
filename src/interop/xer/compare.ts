import { CalendarRegistry } from '../../engine/calendar/compile.ts';
import type { WorkingCalendar } from '../../engine/calendar/working-calendar.ts';
import type { ScheduleInput, ScheduleResult } from '../../engine/schedule/types.ts';
import type { XerPlan } from './types.ts';

export const XER_COMPARED_FIELDS = ['ES', 'EF', 'LS', 'LF', 'TF', 'FF', 'CR'] as const;
export type XerComparedField = (typeof XER_COMPARED_FIELDS)[number];

export interface XerDifference {
  readonly taskId: string;
  readonly code: string;
  readonly name: string;
  readonly status: string;
  readonly field: XerComparedField;
  readonly expected: number | boolean;
  readonly actual: number | boolean;
}

export interface XerComparison {
  readonly tasks: number;
  readonly compared: Record<XerComparedField, number>;
  readonly matched: Record<XerComparedField, number>;
  /** Activities matching P6 on every field it stored. */
  readonly allMatch: number;
  readonly differences: XerDifference[];
}

export interface P6ActivityDates {
  readonly earlyStart: number;
  readonly earlyFinish: number;
  readonly lateStart: number;
  readonly lateFinish: number;
  /** Working minutes, measured as the project's float type says. */
  readonly totalFloat: number;
  readonly freeFloat: number;
  readonly critical: boolean;
}

/**
 * The latest start each activity's unlagged SS and SF successors allow (their late start or late
 * finish as is): P6 keeps such a limit as the late start even when it is the end of a working day.
 */
function startDrivenLimits(
  plan: XerPlan,
  result: ScheduleResult,
  activityIndex: readonly number[],
): Map<string, number> {
  const indexOf = new Map(plan.tasks.map((t, k) => [t.id, activityIndex[k]]));
  const out = new Map<string, number>();
  for (const l of plan.links) {
    if ((l.type !== 'SS' && l.type !== 'SF') || l.lagHours !== 0) continue;
    const j = indexOf.get(l.taskId);
    if (j === undefined) continue;
    const limit = l.type === 'SS' ? result.lateStart[j] : result.lateFinish[j];
    out.set(l.predecessorId, Math.min(out.get(l.predecessorId) ?? Number.POSITIVE_INFINITY, limit));
  }
  return out;
}

/**
 * P6's free float: how far the activity can slip before any successor's early date moves, in
 * working time on its calendar, whatever project the successor is in and not capped by total
 * float; without successors, its total float.
 */
function p6FreeFloat(
  plan: XerPlan,
  result: ScheduleResult,
  indexOf: ReadonlyMap<string, number>,
  successors: ReadonlyMap<string, XerPlan['links']>,
  cal: WorkingCalendar,
  taskId: string,
  totalFloat: number,
): number {
  const i = indexOf.get(taskId)!;
  const links = successors.get(taskId) ?? [];
  if (links.length === 0) return totalFloat;
  const lag24h = plan.projects[0]?.lagCalendar === '24h';
  let ff = Number.POSITIVE_INFINITY;
  for (const l of links) {
    const j = indexOf.get(l.taskId)!;
    const from = l.type === 'FS' || l.type === 'FF' ? result.earlyFinish[i] : result.earlyStart[i];
    const to = l.type === 'FS' || l.type === 'SS' ? result.earlyStart[j] : result.earlyFinish[j];
    const lag = Math.round(l.lagHours * 60);
    const slack = lag24h ? cal.workingBetween(from + lag, to) : cal.workingBetween(from, to) - lag;
    if (slack < ff) ff = slack;
  }
  return Math.max(0, ff);
}

/** The engine's late start, or the same working instant written as the limit P6 computed it from. */
function p6LateStart(cal: WorkingCalendar, lateStart: number, limit: number | undefined): number {
  return limit !== undefined && limit < lateStart && cal.workingBetween(limit, lateStart) === 0
    ? limit
    : lateStart;
}

/**
 * Orrery's schedule shown the way P6 shows it: total float by the project's float type (finish
 * float LF−EF, start float LS−ES or the smaller) in working time on the activity's calendar,
 * critical at or below the critical float limit, and completed activities dated at the data date
 * (early) and the project's finish (late), as P6 writes them.
 */
export function p6ActivityDates(
  plan: XerPlan,
  input: ScheduleInput,
  result: ScheduleResult,
  activityIndex: readonly number[],
): P6ActivityDates[] {
  const registry = new CalendarRegistry(input.calendars);
  const projects = new Map(plan.projects.map((p) => [p.id, p]));
  const finishOf = new Map<string, number>();
  plan.tasks.forEach((t, k) => {
    const p = projects.get(t.projectId)!;
    const ef = t.status === 'TK_Complete' ? (p.dataDate ?? 0) : result.earlyFinish[activityIndex[k]];
    finishOf.set(t.projectId, Math.max(finishOf.get(t.projectId) ?? Number.NEGATIVE_INFINITY, ef));
  });
  const startLimits = startDrivenLimits(plan, result, activityIndex);
  const indexOf = new Map(plan.tasks.map((t, k) => [t.id, activityIndex[k]]));
  const successors = new Map<string, XerPlan['links']>();
  for (const l of plan.links)
    successors.set(l.predecessorId, [...(successors.get(l.predecessorId) ?? []), l]);
  return plan.tasks.map((t, k) => {
    const i = activityIndex[k];
    const project = projects.get(t.projectId)!;
    const limit = project.criticalFloatHours * 60;
    if (t.status === 'TK_Complete') {
      const d = project.dataDate ?? result.earlyStart[i];
      const f = finishOf.get(t.projectId)!;
      return {
        earlyStart: d,
        earlyFinish: d,
        lateStart: f,
        lateFinish: f,
        totalFloat: 0,
        freeFloat: 0,
        critical: false,
      };
    }
    const cal = registry.get(input.tasks[i].calendarId ?? input.projects[0].calendarId);
    const es = result.earlyStart[i];
    const ef = result.earlyFinish[i];
    const lf = result.lateFinish[i];
    const ls = p6LateStart(cal, result.lateStart[i], startLimits.get(t.id));
    const finishFloat = cal.workingBetween(ef, lf);
    const startFloat = cal.workingBetween(es, ls);
    const tf =
      project.floatType === 'finish'
        ? finishFloat
        : project.floatType === 'start'
          ? startFloat
          : Math.min(startFloat, finishFloat);
    return {
      earlyStart: es,
      earlyFinish: ef,
      lateStart: ls,
      lateFinish: lf,
      totalFloat: tf,
      freeFloat: p6FreeFloat(plan, result, indexOf, successors, cal, t.id, tf),
      critical: tf <= limit,
    };
  });
}

/**
 * Compares Orrery's reschedule (as `p6ActivityDates` shows it) with the dates and floats P6
 * stored, activity by activity; a number matches within a minute.
 */
export function compareXerWithStored(
  plan: XerPlan,
  input: ScheduleInput,
  result: ScheduleResult,
  activityIndex: readonly number[],
): XerComparison {
  const zero = () =>
    Object.fromEntries(XER_COMPARED_FIELDS.map((f) => [f, 0])) as Record<XerComparedField, number>;
  const compared = zero();
  const matched = zero();
  const differences: XerDifference[] = [];
  const projects = new Map(plan.projects.map((p) => [p.id, p]));
  const dates = p6ActivityDates(plan, input, result, activityIndex);
  let allMatch = 0;
  plan.tasks.forEach((t, k) => {
    const d = dates[k];
    const limit = projects.get(t.projectId)!.criticalFloatHours * 60;
    const s = t.stored;
    const storedTf = s.totalFloatHours === null ? null : s.totalFloatHours * 60;
    const pairs: [XerComparedField, number | boolean | null, number | boolean][] = [
      ['ES', s.earlyStart, d.earlyStart],
      ['EF', s.earlyFinish, d.earlyFinish],
      ['LS', s.lateStart, d.lateStart],
      ['LF', s.lateFinish, d.lateFinish],
      ['TF', storedTf, d.totalFloat],
      ['FF', s.freeFloatHours === null ? null : s.freeFloatHours * 60, d.freeFloat],
      ['CR', storedTf === null ? null : storedTf <= limit, d.critical],
    ];
    let all = true;
    for (const [field, expected, actual] of pairs) {
      if (expected === null) continue;
      compared[field]++;
      const ok =
        typeof expected === 'number' ? Math.abs(expected - (actual as number)) < 1 : expected === actual;
      if (ok) matched[field]++;
      else {
        all = false;
        differences.push({
          taskId: t.id,
          code: t.code,
          name: t.name,
          status: t.status,
          field,
          expected,
          actual,
        });
      }
    }
    if (all) allMatch++;
  });
  return { tasks: plan.tasks.length, compared, matched, allMatch, differences };
}
