import type { Database } from '../db/connection.ts';
import {
  deletePlan,
  findScheduleSettings,
  insertCalendar,
  insertLinks,
  insertScheduleSettingsFull,
  insertTasks,
  type NewTaskRow,
  setCalendarBase,
} from '../db/repositories/plans.ts';
import { uuidv7 } from '../db/uuid.ts';
import { formatLocalDateTime } from '../engine/calendar/index.ts';
import { MspdiFormatError, mspdiToScheduleInput, readMspdi } from '../interop/mspdi/index.ts';
import { ValidationError } from './errors.ts';
import { audit, translateDatabaseErrors } from './mutation.ts';
import { recomputeSchedule, standardCalendarDefinition } from './plan-schedule.ts';
import { authorizeProject } from './planning.ts';
import type { Actor } from './policy.ts';

export interface ImportSummary {
  projectId: string;
  file: string;
  tasks: number;
  links: number;
  calendars: number;
  warnings: string[];
  computedFinish: string | null;
}

export type ImportPhase = 'read' | 'write' | 'schedule';

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

  return translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      await authorizeProject(tx, actor, projectId, 'update_project');
      onPhase('write');
      await deletePlan(tx, actor.orgId, projectId);
      for (const calendar of plan.calendars) {
        const { id, name, baseId, ...definition } = calendar;
        await insertCalendar(tx, {
          orgId: actor.orgId,
          id: calendarIds.get(String(id))!,
          projectId,
          name: name ?? `Calendar ${id}`,
          definition,
        });
      }
      for (const calendar of plan.calendars) {
        const base =
          calendar.baseId === null || calendar.baseId === undefined
            ? null
            : calendarOf(Number(calendar.baseId));
        if (base) await setCalendarBase(tx, actor.orgId, calendarIds.get(String(calendar.id))!, base);
      }
      let projectCalendar =
        calendarOf(plan.properties.calendarUid) ?? calendarIds.values().next().value ?? null;
      if (!projectCalendar) {
        projectCalendar = uuidv7();
        await insertCalendar(tx, {
          orgId: actor.orgId,
          id: projectCalendar,
          projectId,
          name: 'Standard',
          definition: standardCalendarDefinition(),
        });
      }
      const firstStart = tasks.find((task) => task.stored.start !== null)?.stored.start ?? null;
      await insertScheduleSettingsFull(tx, {
        orgId: actor.orgId,
        projectId,
        calendarId: projectCalendar,
        startDate:
          local(plan.properties.startDate ?? firstStart) ??
          `${new Date().toISOString().slice(0, 10)}T08:00:00`,
        scheduleFromFinish: !plan.properties.scheduleFromStart,
        finishDate: plan.properties.scheduleFromStart ? null : local(plan.properties.finishDate),
        statusDate: local(plan.properties.statusDate),
        criticalSlackMinutes: plan.properties.criticalSlackLimit,
        minutesPerDay: plan.properties.minutesPerDay,
      });
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
      await insertTasks(tx, actor.orgId, projectId, rows);
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
      await insertLinks(tx, actor.orgId, links);
      onPhase('schedule');
      await recomputeSchedule(tx, actor.orgId, projectId);
      const summary: ImportSummary = {
        projectId,
        file,
        tasks: rows.length,
        links: links.length,
        calendars: plan.calendars.length,
        warnings,
        computedFinish: (await findScheduleSettings(tx, actor.orgId, [projectId]))[0]?.computedFinish ?? null,
      };
      await audit(tx, actor, 'project_schedule', projectId, 'update', null, { imported: summary });
      return summary;
    }),
  );
}
