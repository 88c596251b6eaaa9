import type { Queryable } from '../connection.ts';
import { isoDate, type SqlParams, type TableSpec, versionColumns } from '../sql.ts';

/** The shared resource pool: roles, skills, resources with their skills, and rate tables. */

const namedColumns = { name: 'name', description: 'description' };

export const resourceRoles: TableSpec = {
  table: 'resource_roles',
  columns: namedColumns,
  select: `SELECT ${versionColumns}, t.name, t.description FROM resource_roles t`,
  sortable: { name: 't.name', createdAt: 't.created_at' },
  searchable: ['t.name', 't.description'],
};

export const skills: TableSpec = {
  table: 'skills',
  columns: namedColumns,
  select: `SELECT ${versionColumns}, t.name, t.description FROM skills t`,
  sortable: { name: 't.name', createdAt: 't.created_at' },
  searchable: ['t.name', 't.description'],
};

const skillsOfResource = `COALESCE((SELECT json_agg(json_build_object('skillId', s.id, 'skillName', s.name,
      'proficiency', rs.proficiency) ORDER BY s.name)
    FROM resource_skills rs JOIN skills s ON s.org_id = rs.org_id AND s.id = rs.skill_id
    WHERE rs.org_id = t.org_id AND rs.resource_id = t.id), '[]'::json)`;

export const resources: TableSpec = {
  table: 'resources',
  columns: {
    code: 'code',
    name: 'name',
    kind: 'kind',
    userId: 'user_id',
    roleId: 'role_id',
    businessUnitId: 'business_unit_id',
    calendarId: 'calendar_id',
    maxUnits: 'max_units',
    materialUnit: 'material_unit',
    email: 'email',
    active: 'active',
  },
  select: `SELECT ${versionColumns}, t.code, t.name, t.kind, t.user_id AS "userId", u.name AS "userName",
      t.role_id AS "roleId", r.name AS "roleName", t.business_unit_id AS "businessUnitId", b.name AS "businessUnitName",
      t.calendar_id AS "calendarId", c.name AS "calendarName", t.max_units::float8 AS "maxUnits",
      t.material_unit AS "materialUnit", t.email, t.active, ${skillsOfResource} AS skills
    FROM resources t
    LEFT JOIN users u ON u.org_id = t.org_id AND u.id = t.user_id
    LEFT JOIN resource_roles r ON r.org_id = t.org_id AND r.id = t.role_id
    LEFT JOIN business_units b ON b.org_id = t.org_id AND b.id = t.business_unit_id
    LEFT JOIN calendars c ON c.org_id = t.org_id AND c.id = t.calendar_id`,
  sortable: {
    name: 't.name',
    code: 't.code',
    kind: 't.kind',
    maxUnits: 't.max_units',
    createdAt: 't.created_at',
  },
  searchable: ['t.name', 't.code', 't.email'],
};

export const resourceRates: TableSpec = {
  table: 'resource_rates',
  columns: {
    resourceId: 'resource_id',
    effectiveFrom: 'effective_from',
    standardRate: 'standard_rate',
    overtimeRate: 'overtime_rate',
    perUseCost: 'per_use_cost',
  },
  select: `SELECT ${versionColumns}, t.resource_id AS "resourceId", ${isoDate('t.effective_from')} AS "effectiveFrom",
      t.standard_rate::float8 AS "standardRate", t.overtime_rate::float8 AS "overtimeRate",
      t.per_use_cost::float8 AS "perUseCost"
    FROM resource_rates t`,
  sortable: { effectiveFrom: 't.effective_from' },
  searchable: [],
};

/** The business unit and every unit below it, as a SQL set. */
export const unitSubtree = (params: SqlParams, orgId: string, unitId: string) =>
  `(WITH RECURSIVE d(id) AS (
      SELECT id FROM business_units WHERE org_id = ${params.add(orgId)} AND id = ${params.add(unitId)}
      UNION SELECT b.id FROM business_units b JOIN d ON b.parent_id = d.id WHERE b.org_id = ${params.add(orgId)})
    SELECT id FROM d)`;

/** Pool filters beyond the plain columns: a skill held, a unit subtree. */
export function resourceFilterSql(
  params: SqlParams,
  orgId: string,
  filters: { skillId?: string | undefined; businessUnitId?: string | undefined },
): string | null {
  const conditions: string[] = [];
  if (filters.skillId)
    conditions.push(`EXISTS (SELECT 1 FROM resource_skills rs WHERE rs.org_id = t.org_id
      AND rs.resource_id = t.id AND rs.skill_id = ${params.add(filters.skillId)})`);
  if (filters.businessUnitId)
    conditions.push(`t.business_unit_id IN ${unitSubtree(params, orgId, filters.businessUnitId)}`);
  return conditions.length > 0 ? conditions.join(' AND ') : null;
}

export async function replaceResourceSkills(
  q: Queryable,
  orgId: string,
  resourceId: string,
  held: readonly { skillId: string; proficiency: number }[],
): Promise<void> {
  await q.query('DELETE FROM resource_skills WHERE org_id = $1 AND resource_id = $2', [orgId, resourceId]);
  if (held.length === 0) return;
  await q.query(
    `INSERT INTO resource_skills (org_id, resource_id, skill_id, proficiency)
     SELECT $1, $2, x.skill_id, x.proficiency
     FROM unnest($3::uuid[], $4::smallint[]) AS x(skill_id, proficiency)`,
    [orgId, resourceId, held.map((s) => s.skillId), held.map((s) => s.proficiency)],
  );
}

export async function unknownSkills(
  q: Queryable,
  orgId: string,
  skillIds: readonly string[],
): Promise<string[]> {
  if (skillIds.length === 0) return [];
  const rows = await q.query<{ id: string }>(
    `SELECT x.id FROM unnest($2::uuid[]) AS x(id)
     WHERE NOT EXISTS (SELECT 1 FROM skills s WHERE s.org_id = $1 AND s.id = x.id)`,
    [orgId, skillIds],
  );
  return rows.map((row) => row.id);
}

export async function listRatesOf(q: Queryable, orgId: string, resourceId: string) {
  return q.query<{ id: string; version: number }>(
    `${resourceRates.select} WHERE t.org_id = $1 AND t.resource_id = $2 ORDER BY t.effective_from`,
    [orgId, resourceId],
  );
}

/**
 * The rate row in effect on `day` for assignment `a` (alias `alias`): the latest that started on or
 * before that day, or the resource's first rate when the day comes before every rate.
 */
export function rateInEffect(a: string, day: string, alias: string): string {
  return `LEFT JOIN LATERAL (
         SELECT rr.id, rr.standard_rate, rr.per_use_cost FROM resource_rates rr
         WHERE rr.org_id = ${a}.org_id AND rr.resource_id = ${a}.resource_id
         ORDER BY (rr.effective_from <= ${day}) DESC,
           CASE WHEN rr.effective_from <= ${day} THEN rr.effective_from END DESC NULLS LAST,
           rr.effective_from
         LIMIT 1) ${alias} ON true`;
}

/** Hours of work × standard rate plus the per-use cost; a material's work is its quantity (units). */
export function assignmentCost(a: string, r: string, rate: string): string {
  return `COALESCE(ROUND(
         CASE WHEN ${r}.kind = 'material' THEN ${a}.units * ${rate}.standard_rate
              ELSE ${a}.work_minutes / 60.0 * ${rate}.standard_rate END + ${rate}.per_use_cost, 2), 0)`;
}

/** The day whose rate prices a task's assignments. */
export const costDay = (task: string) => `COALESCE(${task}.early_start, ${task}.actual_start, now())::date`;

/**
 * Recomputes assignment costs from the rate in effect at each task's start (its first rate when the task
 * starts before every rate): hours of work × standard rate plus the per-use cost; a material's work is
 * its quantity (units), not hours.
 */
export async function recomputeAssignmentCosts(
  q: Queryable,
  orgId: string,
  which: { resourceId?: string; assignmentId?: string; taskId?: string },
): Promise<void> {
  const column = which.assignmentId ? 'a2.id' : which.taskId ? 'a2.task_id' : 'a2.resource_id';
  const id = which.assignmentId ?? which.taskId ?? which.resourceId;
  await q.query(
    `UPDATE assignments a SET cost = x.cost
     FROM (
       SELECT a2.id, ${assignmentCost('a2', 'r', 'rate')} AS cost
       FROM assignments a2
       JOIN resources r ON r.org_id = a2.org_id AND r.id = a2.resource_id
       JOIN tasks k ON k.org_id = a2.org_id AND k.id = a2.task_id
       ${rateInEffect('a2', costDay('k'), 'rate')}
       WHERE a2.org_id = $1 AND ${column} = $2
     ) x
     WHERE a.org_id = $1 AND a.id = x.id AND a.cost IS DISTINCT FROM x.cost`,
    [orgId, id],
  );
}

/** The resource's calendar, by id, if it is one of the organization's calendars. */
export async function calendarExists(q: Queryable, orgId: string, calendarId: string): Promise<boolean> {
  const rows = await q.query('SELECT 1 FROM calendars WHERE org_id = $1 AND id = $2', [orgId, calendarId]);
  return rows.length === 1;
}
