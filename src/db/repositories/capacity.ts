import type { Queryable } from '../connection.ts';
import { SqlParams } from '../sql.ts';
import { unitSubtree } from './resources.ts';
import { projectWithin, type ScopeIds } from './scope.ts';

/**
 * The rows capacity reports are computed from. The database narrows them (the resources in scope, the
 * tasks and bookings that overlap the range) and returns only the columns the spreading needs, as
 * numbers: start and finish in epoch minutes of local time, as the engine counts.
 */

export interface CapacityResourceRow {
  id: string;
  code: string;
  name: string;
  maxUnits: number;
  calendarId: string | null;
  roleId: string | null;
  roleName: string | null;
  businessUnitId: string | null;
  businessUnitName: string | null;
  skills: { id: string; name: string }[];
}

export interface CapacityFilters {
  businessUnitId?: string | undefined;
  roleId?: string | undefined;
  skillId?: string | undefined;
  resourceId?: string | undefined;
  resourceIds?: readonly string[] | undefined;
  kind?: string | undefined;
}

/** Active resources that carry capacity (materials are consumed, never over-allocated), in scope. */
export async function findCapacityResources(
  q: Queryable,
  orgId: string,
  filters: CapacityFilters,
): Promise<CapacityResourceRow[]> {
  const params = new SqlParams();
  const conditions = [`t.org_id = ${params.add(orgId)}`, 't.active', "t.kind <> 'material'"];
  if (filters.businessUnitId)
    conditions.push(`t.business_unit_id IN ${unitSubtree(params, orgId, filters.businessUnitId)}`);
  if (filters.roleId) conditions.push(`t.role_id = ${params.add(filters.roleId)}`);
  if (filters.resourceId) conditions.push(`t.id = ${params.add(filters.resourceId)}`);
  if (filters.resourceIds) conditions.push(`t.id = ANY(${params.add(filters.resourceIds)}::uuid[])`);
  if (filters.kind) conditions.push(`t.kind = ${params.add(filters.kind)}`);
  if (filters.skillId)
    conditions.push(`EXISTS (SELECT 1 FROM resource_skills x WHERE x.org_id = t.org_id AND x.resource_id = t.id
      AND x.skill_id = ${params.add(filters.skillId)})`);
  return q.query<CapacityResourceRow>(
    `SELECT t.id, t.code, t.name, t.max_units::float8 AS "maxUnits",
       -- a resource without a calendar works on the organization's default one, when it has one
       COALESCE(t.calendar_id, (SELECT d.id FROM calendars d WHERE d.org_id = t.org_id AND d.is_default)) AS "calendarId",
       t.role_id AS "roleId", r.name AS "roleName", t.business_unit_id AS "businessUnitId", b.name AS "businessUnitName",
       COALESCE((SELECT json_agg(json_build_object('id', s.id, 'name', s.name) ORDER BY s.name)
         FROM resource_skills rs JOIN skills s ON s.org_id = rs.org_id AND s.id = rs.skill_id
         WHERE rs.org_id = t.org_id AND rs.resource_id = t.id), '[]'::json) AS skills
     FROM resources t
     LEFT JOIN resource_roles r ON r.org_id = t.org_id AND r.id = t.role_id
     LEFT JOIN business_units b ON b.org_id = t.org_id AND b.id = t.business_unit_id
     WHERE ${conditions.join(' AND ')}
     ORDER BY t.name, t.id`,
    params.values,
  );
}

export interface DemandRow {
  resourceId: string;
  /** Only with `withSources`: a heatmap needs the amounts, not where they come from. */
  projectId: string;
  taskId: string;
  workMinutes: number;
  start: number;
  finish: number;
  calendarId: string | null;
}

/** Assignments of the resources whose task, as scheduled, overlaps [from, to) (local dates). */
export async function findAssignmentDemand(
  q: Queryable,
  orgId: string,
  resourceIds: readonly string[],
  from: string,
  to: string,
  withSources: boolean,
): Promise<DemandRow[]> {
  const sources = withSources ? 'a.project_id AS "projectId", a.task_id AS "taskId",' : '';
  return q.query<DemandRow>(
    `SELECT a.resource_id AS "resourceId", ${sources} a.work_minutes::float8 AS "workMinutes",
       (extract(epoch FROM k.early_start) / 60)::int AS start, (extract(epoch FROM k.early_finish) / 60)::int AS finish,
       COALESCE(k.calendar_id, ps.calendar_id) AS "calendarId"
     FROM assignments a
     JOIN tasks k ON k.org_id = a.org_id AND k.id = a.task_id
     LEFT JOIN project_schedules ps ON ps.org_id = a.org_id AND ps.project_id = a.project_id
     WHERE a.org_id = $1 AND a.resource_id = ANY($2::uuid[]) AND a.work_minutes > 0
       AND k.early_start < $4::timestamp AND k.early_finish >= $3::timestamp`,
    [orgId, resourceIds, from, to],
  );
}

export interface BookingRow {
  resourceId: string;
  projectId: string;
  kind: 'soft' | 'hard';
  units: number;
  /** Epoch minutes of the first day's start and of the day after the last. */
  start: number;
  finish: number;
}

export async function findBookingDemand(
  q: Queryable,
  orgId: string,
  resourceIds: readonly string[],
  from: string,
  to: string,
): Promise<BookingRow[]> {
  return q.query<BookingRow>(
    `SELECT resource_id AS "resourceId", project_id AS "projectId", kind, units::float8 AS units,
       ((start_date - DATE '1970-01-01') * 1440) AS start, ((finish_date - DATE '1970-01-01' + 1) * 1440) AS finish
     FROM bookings
     WHERE org_id = $1 AND resource_id = ANY($2::uuid[]) AND start_date < $4::date AND finish_date >= $3::date`,
    [orgId, resourceIds, from, to],
  );
}

export interface ProjectLabel {
  id: string;
  code: string;
  name: string;
}

/** Of the projects named, those the reader may see, with their labels. */
export async function findVisibleProjects(
  q: Queryable,
  orgId: string,
  projectIds: readonly string[],
  scope: ScopeIds | null,
): Promise<ProjectLabel[]> {
  if (projectIds.length === 0) return [];
  const params = new SqlParams();
  const where = [`p.org_id = ${params.add(orgId)}`, `p.id = ANY(${params.add(projectIds)}::uuid[])`];
  if (scope) where.push(projectWithin('p', params, orgId, scope));
  return q.query<ProjectLabel>(
    `SELECT p.id, p.code, p.name FROM projects p WHERE ${where.join(' AND ')}`,
    params.values,
  );
}

export async function findTaskNames(
  q: Queryable,
  orgId: string,
  taskIds: readonly string[],
): Promise<{ id: string; name: string }[]> {
  if (taskIds.length === 0) return [];
  return q.query('SELECT id, name FROM tasks WHERE org_id = $1 AND id = ANY($2::uuid[])', [orgId, taskIds]);
}
