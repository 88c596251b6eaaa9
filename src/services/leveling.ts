import type { Database, Queryable } from '../db/connection.ts';
import { definitionsWithBases } from '../db/repositories/calendars.ts';
import {
  changeLevelingRunStatus,
  findLevelingRun,
  insertLevelingRun,
  type LevelingRunDetailRow,
  type LevelingScopeType,
  levelingAssignments,
  levelingProjects,
  levelingTaskFields,
  listLevelingRuns,
  scopeProjectIds,
  writeLevelingDelays,
} from '../db/repositories/leveling.ts';
import { placementOfPortfolio, placementOfProgram } from '../db/repositories/scope.ts';
import { uuidv7 } from '../db/uuid.ts';
import type { LevelingResult, LevelingRunDetail } from '../model/leveling.ts';
import {
  type LevelingRunPageQuery,
  levelingPreviewInput,
  levelingRunPageQuery,
  levelingRunsQuery,
} from '../model/leveling.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from './errors.ts';
import { computeLevelingPreview } from './leveling-preview.ts';
import { audit, translateDatabaseErrors } from './mutation.ts';
import { loadNetwork, recomputeSchedule } from './plan-schedule.ts';
import { authorizeProject } from './planning.ts';
import { type Actor, type Capability, can } from './policy.ts';
import { parseInput } from './validate.ts';

async function authorizeScope(
  q: Queryable,
  actor: Actor,
  scopeType: LevelingScopeType,
  scopeId: string,
  capability: Capability,
) {
  if (scopeType === 'project') return authorizeProject(q, actor, scopeId, capability);
  const placement =
    scopeType === 'program'
      ? await placementOfProgram(q, actor.orgId, scopeId)
      : await placementOfPortfolio(q, actor.orgId, scopeId);
  if (!placement) throw new NotFoundError(scopeType, scopeId);
  if (!can(actor, capability, placement)) throw new ForbiddenError();
}

/** The projects of an existing scope; an unknown scope is bad input, named by its field. */
async function projectsOfScope(q: Queryable, orgId: string, scopeType: LevelingScopeType, scopeId: string) {
  const projectIds = await scopeProjectIds(q, orgId, scopeType, scopeId);
  if (!projectIds)
    throw new ValidationError([{ field: 'scopeId', message: `is not a ${scopeType} of this organization` }]);
  return projectIds;
}

const firstPage: LevelingRunPageQuery = { page: 1, pageSize: 50 };

/** A run as answered: one page of its moved tasks, without the delays kept for undo. */
async function presentRun(
  q: Queryable,
  orgId: string,
  id: string,
  { page, pageSize }: LevelingRunPageQuery = firstPage,
): Promise<LevelingRunDetail> {
  const run = await findLevelingRun(q, orgId, id, { offset: (page - 1) * pageSize, limit: pageSize });
  if (!run) throw new NotFoundError('leveling_run', id);
  const { replacedDelays: _replaced, ...rest } = run;
  return { ...rest, page, pageSize } as LevelingRunDetail;
}

/**
 * Levels a project, a program or a portfolio and stores the outcome as a preview: which tasks
 * move, by how much and why, and each project's finish before and after. Nothing in the plan
 * changes until the preview is applied. Previewing asks for the right to change every project in
 * the scope, since applying it will.
 */
export async function previewLeveling(
  db: Database,
  actor: Actor,
  input: unknown,
): Promise<LevelingRunDetail> {
  const options = parseInput(levelingPreviewInput, input);
  const { scopeType, scopeId } = options;
  // Read in one transaction, compute outside any (seconds of CPU on a large program), then store.
  const loaded = await db.transaction(async (tx) => {
    const projectIds = await projectsOfScope(tx, actor.orgId, scopeType, scopeId);
    await authorizeScope(tx, actor, scopeType, scopeId, 'update_project');
    const assignments = await levelingAssignments(tx, actor.orgId, projectIds);
    const network = assignments.length === 0 ? null : await loadNetwork(tx, actor.orgId, projectIds);
    if (!network)
      throw new ValidationError([
        { field: 'scopeId', message: `the ${scopeType} has no resource assignments to level` },
      ]);
    const calendarIds = [...new Set(assignments.flatMap((a) => (a.calendarId ? [a.calendarId] : [])))];
    const [taskFields, projects, resourceCalendars] = await Promise.all([
      levelingTaskFields(tx, actor.orgId, { projectIds: network.projectIds }),
      levelingProjects(tx, actor.orgId, network.projectIds),
      definitionsWithBases(tx, actor.orgId, calendarIds),
    ]);
    return { projectIds, assignments, network, taskFields, projects, resourceCalendars };
  });
  const result = computeLevelingPreview({
    network: loaded.network,
    resourceCalendars: loaded.resourceCalendars,
    scopeProjectIds: new Set(loaded.projectIds),
    projects: loaded.projects,
    taskFields: loaded.taskFields,
    assignments: loaded.assignments,
    options,
  });
  return translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      await authorizeScope(tx, actor, scopeType, scopeId, 'update_project');
      const id = uuidv7();
      await insertLevelingRun(tx, actor.orgId, {
        id,
        scopeType,
        scopeId,
        options: { withinSlack: options.withinSlack, schedules: options.schedules, seed: options.seed },
        result,
        createdBy: actor.userId,
      });
      const run = await presentRun(tx, actor.orgId, id);
      const { result: _result, page: _page, pageSize: _pageSize, ...summary } = run;
      await audit(tx, actor, 'leveling_run', id, 'create', null, summary);
      return run;
    }),
  );
}

export async function listLevelingRunsOf(db: Database, actor: Actor, query: unknown) {
  const { scopeType, scopeId } = parseInput(levelingRunsQuery, query);
  await projectsOfScope(db, actor.orgId, scopeType, scopeId);
  await authorizeScope(db, actor, scopeType, scopeId, 'read');
  return { items: await listLevelingRuns(db, actor.orgId, scopeType, scopeId) };
}

export async function getLevelingRun(
  db: Database,
  actor: Actor,
  id: string,
  query: unknown = {},
): Promise<LevelingRunDetail> {
  const page = parseInput(levelingRunPageQuery, query);
  const run = await presentRun(db, actor.orgId, id, page);
  await authorizeScope(db, actor, run.scopeType, run.scopeId, 'read');
  return run;
}

/** A run and the right to change its scope and every project it moves tasks in. */
async function writableRun(tx: Queryable, actor: Actor, id: string) {
  const run = await findLevelingRun(tx, actor.orgId, id);
  if (!run) throw new NotFoundError('leveling_run', id);
  await authorizeScope(tx, actor, run.scopeType, run.scopeId, 'update_project');
  const result = run.result as LevelingResult;
  for (const projectId of new Set(result.movedTasks.map((t) => t.projectId)))
    await authorizeProject(tx, actor, projectId, 'update_project');
  return { run, result };
}

async function setStatus(
  tx: Queryable,
  actor: Actor,
  run: LevelingRunDetailRow,
  to: LevelingRunDetailRow['status'],
  replacedDelays?: unknown,
  changedTasks?: number,
) {
  if (!(await changeLevelingRunStatus(tx, actor.orgId, run.id, run.status, to, replacedDelays)))
    throw new ConflictError('the leveling run changed meanwhile; reload it');
  // One entry for the whole run: the run's rows hold each task's delay before and after, and a
  // task's history lists the runs that changed it (see listAuditEntries).
  const after = changedTasks === undefined ? { status: to } : { status: to, changedTasks };
  await audit(tx, actor, 'leveling_run', run.id, 'update', { status: run.status }, after);
  return presentRun(tx, actor.orgId, run.id);
}

/** Writes new leveling delays and reschedules the projects they belong to. */
async function writeDelays(
  tx: Queryable,
  actor: Actor,
  changes: { taskId: string; projectId: string; from: number; to: number }[],
): Promise<Map<string, number>> {
  const versions = await writeLevelingDelays(
    tx,
    actor.orgId,
    changes.map((c) => ({ taskId: c.taskId, minutes: c.to })),
  );
  const rescheduled = new Set<string>();
  for (const projectId of new Set(changes.map((c) => c.projectId))) {
    if (rescheduled.has(projectId)) continue;
    for (const id of await recomputeSchedule(tx, actor.orgId, projectId)) rescheduled.add(id);
  }
  return versions;
}

function refuse(run: LevelingRunDetailRow, action: string, allowedFrom: string): never {
  throw new ConflictError(`this leveling run is ${run.status}; only ${allowedFrom} run can be ${action}`, [
    { field: 'status', message: `is ${run.status}` },
  ]);
}

/**
 * Applies a preview: writes each moved task's leveling delay (keeping the delays it replaces, for
 * undo) and reschedules, in one transaction. Refused when a moved task changed since the preview,
 * because the preview no longer describes the plan.
 */
export async function applyLevelingRun(db: Database, actor: Actor, id: string): Promise<LevelingRunDetail> {
  return translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      const { run, result } = await writableRun(tx, actor, id);
      if (run.status !== 'preview') refuse(run, 'applied', 'a preview');
      const current = new Map(
        (await levelingTaskFields(tx, actor.orgId, { taskIds: result.movedTasks.map((t) => t.taskId) })).map(
          (t) => [t.id, t],
        ),
      );
      const changes: { taskId: string; projectId: string; from: number; to: number }[] = [];
      for (const moved of result.movedTasks) {
        const now = current.get(moved.taskId);
        if (!now || now.version !== moved.version)
          throw new ConflictError(
            `"${moved.name}" changed since this preview (${now ? `now at version ${now.version}` : 'deleted'}); preview again`,
            [{ field: 'movedTasks', message: `"${moved.name}" changed since the preview` }],
          );
        if (now.levelingDelayMinutes !== moved.levelingDelayMinutes)
          changes.push({
            taskId: moved.taskId,
            projectId: moved.projectId,
            from: now.levelingDelayMinutes,
            to: moved.levelingDelayMinutes,
          });
      }
      const versions = await writeDelays(tx, actor, changes);
      const replaced = Object.fromEntries(
        changes.map((c) => [c.taskId, { minutes: c.from, version: versions.get(c.taskId) }]),
      );
      return setStatus(tx, actor, run, 'applied', replaced, changes.length);
    }),
  );
}

export async function discardLevelingRun(db: Database, actor: Actor, id: string): Promise<LevelingRunDetail> {
  return translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      const { run } = await writableRun(tx, actor, id);
      if (run.status !== 'preview') refuse(run, 'discarded', 'a preview');
      return setStatus(tx, actor, run, 'discarded');
    }),
  );
}

/**
 * Undoes an applied run: restores the leveling delays it replaced and reschedules. Refused when a
 * task it changed has changed again since, so undo never overwrites someone's later edit.
 */
export async function undoLevelingRun(db: Database, actor: Actor, id: string): Promise<LevelingRunDetail> {
  return translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      const { run, result } = await writableRun(tx, actor, id);
      if (run.status !== 'applied') refuse(run, 'undone', 'an applied');
      const replaced = run.replacedDelays ?? {};
      const byId = new Map(result.movedTasks.map((t) => [t.taskId, t]));
      const current = new Map(
        (await levelingTaskFields(tx, actor.orgId, { taskIds: Object.keys(replaced) })).map((t) => [t.id, t]),
      );
      const changes: { taskId: string; projectId: string; from: number; to: number }[] = [];
      for (const [taskId, was] of Object.entries(replaced)) {
        const now = current.get(taskId);
        const name = byId.get(taskId)?.name ?? taskId;
        if (!now || now.version !== was.version)
          throw new ConflictError(
            `"${name}" changed since the leveling was applied; undo would overwrite that change`,
            [{ field: 'movedTasks', message: `"${name}" changed since the leveling was applied` }],
          );
        changes.push({
          taskId,
          projectId: byId.get(taskId)!.projectId,
          from: now.levelingDelayMinutes,
          to: was.minutes,
        });
      }
      await writeDelays(tx, actor, changes);
      return setStatus(tx, actor, run, 'undone', undefined, changes.length);
    }),
  );
}
