import type { z } from 'zod';
import type { Database, Queryable } from '../db/connection.ts';
import {
  countTasks,
  findScheduleSettings,
  insertCalendar,
  insertScheduleSettings,
  listCriticalPath,
  listLinksOf,
  listTaskTree,
  nextTaskPosition,
  taskLinks,
  tasks,
  updateScheduleSettings,
} from '../db/repositories/plans.ts';
import { placementOfParents, projectParents } from '../db/repositories/scope.ts';
import { projects as projectTable } from '../db/repositories/tables.ts';
import { deleteRow, findRow, insertRow, updateRow } from '../db/sql.ts';
import { uuidv7 } from '../db/uuid.ts';
import type { Project } from '../model/organization.ts';
import {
  constraintNeedsDate,
  type Link,
  linkInput,
  type ProjectSchedule,
  scheduleSettingsPatch,
  type Task,
  taskInput,
  taskPatch,
} from '../model/plan.ts';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionRequiredError,
  ValidationError,
} from './errors.ts';
import { audit, translateDatabaseErrors } from './mutation.ts';
import { recomputeSchedule, standardCalendarDefinition } from './plan-schedule.ts';
import { type Actor, type Capability, can } from './policy.ts';
import { listProjects } from './projects.ts';
import { getProgram } from './structure.ts';
import { parseInput } from './validate.ts';

export async function authorizeProject(
  q: Queryable,
  actor: Actor,
  projectId: string,
  capability: Capability,
) {
  const parents = await projectParents(q, actor.orgId, projectId);
  if (!parents) throw new NotFoundError('project', projectId);
  if (!can(actor, capability, await placementOfParents(q, actor.orgId, { ...parents, projectId })))
    throw new ForbiddenError();
}

/** Gives a project its plan settings and standard calendar the first time it gets a task. */
async function ensurePlan(tx: Queryable, actor: Actor, projectId: string): Promise<void> {
  if ((await findScheduleSettings(tx, actor.orgId, [projectId])).length > 0) return;
  const project = await findRow<Project>(tx, projectTable, actor.orgId, projectId);
  const calendarId = uuidv7();
  await insertCalendar(tx, {
    orgId: actor.orgId,
    id: calendarId,
    projectId,
    name: 'Standard',
    definition: standardCalendarDefinition(),
  });
  const start = `${project?.targetStart ?? new Date().toISOString().slice(0, 10)}T08:00:00`;
  await insertScheduleSettings(tx, actor.orgId, projectId, calendarId, start);
}

/**
 * What a plan edit does with the projects whose schedule it changed. Single edits reschedule at once;
 * a batch collects them (`deferredReschedule`) so the engine runs once after the last edit.
 */
export type Reschedule = (tx: Queryable, orgId: string, projectId: string) => Promise<unknown>;

/** Collects the projects a batch of edits touches and reschedules each joined network once in `flush`. */
export function deferredReschedule() {
  const pending = new Set<string>();
  return {
    reschedule: async (_tx: Queryable, _orgId: string, projectId: string) => {
      pending.add(projectId);
    },
    flush: async (tx: Queryable, orgId: string) => {
      const done = new Set<string>();
      for (const projectId of pending)
        if (!done.has(projectId))
          for (const joined of await recomputeSchedule(tx, orgId, projectId)) done.add(joined);
      pending.clear();
    },
  };
}

async function findTask(q: Queryable, actor: Actor, id: string): Promise<Task> {
  const task = await findRow<Task>(q, tasks, actor.orgId, id);
  if (!task) throw new NotFoundError('task', id);
  return task;
}

async function checkParent(
  q: Queryable,
  actor: Actor,
  projectId: string,
  parentId: string | null,
  selfId?: string,
) {
  if (!parentId) return;
  const parent = await findRow<Task>(q, tasks, actor.orgId, parentId);
  if (!parent || parent.projectId !== projectId)
    throw new ValidationError([{ field: 'parentId', message: 'is not a task of this project' }]);
  if (selfId && (await isWithin(q, actor, parentId, selfId)))
    throw new ValidationError([
      { field: 'parentId', message: 'cannot be the task itself or one of its subtasks' },
    ]);
}

async function isWithin(q: Queryable, actor: Actor, candidate: string, ancestor: string): Promise<boolean> {
  let current: string | null = candidate;
  for (let depth = 0; current && depth < 100; depth++) {
    if (current === ancestor) return true;
    current = (await findRow<Task>(q, tasks, actor.orgId, current))?.parentId ?? null;
  }
  return false;
}

export async function listTasks(
  db: Database,
  actor: Actor,
  projectId: string,
  page: number,
  pageSize: number,
) {
  await authorizeProject(db, actor, projectId, 'read');
  const result = await listTaskTree<Task>(db, actor.orgId, [projectId], page, pageSize);
  return { ...result, page, pageSize };
}

export async function getTask(db: Database, actor: Actor, id: string): Promise<Task> {
  const task = await findTask(db, actor, id);
  await authorizeProject(db, actor, task.projectId, 'read');
  return task;
}

export async function createTask(
  db: Database,
  actor: Actor,
  projectId: string,
  input: unknown,
): Promise<Task> {
  const values = parseInput(taskInput, input);
  return translateDatabaseErrors(() => db.transaction((tx) => createTaskIn(tx, actor, projectId, values)));
}

/** `createTask` inside the caller's transaction, for changes that apply several plan edits at once. */
export async function createTaskIn(
  tx: Queryable,
  actor: Actor,
  projectId: string,
  values: z.infer<typeof taskInput>,
  id: string = uuidv7(),
  reschedule: Reschedule = recomputeSchedule,
): Promise<Task> {
  await authorizeProject(tx, actor, projectId, 'update_project');
  await checkParent(tx, actor, projectId, values.parentId);
  await ensurePlan(tx, actor, projectId);
  const position = await nextTaskPosition(tx, actor.orgId, projectId, values.parentId);
  await insertRow(tx, tasks, actor.orgId, id, { ...values, projectId, position });
  await reschedule(tx, actor.orgId, projectId);
  const created = await findTask(tx, actor, id);
  await audit(tx, actor, 'task', id, 'create', null, created);
  return created;
}

export async function updateTask(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
  input: unknown,
): Promise<Task> {
  const patch = parseInput(taskPatch, input);
  return translateDatabaseErrors(() => db.transaction((tx) => updateTaskIn(tx, actor, id, version, patch)));
}

/** `updateTask` inside the caller's transaction. */
export async function updateTaskIn(
  tx: Queryable,
  actor: Actor,
  id: string,
  version: number | undefined,
  patch: z.infer<typeof taskPatch>,
  reschedule: Reschedule = recomputeSchedule,
): Promise<Task> {
  const before = await findTask(tx, actor, id);
  await authorizeProject(tx, actor, before.projectId, 'update_project');
  if (!constraintNeedsDate({ ...before, ...patch }))
    throw new ValidationError([
      {
        field: 'constraintDate',
        message: 'is required for dated constraints and must be empty for ASAP and ALAP',
      },
    ]);
  if (patch.parentId !== undefined && patch.parentId !== before.parentId) {
    await checkParent(tx, actor, before.projectId, patch.parentId, id);
    (patch as Record<string, unknown>).position = await nextTaskPosition(
      tx,
      actor.orgId,
      before.projectId,
      patch.parentId,
    );
  }
  if (version === undefined) throw new PreconditionRequiredError();
  if (!(await updateRow(tx, tasks, actor.orgId, id, version, patch)))
    throw new ConflictError(`the task changed since you read it (now version ${before.version}); reload`);
  await reschedule(tx, actor.orgId, before.projectId);
  const after = await findTask(tx, actor, id);
  await audit(tx, actor, 'task', id, 'update', before, after);
  return after;
}

export async function deleteTask(db: Database, actor: Actor, id: string, version: number | undefined) {
  await translateDatabaseErrors(() => db.transaction((tx) => deleteTaskIn(tx, actor, id, version)));
}

/** `deleteTask` inside the caller's transaction. */
export async function deleteTaskIn(
  tx: Queryable,
  actor: Actor,
  id: string,
  version: number | undefined,
  reschedule: Reschedule = recomputeSchedule,
) {
  const before = await findTask(tx, actor, id);
  await authorizeProject(tx, actor, before.projectId, 'update_project');
  if (version === undefined) throw new PreconditionRequiredError();
  // Links to other projects disappear with the task, so reschedule what it joined before it goes.
  const joined = await listLinksOf(tx, actor.orgId, [before.projectId]);
  if (!(await deleteRow(tx, tasks, actor.orgId, id, version)))
    throw new ConflictError(`the task changed since you read it (now version ${before.version}); reload`);
  await reschedule(tx, actor.orgId, before.projectId);
  for (const projectId of new Set(
    (joined as Link[]).flatMap((link) => [link.predecessorProjectId, link.successorProjectId]),
  ))
    if (projectId !== before.projectId) await reschedule(tx, actor.orgId, projectId);
  await audit(tx, actor, 'task', id, 'delete', before, null);
}

export async function createLink(db: Database, actor: Actor, input: unknown): Promise<Link> {
  const values = parseInput(linkInput, input);
  return translateDatabaseErrors(() => db.transaction((tx) => createLinkIn(tx, actor, values)));
}

/** `createLink` inside the caller's transaction. */
export async function createLinkIn(
  tx: Queryable,
  actor: Actor,
  values: z.infer<typeof linkInput>,
  reschedule: Reschedule = recomputeSchedule,
): Promise<Link> {
  if (values.predecessorId === values.successorId)
    throw new ValidationError([{ field: 'successorId', message: 'must differ from predecessorId' }]);
  const predecessor = await findRow<Task>(tx, tasks, actor.orgId, values.predecessorId);
  if (!predecessor) throw new ValidationError([{ field: 'predecessorId', message: 'no such task' }]);
  const successor = await findRow<Task>(tx, tasks, actor.orgId, values.successorId);
  if (!successor) throw new ValidationError([{ field: 'successorId', message: 'no such task' }]);
  // The successor's plan changes; the predecessor's project only has to be visible.
  await authorizeProject(tx, actor, successor.projectId, 'update_project');
  await authorizeProject(tx, actor, predecessor.projectId, 'read');
  const id = uuidv7();
  await insertRow(tx, taskLinks, actor.orgId, id, values);
  await reschedule(tx, actor.orgId, successor.projectId);
  const created = (await findRow<Link>(tx, taskLinks, actor.orgId, id)) as Link;
  await audit(tx, actor, 'task_link', id, 'create', null, created);
  return created;
}

/** Changes a link's type or lag inside the caller's transaction; both projects are rescheduled. */
export async function updateLinkIn(
  tx: Queryable,
  actor: Actor,
  id: string,
  version: number | undefined,
  patch: { type?: Link['type']; lagMinutes?: number; lagPercent?: number | null; lagElapsed?: boolean },
  reschedule: Reschedule = recomputeSchedule,
): Promise<Link> {
  const before = await findRow<Link>(tx, taskLinks, actor.orgId, id);
  if (!before) throw new NotFoundError('link', id);
  await authorizeProject(tx, actor, before.successorProjectId, 'update_project');
  if (version === undefined) throw new PreconditionRequiredError();
  if (!(await updateRow(tx, taskLinks, actor.orgId, id, version, patch)))
    throw new ConflictError('the link changed since you read it; reload');
  await reschedule(tx, actor.orgId, before.successorProjectId);
  const after = (await findRow<Link>(tx, taskLinks, actor.orgId, id)) as Link;
  await audit(tx, actor, 'task_link', id, 'update', before, after);
  return after;
}

export async function deleteLink(db: Database, actor: Actor, id: string, version: number | undefined) {
  await translateDatabaseErrors(() => db.transaction((tx) => deleteLinkIn(tx, actor, id, version)));
}

/** `deleteLink` inside the caller's transaction. */
export async function deleteLinkIn(
  tx: Queryable,
  actor: Actor,
  id: string,
  version: number | undefined,
  reschedule: Reschedule = recomputeSchedule,
) {
  const before = await findRow<Link>(tx, taskLinks, actor.orgId, id);
  if (!before) throw new NotFoundError('link', id);
  await authorizeProject(tx, actor, before.successorProjectId, 'update_project');
  if (version === undefined) throw new PreconditionRequiredError();
  if (!(await deleteRow(tx, taskLinks, actor.orgId, id, version)))
    throw new ConflictError('the link changed since you read it; reload');
  await reschedule(tx, actor.orgId, before.successorProjectId);
  if (before.predecessorProjectId !== before.successorProjectId)
    await reschedule(tx, actor.orgId, before.predecessorProjectId);
  await audit(tx, actor, 'task_link', id, 'delete', before, null);
}

export async function getProjectSchedule(
  db: Database,
  actor: Actor,
  projectId: string,
): Promise<ProjectSchedule> {
  await authorizeProject(db, actor, projectId, 'read');
  const [settings] = await findScheduleSettings(db, actor.orgId, [projectId]);
  if (!settings) throw new NotFoundError('plan of project', projectId);
  return {
    projectId,
    calendarId: settings.calendarId,
    calendarName: settings.calendarName,
    startDate: settings.startDate,
    scheduleFromFinish: settings.scheduleFromFinish,
    finishDate: settings.finishDate,
    statusDate: settings.statusDate,
    criticalSlackMinutes: settings.criticalSlackMinutes,
    computedStart: settings.computedStart,
    computedFinish: settings.computedFinish,
    computedAt: settings.computedAt,
    taskCount: await countTasks(db, actor.orgId, projectId),
    criticalPath: await listCriticalPath(db, actor.orgId, projectId),
    version: settings.version,
  };
}

export async function updateProjectSchedule(
  db: Database,
  actor: Actor,
  projectId: string,
  version: number | undefined,
  input: unknown,
): Promise<ProjectSchedule> {
  const patch = parseInput(scheduleSettingsPatch, input);
  await translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      await authorizeProject(tx, actor, projectId, 'update_project');
      await ensurePlan(tx, actor, projectId);
      const [before] = await findScheduleSettings(tx, actor.orgId, [projectId]);
      if (version === undefined) throw new PreconditionRequiredError();
      if (!(await updateScheduleSettings(tx, actor.orgId, projectId, version, patch)))
        throw new ConflictError(
          `the plan settings changed since you read them (now version ${before.version}); reload`,
        );
      await recomputeSchedule(tx, actor.orgId, projectId);
      const [after] = await findScheduleSettings(tx, actor.orgId, [projectId]);
      await audit(tx, actor, 'project_schedule', projectId, 'update', before, after);
    }),
  );
  return getProjectSchedule(db, actor, projectId);
}

/** A program's projects on one timeline: their tasks (paged, WBS order) and every link touching them. */
export async function getProgramGantt(
  db: Database,
  actor: Actor,
  programId: string,
  page: number,
  pageSize: number,
) {
  await getProgram(db, actor, programId);
  const projectPage = await listProjects(db, actor, {
    programId,
    page: 1,
    pageSize: 500,
    order: 'asc',
    sort: 'code',
  });
  const projectIds = projectPage.items.map((project) => project.id);
  const [taskPage, links, schedules] = await Promise.all([
    listTaskTree<Task>(db, actor.orgId, projectIds, page, pageSize),
    listLinksOf(db, actor.orgId, projectIds),
    findScheduleSettings(db, actor.orgId, projectIds),
  ]);
  return {
    projects: projectPage.items.map((project) => {
      const schedule = schedules.find((s) => s.projectId === project.id);
      return {
        id: project.id,
        code: project.code,
        name: project.name,
        start: schedule?.computedStart ?? null,
        finish: schedule?.computedFinish ?? null,
      };
    }),
    tasks: { ...taskPage, page, pageSize },
    links: links as Link[],
  };
}

export async function getProjectGantt(
  db: Database,
  actor: Actor,
  projectId: string,
  page: number,
  pageSize: number,
) {
  await authorizeProject(db, actor, projectId, 'read');
  const [taskPage, links] = await Promise.all([
    listTaskTree<Task>(db, actor.orgId, [projectId], page, pageSize),
    listLinksOf(db, actor.orgId, [projectId]),
  ]);
  return { tasks: { ...taskPage, page, pageSize }, links: links as Link[] };
}
