import type { Queryable } from '../connection.ts';
import { isoTimestamp, SqlParams, type TableSpec, versionColumns } from '../sql.ts';
import type { ScopeIds } from './scope.ts';
import { projectWithin } from './scope.ts';

export const changeRequests: TableSpec = {
  table: 'change_requests',
  columns: {
    number: 'number',
    scopeType: 'scope_type',
    projectId: 'project_id',
    programId: 'program_id',
    title: 'title',
    reason: 'reason',
    description: 'description',
    category: 'category',
    requestedBy: 'requested_by',
    status: 'status',
    costImpact: 'cost_impact',
    operations: 'operations',
    impact: 'impact',
    impactComputedAt: 'impact_computed_at',
    applyError: 'apply_error',
    decidedBy: 'decided_by',
    decidedAt: 'decided_at',
    decisionNote: 'decision_note',
    appliedAt: 'applied_at',
  },
  select: `SELECT ${versionColumns}, t.number, t.scope_type AS "scopeType", t.project_id AS "projectId",
      t.program_id AS "programId", coalesce(p.code || ' ' || p.name, g.name, '') AS "scopeName", t.title, t.reason,
      t.description, t.category, t.requested_by AS "requestedBy", r.name AS "requestedByName", t.status,
      t.cost_impact::float8 AS "costImpact", t.operations, t.impact,
      ${isoTimestamp('t.impact_computed_at')} AS "impactComputedAt", t.apply_error AS "applyError",
      t.decided_by AS "decidedBy", d.name AS "decidedByName", ${isoTimestamp('t.decided_at')} AS "decidedAt",
      t.decision_note AS "decisionNote", ${isoTimestamp('t.applied_at')} AS "appliedAt"
    FROM change_requests t
    LEFT JOIN projects p ON p.org_id = t.org_id AND p.id = t.project_id
    LEFT JOIN programs g ON g.org_id = t.org_id AND g.id = t.program_id
    LEFT JOIN users r ON r.org_id = t.org_id AND r.id = t.requested_by
    LEFT JOIN users d ON d.org_id = t.org_id AND d.id = t.decided_by`,
  sortable: { number: 't.number', status: 't.status', createdAt: 't.created_at' },
  searchable: ['t.title', 't.description'],
};

export async function nextChangeNumber(q: Queryable, orgId: string): Promise<number> {
  // The lock serialises numbering within one organization; two requests never race to the same number.
  await q.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`change_requests:${orgId}`]);
  const rows = await q.query<{ next: number }>(
    'SELECT coalesce(max(number), 0) + 1 AS next FROM change_requests WHERE org_id = $1',
    [orgId],
  );
  return rows[0]?.next ?? 1;
}

/** A scope of the decision log and of request lists: one project, a program (with its projects), a portfolio or all. */
export type ChangeScope =
  | { type: 'project'; id: string }
  | { type: 'program'; id: string }
  | { type: 'portfolio'; id: string }
  | { type: 'organization' };

/** SQL predicate on a request aliased `t`: it lies within `scope` and the reader may see it. */
function requestWithin(
  params: SqlParams,
  orgId: string,
  scope: ChangeScope,
  visible: ScopeIds | null,
): string {
  const conditions: string[] = [];
  switch (scope.type) {
    case 'project':
      conditions.push(`t.project_id = ${params.add(scope.id)}`);
      break;
    case 'program': {
      const id = params.add(scope.id);
      conditions.push(`(t.program_id = ${id} OR p.program_id = ${id})`);
      break;
    }
    case 'portfolio': {
      const id = params.add(scope.id);
      conditions.push(`(g.portfolio_id = ${id} OR p.portfolio_id = ${id})`);
      break;
    }
    case 'organization':
      break;
  }
  if (visible) {
    // A program's request is visible to whoever reads the program: a grant on it or above it.
    conditions.push(`(
      (t.project_id IS NOT NULL AND ${projectWithin('p', params, orgId, visible)})
      OR (t.program_id IS NOT NULL AND (g.id = ANY(${params.add(visible.programIds)}::uuid[])
        OR g.portfolio_id = ANY(${params.add(visible.portfolioIds)}::uuid[])
        OR EXISTS (SELECT 1 FROM portfolios f WHERE f.org_id = g.org_id AND f.id = g.portfolio_id
          AND ${projectWithinUnit('f', params, orgId, visible)}))))`);
  }
  return conditions.join(' AND ') || 'true';
}

const projectWithinUnit = (alias: string, params: SqlParams, orgId: string, visible: ScopeIds) =>
  `${alias}.business_unit_id IN (WITH RECURSIVE d(id) AS (
      SELECT id FROM business_units WHERE org_id = ${params.add(orgId)} AND id = ANY(${params.add(visible.businessUnitIds)}::uuid[])
      UNION SELECT b.id FROM business_units b JOIN d ON b.parent_id = d.id WHERE b.org_id = ${params.add(orgId)})
    SELECT id FROM d)`;

export async function listChangeRequestsIn<Row>(
  q: Queryable,
  orgId: string,
  scope: ChangeScope,
  visible: ScopeIds | null,
  page: number,
  pageSize: number,
): Promise<{ items: Row[]; total: number }> {
  const params = new SqlParams();
  const where = `t.org_id = ${params.add(orgId)} AND ${requestWithin(params, orgId, scope, visible)}`;
  const countValues = [...params.values];
  const limit = params.add(pageSize);
  const offset = params.add((page - 1) * pageSize);
  const [items, count] = await Promise.all([
    q.query<Row>(
      `${changeRequests.select} WHERE ${where} ORDER BY t.number DESC LIMIT ${limit} OFFSET ${offset}`,
      params.values,
    ),
    q.query<{ total: number }>(
      `SELECT count(*)::int AS total FROM change_requests t
       LEFT JOIN projects p ON p.org_id = t.org_id AND p.id = t.project_id
       LEFT JOIN programs g ON g.org_id = t.org_id AND g.id = t.program_id WHERE ${where}`,
      countValues,
    ),
  ]);
  return { items, total: count[0]?.total ?? 0 };
}

const decisionSelect = `SELECT x.id, x.change_request_id AS "changeRequestId", t.number, t.title,
    x.from_status AS "fromStatus", x.to_status AS "toStatus", coalesce(u.name, x.actor_label) AS "actorLabel", x.note,
    ${isoTimestamp('x.at')} AS at
  FROM change_decisions x
  JOIN change_requests t ON t.org_id = x.org_id AND t.id = x.change_request_id
  LEFT JOIN users u ON u.org_id = x.org_id AND u.id = x.actor_id
  LEFT JOIN projects p ON p.org_id = t.org_id AND p.id = t.project_id
  LEFT JOIN programs g ON g.org_id = t.org_id AND g.id = t.program_id`;

export async function listDecisionsIn<Row>(
  q: Queryable,
  orgId: string,
  scope: ChangeScope,
  visible: ScopeIds | null,
  limit: number,
): Promise<Row[]> {
  const params = new SqlParams();
  const where = `x.org_id = ${params.add(orgId)} AND ${requestWithin(params, orgId, scope, visible)}`;
  return q.query<Row>(
    `${decisionSelect} WHERE ${where} ORDER BY x.at DESC, x.id DESC LIMIT ${params.add(limit)}`,
    params.values,
  );
}

export async function listDecisionsOf<Row>(q: Queryable, orgId: string, requestId: string): Promise<Row[]> {
  return q.query<Row>(
    `${decisionSelect} WHERE x.org_id = $1 AND x.change_request_id = $2 ORDER BY x.at, x.id`,
    [orgId, requestId],
  );
}

export async function insertDecision(
  q: Queryable,
  entry: {
    orgId: string;
    id: string;
    changeRequestId: string;
    fromStatus: string | null;
    toStatus: string;
    actorId: string | null;
    actorLabel: string;
    note: string;
  },
): Promise<void> {
  await q.query(
    `INSERT INTO change_decisions (org_id, id, change_request_id, from_status, to_status, actor_id, actor_label, note)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      entry.orgId,
      entry.id,
      entry.changeRequestId,
      entry.fromStatus,
      entry.toStatus,
      entry.actorId,
      entry.actorLabel,
      entry.note,
    ],
  );
}

export async function findChangeAuthorities(q: Queryable, orgId: string) {
  return q.query<{ scopeLevel: 'project' | 'program'; deciderRole: string }>(
    'SELECT scope_level AS "scopeLevel", decider_role AS "deciderRole" FROM change_authorities WHERE org_id = $1',
    [orgId],
  );
}

export async function upsertChangeAuthority(
  q: Queryable,
  orgId: string,
  scopeLevel: 'project' | 'program',
  deciderRole: string,
): Promise<void> {
  await q.query(
    `INSERT INTO change_authorities (org_id, scope_level, decider_role) VALUES ($1, $2, $3)
     ON CONFLICT (org_id, scope_level) DO UPDATE
       SET decider_role = EXCLUDED.decider_role, version = change_authorities.version + 1, updated_at = now()`,
    [orgId, scopeLevel, deciderRole],
  );
}

/** The stage of each project, to refuse changes to closed or terminated ones. */
export async function projectStages(q: Queryable, orgId: string, projectIds: readonly string[]) {
  return q.query<{ id: string; code: string; name: string; stage: string; programId: string | null }>(
    `SELECT id, code, name, stage, program_id AS "programId" FROM projects WHERE org_id = $1 AND id = ANY($2::uuid[])`,
    [orgId, projectIds],
  );
}

export async function projectIdsOfProgram(q: Queryable, orgId: string, programId: string): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    'SELECT id FROM projects WHERE org_id = $1 AND program_id = $2 ORDER BY code',
    [orgId, programId],
  );
  return rows.map((row) => row.id);
}

/** Tasks named by id, with their project: to check a change's operations before anything runs. */
export async function findTasksByIds(q: Queryable, orgId: string, ids: readonly string[]) {
  return q.query<{ id: string; projectId: string; name: string; version: number }>(
    'SELECT id, project_id AS "projectId", name, version FROM tasks WHERE org_id = $1 AND id = ANY($2::uuid[])',
    [orgId, ids],
  );
}

export async function findLinkByTasks(
  q: Queryable,
  orgId: string,
  predecessorId: string,
  successorId: string,
) {
  const rows = await q.query<{ id: string; version: number }>(
    'SELECT id, version FROM task_links WHERE org_id = $1 AND predecessor_id = $2 AND successor_id = $3',
    [orgId, predecessorId, successorId],
  );
  return rows[0] ?? null;
}

export async function setImpact(q: Queryable, orgId: string, id: string, impact: string, computedAt: string) {
  await q.query(
    'UPDATE change_requests SET impact = $3, impact_computed_at = $4 WHERE org_id = $1 AND id = $2',
    [orgId, id, impact, computedAt],
  );
}

/**
 * The assignments of the given tasks with their cost and the per-use part of it (the rate row in
 * effect at the task's start, or today for an unscheduled task).
 */
export async function assignmentCostsOfTasks(q: Queryable, orgId: string, taskIds: readonly string[]) {
  if (taskIds.length === 0) return [];
  return q.query<{ taskId: string; cost: number; perUse: number }>(
    `SELECT a.task_id AS "taskId", a.cost::float8 AS cost,
       COALESCE((SELECT r.per_use_cost FROM resource_rates r
                 WHERE r.org_id = a.org_id AND r.resource_id = a.resource_id
                   AND r.effective_from <= COALESCE(t.early_start::date, current_date)
                 ORDER BY r.effective_from DESC LIMIT 1), 0)::float8 AS "perUse"
     FROM assignments a JOIN tasks t ON t.org_id = a.org_id AND t.id = a.task_id
     WHERE a.org_id = $1 AND a.task_id = ANY($2::uuid[])`,
    [orgId, taskIds],
  );
}
