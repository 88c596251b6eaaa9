import type { Database, Queryable } from '../db/connection.ts';
import {
  deleteEstimates,
  findSimulationRun,
  insertSimulationRun,
  listEstimates,
  listSimulationRuns,
  openRiskImpacts,
  programProjectIds,
  projectTaskKinds,
  upsertEstimate,
} from '../db/repositories/schedule-risk.ts';
import { placementOfProgram } from '../db/repositories/scope.ts';
import { uuidv7 } from '../db/uuid.ts';
import {
  CalendarError,
  CalendarRangeError,
  formatLocalDateTime,
  parseLocalDateTime,
} from '../engine/calendar/index.ts';
import {
  type RiskEvent,
  SimulationInputError,
  type SimulationResult,
  simulateSchedule,
} from '../engine/montecarlo/index.ts';
import { estimatesPut, simulateInput } from '../model/schedule-risk.ts';
import { ForbiddenError, NotFoundError, ValidationError } from './errors.ts';
import { audit, translateDatabaseErrors } from './mutation.ts';
import { loadNetwork, type Network, runSchedule } from './plan-schedule.ts';
import { authorizeProject } from './planning.ts';
import { type Actor, type Capability, can } from './policy.ts';
import { readableProgram } from './structure.ts';
import { parseInput } from './validate.ts';

export async function getProjectEstimates(db: Database, actor: Actor, projectId: string) {
  await authorizeProject(db, actor, projectId, 'read');
  return { items: await listEstimates(db, actor.orgId, [projectId]) };
}

/**
 * Creates or replaces the given estimates and removes those listed in `remove`, all or nothing.
 * Estimates belong to leaf tasks of the project: a summary's duration comes from its children.
 */
export async function setProjectEstimates(db: Database, actor: Actor, projectId: string, input: unknown) {
  const { estimates, remove } = parseInput(estimatesPut, input);
  return translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      await authorizeProject(tx, actor, projectId, 'manage_risks');
      const tasks = await projectTaskKinds(tx, actor.orgId, projectId);
      const errors: { field: string; message: string }[] = [];
      const seen = new Set<string>();
      estimates.forEach((e, k) => {
        const task = tasks.get(e.taskId);
        if (!task) errors.push({ field: `estimates.${k}.taskId`, message: 'is not a task of this project' });
        else if (task.summary)
          errors.push({
            field: `estimates.${k}.taskId`,
            message: `"${task.name}" is a summary task: estimate its subtasks`,
          });
        else if (seen.has(e.taskId))
          errors.push({ field: `estimates.${k}.taskId`, message: 'is listed twice' });
        seen.add(e.taskId);
      });
      remove.forEach((id, k) => {
        if (!tasks.has(id)) errors.push({ field: `remove.${k}`, message: 'is not a task of this project' });
      });
      if (errors.length > 0) throw new ValidationError(errors);
      const before = new Map((await listEstimates(tx, actor.orgId, [projectId])).map((e) => [e.taskId, e]));
      for (const e of estimates)
        await upsertEstimate(tx, actor.orgId, projectId, { ...e, id: before.get(e.taskId)?.id ?? uuidv7() });
      if (remove.length > 0) await deleteEstimates(tx, actor.orgId, remove);
      const after = await listEstimates(tx, actor.orgId, [projectId]);
      const afterByTask = new Map(after.map((e) => [e.taskId, e]));
      for (const e of estimates) {
        const was = before.get(e.taskId) ?? null;
        const now = afterByTask.get(e.taskId)!;
        await audit(tx, actor, 'task_estimate', now.id, was ? 'update' : 'create', was, now);
      }
      for (const id of remove) {
        const was = before.get(id);
        if (was) await audit(tx, actor, 'task_estimate', was.id, 'delete', was, null);
      }
      return { items: after };
    }),
  );
}

async function authorizeProgram(q: Queryable, actor: Actor, programId: string, capability: Capability) {
  const placement = await placementOfProgram(q, actor.orgId, programId);
  if (!placement) throw new NotFoundError('program', programId);
  if (!can(actor, capability, placement)) throw new ForbiddenError();
}

function riskEvents(rows: Awaited<ReturnType<typeof openRiskImpacts>>): RiskEvent[] {
  const byRisk = new Map<
    string,
    { id: string; name: string; probability: number; impacts: RiskEvent['impacts'][number][] }
  >();
  for (const row of rows) {
    let risk = byRisk.get(row.riskId);
    if (!risk) {
      risk = {
        id: row.riskId,
        name: `R-${row.reference} ${row.title}`,
        probability: row.probability,
        impacts: [],
      };
      byRisk.set(row.riskId, risk);
    }
    risk.impacts.push({
      taskId: row.taskId,
      optimistic: row.optimisticMinutes,
      mostLikely: row.likelyMinutes,
      pessimistic: row.pessimisticMinutes,
    });
  }
  return [...byRisk.values()];
}

/** Engine input errors as a ValidationError that names tasks by name. */
function simulate(network: Network, run: Parameters<typeof simulateSchedule>[0]): SimulationResult {
  const named = (message: string) =>
    message.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, (id) =>
      network.taskNames.has(id) ? `"${network.taskNames.get(id)}"` : id,
    );
  try {
    return simulateSchedule(run);
  } catch (error) {
    if (error instanceof SimulationInputError) {
      const field =
        error.where.startsWith('options') || error.where.startsWith('defaultSpread')
          ? error.field
          : error.where.replace(/\[(\d+)\].*/, '.$1');
      throw new ValidationError([{ field, message: named(error.message) }]);
    }
    if (error instanceof CalendarRangeError || error instanceof CalendarError)
      throw new ValidationError([
        { field: 'iterations', message: `the simulation cannot be computed: ${error.message}` },
      ]);
    throw error;
  }
}

/**
 * Runs a Monte Carlo simulation of a project (with the projects linked to it) or a program (all
 * its projects and their cross-project links), with the tasks' estimates, the default spread and
 * the open risks' task impacts as risk events, and stores the run.
 */
async function simulateScope(
  db: Database,
  actor: Actor,
  scopeType: 'project' | 'program',
  scopeId: string,
  input: unknown,
) {
  const options = parseInput(simulateInput, input);
  const targetDate =
    options.targetDate === null
      ? null
      : parseLocalDateTime(
          options.targetDate.length === 10 ? `${options.targetDate}T23:59` : options.targetDate,
        );
  const authorize = (q: Queryable) =>
    scopeType === 'project'
      ? authorizeProject(q, actor, scopeId, 'manage_risks')
      : authorizeProgram(q, actor, scopeId, 'manage_risks');
  // Read, then compute outside any transaction (seconds of CPU), then write and audit in one.
  const { network, estimates, risks } = await db.transaction(async (tx) => {
    await authorize(tx);
    const projectIds =
      scopeType === 'project' ? [scopeId] : await programProjectIds(tx, actor.orgId, scopeId);
    const network = await loadNetwork(tx, actor.orgId, projectIds);
    if (!network)
      throw new ValidationError([{ field: scopeType, message: 'has no scheduled tasks to simulate' }]);
    const estimates = (await listEstimates(tx, actor.orgId, network.projectIds)).map((e) => ({
      taskId: e.taskId,
      distribution: e.distribution,
      optimistic: e.optimisticMinutes,
      mostLikely: e.likelyMinutes,
      pessimistic: e.pessimisticMinutes,
    }));
    const risks = riskEvents(await openRiskImpacts(tx, actor.orgId, network.projectIds));
    return { network, estimates, risks };
  });
  // cycles and bad plans are reported as the scheduler words them
  runSchedule(network.input, network.taskNames);
  const result = simulate(network, {
    schedule: network.input,
    iterations: options.iterations,
    seed: options.seed,
    estimates,
    defaultSpread: options.defaultSpread,
    risks,
    targetDate,
    sensitivitySample: 1000,
  });
  const stored = { ...result, riskEvents: risks.length };
  const percentile = (p: number) => result.finish.percentiles.find((x) => x.p === p)!.iso;
  return translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      await authorize(tx);
      const id = uuidv7();
      await insertSimulationRun(tx, actor.orgId, {
        id,
        scopeType,
        scopeId,
        iterations: options.iterations,
        seed: options.seed,
        targetDate: targetDate === null ? null : formatLocalDateTime(targetDate),
        options,
        result: stored,
        p50Finish: percentile(50),
        p80Finish: percentile(80),
        targetProbability: result.finish.target?.probability ?? null,
        createdBy: actor.userId,
      });
      const run = await findSimulationRun(tx, actor.orgId, id);
      const { result: _result, ...summary } = run!;
      await audit(tx, actor, 'schedule_simulation', id, 'create', null, summary);
      return run!;
    }),
  );
}

export const simulateProject = (db: Database, actor: Actor, projectId: string, input: unknown) =>
  simulateScope(db, actor, 'project', projectId, input);

export const simulateProgram = (db: Database, actor: Actor, programId: string, input: unknown) =>
  simulateScope(db, actor, 'program', programId, input);

export async function getProjectRuns(db: Database, actor: Actor, projectId: string) {
  await authorizeProject(db, actor, projectId, 'read');
  return { items: await listSimulationRuns(db, actor.orgId, 'project', projectId) };
}

export async function getProgramRuns(db: Database, actor: Actor, programId: string) {
  await readableProgram(db, actor, programId);
  return { items: await listSimulationRuns(db, actor.orgId, 'program', programId) };
}

/** One stored run with its options and result; readable by whoever may read its project or program. */
export async function getSimulationRun(db: Database, actor: Actor, id: string) {
  const run = await findSimulationRun(db, actor.orgId, id);
  if (!run) throw new NotFoundError('schedule_simulation', id);
  if (run.scopeType === 'project') await authorizeProject(db, actor, run.projectId!, 'read');
  else await readableProgram(db, actor, run.programId!);
  return run;
}
