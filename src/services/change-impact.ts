import type { Queryable } from '../db/connection.ts';
import {
  assignmentCostsOfTasks,
  findLinkByTasks,
  findTasksByIds,
  projectStages,
} from '../db/repositories/change-requests.ts';
import type { ScheduleSettingsRow } from '../db/repositories/plans.ts';
import { uuidv7 } from '../db/uuid.ts';
import {
  CalendarRegistry,
  dayOf,
  formatLocalDateTime,
  parseLocalDateTime,
} from '../engine/calendar/index.ts';
import type { ScheduleInput, ScheduleLink, ScheduleResult, ScheduleTask } from '../engine/schedule/index.ts';
import type { ChangeImpact, ChangeOperation } from '../model/change-control.ts';
import { type FieldError, ValidationError } from './errors.ts';
import { type LoadedSchedule, loadScheduleInput, runSchedule } from './plan-schedule.ts';

/** Stages in which a project's plan is frozen: no change may be requested against it or touch it. */
export const frozenStages = new Set(['closed', 'terminated']);

const minutes = (value: string | null | undefined) =>
  value === null || value === undefined ? null : parseLocalDateTime(value);

/** Gives every task the change adds an id, so later operations can link to it and approval keeps it. */
export function withTaskIds(operations: readonly ChangeOperation[]): ChangeOperation[] {
  return operations.map((op) => (op.op === 'add_task' && !op.taskId ? { ...op, taskId: uuidv7() } : op));
}

/**
 * Checks a change's operations against the plan as it is: every task exists in this organization,
 * belongs to a project the change may touch and that project is not closed; links exist (or not) as
 * the operation needs. Returns the projects the operations touch. Errors name `operations.N.field`.
 */
export async function validateOperations(
  q: Queryable,
  orgId: string,
  scopeProjectIds: readonly string[],
  operations: readonly ChangeOperation[],
): Promise<string[]> {
  const added = new Map<string, string>();
  for (const op of operations) if (op.op === 'add_task' && op.taskId) added.set(op.taskId, op.projectId);
  const referenced = new Set<string>();
  for (const op of operations) {
    for (const id of taskIdsOf(op)) if (!added.has(id)) referenced.add(id);
  }
  const known = new Map((await findTasksByIds(q, orgId, [...referenced])).map((t) => [t.id, t]));
  const projectOf = (id: string) => added.get(id) ?? known.get(id)?.projectId;
  const touched = new Set<string>(operations.flatMap((op) => (op.op === 'add_task' ? [op.projectId] : [])));
  for (const id of referenced) if (known.has(id)) touched.add(known.get(id)!.projectId);
  const projects = new Map((await projectStages(q, orgId, [...touched])).map((p) => [p.id, p]));
  const inScope = new Set(scopeProjectIds);
  const errors: FieldError[] = [];
  const linked = new Set<string>();
  const unlinked = new Set<string>();
  const checkTask = (index: number, field: string, id: string, mustBeInScope: boolean) => {
    const projectId = projectOf(id);
    if (!projectId) {
      errors.push({ field: `operations.${index}.${field}`, message: 'no such task in this organization' });
      return false;
    }
    const project = projects.get(projectId);
    if (project && frozenStages.has(project.stage)) {
      errors.push({
        field: `operations.${index}.${field}`,
        message: `is a task of project "${project.code} ${project.name}", which is ${project.stage}`,
      });
      return false;
    }
    if (mustBeInScope && !inScope.has(projectId)) {
      errors.push({ field: `operations.${index}.${field}`, message: "is not a task of this change's scope" });
      return false;
    }
    return true;
  };
  for (const [index, op] of operations.entries()) {
    switch (op.op) {
      case 'update_task':
      case 'delete_task':
        checkTask(index, 'taskId', op.taskId, true);
        break;
      case 'add_task': {
        const project = projects.get(op.projectId);
        if (!project)
          errors.push({
            field: `operations.${index}.projectId`,
            message: 'no such project in this organization',
          });
        else if (frozenStages.has(project.stage))
          errors.push({
            field: `operations.${index}.projectId`,
            message: `project "${project.code} ${project.name}" is ${project.stage}`,
          });
        else if (!inScope.has(op.projectId))
          errors.push({
            field: `operations.${index}.projectId`,
            message: "is not a project of this change's scope",
          });
        if (
          op.parentId &&
          checkTask(index, 'parentId', op.parentId, true) &&
          projectOf(op.parentId) !== op.projectId
        )
          errors.push({ field: `operations.${index}.parentId`, message: 'is not a task of that project' });
        break;
      }
      case 'add_link':
      case 'remove_link':
      case 'update_link': {
        if (op.predecessorId === op.successorId) {
          errors.push({
            field: `operations.${index}.successorId`,
            message: 'must differ from predecessorId',
          });
          break;
        }
        const ok =
          checkTask(index, 'predecessorId', op.predecessorId, false) &&
          checkTask(index, 'successorId', op.successorId, false);
        if (!ok) break;
        // A link may reach another project's task, but one of its ends must lie in the change's scope.
        if (!inScope.has(projectOf(op.successorId)!) && !inScope.has(projectOf(op.predecessorId)!)) {
          errors.push({
            field: `operations.${index}.successorId`,
            message: "neither task is in this change's scope",
          });
          break;
        }
        const key = `${op.predecessorId}>${op.successorId}`;
        const exists =
          linked.has(key) ||
          (!unlinked.has(key) &&
            !added.has(op.predecessorId) &&
            !added.has(op.successorId) &&
            (await findLinkByTasks(q, orgId, op.predecessorId, op.successorId)) !== null);
        if (op.op === 'add_link') {
          if (exists)
            errors.push({
              field: `operations.${index}.successorId`,
              message: 'these tasks are already linked',
            });
          linked.add(key);
          unlinked.delete(key);
        } else if (!exists) {
          errors.push({ field: `operations.${index}.successorId`, message: 'these tasks are not linked' });
        } else if (op.op === 'remove_link') {
          linked.delete(key);
          unlinked.add(key);
        }
        break;
      }
    }
  }
  if (errors.length > 0) throw new ValidationError(errors);
  return [...touched];
}

function taskIdsOf(op: ChangeOperation): string[] {
  switch (op.op) {
    case 'update_task':
    case 'delete_task':
      return [op.taskId];
    case 'add_task':
      return op.parentId ? [op.parentId] : [];
    default:
      return [op.predecessorId, op.successorId];
  }
}

/** Loads one network holding every project in `projectIds` and every project linked to them. */
async function loadNetwork(q: Queryable, orgId: string, projectIds: readonly string[]) {
  const loaded: LoadedSchedule[] = [];
  const seen = new Set<string>();
  for (const projectId of projectIds) {
    if (seen.has(projectId)) continue;
    const part = await loadScheduleInput(q, orgId, projectId);
    // Linked projects form one component: a project seen here was loaded with its whole network.
    for (const id of part.projectIds) seen.add(id);
    seen.add(projectId);
    loaded.push(part);
  }
  const calendars = new Map<string, ScheduleInput['calendars'][number]>();
  const tasks: ScheduleTask[] = [];
  const links: ScheduleLink[] = [];
  const projects: ScheduleInput['projects'][number][] = [];
  const taskNames = new Map<string, string>();
  const settings: ScheduleSettingsRow[] = [];
  for (const part of loaded) {
    for (const [id, name] of part.taskNames) taskNames.set(id, name);
    // loadScheduleInput returns the full settings rows; its type names only what it promises.
    settings.push(...(part.settings as ScheduleSettingsRow[]));
    if (!part.input) continue;
    for (const calendar of part.input.calendars) calendars.set(String(calendar.id), calendar);
    tasks.push(...part.input.tasks);
    links.push(...part.input.links);
    projects.push(...part.input.projects);
  }
  const input: ScheduleInput = { calendars: [...calendars.values()], tasks, links, projects };
  return { input, taskNames, settings };
}

/** The plan with the change's operations made, as a new input; `input` is left as it was. */
export function applyToCopy(input: ScheduleInput, operations: readonly ChangeOperation[]): ScheduleInput {
  let tasks = input.tasks.map((task) => ({ ...task }));
  let links = input.links.map((link) => ({ ...link }));
  const sameLink = (link: ScheduleLink, op: { predecessorId: string; successorId: string }) =>
    String(link.predecessorId) === op.predecessorId && String(link.successorId) === op.successorId;
  for (const op of operations) {
    switch (op.op) {
      case 'update_task': {
        const c = op.changes;
        tasks = tasks.map((task) =>
          String(task.id) !== op.taskId
            ? task
            : {
                ...task,
                name: c.name ?? task.name,
                duration: c.durationMinutes ?? task.duration,
                constraintType: c.constraintType ?? task.constraintType,
                constraintDate:
                  c.constraintDate !== undefined ? minutes(c.constraintDate) : task.constraintDate,
                deadline: c.deadline !== undefined ? minutes(c.deadline) : task.deadline,
                actualStart: c.actualStart !== undefined ? minutes(c.actualStart) : task.actualStart,
                actualFinish: c.actualFinish !== undefined ? minutes(c.actualFinish) : task.actualFinish,
                percentComplete: c.percentComplete ?? task.percentComplete,
              },
        );
        break;
      }
      case 'add_task':
        tasks.push({
          id: op.taskId as string,
          name: op.name,
          projectId: op.projectId,
          parentId: op.parentId,
          duration: op.durationMinutes,
          durationIsElapsed: false,
          milestone: false,
          constraintType: 'ASAP',
          constraintDate: null,
          deadline: null,
          actualStart: null,
          actualFinish: null,
          percentComplete: 0,
          calendarId: null,
        });
        break;
      case 'delete_task': {
        const gone = new Set([op.taskId]);
        // Subtasks go with their parent, as the database's cascade does.
        for (let grew = true; grew; ) {
          grew = false;
          for (const task of tasks)
            if (task.parentId != null && gone.has(String(task.parentId)) && !gone.has(String(task.id))) {
              gone.add(String(task.id));
              grew = true;
            }
        }
        tasks = tasks.filter((task) => !gone.has(String(task.id)));
        links = links.filter((l) => !gone.has(String(l.predecessorId)) && !gone.has(String(l.successorId)));
        break;
      }
      case 'add_link':
        links.push({
          predecessorId: op.predecessorId,
          successorId: op.successorId,
          type: op.type,
          lag: op.lagMinutes,
          lagPercent: null,
          lagElapsed: false,
        });
        break;
      case 'remove_link':
        links = links.filter((link) => !sameLink(link, op));
        break;
      case 'update_link':
        links = links.map((link) =>
          sameLink(link, op) ? { ...link, type: op.type ?? link.type, lag: op.lagMinutes ?? link.lag } : link,
        );
        break;
    }
  }
  return { ...input, tasks, links };
}

const format = (value: number | undefined) =>
  value === undefined || !Number.isFinite(value) ? null : formatLocalDateTime(value);

function datesById(result: ScheduleResult | null) {
  const dates = new Map<string, { start: number; finish: number; summary: boolean }>();
  if (!result) return dates;
  for (const [i, id] of result.taskIds.entries())
    dates.set(String(id), {
      start: result.start[i],
      finish: result.finish[i],
      summary: result.summary[i] === 1,
    });
  return dates;
}

/**
 * What the change would do to the plan: the network of every project in scope or touched (and
 * every project linked to those) is scheduled as it is and with the operations made, on copies,
 * and the two schedules compared. Nothing is written.
 */
export async function computeImpact(
  q: Queryable,
  orgId: string,
  scopeProjectIds: readonly string[],
  touchedProjectIds: readonly string[],
  operations: readonly ChangeOperation[],
  costImpact: number,
): Promise<ChangeImpact> {
  const roots = [...new Set([...scopeProjectIds, ...touchedProjectIds])];
  const { input, taskNames, settings } = await loadNetwork(q, orgId, roots);
  for (const op of operations) if (op.op === 'add_task' && op.taskId) taskNames.set(op.taskId, op.name);
  const scheduled = new Set(settings.map((s) => s.projectId));
  const unplanned = operations.find((op) => op.op === 'add_task' && !scheduled.has(op.projectId));
  if (unplanned)
    throw new ValidationError([
      { field: 'operations', message: 'a task can only be added to a project that already has a plan' },
    ]);
  const before = input.tasks.length > 0 ? runSchedule(input, taskNames) : null;
  const changed = applyToCopy(input, operations);
  let after: ScheduleResult | null = null;
  try {
    after = changed.tasks.length > 0 ? runSchedule(changed, taskNames) : null;
  } catch (error) {
    if (error instanceof ValidationError)
      throw new ValidationError([
        { field: 'operations', message: `the changed plan cannot be scheduled: ${error.errors[0]?.message}` },
      ]);
    throw error;
  }
  const calendars = new CalendarRegistry(input.calendars);
  const names = new Map((await projectStages(q, orgId, [...scheduled])).map((p) => [p.id, p]));
  const finishOf = (result: ScheduleResult | null, projectId: string) =>
    result?.projects.find((p) => String(p.id) === projectId)?.finish;
  const projects = settings.map((s) => {
    const oldFinish = finishOf(before, s.projectId);
    const newFinish = finishOf(after, s.projectId);
    let deltaWorkingDays = 0;
    let deltaCalendarDays = 0;
    if (oldFinish !== undefined && newFinish !== undefined) {
      const calendar = calendars.get(s.calendarId);
      const working =
        newFinish >= oldFinish
          ? calendar.workingBetween(oldFinish, newFinish)
          : -calendar.workingBetween(newFinish, oldFinish);
      deltaWorkingDays = Math.round((working / s.minutesPerDay) * 100) / 100;
      deltaCalendarDays = dayOf(newFinish) - dayOf(oldFinish);
    }
    const project = names.get(s.projectId);
    return {
      projectId: s.projectId,
      code: project?.code ?? '',
      name: project?.name ?? '',
      oldFinish: format(oldFinish),
      newFinish: format(newFinish),
      deltaWorkingDays,
      deltaCalendarDays,
    };
  });
  projects.sort((a, b) => a.code.localeCompare(b.code));
  const oldDates = datesById(before);
  const newDates = datesById(after);
  const projectOfTask = new Map(
    [...input.tasks, ...changed.tasks].map((task) => [String(task.id), String(task.projectId)]),
  );
  const tasks: ChangeImpact['tasks'] = [];
  for (const id of new Set([...oldDates.keys(), ...newDates.keys()])) {
    const was = oldDates.get(id);
    const is = newDates.get(id);
    if (was && is && was.start === is.start && was.finish === is.finish) continue;
    if ((was ?? is)?.summary) continue;
    tasks.push({
      taskId: id,
      projectId: projectOfTask.get(id) ?? '',
      name: taskNames.get(id) ?? id,
      change: !was ? 'added' : !is ? 'removed' : 'moved',
      oldStart: format(was?.start),
      oldFinish: format(was?.finish),
      newStart: format(is?.start),
      newFinish: format(is?.finish),
    });
  }
  tasks.sort((a, b) => (a.newStart ?? a.oldStart ?? '').localeCompare(b.newStart ?? b.oldStart ?? ''));
  const oldCritical = new Set((before?.criticalPath ?? []).map(String));
  const newCritical = new Set((after?.criticalPath ?? []).map(String));
  const named = (id: string) => ({ id, name: taskNames.get(id) ?? id });
  return {
    computedAt: new Date().toISOString(),
    projects,
    tasks: tasks.slice(0, 500),
    criticalPath: {
      added: [...newCritical].filter((id) => !oldCritical.has(id)).map(named),
      removed: [...oldCritical].filter((id) => !newCritical.has(id)).map(named),
    },
    cost: await costImpactOf(q, orgId, input, changed, costImpact),
  };
}

/**
 * The change's cost: the requester's estimate plus what the plan itself says. Assignments keep
 * their units when a task's duration changes (MS Project's fixed-units default), so their work and
 * its cost scale with the duration while the per-use cost stays; a deleted task (and its subtree)
 * takes its assignments' whole cost with it. A task the change adds has no assignments yet.
 */
async function costImpactOf(
  q: Queryable,
  orgId: string,
  before: ScheduleInput,
  after: ScheduleInput,
  entered: number,
): Promise<ChangeImpact['cost']> {
  const durationAfter = new Map(after.tasks.map((task) => [String(task.id), task.duration]));
  const ratio = new Map<string, number>();
  for (const task of before.tasks) {
    const id = String(task.id);
    const duration = durationAfter.get(id);
    if (duration === undefined) ratio.set(id, 0);
    else if (duration !== task.duration && task.duration > 0) ratio.set(id, duration / task.duration);
  }
  const costs = await assignmentCostsOfTasks(q, orgId, [...ratio.keys()]);
  if (costs.length === 0)
    return {
      entered,
      derived: null,
      total: entered,
      note: 'No changed task has costed assignments, so the cost impact is the requester’s estimate.',
    };
  let derived = 0;
  for (const { taskId, cost, perUse } of costs) {
    const r = ratio.get(taskId) as number;
    derived += r === 0 ? -cost : (cost - perUse) * (r - 1);
  }
  derived = Math.round(derived * 100) / 100;
  return {
    entered,
    derived,
    total: Math.round((entered + derived) * 100) / 100,
    note: 'Derived: the change in cost of the assignments of resized and deleted tasks (work follows duration at fixed units). Entered: the requester’s estimate of other costs.',
  };
}
