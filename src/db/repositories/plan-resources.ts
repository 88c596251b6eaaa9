import type { Queryable } from '../connection.ts';
import { localTime } from './plans.ts';

/** The resources, assignments and baselines a plan file carries, as the import and export move them. */
export interface PoolResourceRow {
  id: string;
  code: string;
  name: string;
  kind: string;
  maxUnits: number;
  email: string | null;
  materialUnit: string | null;
  standardRate: number;
  overtimeRate: number;
  perUseCost: number;
}

/** The rate row in effect on `onDate`, or the earliest one when every row starts later. */
const rateAt = (column: string) => `(SELECT r.${column}::float8 FROM resource_rates r
    WHERE r.org_id = x.org_id AND r.resource_id = x.id
    ORDER BY (r.effective_from <= $2::date) DESC, CASE WHEN r.effective_from <= $2::date THEN r.effective_from END DESC,
      r.effective_from LIMIT 1)`;
const resourceSelect = `SELECT x.id, x.code, x.name, x.kind, x.max_units::float8 AS "maxUnits", x.email,
    x.material_unit AS "materialUnit", coalesce(${rateAt('standard_rate')}, 0) AS "standardRate",
    coalesce(${rateAt('overtime_rate')}, 0) AS "overtimeRate", coalesce(${rateAt('per_use_cost')}, 0) AS "perUseCost"
  FROM resources x`;

/** The organization's resources whose code or name is among those given, with rates on `onDate`. */
export async function findResourcesByCodeOrName(
  q: Queryable,
  orgId: string,
  codes: readonly string[],
  names: readonly string[],
  onDate: string,
): Promise<PoolResourceRow[]> {
  return q.query<PoolResourceRow>(
    `${resourceSelect} WHERE x.org_id = $1 AND (x.code = ANY($3::text[]) OR x.name = ANY($4::text[])) ORDER BY x.code`,
    [orgId, onDate, codes, names],
  );
}

/** Codes already taken in the organization among `codes`. */
export async function takenResourceCodes(q: Queryable, orgId: string, codes: readonly string[]) {
  const rows = await q.query<{ code: string }>(
    'SELECT code FROM resources WHERE org_id = $1 AND code = ANY($2::text[])',
    [orgId, codes],
  );
  return new Set(rows.map((row) => row.code));
}

export interface NewPoolResource {
  id: string;
  code: string;
  name: string;
  kind: 'person' | 'material';
  maxUnits: number;
  email: string | null;
  materialUnit: string | null;
  rate: { id: string; effectiveFrom: string; standardRate: number; overtimeRate: number; perUseCost: number };
}

export async function insertPoolResources(q: Queryable, orgId: string, rows: readonly NewPoolResource[]) {
  if (rows.length === 0) return;
  await q.query(
    `INSERT INTO resources (org_id, id, code, name, kind, max_units, email, material_unit)
     SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::numeric[], $7::text[], $8::text[])`,
    [
      orgId,
      rows.map((r) => r.id),
      rows.map((r) => r.code),
      rows.map((r) => r.name),
      rows.map((r) => r.kind),
      rows.map((r) => r.maxUnits),
      rows.map((r) => r.email),
      rows.map((r) => r.materialUnit),
    ],
  );
  await q.query(
    `INSERT INTO resource_rates (org_id, id, resource_id, effective_from, standard_rate, overtime_rate, per_use_cost)
     SELECT $1, * FROM unnest($2::uuid[], $3::uuid[], $4::date[], $5::numeric[], $6::numeric[], $7::numeric[])`,
    [
      orgId,
      rows.map((r) => r.rate.id),
      rows.map((r) => r.id),
      rows.map((r) => r.rate.effectiveFrom),
      rows.map((r) => r.rate.standardRate),
      rows.map((r) => r.rate.overtimeRate),
      rows.map((r) => r.rate.perUseCost),
    ],
  );
}

export interface PlanAssignmentRow {
  id: string;
  taskId: string;
  resourceId: string;
  units: number;
  workMinutes: number;
  actualWorkMinutes: number;
  cost: number;
}

export async function insertPlanAssignments(
  q: Queryable,
  orgId: string,
  projectId: string,
  rows: readonly PlanAssignmentRow[],
) {
  if (rows.length === 0) return;
  await q.query(
    `INSERT INTO assignments (org_id, project_id, id, task_id, resource_id, units, work_minutes, actual_work_minutes, cost)
     SELECT $1, $2, * FROM unnest($3::uuid[], $4::uuid[], $5::uuid[], $6::numeric[], $7::int[], $8::int[], $9::numeric[])`,
    [
      orgId,
      projectId,
      rows.map((r) => r.id),
      rows.map((r) => r.taskId),
      rows.map((r) => r.resourceId),
      rows.map((r) => r.units),
      rows.map((r) => r.workMinutes),
      rows.map((r) => r.actualWorkMinutes),
      rows.map((r) => r.cost),
    ],
  );
}

export async function listPlanAssignments(q: Queryable, orgId: string, projectId: string) {
  return q.query<PlanAssignmentRow>(
    `SELECT id, task_id AS "taskId", resource_id AS "resourceId", units::float8 AS units,
       work_minutes AS "workMinutes", actual_work_minutes AS "actualWorkMinutes", cost::float8 AS cost
     FROM assignments WHERE org_id = $1 AND project_id = $2 ORDER BY id`,
    [orgId, projectId],
  );
}

/** The resources assigned in a project, with the rates in effect on `onDate`. */
export async function listPlanResources(q: Queryable, orgId: string, projectId: string, onDate: string) {
  return q.query<PoolResourceRow>(
    `${resourceSelect} WHERE x.org_id = $1 AND x.id IN
       (SELECT resource_id FROM assignments WHERE org_id = $1 AND project_id = $3) ORDER BY x.code`,
    [orgId, onDate, projectId],
  );
}

export interface BaselineTaskRow {
  number: number;
  taskId: string;
  start: string | null;
  finish: string | null;
  durationMinutes: number;
  workMinutes: number | null;
  cost: number | null;
}

export async function listPlanBaselineTasks(q: Queryable, orgId: string, projectId: string) {
  return q.query<BaselineTaskRow>(
    `SELECT b.number, x.task_id AS "taskId", ${localTime('x.start_date')} AS start, ${localTime('x.finish_date')} AS finish,
       x.duration_minutes AS "durationMinutes", x.work_minutes AS "workMinutes", x.cost::float8 AS cost
     FROM baselines b JOIN baseline_tasks x ON x.org_id = b.org_id AND x.baseline_id = b.id
     WHERE b.org_id = $1 AND b.project_id = $2 ORDER BY b.number, x.task_id`,
    [orgId, projectId],
  );
}

/** Replaces every baseline of a project with those given (an imported plan brings its own). */
export async function replacePlanBaselines(
  q: Queryable,
  orgId: string,
  projectId: string,
  savedBy: string | null,
  baselines: ReadonlyArray<{ id: string; number: number; name: string }>,
  tasks: ReadonlyArray<Omit<BaselineTaskRow, 'number'> & { baselineId: string }>,
) {
  await q.query('DELETE FROM baselines WHERE org_id = $1 AND project_id = $2', [orgId, projectId]);
  if (baselines.length === 0) return;
  await q.query(
    `INSERT INTO baselines (org_id, project_id, saved_by, id, number, name)
     SELECT $1, $2, $3, * FROM unnest($4::uuid[], $5::smallint[], $6::text[])`,
    [
      orgId,
      projectId,
      savedBy,
      baselines.map((b) => b.id),
      baselines.map((b) => b.number),
      baselines.map((b) => b.name),
    ],
  );
  await q.query(
    `INSERT INTO baseline_tasks (org_id, baseline_id, task_id, start_date, finish_date, duration_minutes, work_minutes, cost)
     SELECT $1, * FROM unnest($2::uuid[], $3::uuid[], $4::timestamp[], $5::timestamp[], $6::int[], $7::int[], $8::numeric[])`,
    [
      orgId,
      tasks.map((t) => t.baselineId),
      tasks.map((t) => t.taskId),
      tasks.map((t) => t.start),
      tasks.map((t) => t.finish),
      tasks.map((t) => t.durationMinutes),
      tasks.map((t) => t.workMinutes),
      tasks.map((t) => t.cost),
    ],
  );
}
