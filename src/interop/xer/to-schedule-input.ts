import { CalendarRegistry } from '../../engine/calendar/compile.ts';
import { scheduleProject } from '../../engine/schedule/schedule-project.ts';
import type {
  ScheduleInput,
  ScheduleLink,
  ScheduleResult,
  ScheduleTask,
} from '../../engine/schedule/types.ts';
import { XerFormatError } from './errors.ts';
import type { XerPlan, XerTask } from './types.ts';

/** Scheduler ids of WBS summaries; activities keep their task_id. */
export const wbsTaskId = (wbsId: string) => `wbs:${wbsId}`;

export interface XerScheduleInput {
  readonly input: ScheduleInput;
  /** `input.tasks[i]` for the activity `plan.tasks[k]` is `input.tasks[activityIndex[k]]`. */
  readonly activityIndex: number[];
  readonly warnings: string[];
}

/** Level-of-effort and WBS-summary activities take their span from their links, not a duration. */
const spansLinks = (t: XerTask) => t.type === 'TT_LOE' || t.type === 'TT_WBS';

function resourceCalendars(plan: XerPlan): Map<string, string> {
  const calendarOf = new Map(plan.resources.map((r) => [r.id, r.calendarId]));
  const out = new Map<string, string>();
  for (const a of plan.assignments) {
    const cal = calendarOf.get(a.resourceId);
    if (cal && !out.has(a.taskId)) out.set(a.taskId, cal);
  }
  return out;
}

/**
 * Turns a read XER file into one scheduler network with one project per P6 project, following
 * P6's rules: WBS elements are summaries; the data date is every project's start, so remaining
 * work never starts before it; completed activities keep their actual dates; started ones
 * schedule their remaining duration from the later of the data date and their actual start;
 * milestones have no duration; resource-dependent activities use their first resource's
 * calendar; lags run on the calendar SCHEDOPTIONS names (24-hour lags are elapsed time).
 *
 * @example xerToScheduleInput(readXer(bytes)).input.tasks.length
 */
export function xerToScheduleInput(plan: XerPlan): XerScheduleInput {
  const warnings = [...plan.warnings];
  if (plan.projects.length === 0)
    throw new XerFormatError(plan.file, 'PROJECT', null, 'has no rows; there is nothing to schedule');
  const calendarIds = new Set(plan.calendars.map((c) => c.id));
  const fallbackCalendar = plan.calendars[0]?.id;
  if (fallbackCalendar === undefined && plan.tasks.length)
    throw new XerFormatError(plan.file, 'CALENDAR', null, 'has no rows; activities need a calendar');
  const projectById = new Map(plan.projects.map((p) => [p.id, p]));
  const rsrcCalendar = resourceCalendars(plan);

  const tasks: ScheduleTask[] = [];
  // WBS summaries that hold at least one activity, parents before children.
  const wbsById = new Map(plan.wbs.map((w) => [w.id, w]));
  const used = new Set<string>();
  for (const t of plan.tasks) {
    let w = t.wbsId === null ? undefined : wbsById.get(t.wbsId);
    while (w && !w.projectNode && !used.has(w.id)) {
      used.add(w.id);
      w = w.parentId === null ? undefined : wbsById.get(w.parentId);
    }
  }
  const summaryParent = (wbsId: string | null): string | null => {
    if (wbsId === null) return null;
    const w = wbsById.get(wbsId);
    return w && !w.projectNode && used.has(w.id) ? wbsTaskId(w.id) : null;
  };
  const depth = (id: string) => {
    let d = 0;
    for (let w = wbsById.get(id); w?.parentId; w = wbsById.get(w.parentId)) d++;
    return d;
  };
  const wbsOrder = [...used].sort((a, b) => depth(a) - depth(b));
  for (const id of wbsOrder) {
    const w = wbsById.get(id)!;
    tasks.push({
      id: wbsTaskId(id),
      name: w.name,
      parentId: summaryParent(w.parentId),
      duration: 0,
      projectId: w.projectId,
    });
  }

  const activityIndex: number[] = [];
  for (const t of plan.tasks) {
    const project = projectById.get(t.projectId)!;
    const dataDate = project.dataDate;
    let calendarId = t.calendarId ?? project.calendarId ?? fallbackCalendar!;
    if (t.type === 'TT_Rsrc' && rsrcCalendar.has(t.id)) calendarId = rsrcCalendar.get(t.id)!;
    if (!calendarIds.has(calendarId)) calendarId = fallbackCalendar!;
    const milestone = t.type === 'TT_Mile' || t.type === 'TT_FinMile';
    const complete = t.status === 'TK_Complete';
    const active = t.status === 'TK_Active';
    let constraintType = t.constraintType;
    let constraintDate = t.constraintDate;
    const hours = complete ? t.targetHours : t.remainingHours;
    if (active && !milestone) {
      // The remaining work restarts at the data date (or a later actual start): P6's remaining early start.
      const restart = Math.max(t.actualStart ?? dataDate ?? 0, dataDate ?? 0);
      constraintType = 'SNET';
      constraintDate = restart;
    }
    activityIndex.push(tasks.length);
    tasks.push({
      id: t.id,
      name: t.name,
      parentId: summaryParent(t.wbsId),
      duration: milestone ? 0 : Math.max(0, Math.round(hours * 60)),
      milestone,
      constraintType,
      constraintDate,
      actualStart: complete ? (t.actualStart ?? t.stored.earlyStart) : null,
      actualFinish: complete ? (t.actualFinish ?? t.stored.earlyFinish) : null,
      percentComplete: t.percentComplete,
      calendarId,
      projectId: t.projectId,
    });
  }

  const lagMode = plan.projects[0].lagCalendar;
  const loe = new Set(plan.tasks.filter(spansLinks).map((t) => t.id));
  // Progress override (retained logic off): a started activity's remaining work ignores its predecessors.
  const overridden = new Set(
    plan.tasks
      .filter((t) => t.status === 'TK_Active' && !projectById.get(t.projectId)!.retainedLogic)
      .map((t) => t.id),
  );
  const links: ScheduleLink[] = plan.links
    // A level of effort follows its links but never drives its successors.
    .filter((l) => !loe.has(l.predecessorId) && !overridden.has(l.taskId))
    .map((l) => ({
      predecessorId: l.predecessorId,
      successorId: l.taskId,
      type: l.type,
      lag: Math.round(l.lagHours * 60),
      lagElapsed: lagMode === '24h',
    }));
  addMustFinishBy(plan, tasks, links);
  return {
    input: {
      tasks,
      links,
      calendars: plan.calendars,
      projects: plan.projects.map((p) => ({
        id: p.id,
        start: p.dataDate ?? p.plannedStart ?? earliestStored(plan, p.id),
        calendarId:
          p.calendarId && calendarIds.has(p.calendarId) ? p.calendarId : (fallbackCalendar ?? 'none'),
        criticalSlackLimit: Math.round(p.criticalFloatHours * 60),
        honorConstraints: true,
      })),
      options: { lagCalendar: lagMode === '24h' ? 'predecessor' : lagMode },
    },
    activityIndex,
    warnings,
  };
}

/**
 * A project's "must finish by" date (PROJECT.plan_end_date) is where P6 starts its backward pass:
 * modelled as a milestone held at that date that every open-ended activity of the project precedes,
 * so late dates and float count back from it (negative float when the work runs past it).
 */
function addMustFinishBy(plan: XerPlan, tasks: ScheduleTask[], links: ScheduleLink[]): void {
  const hasSuccessor = new Set(links.map((l) => String(l.predecessorId)));
  for (const p of plan.projects) {
    if (p.mustFinishBy === null) continue;
    const id = `must-finish:${p.id}`;
    tasks.push({
      id,
      name: 'Must finish by',
      duration: 0,
      milestone: true,
      constraintType: 'MFO',
      constraintDate: p.mustFinishBy,
      projectId: p.id,
    });
    for (const t of plan.tasks)
      if (t.projectId === p.id && !hasSuccessor.has(t.id))
        links.push({ predecessorId: t.id, successorId: id, type: 'FS', lag: 0 });
  }
}

function earliestStored(plan: XerPlan, projectId: string): number {
  let min = Number.POSITIVE_INFINITY;
  for (const t of plan.tasks) {
    if (t.projectId !== projectId) continue;
    const s = t.actualStart ?? t.stored.earlyStart;
    if (s !== null && s < min) min = s;
  }
  if (min === Number.POSITIVE_INFINITY)
    throw new XerFormatError(
      plan.file,
      'PROJECT',
      null,
      `project ${projectId} has no data date or planned start`,
    );
  return min;
}

/**
 * Schedules an XER plan. Level-of-effort activities are scheduled twice: first from their
 * predecessors only, then with the duration that reaches their successors' dates.
 */
export function scheduleXer(plan: XerPlan): XerScheduleInput & { result: ScheduleResult } {
  const converted = xerToScheduleInput(plan);
  let result = scheduleProject(converted.input);
  const loeTasks = plan.tasks.map((t, k) => ({ t, k })).filter(({ t }) => spansLinks(t));
  if (loeTasks.length === 0) return { ...converted, result };
  const index = new Map(converted.input.tasks.map((t, i) => [String(t.id), i]));
  const registry = new CalendarRegistry(converted.input.calendars);
  const tasks = [...converted.input.tasks];
  for (const { t, k } of loeTasks) {
    const i = converted.activityIndex[k];
    let finish = Number.NEGATIVE_INFINITY;
    for (const l of plan.links) {
      if (l.predecessorId !== t.id) continue;
      const s = index.get(l.taskId)!;
      const end = l.type === 'FF' || l.type === 'SF' ? result.earlyFinish[s] : result.earlyStart[s];
      if (end > finish) finish = end;
    }
    if (finish === Number.NEGATIVE_INFINITY) continue;
    const cal = registry.get(tasks[i].calendarId ?? converted.input.projects[0].calendarId);
    const span = cal.workingBetween(result.earlyStart[i], finish);
    if (span > 0) tasks[i] = { ...tasks[i], duration: span };
  }
  const input = { ...converted.input, tasks };
  result = scheduleProject(input);
  return { ...converted, input, result };
}
