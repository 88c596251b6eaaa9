import type { Queryable } from '../connection.ts';
import { isoDate, type TableSpec, versionColumns } from '../sql.ts';
import { localTime } from './plans.ts';

/** Demand on the pool: task assignments, staffing requests and the bookings that fill them. */

export const assignments: TableSpec = {
  table: 'assignments',
  columns: {
    taskId: 'task_id',
    projectId: 'project_id',
    resourceId: 'resource_id',
    units: 'units',
    workMinutes: 'work_minutes',
    actualWorkMinutes: 'actual_work_minutes',
    contour: 'contour',
  },
  select: `SELECT ${versionColumns}, t.task_id AS "taskId", k.name AS "taskName", t.project_id AS "projectId",
      p.code AS "projectCode", p.name AS "projectName", t.resource_id AS "resourceId", r.name AS "resourceName",
      t.units::float8 AS units, t.work_minutes AS "workMinutes", t.actual_work_minutes AS "actualWorkMinutes",
      t.contour, t.cost::float8 AS cost, ${localTime('k.early_start')} AS start, ${localTime('k.early_finish')} AS finish
    FROM assignments t
    JOIN tasks k ON k.org_id = t.org_id AND k.id = t.task_id
    JOIN projects p ON p.org_id = t.org_id AND p.id = t.project_id
    JOIN resources r ON r.org_id = t.org_id AND r.id = t.resource_id`,
  sortable: { start: 'k.early_start', resourceName: 'r.name', taskName: 'k.name', work: 't.work_minutes' },
  searchable: ['k.name', 'r.name', 'p.code'],
};

const bookedUnits = `COALESCE((SELECT sum(b.units) FROM bookings b
    WHERE b.org_id = t.org_id AND b.staffing_request_id = t.id), 0)::float8`;

export const staffingRequests: TableSpec = {
  table: 'staffing_requests',
  columns: {
    projectId: 'project_id',
    roleId: 'role_id',
    skillId: 'skill_id',
    minProficiency: 'min_proficiency',
    startDate: 'start_date',
    finishDate: 'finish_date',
    units: 'units',
    status: 'status',
    note: 'note',
    requestedBy: 'requested_by',
  },
  select: `SELECT ${versionColumns}, t.project_id AS "projectId", p.code AS "projectCode", p.name AS "projectName",
      t.role_id AS "roleId", r.name AS "roleName", t.skill_id AS "skillId", s.name AS "skillName",
      t.min_proficiency AS "minProficiency", ${isoDate('t.start_date')} AS "startDate",
      ${isoDate('t.finish_date')} AS "finishDate", t.units::float8 AS units, ${bookedUnits} AS "bookedUnits",
      t.status, t.note, t.requested_by AS "requestedBy"
    FROM staffing_requests t
    JOIN projects p ON p.org_id = t.org_id AND p.id = t.project_id
    LEFT JOIN resource_roles r ON r.org_id = t.org_id AND r.id = t.role_id
    LEFT JOIN skills s ON s.org_id = t.org_id AND s.id = t.skill_id`,
  sortable: { startDate: 't.start_date', status: 't.status', createdAt: 't.created_at' },
  searchable: ['p.code', 'p.name', 'r.name', 's.name', 't.note'],
};

export const bookings: TableSpec = {
  table: 'bookings',
  columns: {
    resourceId: 'resource_id',
    projectId: 'project_id',
    staffingRequestId: 'staffing_request_id',
    kind: 'kind',
    startDate: 'start_date',
    finishDate: 'finish_date',
    units: 'units',
    note: 'note',
  },
  select: `SELECT ${versionColumns}, t.resource_id AS "resourceId", r.name AS "resourceName",
      t.project_id AS "projectId", p.code AS "projectCode", p.name AS "projectName",
      t.staffing_request_id AS "staffingRequestId", t.kind, ${isoDate('t.start_date')} AS "startDate",
      ${isoDate('t.finish_date')} AS "finishDate", t.units::float8 AS units, t.note
    FROM bookings t
    JOIN resources r ON r.org_id = t.org_id AND r.id = t.resource_id
    JOIN projects p ON p.org_id = t.org_id AND p.id = t.project_id`,
  sortable: { startDate: 't.start_date', resourceName: 'r.name', createdAt: 't.created_at' },
  searchable: ['r.name', 'p.code', 't.note'],
};

export interface TaskOfAssignment {
  projectId: string;
  durationMinutes: number;
  isSummary: boolean;
}

export async function findTaskForAssignment(
  q: Queryable,
  orgId: string,
  taskId: string,
): Promise<TaskOfAssignment | null> {
  const rows = await q.query<TaskOfAssignment>(
    `SELECT project_id AS "projectId", duration_minutes AS "durationMinutes", is_summary AS "isSummary"
     FROM tasks WHERE org_id = $1 AND id = $2`,
    [orgId, taskId],
  );
  return rows[0] ?? null;
}

/**
 * Sets a request's status from the units its bookings hold; a cancelled request stays cancelled.
 * Returns the status before and after, so the caller can audit the change.
 */
export async function refreshRequestStatus(
  q: Queryable,
  orgId: string,
  requestId: string,
): Promise<{ before: string; after: string } | null> {
  const rows = await q.query<{ before: string; after: string }>(
    `WITH booked AS (
       SELECT COALESCE(sum(units), 0) AS units FROM bookings WHERE org_id = $1 AND staffing_request_id = $2),
     next AS (
       SELECT r.status AS before,
         CASE WHEN r.status = 'cancelled' THEN 'cancelled'
              WHEN booked.units >= r.units THEN 'filled'
              WHEN booked.units > 0 THEN 'partially_filled'
              ELSE 'open' END AS after
       FROM staffing_requests r, booked WHERE r.org_id = $1 AND r.id = $2)
     UPDATE staffing_requests s SET status = next.after, version = s.version + 1, updated_at = now()
     FROM next WHERE s.org_id = $1 AND s.id = $2 AND next.before <> next.after
     RETURNING next.before, next.after`,
    [orgId, requestId],
  );
  return rows[0] ?? null;
}

export interface CandidateRow {
  resourceId: string;
  code: string;
  name: string;
  kind: 'person' | 'generic' | 'equipment' | 'material';
  roleName: string | null;
  businessUnitName: string | null;
  proficiency: number | null;
  calendarId: string | null;
  maxUnits: number;
}

/** Active named resources that hold the request's role and skill (at the proficiency asked), best skilled first. */
export async function findCandidates(
  q: Queryable,
  orgId: string,
  request: { roleId: string | null; skillId: string | null; minProficiency: number | null },
  limit: number,
): Promise<CandidateRow[]> {
  return q.query<CandidateRow>(
    `SELECT t.id AS "resourceId", t.code, t.name, t.kind, r.name AS "roleName", b.name AS "businessUnitName",
       rs.proficiency, t.calendar_id AS "calendarId", t.max_units::float8 AS "maxUnits"
     FROM resources t
     LEFT JOIN resource_roles r ON r.org_id = t.org_id AND r.id = t.role_id
     LEFT JOIN business_units b ON b.org_id = t.org_id AND b.id = t.business_unit_id
     LEFT JOIN resource_skills rs ON rs.org_id = t.org_id AND rs.resource_id = t.id AND rs.skill_id = $3
     WHERE t.org_id = $1 AND t.active AND t.kind IN ('person', 'equipment')
       AND ($2::uuid IS NULL OR t.role_id = $2)
       AND ($3::uuid IS NULL OR rs.proficiency >= COALESCE($4::smallint, 1))
     ORDER BY rs.proficiency DESC NULLS LAST, t.name
     LIMIT $5`,
    [orgId, request.roleId, request.skillId, request.minProficiency, limit],
  );
}
