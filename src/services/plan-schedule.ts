import type { Queryable } from '../db/connection.ts';
import {
  findScheduleSettings,
  linkedProjects,
  loadPlans,
  type PlanLinkRow,
  type PlanTaskRow,
  type ScheduleSettingsRow,
} from '../db/repositories/plans.ts';
import { type TaskDates, writeProjectDates, writeTaskDates } from '../db/repositories/task-dates.ts';
import type { CalendarDefinition } from '../engine/calendar/index.ts';
import {
  CalendarError,
  CalendarRangeError,
  formatLocalDateTime,
  parseLocalDateTime,
} from '../engine/calendar/index.ts';
import {
  type ConstraintType,
  type LinkType,
  ScheduleCycleError,
  type ScheduleInput,
  ScheduleInputError,
  scheduleProject,
} from '../engine/schedule/index.ts';
import { ValidationError } from './errors.ts';

const minutes = (value: string | null) => (value === null ? null : parseLocalDateTime(value));

/** The standard calendar a new plan gets: Monday to Friday, 08:00–12:00 and 13:00–17:00. */
export function standardCalendarDefinition() {
  const day = [
    { from: 8 * 60, to: 12 * 60 },
    { from: 13 * 60, to: 17 * 60 },
  ];
  return { week: [[], day, day, day, day, day, []] };
}

/** A plan network as the engine takes it, with the projects it spans and task names for messages. */
export interface LoadedSchedule {
  /** Every scheduled project joined to the requested one by links. */
  projectIds: string[];
  /** Null when those projects have no tasks. */
  input: ScheduleInput | null;
  taskNames: Map<string, string>;
  settings: { projectId: string; startDate: string }[];
}

/**
 * Loads the network of every project joined to `projectId` by links, ready for the engine. Callers
 * may change a copy of `input` (a what-if) and pass it to `runSchedule`; nothing is written here.
 */
export async function loadScheduleInput(
  tx: Queryable,
  orgId: string,
  projectId: string,
): Promise<LoadedSchedule> {
  const projectIds = await linkedProjects(tx, orgId, projectId);
  const settings = await findScheduleSettings(tx, orgId, projectIds);
  const scheduled = new Set(settings.map((s) => s.projectId));
  const plans = await loadPlans(tx, orgId, [...scheduled]);
  const taskNames = new Map(plans.tasks.map((task) => [task.id, task.name]));
  if (plans.tasks.length === 0) return { projectIds: [...scheduled], input: null, taskNames, settings };
  const input = planScheduleInput(settings, plans);
  return { projectIds: [...scheduled], input, taskNames, settings };
}

/** The engine's input for plans held as database rows (loaded, or about to be written). */
export function planScheduleInput(
  settings: readonly Omit<
    ScheduleSettingsRow,
    'calendarName' | 'computedStart' | 'computedFinish' | 'computedAt' | 'version'
  >[],
  plans: {
    tasks: readonly PlanTaskRow[];
    links: readonly PlanLinkRow[];
    calendars: readonly { id: string; name: string; baseCalendarId: string | null; definition: unknown }[];
  },
): ScheduleInput {
  return {
    calendars: plans.calendars.map(
      (calendar): CalendarDefinition => ({
        ...(calendar.definition as Omit<CalendarDefinition, 'id'>),
        id: calendar.id,
        name: calendar.name,
        baseId: calendar.baseCalendarId,
      }),
    ),
    projects: settings.map((s) => ({
      id: s.projectId,
      calendarId: s.calendarId,
      start: minutes(s.startDate),
      // A finish date anchors only a plan scheduled back from its finish; forward, the finish is computed.
      finish: s.scheduleFromFinish ? minutes(s.finishDate) : null,
      scheduleFromFinish: s.scheduleFromFinish,
      statusDate: minutes(s.statusDate),
      criticalSlackLimit: s.criticalSlackMinutes,
      minutesPerDay: s.minutesPerDay,
    })),
    tasks: plans.tasks.map((task) => ({
      id: task.id,
      name: task.name,
      projectId: task.projectId,
      parentId: task.parentId,
      duration: task.durationMinutes,
      durationIsElapsed: task.durationElapsed,
      milestone: task.milestone,
      constraintType: task.constraintType as ConstraintType,
      constraintDate: minutes(task.constraintDate),
      deadline: minutes(task.deadline),
      actualStart: minutes(task.actualStart),
      actualFinish: minutes(task.actualFinish),
      percentComplete: task.percentComplete,
      calendarId: task.calendarId,
      levelingDelay: task.levelingDelayMinutes ? task.levelingDelayMinutes : null,
    })),
    links: plans.links.map((link) => ({
      predecessorId: link.predecessorId,
      successorId: link.successorId,
      type: link.type as LinkType,
      lag: link.lagMinutes,
      lagPercent: link.lagPercent,
      lagElapsed: link.lagElapsed,
    })),
  };
}

/** Several projects' plans, each with the projects linked to it, as one engine input. */
export interface Network {
  projectIds: string[];
  input: ScheduleInput;
  taskNames: Map<string, string>;
}

/** The networks of several projects (each with the projects linked to it) as one engine input; null when none has tasks. */
export async function loadNetwork(
  tx: Queryable,
  orgId: string,
  projectIds: string[],
): Promise<Network | null> {
  const covered = new Set<string>();
  const parts: ScheduleInput[] = [];
  const taskNames = new Map<string, string>();
  for (const projectId of projectIds) {
    if (covered.has(projectId)) continue;
    const loaded = await loadScheduleInput(tx, orgId, projectId);
    for (const id of loaded.projectIds) covered.add(id);
    covered.add(projectId);
    if (loaded.input === null) continue;
    parts.push(loaded.input);
    for (const [id, name] of loaded.taskNames) taskNames.set(id, name);
  }
  if (parts.length === 0) return null;
  const calendars = new Map(parts.flatMap((p) => p.calendars.map((c) => [String(c.id), c] as const)));
  const input: ScheduleInput = {
    calendars: [...calendars.values()],
    projects: parts.flatMap((p) => p.projects),
    tasks: parts.flatMap((p) => p.tasks),
    links: parts.flatMap((p) => p.links),
  };
  return { projectIds: input.projects.map((p) => String(p.id)), input, taskNames };
}

/** Runs the engine, turning its input errors into a ValidationError that names the tasks by name. */
export function runSchedule(input: ScheduleInput, taskNames: Map<string, string>) {
  try {
    return scheduleProject(input);
  } catch (error) {
    if (error instanceof CalendarRangeError || error instanceof CalendarError)
      throw new ValidationError([
        { field: 'durationMinutes', message: `the schedule cannot be computed: ${error.message}` },
      ]);
    if (error instanceof ScheduleCycleError || error instanceof ScheduleInputError) {
      const message = error.message.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, (id) =>
        taskNames.has(id) ? `"${taskNames.get(id)}"` : id,
      );
      throw new ValidationError([{ field: 'predecessorId', message }]);
    }
    throw error;
  }
}

/**
 * Reschedules every project joined to `projectId` by links and stores the dates, in the caller's
 * transaction: a plan change and its new dates commit together. A cycle or an unschedulable plan
 * is a ValidationError that names the tasks, and the caller's transaction rolls back.
 */
export async function recomputeSchedule(tx: Queryable, orgId: string, projectId: string): Promise<string[]> {
  const { projectIds, input, taskNames, settings } = await loadScheduleInput(tx, orgId, projectId);
  if (input === null) {
    await writeProjectDates(
      tx,
      orgId,
      settings.map((s) => ({ projectId: s.projectId, start: s.startDate, finish: s.startDate })),
    );
    return projectIds;
  }
  const result = runSchedule(input, taskNames);
  const dates = scheduledDates(result);
  await writeTaskDates(tx, orgId, dates.tasks);
  await writeProjectDates(tx, orgId, dates.projects);
  return projectIds;
}

/** The engine's result as the rows the database stores: task dates and each project's start and finish. */
export function scheduledDates(result: ReturnType<typeof scheduleProject>): {
  tasks: TaskDates[];
  projects: { projectId: string; start: string; finish: string }[];
} {
  return {
    tasks: result.taskIds.map((id, i) => ({
      id: String(id),
      earlyStart: formatLocalDateTime(result.earlyStart[i]),
      earlyFinish: formatLocalDateTime(result.earlyFinish[i]),
      lateStart: formatLocalDateTime(result.lateStart[i]),
      lateFinish: formatLocalDateTime(result.lateFinish[i]),
      totalSlackMinutes: result.totalSlack[i],
      freeSlackMinutes: result.freeSlack[i],
      critical: result.critical[i] === 1,
      isSummary: result.summary[i] === 1,
    })),
    projects: result.projects.map((p) => ({
      projectId: String(p.id),
      start: formatLocalDateTime(p.start),
      finish: formatLocalDateTime(p.finish),
    })),
  };
}
