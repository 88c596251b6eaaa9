import type { Queryable } from '../connection.ts';
import { isoDate, isoTimestamp, SqlParams, type TableSpec, versionColumns } from '../sql.ts';
import { uuidv7 } from '../uuid.ts';
import { portfolioWithin, programWithin, projectWithin, type ScopeIds } from './scope.ts';

/** The display name of a level's scope: the organization, a unit, a portfolio, a program or a project (code and name). */
export const scopeNameSql = (
  typeColumn: string,
  idColumn: string,
  orgColumn = 't.org_id',
) => `CASE ${typeColumn}
    WHEN 'organization' THEN (SELECT o.name FROM organizations o WHERE o.id = ${orgColumn})
    WHEN 'business_unit' THEN (SELECT x.name FROM business_units x WHERE x.org_id = ${orgColumn} AND x.id = ${idColumn})
    WHEN 'portfolio' THEN (SELECT x.name FROM portfolios x WHERE x.org_id = ${orgColumn} AND x.id = ${idColumn})
    WHEN 'program' THEN (SELECT x.name FROM programs x WHERE x.org_id = ${orgColumn} AND x.id = ${idColumn})
    WHEN 'project' THEN (SELECT x.code || ' ' || x.name FROM projects x WHERE x.org_id = ${orgColumn} AND x.id = ${idColumn})
  END`;

const levelColumns = `t.scope_type AS "scopeType", t.scope_id AS "scopeId", ${scopeNameSql('t.scope_type', 't.scope_id')} AS "scopeName",
  t.origin_scope_type AS "originScopeType", t.origin_scope_id AS "originScopeId",
  ${scopeNameSql('t.origin_scope_type', 't.origin_scope_id')} AS "originScopeName",
  t.escalation_level AS "escalationLevel", ${isoTimestamp('t.escalated_at')} AS "escalatedAt"`;

export const risks: TableSpec = {
  table: 'risks',
  columns: {
    reference: 'reference',
    kind: 'kind',
    scopeType: 'scope_type',
    scopeId: 'scope_id',
    originScopeType: 'origin_scope_type',
    originScopeId: 'origin_scope_id',
    title: 'title',
    cause: 'cause',
    event: 'event',
    effect: 'effect',
    categoryId: 'category_id',
    probability: 'probability',
    impactSchedule: 'impact_schedule',
    impactCost: 'impact_cost',
    impactScope: 'impact_scope',
    impactQuality: 'impact_quality',
    probabilityLevel: 'probability_level',
    impactLevel: 'impact_level',
    score: 'score',
    residualProbability: 'residual_probability',
    residualImpactSchedule: 'residual_impact_schedule',
    residualImpactCost: 'residual_impact_cost',
    residualImpactScope: 'residual_impact_scope',
    residualImpactQuality: 'residual_impact_quality',
    residualProbabilityLevel: 'residual_probability_level',
    residualImpactLevel: 'residual_impact_level',
    residualScore: 'residual_score',
    proximity: 'proximity',
    trigger: 'trigger',
    ownerId: 'owner_id',
    strategy: 'strategy',
    status: 'status',
    escalationLevel: 'escalation_level',
  },
  select: `SELECT ${versionColumns}, t.reference, t.kind, ${levelColumns},
      t.title, t.cause, t.event, t.effect, t.category_id AS "categoryId", c.code || ' ' || c.name AS "categoryName",
      t.probability::float8 AS probability, t.impact_schedule AS "impactSchedule", t.impact_cost AS "impactCost",
      t.impact_scope AS "impactScope", t.impact_quality AS "impactQuality",
      t.probability_level AS "probabilityLevel", t.impact_level AS "impactLevel", t.score,
      m.bands -> (t.probability_level - 1) ->> (t.impact_level - 1) AS band,
      t.residual_probability::float8 AS "residualProbability", t.residual_impact_schedule AS "residualImpactSchedule",
      t.residual_impact_cost AS "residualImpactCost", t.residual_impact_scope AS "residualImpactScope",
      t.residual_impact_quality AS "residualImpactQuality", t.residual_probability_level AS "residualProbabilityLevel",
      t.residual_impact_level AS "residualImpactLevel", t.residual_score AS "residualScore",
      ${isoDate('t.proximity')} AS proximity, t.trigger, t.owner_id AS "ownerId", u.name AS "ownerName",
      t.strategy, t.status,
      ARRAY(SELECT p.id::text FROM risk_projects rp JOIN projects p ON p.org_id = rp.org_id AND p.id = rp.project_id
            WHERE rp.org_id = t.org_id AND rp.risk_id = t.id ORDER BY p.code) AS "projectIds",
      ARRAY(SELECT p.code || ' ' || p.name FROM risk_projects rp JOIN projects p ON p.org_id = rp.org_id AND p.id = rp.project_id
            WHERE rp.org_id = t.org_id AND rp.risk_id = t.id ORDER BY p.code) AS "projectNames"
    FROM risks t
    LEFT JOIN users u ON u.org_id = t.org_id AND u.id = t.owner_id
    LEFT JOIN risk_categories c ON c.org_id = t.org_id AND c.id = t.category_id
    LEFT JOIN risk_matrices m ON m.org_id = t.org_id`,
  sortable: {
    score: 't.score',
    reference: 't.reference',
    title: 't.title',
    residualScore: 't.residual_score',
    proximity: 't.proximity',
    status: 't.status',
    createdAt: 't.created_at',
  },
  searchable: ['t.title', 't.cause', 't.event', 't.effect'],
};

export const issues: TableSpec = {
  table: 'issues',
  columns: {
    reference: 'reference',
    scopeType: 'scope_type',
    scopeId: 'scope_id',
    originScopeType: 'origin_scope_type',
    originScopeId: 'origin_scope_id',
    title: 'title',
    description: 'description',
    priority: 'priority',
    ownerId: 'owner_id',
    dueDate: 'due_date',
    status: 'status',
    resolution: 'resolution',
    riskId: 'risk_id',
  },
  select: `SELECT ${versionColumns}, t.reference, ${levelColumns}, t.title, t.description, t.priority,
      t.owner_id AS "ownerId", u.name AS "ownerName", ${isoDate('t.due_date')} AS "dueDate", t.status, t.resolution,
      t.risk_id AS "riskId", r.title AS "riskTitle"
    FROM issues t
    LEFT JOIN users u ON u.org_id = t.org_id AND u.id = t.owner_id
    LEFT JOIN risks r ON r.org_id = t.org_id AND r.id = t.risk_id`,
  sortable: {
    priority: `CASE t.priority WHEN 'critical' THEN 4 WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END`,
    reference: 't.reference',
    title: 't.title',
    dueDate: 't.due_date',
    status: 't.status',
    createdAt: 't.created_at',
  },
  searchable: ['t.title', 't.description', 't.resolution'],
};

export const riskActions: TableSpec = {
  table: 'risk_actions',
  columns: {
    riskId: 'risk_id',
    title: 'title',
    description: 'description',
    ownerId: 'owner_id',
    dueDate: 'due_date',
    status: 'status',
    doneDate: 'done_date',
    overdueNotifiedAt: 'overdue_notified_at',
  },
  select: `SELECT ${versionColumns}, t.risk_id AS "riskId", t.title, t.description, t.owner_id AS "ownerId",
      u.name AS "ownerName", ${isoDate('t.due_date')} AS "dueDate", t.status, ${isoDate('t.done_date')} AS "doneDate",
      coalesce(t.status IN ('planned', 'in_progress') AND t.due_date < current_date, false) AS overdue
    FROM risk_actions t LEFT JOIN users u ON u.org_id = t.org_id AND u.id = t.owner_id`,
  sortable: { dueDate: 't.due_date', title: 't.title', createdAt: 't.created_at' },
  searchable: ['t.title'],
};

export const riskCategories: TableSpec = {
  table: 'risk_categories',
  columns: { code: 'code', name: 'name', description: 'description', parentId: 'parent_id' },
  select: `SELECT ${versionColumns}, t.code, t.name, t.description, t.parent_id AS "parentId" FROM risk_categories t`,
  sortable: { code: 't.code', name: 't.name' },
  searchable: ['t.code', 't.name'],
};

export const escalationRules: TableSpec = {
  table: 'escalation_rules',
  columns: {
    name: 'name',
    kind: 'kind',
    minScore: 'min_score',
    overdueDays: 'overdue_days',
    fromLevel: 'from_level',
    enabled: 'enabled',
  },
  select: `SELECT ${versionColumns}, t.name, t.kind, t.min_score AS "minScore", t.overdue_days AS "overdueDays",
      t.from_level AS "fromLevel", t.enabled FROM escalation_rules t`,
  sortable: { name: 't.name', createdAt: 't.created_at' },
  searchable: ['t.name'],
};

const descendantUnits = (params: SqlParams, orgId: string, ids: string[]) =>
  `(WITH RECURSIVE d(id) AS (
      SELECT id FROM business_units WHERE org_id = ${params.add(orgId)} AND id = ANY(${params.add(ids)}::uuid[])
      UNION SELECT b.id FROM business_units b JOIN d ON b.parent_id = d.id WHERE b.org_id = ${params.add(orgId)})
    SELECT id FROM d)`;

/** SQL predicate: the level (type, id columns) is one the reader sees. The organization level is seen only by all-seeing readers, handled before. */
function levelWithin(type: string, id: string, params: SqlParams, orgId: string, scope: ScopeIds): string {
  const org = params.add(orgId);
  return `((${type} = 'project' AND EXISTS (SELECT 1 FROM projects p WHERE p.org_id = ${org} AND p.id = ${id}
        AND ${projectWithin('p', params, orgId, scope)}))
    OR (${type} = 'program' AND EXISTS (SELECT 1 FROM programs g WHERE g.org_id = ${org} AND g.id = ${id}
        AND ${programWithin('g', params, orgId, scope)}))
    OR (${type} = 'portfolio' AND EXISTS (SELECT 1 FROM portfolios f WHERE f.org_id = ${org} AND f.id = ${id}
        AND ${portfolioWithin('f', params, orgId, scope)}))
    OR (${type} = 'business_unit' AND ${id} IN ${descendantUnits(params, orgId, scope.businessUnitIds)}))`;
}

/**
 * SQL predicate: the risk or issue aliased `alias` is one the reader sees: at a level they see now or
 * where it was raised, or (risks) linked to a project they see.
 */
export function itemWithin(
  alias: string,
  params: SqlParams,
  orgId: string,
  scope: ScopeIds,
  linkedProjects: boolean,
): string {
  const linked = linkedProjects
    ? `OR EXISTS (SELECT 1 FROM risk_projects rp JOIN projects p ON p.org_id = rp.org_id AND p.id = rp.project_id
         WHERE rp.org_id = ${alias}.org_id AND rp.risk_id = ${alias}.id AND ${projectWithin('p', params, orgId, scope)})`
    : '';
  return `(${levelWithin(`${alias}.scope_type`, `${alias}.scope_id`, params, orgId, scope)}
    OR ${levelWithin(`${alias}.origin_scope_type`, `${alias}.origin_scope_id`, params, orgId, scope)} ${linked})`;
}

/** SQL predicate: the item belongs to a project: raised there, at it now, or (risks) linked to it. */
export function itemOfProject(alias: string, params: SqlParams, projectId: string, linkedProjects: boolean) {
  const id = params.add(projectId);
  const linked = linkedProjects
    ? `OR EXISTS (SELECT 1 FROM risk_projects rp WHERE rp.org_id = ${alias}.org_id AND rp.risk_id = ${alias}.id AND rp.project_id = ${id})`
    : '';
  return `((${alias}.scope_type = 'project' AND ${alias}.scope_id = ${id})
    OR (${alias}.origin_scope_type = 'project' AND ${alias}.origin_scope_id = ${id}) ${linked})`;
}

/** SQL predicate: the item belongs to a program: at or from it, or belonging to one of its projects. */
export function itemOfProgram(alias: string, params: SqlParams, programId: string, linkedProjects: boolean) {
  const id = params.add(programId);
  const inProgram = (type: string, scopeId: string) =>
    `(${type} = 'program' AND ${scopeId} = ${id})
     OR (${type} = 'project' AND ${scopeId} IN (SELECT p.id FROM projects p WHERE p.org_id = ${alias}.org_id AND p.program_id = ${id}))`;
  const linked = linkedProjects
    ? `OR EXISTS (SELECT 1 FROM risk_projects rp JOIN projects p ON p.org_id = rp.org_id AND p.id = rp.project_id
         WHERE rp.org_id = ${alias}.org_id AND rp.risk_id = ${alias}.id AND p.program_id = ${id})`
    : '';
  return `(${inProgram(`${alias}.scope_type`, `${alias}.scope_id`)}
    OR ${inProgram(`${alias}.origin_scope_type`, `${alias}.origin_scope_id`)} ${linked})`;
}

export function itemOfPortfolio(alias: string, params: SqlParams, portfolioId: string) {
  const id = params.add(portfolioId);
  const inPortfolio = (type: string, scopeId: string) =>
    `(${type} = 'portfolio' AND ${scopeId} = ${id})
     OR (${type} = 'program' AND ${scopeId} IN (SELECT g.id FROM programs g WHERE g.org_id = ${alias}.org_id AND g.portfolio_id = ${id}))
     OR (${type} = 'project' AND ${scopeId} IN (SELECT p.id FROM projects p WHERE p.org_id = ${alias}.org_id AND p.portfolio_id = ${id}))`;
  return `(${inPortfolio(`${alias}.scope_type`, `${alias}.scope_id`)} OR ${inPortfolio(`${alias}.origin_scope_type`, `${alias}.origin_scope_id`)})`;
}

export async function nextReference(q: Queryable, table: 'risks' | 'issues', orgId: string): Promise<number> {
  // Serializes numbering per organization within the transaction.
  await q.query('SELECT pg_advisory_xact_lock(hashtext($1 || $2))', [table, orgId]);
  const rows = await q.query<{ next: number }>(
    `SELECT coalesce(max(reference), 0) + 1 AS next FROM ${table} WHERE org_id = $1`,
    [orgId],
  );
  return rows[0].next;
}

// The matrix.

export interface StoredMatrix {
  probabilityLevels: Array<{ level: number; label: string; upTo: number }>;
  impactLevels: Array<{ level: number; label: string }>;
  scores: number[][];
  bands: Array<Array<'green' | 'amber' | 'red'>>;
  version: number;
}

export async function findMatrix(q: Queryable, orgId: string): Promise<StoredMatrix | null> {
  const rows = await q.query<StoredMatrix>(
    `SELECT probability_levels AS "probabilityLevels", impact_levels AS "impactLevels", scores, bands, version
     FROM risk_matrices WHERE org_id = $1`,
    [orgId],
  );
  return rows[0] ?? null;
}

export async function insertMatrixIfMissing(
  q: Queryable,
  orgId: string,
  matrix: Omit<StoredMatrix, 'version'>,
): Promise<void> {
  await q.query(
    `INSERT INTO risk_matrices (org_id, id, probability_levels, impact_levels, scores, bands)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (org_id) DO NOTHING`,
    [
      orgId,
      uuidv7(),
      JSON.stringify(matrix.probabilityLevels),
      JSON.stringify(matrix.impactLevels),
      JSON.stringify(matrix.scores),
      JSON.stringify(matrix.bands),
    ],
  );
}

export async function updateMatrix(
  q: Queryable,
  orgId: string,
  version: number,
  matrix: Omit<StoredMatrix, 'version'>,
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE risk_matrices SET probability_levels = $3, impact_levels = $4, scores = $5, bands = $6,
       version = version + 1, updated_at = now()
     WHERE org_id = $1 AND version = $2 RETURNING id`,
    [
      orgId,
      version,
      JSON.stringify(matrix.probabilityLevels),
      JSON.stringify(matrix.impactLevels),
      JSON.stringify(matrix.scores),
      JSON.stringify(matrix.bands),
    ],
  );
  return rows.length === 1;
}

// Linked projects and affected tasks.

export async function replaceRiskProjects(q: Queryable, orgId: string, riskId: string, projectIds: string[]) {
  await q.query('DELETE FROM risk_projects WHERE org_id = $1 AND risk_id = $2', [orgId, riskId]);
  if (projectIds.length > 0)
    await q.query(
      `INSERT INTO risk_projects (org_id, risk_id, project_id)
       SELECT $1, $2, unnest($3::uuid[]) ON CONFLICT DO NOTHING`,
      [orgId, riskId, projectIds],
    );
}

export async function listRiskTasks(q: Queryable, orgId: string, riskId: string) {
  return q.query<{
    taskId: string;
    taskName: string;
    projectId: string;
    projectCode: string;
    impactOptimisticMinutes: number;
    impactLikelyMinutes: number;
    impactPessimisticMinutes: number;
  }>(
    `SELECT rt.task_id AS "taskId", k.name AS "taskName", k.project_id AS "projectId", p.code AS "projectCode",
       rt.impact_optimistic_minutes AS "impactOptimisticMinutes", rt.impact_likely_minutes AS "impactLikelyMinutes",
       rt.impact_pessimistic_minutes AS "impactPessimisticMinutes"
     FROM risk_tasks rt
     JOIN tasks k ON k.org_id = rt.org_id AND k.id = rt.task_id
     JOIN projects p ON p.org_id = k.org_id AND p.id = k.project_id
     WHERE rt.org_id = $1 AND rt.risk_id = $2 ORDER BY p.code, k.wbs_code, k.position`,
    [orgId, riskId],
  );
}

export async function replaceRiskTasks(
  q: Queryable,
  orgId: string,
  riskId: string,
  tasks: Array<{
    taskId: string;
    impactOptimisticMinutes: number;
    impactLikelyMinutes: number;
    impactPessimisticMinutes: number;
  }>,
) {
  await q.query('DELETE FROM risk_tasks WHERE org_id = $1 AND risk_id = $2', [orgId, riskId]);
  for (const task of tasks)
    await q.query(
      `INSERT INTO risk_tasks (org_id, risk_id, task_id, impact_optimistic_minutes, impact_likely_minutes, impact_pessimistic_minutes)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        orgId,
        riskId,
        task.taskId,
        task.impactOptimisticMinutes,
        task.impactLikelyMinutes,
        task.impactPessimisticMinutes,
      ],
    );
}

/** The projects of tasks, to check a risk's task impacts stay within projects the risk is linked to. */
export async function projectsOfTasks(q: Queryable, orgId: string, taskIds: string[]) {
  return q.query<{ id: string; projectId: string }>(
    'SELECT id, project_id AS "projectId" FROM tasks WHERE org_id = $1 AND id = ANY($2::uuid[])',
    [orgId, taskIds],
  );
}

/** Counts of risks per matrix cell, inherent or residual, under the list's filters. */
export async function countRisksByCell(
  q: Queryable,
  orgId: string,
  residual: boolean,
  where: (params: SqlParams) => string | null,
) {
  const params = new SqlParams();
  const conditions = [`t.org_id = ${params.add(orgId)}`];
  const extra = where(params);
  if (extra) conditions.push(extra);
  const p = residual ? 't.residual_probability_level' : 't.probability_level';
  const i = residual ? 't.residual_impact_level' : 't.impact_level';
  return q.query<{ p: number; i: number; count: number }>(
    `SELECT ${p} AS p, ${i} AS i, count(*)::int AS count FROM risks t
     WHERE ${conditions.join(' AND ')} AND ${p} IS NOT NULL GROUP BY 1, 2`,
    params.values,
  );
}
