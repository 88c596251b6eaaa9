import type { Database } from '../db/connection.ts';
import { type NewTaskRow, neighbourProjects } from '../db/repositories/plans.ts';
import { uuidv7 } from '../db/uuid.ts';
import { formatLocalDateTime } from '../engine/calendar/index.ts';
import { MspdiFormatError, mspdiToScheduleInput, readMspdi } from '../interop/mspdi/index.ts';
import { ValidationError } from './errors.ts';
import { audit, translateDatabaseErrors } from './mutation.ts';
import { type MovedToDefaultCalendar, releasePlanCalendars } from './plan-calendar-release.ts';
import { mspdiPlanResources } from './plan-import-mspdi-resources.ts';
import { importPlanResources, type ResourceImportReport } from './plan-import-resources.ts';
import { recomputeSchedule, standardCalendarDefinition } from './plan-schedule.ts';
import { type PlanCalendar, schedulePlan, writeScheduledPlan } from './plan-write.ts';
import { authorizeProject } from './planning.ts';
import type { Actor } from './policy.ts';

export interface ImportSummary extends Partial<ResourceImportReport> {
  projectId: string;
  file: string;
  tasks: number;
  links: number;
  calendars: number;
  warnings: string[];
  computedFinish: string | null;
  movedToDefaultCalendar: MovedToDefaultCalendar;
}

export type ImportPhase = 'read' | 'schedule' | 'write';

const local = (minutes: number | null) => (minutes === null ? null : formatLocalDateTime(minutes));

/**
 * Replaces a project's plan with an MS Project XML file, in one transaction: the file is read and
 * checked first, then tasks, links, calendars and settings are written and scheduled. A bad file
 * is a ValidationError naming the element, and nothing is written.
 */
export async function importMspdiPlan(
  db: Database,
  actor: Actor,
  projectId: string,
  xml: string,
  file: string,
  onPhase: (phase: ImportPhase) => void = () => undefined,
): Promise<ImportSummary> {
  onPhase('read');
  let plan: ReturnType<typeof readMspdi>;
  let warnings: string[];
  try {
    plan = readMspdi(xml, file);
    warnings = mspdiToScheduleInput(plan, file).warnings;
  } catch (error) {
    if (error instanceof MspdiFormatError)
      throw new ValidationError([{ field: 'file', message: error.message }]);
    throw error;
  }
  const tasks = plan.tasks.filter((task) => task.outlineLevel > 0);
  const taskIds = new Map(tasks.map((task) => [task.uid, uuidv7()]));
  const calendarIds = new Map(plan.calendars.map((calendar) => [String(calendar.id), uuidv7()]));
  const calendarOf = (uid: number | null) => (uid === null ? null : (calendarIds.get(String(uid)) ?? null));

  const calendars: PlanCalendar[] = plan.calendars.map(({ id, name, baseId, ...definition }) => ({
    id: calendarIds.get(String(id))!,
    name: name ?? `Calendar ${id}`,
    baseCalendarId: baseId === null || baseId === undefined ? null : calendarOf(Number(baseId)),
    definition,
  }));
  let calendarId = calendarOf(plan.properties.calendarUid) ?? calendars[0]?.id ?? null;
  if (!calendarId) {
    calendarId = uuidv7();
    calendars.push({
      id: calendarId,
      name: 'Standard',
      baseCalendarId: null,
      definition: standardCalendarDefinition(),
    });
  }
  const firstStart = tasks.find((task) => task.stored.start !== null)?.stored.start ?? null;
  const settings = {
    projectId,
    calendarId,
    startDate:
      local(plan.properties.startDate ?? firstStart) ?? `${new Date().toISOString().slice(0, 10)}T08:00:00`,
    scheduleFromFinish: !plan.properties.scheduleFromStart,
    finishDate: plan.properties.scheduleFromStart ? null : local(plan.properties.finishDate),
    statusDate: local(plan.properties.statusDate),
    criticalSlackMinutes: plan.properties.criticalSlackLimit,
    minutesPerDay: plan.properties.minutesPerDay,
  };
  const positions = new Map<number | null, number>();
  const rows: NewTaskRow[] = tasks.map((task) => {
    const parent = task.parentUid !== null && taskIds.has(task.parentUid) ? task.parentUid : null;
    const position = (positions.get(parent) ?? 0) + 1;
    positions.set(parent, position);
    const dated =
      task.constraintType !== 'ASAP' && task.constraintType !== 'ALAP' && task.constraintDate !== null;
    return {
      id: taskIds.get(task.uid)!,
      parentId: parent === null ? null : taskIds.get(parent)!,
      position,
      wbsCode: task.outlineNumber ?? '',
      name: task.name || `Task ${task.uid}`,
      durationMinutes: task.milestone && !task.summary ? 0 : Math.max(0, Math.round(task.duration)),
      durationElapsed: task.durationElapsed,
      milestone: task.milestone,
      constraintType: dated || task.constraintType === 'ALAP' ? task.constraintType : 'ASAP',
      constraintDate: dated ? local(task.constraintDate) : null,
      deadline: local(task.deadline),
      actualStart: local(task.actualStart),
      actualFinish: local(task.actualFinish),
      percentComplete: Math.min(100, Math.max(0, task.percentComplete)),
      calendarId: calendarOf(task.calendarUid),
    };
  });
  const links = tasks.flatMap((task) =>
    task.predecessors
      .filter((link) => taskIds.has(link.predecessorUid))
      .map((link) => ({
        id: uuidv7(),
        predecessorId: taskIds.get(link.predecessorUid)!,
        successorId: taskIds.get(task.uid)!,
        type: link.type,
        lagMinutes: Math.round(link.lag),
        lagPercent: link.lagPercent,
        lagElapsed: link.lagElapsed,
      })),
  );

  return translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      await authorizeProject(tx, actor, projectId, 'update_project');
      onPhase('schedule');
      const whole = { settings, calendars, tasks: rows, links };
      const scheduled = schedulePlan(whole);
      onPhase('write');
      const neighbours = await neighbourProjects(tx, actor.orgId, projectId);
      const movedToDefaultCalendar = await releasePlanCalendars(tx, actor, projectId);
      await writeScheduledPlan(tx, actor.orgId, whole, scheduled);
      const resources = await importPlanResources(
        tx,
        actor,
        projectId,
        settings.startDate,
        mspdiPlanResources(plan, taskIds, warnings),
      );
      const rescheduled = new Set<string>();
      for (const other of neighbours)
        if (!rescheduled.has(other))
          for (const id of await recomputeSchedule(tx, actor.orgId, other)) rescheduled.add(id);
      const summary: ImportSummary = {
        projectId,
        file,
        tasks: rows.length,
        links: links.length,
        calendars: plan.calendars.length,
        warnings,
        computedFinish: scheduled.finish,
        movedToDefaultCalendar,
        ...resources,
      };
      await audit(tx, actor, 'project_schedule', projectId, 'update', null, { imported: summary });
      return summary;
    }),
  );
}
