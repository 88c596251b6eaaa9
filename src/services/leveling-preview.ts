import type {
  LevelingAssignmentRow,
  LevelingProjectRow,
  LevelingTaskRow,
} from '../db/repositories/leveling.ts';
import { type CalendarDefinition, CalendarRegistry, formatLocalDateTime } from '../engine/calendar/index.ts';
import {
  LevelingCycleError,
  LevelingInputError,
  type LevelResult,
  levelSchedule,
} from '../engine/level/index.ts';
import type { ScheduleInput } from '../engine/schedule/index.ts';
import type { LevelingPreviewInput, LevelingResult } from '../model/leveling.ts';
import { ValidationError } from './errors.ts';
import {
  type BuiltProblem,
  buildLevelingProblem,
  countOverallocations,
  delayReasons,
  elapsedBetweenPeriods,
  ownDelays,
} from './leveling-problem.ts';
import { type Network, runSchedule } from './plan-schedule.ts';

export interface PreviewSources {
  network: Network;
  /** Resources' own calendars (with their bases), beyond those the plans use. */
  resourceCalendars: readonly {
    id: string;
    name: string;
    baseCalendarId: string | null;
    definition: unknown;
  }[];
  scopeProjectIds: ReadonlySet<string>;
  projects: readonly LevelingProjectRow[];
  taskFields: readonly LevelingTaskRow[];
  assignments: readonly LevelingAssignmentRow[];
  options: LevelingPreviewInput;
}

function runEngine(built: BuiltProblem, options: LevelingPreviewInput): LevelResult {
  try {
    return levelSchedule(built.problem, {
      schedules: options.schedules,
      seed: options.seed,
      mode: options.withinSlack ? 'within-slack' : 'allow-delay',
    });
  } catch (error) {
    if (error instanceof LevelingInputError || error instanceof LevelingCycleError)
      throw new ValidationError([
        { field: 'scopeId', message: `the plan cannot be leveled: ${error.message}` },
      ]);
    throw error;
  }
}

/**
 * Levels the scope's plans in memory and describes the outcome as the scheduler will store it once
 * applied: the new dates come from rescheduling with the new leveling delays, not from the
 * engine's periods, so the preview shows exactly what apply writes.
 */
export function computeLevelingPreview(src: PreviewSources): LevelingResult {
  const { network, options } = src;
  const input = network.input;
  const before = runSchedule(input, network.taskNames);
  const known = new Set(input.calendars.map((c) => String(c.id)));
  const calendars = new CalendarRegistry([
    ...input.calendars,
    ...src.resourceCalendars
      .filter((c) => !known.has(c.id))
      .map(
        (c): CalendarDefinition => ({
          ...(c.definition as Omit<CalendarDefinition, 'id'>),
          id: c.id,
          name: c.name,
          baseId: c.baseCalendarId,
        }),
      ),
  ]);
  // The reference calendar: that of the highest-priority project in scope.
  const priority = new Map(src.projects.map((p) => [p.id, p.priority]));
  const reference = input.projects
    .filter((p) => src.scopeProjectIds.has(String(p.id)))
    .sort((a, b) => (priority.get(String(b.id)) ?? 0) - (priority.get(String(a.id)) ?? 0))[0];
  const calendar = calendars.get(reference.calendarId);
  const periodMinutes = reference.minutesPerDay ?? 480;
  const taskFields = new Map(src.taskFields.map((t) => [t.id, t]));
  const built = buildLevelingProblem({
    input,
    schedule: before,
    scopeProjectIds: src.scopeProjectIds,
    projectPriority: priority,
    taskFields,
    assignments: src.assignments,
    calendar,
    periodMinutes,
    resourceCalendar: (id) => calendars.get(id),
  });
  const n = built.taskOf.length;
  const releases = Int32Array.from(built.problem.releaseDates ?? []);
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const leveled = n === 0 ? null : runEngine(built, options);
  const engineMilliseconds = Math.round(performance.now() - started);
  const cpu = process.cpuUsage(cpuStarted);
  const engineCpuMilliseconds = Math.round((cpu.user + cpu.system) / 1000);
  const starts = leveled?.starts ?? releases;
  const { own, allowed } = leveled
    ? ownDelays(built, leveled)
    : { own: new Int32Array(0), allowed: releases };

  const newDelay = new Map<number, number>();
  for (let a = 0; a < n; a++) {
    if (own[a] === 0) continue;
    const i = built.taskOf[a];
    const current = taskFields.get(String(input.tasks[i].id))?.levelingDelayMinutes ?? 0;
    newDelay.set(i, current + elapsedBetweenPeriods(built, allowed[a], allowed[a] + own[a]));
  }
  const leveledInput: ScheduleInput = {
    ...input,
    tasks: input.tasks.map((task, i) =>
      newDelay.has(i) ? { ...task, levelingDelay: newDelay.get(i) } : task,
    ),
  };
  const after = runSchedule(leveledInput, network.taskNames);

  const byResource: number[][] = built.resources.map(() => []);
  const R = built.resources.length;
  for (let a = 0; a < n; a++)
    for (let r = 0; r < R; r++) if (built.rawDemands[a * R + r] > 0) byResource[r].push(a);
  const predecessors = new Map<string, string[]>();
  for (const link of input.links) {
    const key = String(link.successorId);
    predecessors.set(key, [...(predecessors.get(key) ?? []), String(link.predecessorId)]);
  }
  const indexOf = new Map(input.tasks.map((task, i) => [String(task.id), i]));
  const nameOf = (i: number) => input.tasks[i].name ?? String(input.tasks[i].id);
  const projectCalendar = new Map(input.projects.map((p) => [String(p.id), p.calendarId]));

  const movedTasks: LevelingResult['movedTasks'] = [];
  for (let i = 0; i < input.tasks.length; i++) {
    const task = input.tasks[i];
    if (before.summary[i] || !src.scopeProjectIds.has(String(task.projectId))) continue;
    if (after.start[i] === before.start[i] && after.finish[i] === before.finish[i]) continue;
    const id = String(task.id);
    const cal = calendars.get(task.calendarId ?? projectCalendar.get(String(task.projectId))!);
    const a = built.activityOf[i];
    const reasons =
      a >= 0 && own[a] > 0
        ? delayReasons(built, starts, a, allowed[a], byResource)
        : { resources: [], competitors: [] };
    const followed = (predecessors.get(id) ?? [])
      .map((p) => indexOf.get(p)!)
      .filter((p) => p !== undefined && after.finish[p] !== before.finish[p]);
    const fields = taskFields.get(id);
    movedTasks.push({
      taskId: id,
      name: nameOf(i),
      projectId: String(task.projectId),
      delayMinutes: cal.workingBetween(before.start[i], after.start[i]),
      levelingDelayMinutes: newDelay.get(i) ?? fields?.levelingDelayMinutes ?? 0,
      version: fields?.version ?? 1,
      oldStart: formatLocalDateTime(before.start[i]),
      oldFinish: formatLocalDateTime(before.finish[i]),
      newStart: formatLocalDateTime(after.start[i]),
      newFinish: formatLocalDateTime(after.finish[i]),
      resources: reasons.resources.map((r) => ({
        resourceId: built.resources[r].id,
        code: built.resources[r].code,
        name: built.resources[r].name,
      })),
      competedWith: reasons.competitors.map((c) => ({ taskId: String(input.tasks[c].id), name: nameOf(c) })),
      followed: newDelay.has(i)
        ? []
        : followed.map((p) => ({ taskId: String(input.tasks[p].id), name: nameOf(p) })),
    });
  }
  const finishOf = (result: typeof before, id: string) =>
    formatLocalDateTime(result.projects.find((p) => String(p.id) === id)!.finish);
  return {
    periodMinutes,
    calendarId: String(reference.calendarId),
    schedules: leveled?.schedules ?? 0,
    tasksConsidered: n,
    resources: R,
    movedTasks,
    projects: src.projects
      .filter((p) => src.scopeProjectIds.has(p.id) && input.projects.some((q) => String(q.id) === p.id))
      .map((p) => ({
        projectId: p.id,
        name: p.name,
        finishBefore: finishOf(before, p.id),
        finishAfter: finishOf(after, p.id),
      })),
    overallocationsBefore: countOverallocations(built, releases),
    overallocationsAfter: countOverallocations(built, starts),
    engineMilliseconds,
    engineCpuMilliseconds,
  };
}
