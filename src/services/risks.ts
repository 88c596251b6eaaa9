import type { Database, Queryable } from '../db/connection.ts';
import { isItemWithin } from '../db/repositories/escalations.ts';
import {
  countRisksByCell,
  itemOfPortfolio,
  itemOfProgram,
  itemOfProject,
  itemWithin,
  listRiskTasks,
  nextReference,
  projectsOfTasks,
  replaceRiskProjects,
  replaceRiskTasks,
  riskCategories,
  risks,
} from '../db/repositories/risks.ts';
import { findRow, listRows, type SqlParams, updateRow } from '../db/sql.ts';
import type { ListQuery, Page } from '../model/common.ts';
import {
  type HeatMap,
  type Risk,
  type RiskCategory,
  type RiskFilters,
  type RiskTask,
  riskCategoryInput,
  riskCategoryPatch,
  riskInput,
  riskPatch,
  riskTasksInput,
  strategiesFor,
} from '../model/risk.ts';
import {
  ConflictError,
  type FieldError,
  ForbiddenError,
  NotFoundError,
  PreconditionRequiredError,
  ValidationError,
} from './errors.ts';
import { applyEscalationRules, chainOfLevel, type Level, requireAtLevel } from './escalation.ts';
import { audit, createAudited, deleteAudited, translateDatabaseErrors, updateAudited } from './mutation.ts';
import { notify } from './notifications.ts';
import { type Actor, can, organizationChain, visibility } from './policy.ts';
import { assess, loadMatrix } from './risk-matrix.ts';
import { parseInput } from './validate.ts';

const assessmentFields = [
  'probability',
  'impactSchedule',
  'impactCost',
  'impactScope',
  'impactQuality',
  'residualProbability',
  'residualImpactSchedule',
  'residualImpactCost',
  'residualImpactScope',
  'residualImpactQuality',
] as const;

type Assessable = Pick<Risk, (typeof assessmentFields)[number]>;

/** The computed levels and scores of an assessment, inherent and residual, on the organization's matrix. */
async function scoresOf(q: Queryable, orgId: string, risk: Assessable) {
  const matrix = await loadMatrix(q, orgId);
  const inherent = assess(matrix, {
    probability: risk.probability,
    impacts: {
      impactSchedule: risk.impactSchedule,
      impactCost: risk.impactCost,
      impactScope: risk.impactScope,
      impactQuality: risk.impactQuality,
    },
  });
  const residualImpacts = {
    residualImpactSchedule: risk.residualImpactSchedule,
    residualImpactCost: risk.residualImpactCost,
    residualImpactScope: risk.residualImpactScope,
    residualImpactQuality: risk.residualImpactQuality,
  };
  const givenResidualImpact = Object.values(residualImpacts).some((value) => value !== null);
  if (risk.residualProbability === null) {
    if (givenResidualImpact)
      throw new ValidationError([
        { field: 'residualProbability', message: 'is required with residual impacts' },
      ]);
    return { ...inherent, residualProbabilityLevel: null, residualImpactLevel: null, residualScore: null };
  }
  // An impact left out of the residual assessment is taken as unchanged by the response.
  const residual = assess(matrix, {
    probability: risk.residualProbability,
    impacts: {
      residualImpactSchedule: risk.residualImpactSchedule ?? risk.impactSchedule,
      residualImpactCost: risk.residualImpactCost ?? risk.impactCost,
      residualImpactScope: risk.residualImpactScope ?? risk.impactScope,
      residualImpactQuality: risk.residualImpactQuality ?? risk.impactQuality,
    },
  });
  return {
    ...inherent,
    residualProbabilityLevel: residual.probabilityLevel,
    residualImpactLevel: residual.impactLevel,
    residualScore: residual.score,
  };
}

function checkStrategy(kind: Risk['kind'], strategy: string | null): void {
  if (strategy !== null && !strategiesFor(kind).includes(strategy))
    throw new ValidationError([
      { field: 'strategy', message: `must be one of ${strategiesFor(kind).join(', ')} for a ${kind}` },
    ]);
}

function checkLevelShape(level: Level): void {
  if (level.scopeType === 'organization' && level.scopeId !== null)
    throw new ValidationError([{ field: 'scopeId', message: 'must be null at the organization level' }]);
  if (level.scopeType !== 'organization' && level.scopeId === null)
    throw new ValidationError([{ field: 'scopeId', message: `is required at the ${level.scopeType} level` }]);
}

/** Linked projects must exist and be ones the actor manages risks in. */
async function checkLinkedProjects(q: Queryable, actor: Actor, projectIds: readonly string[]): Promise<void> {
  const errors: FieldError[] = [];
  for (const [index, projectId] of projectIds.entries()) {
    const chain = await chainOfLevel(q, actor.orgId, { scopeType: 'project', scopeId: projectId });
    if (!chain) errors.push({ field: `projectIds.${index}`, message: 'does not exist in this organization' });
    else if (!can(actor, 'manage_risks', chain)) throw new ForbiddenError();
  }
  if (errors.length > 0) throw new ValidationError(errors);
}

/** Who may change a risk: whoever manages risks at its current level or where it was raised. */
async function requireRiskManager(q: Queryable, actor: Actor, risk: Risk): Promise<void> {
  const current = await chainOfLevel(q, actor.orgId, risk);
  const origin = await chainOfLevel(q, actor.orgId, {
    scopeType: risk.originScopeType,
    scopeId: risk.originScopeId,
  });
  if ((current && can(actor, 'manage_risks', current)) || (origin && can(actor, 'manage_risks', origin)))
    return;
  throw new ForbiddenError();
}

const ownerMessage = (risk: Pick<Risk, 'reference' | 'title'>) =>
  `You own risk R-${risk.reference} ${risk.title}`;

export async function createRisk(db: Database, actor: Actor, input: unknown): Promise<Risk> {
  const values = parseInput(riskInput, input);
  const level: Level = { scopeType: values.scopeType, scopeId: values.scopeId };
  checkLevelShape(level);
  checkStrategy(values.kind, values.strategy);
  const projectIds = [
    ...new Set([...(level.scopeType === 'project' ? [level.scopeId as string] : []), ...values.projectIds]),
  ];
  const row: Record<string, unknown> = {
    ...values,
    originScopeType: values.scopeType,
    originScopeId: values.scopeId,
  };
  return createAudited<Risk>(
    db,
    actor,
    'risk',
    risks,
    row,
    async (tx) => {
      await requireAtLevel(tx, actor, level, 'manage_risks');
      await checkLinkedProjects(tx, actor, values.projectIds);
      Object.assign(row, await scoresOf(tx, actor.orgId, values), {
        reference: await nextReference(tx, 'risks', actor.orgId),
      });
    },
    async (tx, id) => {
      await replaceRiskProjects(tx, actor.orgId, id, projectIds);
      await notify(
        tx,
        actor,
        [values.ownerId],
        'assignment',
        { type: 'risk', id },
        ownerMessage(row as Risk),
      );
      await applyEscalationRules(tx, actor, 'risk', id, new Date());
    },
  );
}

/**
 * Changes a risk, re-scores it on the matrix, then applies the escalation rules, all in one
 * transaction with the audit entries.
 */
export async function updateRisk(
  db: Database,
  actor: Actor,
  id: string,
  expectedVersion: number | undefined,
  input: unknown,
): Promise<Risk> {
  const patch = parseInput(riskPatch, input);
  return translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      const before = await findRow<Risk>(tx, risks, actor.orgId, id);
      if (!before) throw new NotFoundError('risk', id);
      await requireRiskManager(tx, actor, before);
      if (expectedVersion === undefined) throw new PreconditionRequiredError();
      const merged = { ...before, ...stripUndefined(patch) } as Risk;
      checkStrategy(merged.kind, merged.strategy);
      const row: Record<string, unknown> = { ...patch, ...(await scoresOf(tx, actor.orgId, merged)) };
      if (patch.projectIds !== undefined) {
        await checkLinkedProjects(tx, actor, patch.projectIds);
        const own = before.originScopeType === 'project' ? [before.originScopeId as string] : [];
        await replaceRiskProjects(tx, actor.orgId, id, [...new Set([...own, ...patch.projectIds])]);
      }
      if (!(await updateRow(tx, risks, actor.orgId, id, expectedVersion, row)))
        throw new ConflictError(
          `the record changed since you read it (it is now at version ${before.version}); reload and try again`,
        );
      const after = (await findRow<Risk>(tx, risks, actor.orgId, id)) as Risk;
      await audit(tx, actor, 'risk', id, 'update', before, after);
      if (after.ownerId !== before.ownerId)
        await notify(tx, actor, [after.ownerId], 'assignment', { type: 'risk', id }, ownerMessage(after));
      if ((await applyEscalationRules(tx, actor, 'risk', id, new Date())) > 0)
        return (await findRow<Risk>(tx, risks, actor.orgId, id)) as Risk;
      return after;
    }),
  );
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export async function deleteRisk(db: Database, actor: Actor, id: string, version: number | undefined) {
  return deleteAudited<Risk>(db, actor, 'risk', risks, id, version, (tx, before) =>
    requireRiskManager(tx, actor, before),
  );
}

/** A risk the actor may read, by the same predicate the register filters with. */
export async function readableRisk(q: Queryable, actor: Actor, id: string): Promise<Risk> {
  const risk = await findRow<Risk>(q, risks, actor.orgId, id);
  if (!risk) throw new NotFoundError('risk', id);
  const seen = visibility(actor);
  if (!seen.all && !(await isItemWithin(q, 'risks', actor.orgId, id, seen))) throw new ForbiddenError();
  return risk;
}

export const getRisk = (db: Database, actor: Actor, id: string) => readableRisk(db, actor, id);

/** The register's filters as one SQL predicate, visibility included; the heat map uses the same. */
function riskWhere(actor: Actor, filters: RiskFilters) {
  const seen = visibility(actor);
  return (params: SqlParams): string | null => {
    const conditions: string[] = [];
    if (!seen.all) conditions.push(itemWithin('t', params, actor.orgId, seen, true));
    if (filters.projectId) conditions.push(itemOfProject('t', params, filters.projectId, true));
    if (filters.programId) conditions.push(itemOfProgram('t', params, filters.programId, true));
    if (filters.portfolioId) conditions.push(itemOfPortfolio('t', params, filters.portfolioId));
    if (filters.minScore !== undefined) conditions.push(`t.score >= ${params.add(filters.minScore)}`);
    if (filters.escalated)
      conditions.push(`t.escalation_level ${filters.escalated === 'true' ? '>' : '='} 0`);
    const residual = filters.residual === 'true';
    if (filters.probabilityLevel !== undefined)
      conditions.push(
        `t.${residual ? 'residual_probability_level' : 'probability_level'} = ${params.add(filters.probabilityLevel)}`,
      );
    if (filters.impactLevel !== undefined)
      conditions.push(
        `t.${residual ? 'residual_impact_level' : 'impact_level'} = ${params.add(filters.impactLevel)}`,
      );
    return conditions.length > 0 ? conditions.join(' AND ') : null;
  };
}

const equalsOf = (filters: RiskFilters) => ({
  scopeType: filters.scopeType,
  scopeId: filters.scopeId,
  status: filters.status,
  kind: filters.kind,
  categoryId: filters.categoryId,
  ownerId: filters.ownerId,
});

export async function listRisks(
  db: Database,
  actor: Actor,
  query: ListQuery & RiskFilters,
): Promise<Page<Risk>> {
  const page = await listRows<Risk>(db, risks, actor.orgId, {
    ...query,
    sort: query.sort ?? 'score',
    order: query.sort ? query.order : 'desc',
    equals: equalsOf(query),
    where: riskWhere(actor, query),
  });
  return { ...page, page: query.page, pageSize: query.pageSize };
}

/** Counts per matrix cell under the register's filters (a cell's list is the register filtered by its levels). */
export async function riskHeatMap(db: Database, actor: Actor, filters: RiskFilters): Promise<HeatMap> {
  const matrix = await loadMatrix(db, actor.orgId);
  const residual = filters.residual === 'true';
  const where = riskWhere(actor, { ...filters, probabilityLevel: undefined, impactLevel: undefined });
  const equals = equalsOf(filters);
  const counts = await countRisksByCell(db, actor.orgId, residual, (params) => {
    const conditions = Object.entries(equals)
      .filter(([, value]) => value !== undefined)
      .map(([field, value]) => `t.${risks.columns[field]} = ${params.add(value)}`);
    const extra = where(params);
    if (extra) conditions.push(extra);
    return conditions.length > 0 ? conditions.join(' AND ') : null;
  });
  const cells = matrix.probabilityLevels.map((_, p) =>
    matrix.impactLevels.map((_, i) => ({
      count: counts.find((c) => c.p === p + 1 && c.i === i + 1)?.count ?? 0,
      score: matrix.scores[p][i],
      band: matrix.bands[p][i],
    })),
  );
  return {
    residual,
    probabilityLevels: matrix.probabilityLevels,
    impactLevels: matrix.impactLevels,
    cells,
    total: counts.reduce((sum, c) => sum + c.count, 0),
  };
}

// Affected tasks: the quantified schedule impact the Monte Carlo simulation reads.

export async function getRiskTasks(db: Database, actor: Actor, riskId: string): Promise<RiskTask[]> {
  await readableRisk(db, actor, riskId);
  return listRiskTasks(db, actor.orgId, riskId);
}

/** Replaces the tasks a risk delays (or, for an opportunity, shortens) with their three-point impact. */
export async function setRiskTasks(
  db: Database,
  actor: Actor,
  riskId: string,
  input: unknown,
): Promise<RiskTask[]> {
  const { tasks } = parseInput(riskTasksInput, input);
  const errors: FieldError[] = [];
  tasks.forEach((task, index) => {
    if (task.impactOptimisticMinutes > task.impactLikelyMinutes)
      errors.push({
        field: `tasks.${index}.impactOptimisticMinutes`,
        message: 'must not exceed the likely impact',
      });
    if (task.impactLikelyMinutes > task.impactPessimisticMinutes)
      errors.push({
        field: `tasks.${index}.impactPessimisticMinutes`,
        message: 'must not be below the likely impact',
      });
    if (tasks.findIndex((other) => other.taskId === task.taskId) !== index)
      errors.push({ field: `tasks.${index}.taskId`, message: 'is listed twice' });
  });
  if (errors.length > 0) throw new ValidationError(errors);
  return translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      const risk = await findRow<Risk>(tx, risks, actor.orgId, riskId);
      if (!risk) throw new NotFoundError('risk', riskId);
      await requireRiskManager(tx, actor, risk);
      const found = new Map(
        (
          await projectsOfTasks(
            tx,
            actor.orgId,
            tasks.map((t) => t.taskId),
          )
        ).map((t) => [t.id, t.projectId]),
      );
      tasks.forEach((task, index) => {
        const projectId = found.get(task.taskId);
        if (!projectId)
          errors.push({ field: `tasks.${index}.taskId`, message: 'does not exist in this organization' });
        else if (!risk.projectIds.includes(projectId))
          errors.push({
            field: `tasks.${index}.taskId`,
            message: 'is not in a project this risk is linked to',
          });
      });
      if (errors.length > 0) throw new ValidationError(errors);
      const before = await listRiskTasks(tx, actor.orgId, riskId);
      await replaceRiskTasks(tx, actor.orgId, riskId, tasks);
      const after = await listRiskTasks(tx, actor.orgId, riskId);
      await audit(tx, actor, 'risk', riskId, 'update', { tasks: before }, { tasks: after });
      return after;
    }),
  );
}

// The risk breakdown structure.

export async function listRiskCategories(
  db: Database,
  actor: Actor,
  query: ListQuery,
): Promise<Page<RiskCategory>> {
  const page = await listRows<RiskCategory>(db, riskCategories, actor.orgId, {
    ...query,
    pageSize: query.pageSize,
  });
  return { ...page, page: query.page, pageSize: query.pageSize };
}

export async function getRiskCategory(db: Database, actor: Actor, id: string): Promise<RiskCategory> {
  const category = await findRow<RiskCategory>(db, riskCategories, actor.orgId, id);
  if (!category) throw new NotFoundError('risk category', id);
  return category;
}

export async function createRiskCategory(db: Database, actor: Actor, input: unknown): Promise<RiskCategory> {
  const values = parseInput(riskCategoryInput, input);
  return createAudited<RiskCategory>(db, actor, 'risk_category', riskCategories, values, async () => {
    if (!can(actor, 'manage_org', organizationChain)) throw new ForbiddenError();
  });
}

export async function updateRiskCategory(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
  input: unknown,
): Promise<RiskCategory> {
  const patch = parseInput(riskCategoryPatch, input);
  return updateAudited<RiskCategory>(
    db,
    actor,
    'risk_category',
    riskCategories,
    id,
    version,
    patch,
    async () => {
      if (!can(actor, 'manage_org', organizationChain)) throw new ForbiddenError();
      if (patch.parentId === id)
        throw new ValidationError([{ field: 'parentId', message: 'cannot be the category itself' }]);
    },
  );
}

/** A category still used by risks or holding sub-categories is refused (409), by its foreign keys. */
export async function deleteRiskCategory(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
) {
  return deleteAudited<RiskCategory>(db, actor, 'risk_category', riskCategories, id, version, async () => {
    if (!can(actor, 'manage_org', organizationChain)) throw new ForbiddenError();
  });
}
