import { CalendarRegistry } from '../engine/calendar/compile.ts';
import { parseLocalDateTime } from '../engine/calendar/epoch.ts';
import type { CalendarException, DayPattern } from '../engine/calendar/types.ts';
import type { ConstraintType, LinkType } from '../engine/schedule/types.ts';
import { encodeXer, writeXer, type XerWritePlan } from '../interop/xer/index.ts';
import type { LoadedPlan } from './plan-export.ts';

const time = (v: string | null) => (v === null ? null : parseLocalDateTime(v));
const FINISH_CONSTRAINTS = new Set(['FNET', 'FNLT', 'MFO']);

/** The plan's resources and the assignments of its activities (P6 has no assignments on WBS elements). */
function xerResources(plan: LoadedPlan, taskIds: ReadonlyMap<string, number>) {
  const resourceIds = new Map(plan.resources.map((r, k) => [r.id, k + 1]));
  return {
    resources: plan.resources.map((r) => ({
      id: resourceIds.get(r.id)!,
      code: r.code,
      name: r.name,
      material: r.kind === 'material',
      email: r.email,
      maxUnitsPerHour: r.maxUnits,
      costPerHour: r.standardRate,
    })),
    assignments: plan.assignments
      .filter((a) => taskIds.has(a.taskId))
      .map((a) => ({
        taskId: taskIds.get(a.taskId)!,
        resourceId: resourceIds.get(a.resourceId)!,
        unitsPerHour: a.units,
        plannedHours: a.workMinutes / 60,
        actualHours: a.actualWorkMinutes / 60,
        plannedCost: a.cost,
      })),
  };
}

/** Working hours of a calendar's first working weekday, for P6's hours-per-day. */
function hoursPerDay(week: readonly DayPattern[] | undefined, fallbackMinutes: number): number {
  const day = week?.find((d) => d && d.length > 0);
  if (!day) return fallbackMinutes / 60;
  return day.reduce((s, iv) => s + iv.to - iv.from, 0) / 60;
}

/**
 * A plan as a P6 XER file: summary tasks become WBS elements (their WBS code as short name),
 * leaf tasks activities (their WBS code as activity ID), with P6 status from the actual dates;
 * encoded as Windows-1252 when the text fits.
 */
export function toXer(plan: LoadedPlan): Buffer {
  const s = plan.settings;
  const calendarIds = new Map(plan.calendars.map((c, k) => [c.id, k + 1]));
  const summaries = plan.tasks.filter((t) => t.isSummary || t.hasChildren);
  // WBS 1 is the project node the writer adds.
  const wbsIds = new Map(summaries.map((t, k) => [t.id, k + 2]));
  const leaves = plan.tasks.filter((t) => !wbsIds.has(t.id));
  const taskIds = new Map(leaves.map((t, k) => [t.id, k + 1]));
  const projectCalendar = calendarIds.get(s.calendarId) ?? 1;
  const perDay = s.minutesPerDay;
  const hours = (m: number | null) => (m === null ? null : m / 60);
  const dataDate = time(s.statusDate ?? s.startDate)!;
  // What is left of a started task at the data date: its duration less the work since its actual
  // start (the importer adds that work back), on its calendar.
  const registry = new CalendarRegistry(
    plan.calendars.map((c) => ({ ...(c.definition as object), id: c.id, baseId: c.baseCalendarId })),
  );
  // P6 writes a late start limited by an unlagged SS or SF successor as that limit, even at the
  // end of a working day where Orrery writes the next day's start (see docs/xer-conformance.md).
  const byId = new Map(plan.tasks.map((t) => [t.id, t]));
  const startLimit = new Map<string, number>();
  for (const l of plan.links) {
    if ((l.type !== 'SS' && l.type !== 'SF') || l.lagMinutes !== 0 || l.lagPercent) continue;
    const succ = byId.get(l.successorId);
    const limit = time(l.type === 'SS' ? (succ?.lateStart ?? null) : (succ?.lateFinish ?? null));
    if (limit !== null)
      startLimit.set(
        l.predecessorId,
        Math.min(startLimit.get(l.predecessorId) ?? Number.POSITIVE_INFINITY, limit),
      );
  }
  const lateStartOf = (t: LoadedPlan['tasks'][number]) => {
    const ls = time(t.lateStart);
    const limit = startLimit.get(t.id);
    if (ls === null || limit === undefined || limit >= ls || plan.calendars.length === 0) return ls;
    return registry.get(t.calendarId ?? s.calendarId).workingBetween(limit, ls) === 0 ? limit : ls;
  };
  const remainingOf = (t: LoadedPlan['tasks'][number]) => {
    if (plan.calendars.length === 0) return t.durationMinutes;
    const cal = registry.get(t.calendarId ?? s.calendarId);
    const done = Math.max(0, cal.workingBetween(time(t.actualStart)!, dataDate));
    return Math.max(0, t.durationMinutes - done);
  };
  const parentWbs = (parentId: string | null) => (parentId === null ? null : (wbsIds.get(parentId) ?? null));
  const write: XerWritePlan = {
    project: {
      code: plan.project.code,
      name: plan.project.name,
      calendarId: projectCalendar,
      dataDate,
      plannedStart: time(s.startDate)!,
      mustFinishBy: s.scheduleFromFinish ? time(s.finishDate) : null,
      criticalFloatHours: s.criticalSlackMinutes / 60,
      lagCalendar: 'successor',
    },
    calendars: plan.calendars.map((c) => {
      const def = c.definition as { week?: DayPattern[]; exceptions?: CalendarException[] };
      return {
        id: calendarIds.get(c.id)!,
        name: c.name,
        baseId: c.baseCalendarId === null ? null : (calendarIds.get(c.baseCalendarId) ?? null),
        hoursPerDay: hoursPerDay(def.week, perDay),
        week: def.week ?? [null, null, null, null, null, null, null],
        exceptions: def.exceptions ?? [],
      };
    }),
    wbs: summaries.map((t) => ({
      id: wbsIds.get(t.id)!,
      parentId: parentWbs(t.parentId),
      code: t.wbsCode || t.outlineNumber,
      name: t.name,
      sequence: t.rowId,
    })),
    tasks: leaves.map((t) => {
      const status = t.actualFinish ? 'TK_Complete' : t.actualStart ? 'TK_Active' : 'TK_NotStart';
      const remaining =
        status === 'TK_Complete' ? 0 : status === 'TK_Active' ? remainingOf(t) : t.durationMinutes;
      return {
        id: taskIds.get(t.id)!,
        wbsId: parentWbs(t.parentId),
        calendarId:
          t.calendarId === null ? projectCalendar : (calendarIds.get(t.calendarId) ?? projectCalendar),
        code: t.wbsCode || `A${taskIds.get(t.id)! * 10}`,
        name: t.name,
        type: t.milestone ? (FINISH_CONSTRAINTS.has(t.constraintType) ? 'TT_FinMile' : 'TT_Mile') : 'TT_Task',
        status,
        percentComplete: t.percentComplete,
        targetHours: t.durationMinutes / 60,
        remainingHours: remaining / 60,
        constraintType: t.constraintType as ConstraintType,
        constraintDate: time(t.constraintDate),
        actualStart: time(t.actualStart),
        actualFinish: time(t.actualFinish),
        earlyStart: time(t.earlyStart),
        earlyFinish: time(t.earlyFinish),
        lateStart: lateStartOf(t),
        lateFinish: time(t.lateFinish),
        totalFloatHours: hours(t.totalSlackMinutes),
        freeFloatHours: hours(t.freeSlackMinutes),
      };
    }),
    // Links to or from summaries have no place in P6 (WBS elements carry no logic): left out.
    links: plan.links
      .filter((l) => taskIds.has(l.predecessorId) && taskIds.has(l.successorId))
      .map((l) => ({
        taskId: taskIds.get(l.successorId)!,
        predecessorId: taskIds.get(l.predecessorId)!,
        type: l.type as LinkType,
        lagHours: l.lagMinutes / 60,
      })),
    ...xerResources(plan, taskIds),
  };
  return encodeXer(writeXer(write));
}
