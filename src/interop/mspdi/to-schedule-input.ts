import { standardWeek } from '../../engine/calendar/compile.ts';
import type { ScheduleInput, ScheduleLink, ScheduleTask } from '../../engine/schedule/types.ts';
import { MspdiFormatError } from './errors.ts';
import type { MspdiProject } from './types.ts';

export interface ConvertedPlan {
  readonly input: ScheduleInput;
  /** Things left out, e.g. links to tasks in other files. */
  readonly warnings: string[];
}

/**
 * Turns a read MSPDI (or `.mpp` JSON) plan into scheduler input: task ids are UIDs, manually
 * scheduled tasks keep their stored start and finish, links to other files are dropped with
 * a warning, and a link to a UID that is not in the file is an error.
 *
 * @example mspdiToScheduleInput(readMspdi(xml)).input.tasks.length
 */
export function mspdiToScheduleInput(plan: MspdiProject, file = 'MSPDI'): ConvertedPlan {
  const warnings: string[] = [];
  const p = plan.properties;
  const calendars = plan.calendars.length ? plan.calendars : [{ id: 'standard', week: standardWeek() }];
  const calIds = new Set(calendars.map((c) => String(c.id)));
  const projectCal =
    p.calendarUid !== null && calIds.has(String(p.calendarUid))
      ? p.calendarUid
      : (calendars[0].id as number | string);
  const uids = new Set(plan.tasks.map((t) => t.uid));
  const tasks: ScheduleTask[] = plan.tasks.map((t) => ({
    id: t.uid,
    name: t.name,
    parentId: t.parentUid,
    duration: t.milestone && !t.summary ? 0 : Math.max(0, Math.round(t.duration)),
    durationIsElapsed: t.durationElapsed,
    milestone: t.milestone,
    constraintType: t.constraintType,
    constraintDate: t.constraintDate,
    deadline: t.deadline,
    actualStart: t.actualStart,
    actualFinish: t.actualFinish,
    percentComplete: t.percentComplete,
    remainingDuration: t.remainingDuration,
    calendarId: t.calendarUid !== null && calIds.has(String(t.calendarUid)) ? t.calendarUid : null,
    levelingDelay: t.levelingDelay > 0 ? Math.round(t.levelingDelay) : null,
    manual: t.manual && !t.summary,
    manualStart: t.manual ? t.stored.start : null,
    manualFinish: t.manual ? t.stored.finish : null,
    estimated: t.estimated,
  }));
  const links: ScheduleLink[] = [];
  for (const t of plan.tasks) {
    for (const l of t.predecessors) {
      if (!uids.has(l.predecessorUid)) {
        if (l.crossProject) {
          warnings.push(`task ${t.uid}: link from task ${l.predecessorUid} in another project left out`);
          continue;
        }
        throw new MspdiFormatError(
          file,
          `Task UID ${t.uid}/PredecessorLink`,
          `names unknown task UID ${l.predecessorUid}`,
        );
      }
      links.push({
        predecessorId: l.predecessorUid,
        successorId: t.uid,
        type: l.type,
        lag: Math.round(l.lag),
        lagPercent: l.lagPercent,
        lagElapsed: l.lagElapsed,
      });
    }
  }
  const fromFinish = !p.scheduleFromStart;
  // Some files keep a stale StartDate later than the start MS Project stored on the project
  // summary task (it scheduled from the earlier one): take the earlier of the two.
  const start =
    p.startDate !== null && p.summaryStart !== null
      ? Math.min(p.startDate, p.summaryStart)
      : (p.startDate ?? p.summaryStart);
  const anchor = fromFinish ? p.finishDate : start;
  if (anchor === null) {
    throw new MspdiFormatError(
      file,
      fromFinish ? 'FinishDate' : 'StartDate',
      'is missing; the project needs it to be scheduled',
    );
  }
  return {
    input: {
      tasks,
      links,
      calendars,
      projects: [
        {
          id: p.name ?? file,
          start: fromFinish ? null : anchor,
          finish: fromFinish ? anchor : null,
          scheduleFromFinish: fromFinish,
          statusDate: p.statusDate,
          calendarId: projectCal,
          criticalSlackLimit: p.criticalSlackLimit,
          honorConstraints: p.honorConstraints,
          minutesPerDay: p.minutesPerDay,
        },
      ],
    },
    warnings,
  };
}
