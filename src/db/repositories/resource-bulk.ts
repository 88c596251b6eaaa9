import type { Queryable } from '../connection.ts';

/**
 * Many pool rows in one statement each, for generators and file imports that have already validated
 * their rows: a statement per row would cost more than the rows themselves.
 */

export interface NewResourceRow {
  id: string;
  code: string;
  name: string;
  kind: string;
  roleId: string | null;
  businessUnitId: string | null;
  maxUnits: number;
}

export async function insertResourceRows(q: Queryable, orgId: string, rows: readonly NewResourceRow[]) {
  if (rows.length === 0) return;
  const column = <K extends keyof NewResourceRow>(key: K) => rows.map((row) => row[key]);
  await q.query(
    `INSERT INTO resources (org_id, id, code, name, kind, role_id, business_unit_id, max_units)
     SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::uuid[], $8::numeric[])`,
    [
      orgId,
      column('id'),
      column('code'),
      column('name'),
      column('kind'),
      column('roleId'),
      column('businessUnitId'),
      column('maxUnits'),
    ],
  );
}

export interface NewAssignmentRow {
  id: string;
  taskId: string;
  projectId: string;
  resourceId: string;
  units: number;
  workMinutes: number;
  cost: number;
}

export async function insertAssignmentRows(q: Queryable, orgId: string, rows: readonly NewAssignmentRow[]) {
  if (rows.length === 0) return;
  const column = <K extends keyof NewAssignmentRow>(key: K) => rows.map((row) => row[key]);
  await q.query(
    `INSERT INTO assignments (org_id, id, task_id, project_id, resource_id, units, work_minutes, cost)
     SELECT $1, * FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::numeric[], $7::int[], $8::numeric[])`,
    [
      orgId,
      column('id'),
      column('taskId'),
      column('projectId'),
      column('resourceId'),
      column('units'),
      column('workMinutes'),
      column('cost'),
    ],
  );
}
