import type { Queryable } from '../db/connection.ts';
import {
  deletePlan,
  insertCalendar,
  insertLinks,
  insertScheduleSettingsFull,
  insertTasks,
  type NewTaskRow,
  type PlanLinkRow,
  setCalendarBase,
  withoutForeignKeyChecks,
} from '../db/repositories/plans.ts';
import { writeProjectDates } from '../db/repositories/task-dates.ts';
import { planScheduleInput, runSchedule, scheduledDates } from './plan-schedule.ts';

/** A calendar of a plan about to be written. */
export interface PlanCalendar {
  id: string;
  name: string;
  baseCalendarId: string | null;
  definition: unknown;
}

/** A project's schedule settings as an import sets them. */
export interface PlanSettings {
  projectId: string;
  calendarId: string;
  startDate: string;
  scheduleFromFinish: boolean;
  finishDate: string | null;
  statusDate: string | null;
  criticalSlackMinutes: number;
  minutesPerDay: number;
}

export interface WholePlan {
  settings: PlanSettings;
  calendars: PlanCalendar[];
  tasks: NewTaskRow[];
  links: Array<{ id: string } & PlanLinkRow>;
}

/**
 * Schedules a whole plan of one project before anything is written, so an import stores its tasks
 * with their dates in one insert instead of inserting, reading back and updating every row. A
 * cycle or an unschedulable plan is a ValidationError naming the tasks. Only valid for a plan with
 * no links to other projects (a replaced plan has none).
 */
export function schedulePlan(plan: WholePlan): { tasks: NewTaskRow[]; start: string; finish: string } {
  const { settings } = plan;
  if (plan.tasks.length === 0) return { tasks: [], start: settings.startDate, finish: settings.startDate };
  const input = planScheduleInput([settings], {
    tasks: plan.tasks.map((task) => ({ ...task, projectId: settings.projectId })),
    links: plan.links,
    calendars: plan.calendars,
  });
  const dates = scheduledDates(runSchedule(input, new Map(plan.tasks.map((task) => [task.id, task.name]))));
  const byId = new Map(dates.tasks.map((row) => [row.id, row]));
  const project = dates.projects[0];
  return {
    tasks: plan.tasks.map((task) => ({ ...task, dates: byId.get(task.id) })),
    start: project.start,
    finish: project.finish,
  };
}

/**
 * True when every parent, link end and calendar a plan's rows name is a task or calendar of the same
 * plan, which is what the foreign keys would check row by row.
 */
export function referencesStayInPlan(plan: WholePlan): boolean {
  const taskIds = new Set(plan.tasks.map((task) => task.id));
  const calendarIds = new Set(plan.calendars.map((calendar) => calendar.id));
  if (taskIds.size !== plan.tasks.length) return false;
  for (const task of plan.tasks) {
    if (task.parentId !== null && !taskIds.has(task.parentId)) return false;
    if (task.calendarId !== null && !calendarIds.has(task.calendarId)) return false;
  }
  for (const link of plan.links)
    if (!taskIds.has(link.predecessorId) || !taskIds.has(link.successorId)) return false;
  return true;
}

/**
 * Replaces a project's plan (calendars, settings, tasks, links) with `plan`, its tasks already
 * scheduled by {@link schedulePlan}, in the caller's transaction.
 */
export async function writeScheduledPlan(
  tx: Queryable,
  orgId: string,
  plan: WholePlan,
  scheduled: ReturnType<typeof schedulePlan>,
): Promise<void> {
  const { settings } = plan;
  await deletePlan(tx, orgId, settings.projectId);
  for (const calendar of plan.calendars)
    await insertCalendar(tx, {
      orgId,
      id: calendar.id,
      projectId: settings.projectId,
      name: calendar.name,
      definition: calendar.definition,
    });
  for (const calendar of plan.calendars)
    if (calendar.baseCalendarId) await setCalendarBase(tx, orgId, calendar.id, calendar.baseCalendarId);
  await insertScheduleSettingsFull(tx, { orgId, ...settings });
  const write = async () => {
    await insertTasks(tx, orgId, settings.projectId, scheduled.tasks);
    await insertLinks(tx, orgId, plan.links);
  };
  // The project was checked by the caller and the calendars were just written; the rest is proven here.
  if (referencesStayInPlan(plan)) await withoutForeignKeyChecks(tx, write);
  else await write();
  await writeProjectDates(tx, orgId, [
    { projectId: settings.projectId, start: scheduled.start, finish: scheduled.finish },
  ]);
}
