import type { Queryable } from '../connection.ts';
import { isoTimestamp } from '../sql.ts';
import { localTime } from './plans.ts';

export interface BaselineRow {
  id: string;
  projectId: string;
  number: number;
  name: string;
  savedAt: string;
  taskCount: number;
}

const baselineSelect = `SELECT b.id, b.project_id AS "projectId", b.number, b.name, ${isoTimestamp('b.saved_at')} AS "savedAt",
    (SELECT count(*)::int FROM baseline_tasks x WHERE x.org_id = b.org_id AND x.baseline_id = b.id) AS "taskCount"
  FROM baselines b`;

export async function listBaselines(q: Queryable, orgId: string, projectId: string): Promise<BaselineRow[]> {
  return q.query<BaselineRow>(
    `${baselineSelect} WHERE b.org_id = $1 AND b.project_id = $2 ORDER BY b.number`,
    [orgId, projectId],
  );
}

export async function findBaseline(
  q: Queryable,
  orgId: string,
  projectId: string,
  number: number,
): Promise<BaselineRow | null> {
  const rows = await q.query<BaselineRow>(
    `${baselineSelect} WHERE b.org_id = $1 AND b.project_id = $2 AND b.number = $3`,
    [orgId, projectId, number],
  );
  return rows[0] ?? null;
}

/** Saves (or overwrites) baseline `number` from the project's current scheduled dates. */
export async function saveBaseline(
  q: Queryable,
  baseline: {
    orgId: string;
    id: string;
    projectId: string;
    number: number;
    name: string;
    savedBy: string | null;
  },
): Promise<void> {
  await q.query('DELETE FROM baselines WHERE org_id = $1 AND project_id = $2 AND number = $3', [
    baseline.orgId,
    baseline.projectId,
    baseline.number,
  ]);
  await q.query(
    'INSERT INTO baselines (org_id, id, project_id, number, name, saved_by) VALUES ($1, $2, $3, $4, $5, $6)',
    [baseline.orgId, baseline.id, baseline.projectId, baseline.number, baseline.name, baseline.savedBy],
  );
  await q.query(
    `INSERT INTO baseline_tasks (org_id, baseline_id, task_id, start_date, finish_date, duration_minutes, work_minutes, cost)
     SELECT t.org_id, $3, t.id, t.early_start, t.early_finish, t.duration_minutes,
       (SELECT coalesce(sum(a.work_minutes), 0) FROM assignments a WHERE a.org_id = t.org_id AND a.task_id = t.id),
       (SELECT coalesce(sum(a.cost), 0) FROM assignments a WHERE a.org_id = t.org_id AND a.task_id = t.id)
     FROM tasks t WHERE t.org_id = $1 AND t.project_id = $2`,
    [baseline.orgId, baseline.projectId, baseline.id],
  );
}

export async function deleteBaseline(q: Queryable, orgId: string, projectId: string, number: number) {
  const rows = await q.query(
    'DELETE FROM baselines WHERE org_id = $1 AND project_id = $2 AND number = $3 RETURNING id',
    [orgId, projectId, number],
  );
  return rows.length === 1;
}

export interface VarianceRow {
  taskId: string;
  name: string;
  baselineStart: string | null;
  baselineFinish: string | null;
  baselineDurationMinutes: number | null;
  start: string | null;
  finish: string | null;
  durationMinutes: number;
  startVarianceMinutes: number | null;
  finishVarianceMinutes: number | null;
  durationVarianceMinutes: number | null;
}

/**
 * Current against baseline per task, in wall-clock minutes (positive = later or longer). Tasks added
 * since the baseline have no baseline values.
 */
export async function listVariance(
  q: Queryable,
  orgId: string,
  projectId: string,
  baselineId: string,
  page: number,
  pageSize: number,
): Promise<{ items: VarianceRow[]; total: number }> {
  const [items, count] = await Promise.all([
    q.query<VarianceRow>(
      `SELECT t.id AS "taskId", t.name, ${localTime('x.start_date')} AS "baselineStart",
         ${localTime('x.finish_date')} AS "baselineFinish", x.duration_minutes AS "baselineDurationMinutes",
         ${localTime('t.early_start')} AS start, ${localTime('t.early_finish')} AS finish, t.duration_minutes AS "durationMinutes",
         (extract(epoch FROM t.early_start - x.start_date) / 60)::int AS "startVarianceMinutes",
         (extract(epoch FROM t.early_finish - x.finish_date) / 60)::int AS "finishVarianceMinutes",
         t.duration_minutes - x.duration_minutes AS "durationVarianceMinutes"
       FROM tasks t
       LEFT JOIN baseline_tasks x ON x.org_id = t.org_id AND x.baseline_id = $3 AND x.task_id = t.id
       WHERE t.org_id = $1 AND t.project_id = $2
       ORDER BY t.early_start NULLS LAST, t.id LIMIT $4 OFFSET $5`,
      [orgId, projectId, baselineId, pageSize, (page - 1) * pageSize],
    ),
    q.query<{ total: number }>(
      'SELECT count(*)::int AS total FROM tasks WHERE org_id = $1 AND project_id = $2',
      [orgId, projectId],
    ),
  ]);
  return { items, total: count[0]?.total ?? 0 };
}
