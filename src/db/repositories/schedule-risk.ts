import type { Queryable } from '../connection.ts';
import { isoTimestamp } from '../sql.ts';
import { localTime } from './plans.ts';

export interface TaskEstimateRow {
  id: string;
  taskId: string;
  projectId: string;
  taskName: string;
  durationMinutes: number;
  distribution: 'triangular' | 'pert' | 'uniform';
  optimisticMinutes: number;
  likelyMinutes: number;
  pessimisticMinutes: number;
  version: number;
}

const estimateSelect = `SELECT e.id, e.task_id AS "taskId", e.project_id AS "projectId", t.name AS "taskName",
    t.duration_minutes AS "durationMinutes", e.distribution, e.optimistic_minutes AS "optimisticMinutes",
    e.likely_minutes AS "likelyMinutes", e.pessimistic_minutes AS "pessimisticMinutes", e.version
  FROM task_estimates e JOIN tasks t ON t.org_id = e.org_id AND t.id = e.task_id`;

/** The estimates of the given projects' tasks, in WBS order. */
export async function listEstimates(
  q: Queryable,
  orgId: string,
  projectIds: string[],
): Promise<TaskEstimateRow[]> {
  return q.query<TaskEstimateRow>(
    `${estimateSelect} WHERE e.org_id = $1 AND e.project_id = ANY($2::uuid[]) ORDER BY t.wbs_code, t.position, t.id`,
    [orgId, projectIds],
  );
}

/** Task ids of the project that are leaves (no children): the tasks an estimate may be given for. */
export async function projectTaskKinds(
  q: Queryable,
  orgId: string,
  projectId: string,
): Promise<Map<string, { name: string; summary: boolean }>> {
  const rows = await q.query<{ id: string; name: string; summary: boolean }>(
    `SELECT t.id, t.name, EXISTS (SELECT 1 FROM tasks c WHERE c.org_id = t.org_id AND c.parent_id = t.id) AS summary
     FROM tasks t WHERE t.org_id = $1 AND t.project_id = $2`,
    [orgId, projectId],
  );
  return new Map(rows.map((r) => [r.id, { name: r.name, summary: r.summary }]));
}

export interface EstimateValues {
  id: string;
  taskId: string;
  distribution: string;
  optimisticMinutes: number;
  likelyMinutes: number;
  pessimisticMinutes: number;
}

/** Inserts or replaces a task's estimate (one per task); the version grows on replace. */
export async function upsertEstimate(q: Queryable, orgId: string, projectId: string, e: EstimateValues) {
  await q.query(
    `INSERT INTO task_estimates (org_id, id, task_id, project_id, distribution, optimistic_minutes, likely_minutes, pessimistic_minutes)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (org_id, task_id) DO UPDATE SET distribution = EXCLUDED.distribution,
       optimistic_minutes = EXCLUDED.optimistic_minutes, likely_minutes = EXCLUDED.likely_minutes,
       pessimistic_minutes = EXCLUDED.pessimistic_minutes, version = task_estimates.version + 1, updated_at = now()`,
    [
      orgId,
      e.id,
      e.taskId,
      projectId,
      e.distribution,
      e.optimisticMinutes,
      e.likelyMinutes,
      e.pessimisticMinutes,
    ],
  );
}

export async function deleteEstimates(q: Queryable, orgId: string, taskIds: string[]): Promise<number> {
  const rows = await q.query(
    'DELETE FROM task_estimates WHERE org_id = $1 AND task_id = ANY($2::uuid[]) RETURNING id',
    [orgId, taskIds],
  );
  return rows.length;
}

export interface RiskImpactRow {
  riskId: string;
  reference: number;
  title: string;
  probability: number;
  taskId: string;
  optimisticMinutes: number;
  likelyMinutes: number;
  pessimisticMinutes: number;
}

/** Quantified task impacts of the risks still open (open, monitoring) on the given projects' tasks. */
export async function openRiskImpacts(
  q: Queryable,
  orgId: string,
  projectIds: string[],
): Promise<RiskImpactRow[]> {
  return q.query<RiskImpactRow>(
    `SELECT r.id AS "riskId", r.reference, r.title, r.probability::float8 AS probability, rt.task_id AS "taskId",
       rt.impact_optimistic_minutes AS "optimisticMinutes", rt.impact_likely_minutes AS "likelyMinutes",
       rt.impact_pessimistic_minutes AS "pessimisticMinutes"
     FROM risk_tasks rt
     JOIN risks r ON r.org_id = rt.org_id AND r.id = rt.risk_id
     JOIN tasks t ON t.org_id = rt.org_id AND t.id = rt.task_id
     WHERE rt.org_id = $1 AND t.project_id = ANY($2::uuid[]) AND r.status IN ('open', 'monitoring')
     ORDER BY r.reference, rt.task_id`,
    [orgId, projectIds],
  );
}

export async function programProjectIds(q: Queryable, orgId: string, programId: string): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    'SELECT id FROM projects WHERE org_id = $1 AND program_id = $2 ORDER BY id',
    [orgId, programId],
  );
  return rows.map((r) => r.id);
}

export interface SimulationRunRow {
  id: string;
  scopeType: 'project' | 'program';
  projectId: string | null;
  programId: string | null;
  iterations: number;
  seed: number;
  targetDate: string | null;
  p50Finish: string;
  p80Finish: string;
  targetProbability: number | null;
  createdBy: string | null;
  createdAt: string;
  version: number;
}

const runSelect = `SELECT s.id, s.scope_type AS "scopeType", s.project_id AS "projectId", s.program_id AS "programId",
    s.iterations, s.seed::float8 AS seed, ${localTime('s.target_date')} AS "targetDate",
    ${localTime('s.p50_finish')} AS "p50Finish", ${localTime('s.p80_finish')} AS "p80Finish",
    s.target_probability AS "targetProbability", s.created_by AS "createdBy",
    ${isoTimestamp('s.created_at')} AS "createdAt", s.version
  FROM schedule_simulations s`;

export async function insertSimulationRun(
  q: Queryable,
  orgId: string,
  run: {
    id: string;
    scopeType: 'project' | 'program';
    scopeId: string;
    iterations: number;
    seed: number;
    targetDate: string | null;
    options: unknown;
    result: unknown;
    p50Finish: string;
    p80Finish: string;
    targetProbability: number | null;
    createdBy: string | null;
  },
): Promise<void> {
  await q.query(
    `INSERT INTO schedule_simulations (org_id, id, scope_type, project_id, program_id, iterations, seed, target_date,
       options, result, p50_finish, p80_finish, target_probability, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      orgId,
      run.id,
      run.scopeType,
      run.scopeType === 'project' ? run.scopeId : null,
      run.scopeType === 'program' ? run.scopeId : null,
      run.iterations,
      run.seed,
      run.targetDate,
      JSON.stringify(run.options),
      JSON.stringify(run.result),
      run.p50Finish,
      run.p80Finish,
      run.targetProbability,
      run.createdBy,
    ],
  );
}

export async function listSimulationRuns(
  q: Queryable,
  orgId: string,
  scopeType: 'project' | 'program',
  scopeId: string,
): Promise<SimulationRunRow[]> {
  const column = scopeType === 'project' ? 's.project_id' : 's.program_id';
  return q.query<SimulationRunRow>(
    `${runSelect} WHERE s.org_id = $1 AND s.scope_type = $2 AND ${column} = $3 ORDER BY s.created_at DESC, s.id DESC LIMIT 100`,
    [orgId, scopeType, scopeId],
  );
}

export async function findSimulationRun(
  q: Queryable,
  orgId: string,
  id: string,
): Promise<(SimulationRunRow & { options: unknown; result: unknown }) | null> {
  const rows = await q.query<SimulationRunRow & { options: unknown; result: unknown }>(
    `${runSelect.replace('FROM schedule_simulations s', ', s.options, s.result FROM schedule_simulations s')} WHERE s.org_id = $1 AND s.id = $2`,
    [orgId, id],
  );
  return rows[0] ?? null;
}
