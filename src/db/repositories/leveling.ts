import type { Queryable } from '../connection.ts';
import { isoTimestamp } from '../sql.ts';

export type LevelingScopeType = 'project' | 'program' | 'portfolio';

/** The projects a leveling scope covers, or null when the scope does not exist in the organization. */
export async function scopeProjectIds(
  q: Queryable,
  orgId: string,
  scopeType: LevelingScopeType,
  scopeId: string,
): Promise<string[] | null> {
  const table = { project: 'projects', program: 'programs', portfolio: 'portfolios' }[scopeType];
  const exists = await q.query(`SELECT 1 FROM ${table} WHERE org_id = $1 AND id = $2`, [orgId, scopeId]);
  if (exists.length === 0) return null;
  const column = { project: 'id', program: 'program_id', portfolio: 'portfolio_id' }[scopeType];
  const rows = await q.query<{ id: string }>(
    `SELECT id FROM projects WHERE org_id = $1 AND ${column} = $2 ORDER BY id`,
    [orgId, scopeId],
  );
  return rows.map((r) => r.id);
}

export interface LevelingProjectRow {
  id: string;
  name: string;
  priority: number;
}

export async function levelingProjects(
  q: Queryable,
  orgId: string,
  projectIds: readonly string[],
): Promise<LevelingProjectRow[]> {
  return q.query<LevelingProjectRow>(
    'SELECT id, name, priority FROM projects WHERE org_id = $1 AND id = ANY($2::uuid[]) ORDER BY id',
    [orgId, projectIds],
  );
}

export interface LevelingTaskRow {
  id: string;
  priority: number;
  levelingDelayMinutes: number;
  version: number;
}

/** What leveling reads of each task beyond the plan the scheduler loads: priority, current delay, version. */
export async function levelingTaskFields(
  q: Queryable,
  orgId: string,
  of: { projectIds: readonly string[] } | { taskIds: readonly string[] },
): Promise<LevelingTaskRow[]> {
  const [column, ids] = 'projectIds' in of ? ['project_id', of.projectIds] : ['id', of.taskIds];
  return q.query<LevelingTaskRow>(
    `SELECT id, priority, leveling_delay_minutes AS "levelingDelayMinutes", version
     FROM tasks WHERE org_id = $1 AND ${column} = ANY($2::uuid[])`,
    [orgId, ids],
  );
}

export interface LevelingAssignmentRow {
  taskId: string;
  resourceId: string;
  code: string;
  name: string;
  maxUnits: number;
  units: number;
  /** The resource's own working time (vacations), or null for the organization's default. */
  calendarId: string | null;
}

/** Assignments of work resources on the projects' tasks; materials are consumed, never over-allocated. */
export async function levelingAssignments(
  q: Queryable,
  orgId: string,
  projectIds: readonly string[],
): Promise<LevelingAssignmentRow[]> {
  return q.query<LevelingAssignmentRow>(
    `SELECT a.task_id AS "taskId", a.resource_id AS "resourceId", r.code, r.name,
       r.max_units::float8 AS "maxUnits", a.units::float8 AS units,
       COALESCE(r.calendar_id, (SELECT d.id FROM calendars d WHERE d.org_id = r.org_id AND d.is_default)) AS "calendarId"
     FROM assignments a JOIN resources r ON r.org_id = a.org_id AND r.id = a.resource_id
     WHERE a.org_id = $1 AND a.project_id = ANY($2::uuid[]) AND r.kind <> 'material' AND a.units > 0
     ORDER BY a.task_id, r.code`,
    [orgId, projectIds],
  );
}

/** Sets leveling delays and returns each task's new version; the plan's other fields are untouched. */
export async function writeLevelingDelays(
  q: Queryable,
  orgId: string,
  delays: ReadonlyArray<{ taskId: string; minutes: number }>,
): Promise<Map<string, number>> {
  if (delays.length === 0) return new Map();
  const rows = await q.query<{ id: string; version: number }>(
    `UPDATE tasks t SET leveling_delay_minutes = x.minutes, version = t.version + 1, updated_at = now()
     FROM unnest($2::uuid[], $3::int[]) AS x(id, minutes)
     WHERE t.org_id = $1 AND t.id = x.id RETURNING t.id, t.version`,
    [orgId, delays.map((d) => d.taskId), delays.map((d) => d.minutes)],
  );
  return new Map(rows.map((r) => [r.id, r.version]));
}

export interface LevelingRunRow {
  id: string;
  scopeType: LevelingScopeType;
  scopeId: string;
  status: 'preview' | 'applied' | 'discarded' | 'undone';
  options: { withinSlack: boolean; schedules: number; seed: number };
  movedTasks: number;
  overallocationsBefore: number;
  overallocationsAfter: number;
  createdBy: string | null;
  createdAt: string;
  appliedAt: string | null;
  version: number;
}

const runSelect = `SELECT r.id, r.scope_type AS "scopeType", r.scope_id AS "scopeId", r.status, r.options,
    jsonb_array_length(r.result -> 'movedTasks') AS "movedTasks",
    (r.result ->> 'overallocationsBefore')::int AS "overallocationsBefore",
    (r.result ->> 'overallocationsAfter')::int AS "overallocationsAfter",
    r.created_by AS "createdBy", ${isoTimestamp('r.created_at')} AS "createdAt",
    CASE WHEN r.applied_at IS NULL THEN NULL ELSE ${isoTimestamp('r.applied_at')} END AS "appliedAt", r.version
  FROM leveling_runs r`;

export async function insertLevelingRun(
  q: Queryable,
  orgId: string,
  run: {
    id: string;
    scopeType: LevelingScopeType;
    scopeId: string;
    options: unknown;
    result: unknown;
    createdBy: string | null;
  },
): Promise<void> {
  await q.query(
    `INSERT INTO leveling_runs (org_id, id, scope_type, scope_id, options, result, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      orgId,
      run.id,
      run.scopeType,
      run.scopeId,
      JSON.stringify(run.options),
      JSON.stringify(run.result),
      run.createdBy,
    ],
  );
}

export async function listLevelingRuns(
  q: Queryable,
  orgId: string,
  scopeType: LevelingScopeType,
  scopeId: string,
): Promise<LevelingRunRow[]> {
  return q.query<LevelingRunRow>(
    `${runSelect} WHERE r.org_id = $1 AND r.scope_type = $2 AND r.scope_id = $3
     ORDER BY r.created_at DESC, r.id DESC LIMIT 100`,
    [orgId, scopeType, scopeId],
  );
}

export type LevelingRunDetailRow = LevelingRunRow & {
  result: unknown;
  replacedDelays: Record<string, { minutes: number; version: number }> | null;
};

/**
 * A run with its result. With `page`, the result's moved tasks are cut to that page (in the order the
 * preview listed them) inside the database, so a 10,000-task run is not sent whole to be sliced.
 */
export async function findLevelingRun(
  q: Queryable,
  orgId: string,
  id: string,
  page?: { offset: number; limit: number },
): Promise<LevelingRunDetailRow | null> {
  const result = page
    ? `jsonb_set(r.result, '{movedTasks}', COALESCE((
         SELECT jsonb_agg(m.task ORDER BY m.n) FROM jsonb_array_elements(r.result -> 'movedTasks')
           WITH ORDINALITY AS m(task, n)
         WHERE m.n > $3 AND m.n <= $3 + $4), '[]'::jsonb))`
    : 'r.result';
  const rows = await q.query<LevelingRunDetailRow>(
    `${runSelect.replace('FROM leveling_runs r', `, ${result} AS result, r.replaced_delays AS "replacedDelays" FROM leveling_runs r`)}
     WHERE r.org_id = $1 AND r.id = $2`,
    page ? [orgId, id, page.offset, page.limit] : [orgId, id],
  );
  return rows[0] ?? null;
}

/**
 * Moves a run from one status to the next; false when it is no longer in `from` (another request
 * got there first), so two applies of one preview cannot both write.
 */
export async function changeLevelingRunStatus(
  q: Queryable,
  orgId: string,
  id: string,
  from: LevelingRunRow['status'],
  to: LevelingRunRow['status'],
  replacedDelays?: unknown,
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE leveling_runs SET status = $4, version = version + 1,
       applied_at = CASE WHEN $4 = 'applied' THEN now() ELSE applied_at END,
       replaced_delays = CASE WHEN $5::jsonb IS NULL THEN replaced_delays ELSE $5::jsonb END
     WHERE org_id = $1 AND id = $2 AND status = $3 RETURNING id`,
    [orgId, id, from, to, replacedDelays === undefined ? null : JSON.stringify(replacedDelays)],
  );
  return rows.length === 1;
}
