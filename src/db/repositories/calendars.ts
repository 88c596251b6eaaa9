import type { Queryable } from '../connection.ts';
import type { TableSpec } from '../sql.ts';
import { versionColumns } from '../sql.ts';

/** Calendars with their usage: what resources, plans, tasks and derived calendars depend on each. */

export interface CalendarRow {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  name: string;
  projectId: string | null;
  projectName: string | null;
  resourceId: string | null;
  resourceName: string | null;
  baseCalendarId: string | null;
  baseCalendarName: string | null;
  isDefault: boolean;
  definition: Record<string, unknown>;
  usage: { resources: number; projects: number; tasks: number; calendars: number };
}

// Counted per row of a page only; the partial indexes of migration 0018 keep each count a lookup.
const usage = `json_build_object(
    -- the default also counts the resources without a calendar, which work on it
    'resources', (SELECT count(*)::int FROM resources r WHERE r.org_id = t.org_id AND r.calendar_id = t.id)
      + CASE WHEN t.is_default THEN (SELECT count(*)::int FROM resources r
          WHERE r.org_id = t.org_id AND r.calendar_id IS NULL) ELSE 0 END,
    'projects', (SELECT count(*)::int FROM (
        SELECT s.project_id FROM project_schedules s WHERE s.org_id = t.org_id AND s.calendar_id = t.id
        UNION SELECT k.project_id FROM tasks k WHERE k.org_id = t.org_id AND k.calendar_id = t.id) p),
    'tasks', (SELECT count(*)::int FROM tasks k WHERE k.org_id = t.org_id AND k.calendar_id = t.id),
    'calendars', (SELECT count(*)::int FROM calendars d WHERE d.org_id = t.org_id AND d.base_calendar_id = t.id))`;

export const calendars: TableSpec = {
  table: 'calendars',
  columns: {
    name: 'name',
    projectId: 'project_id',
    resourceId: 'resource_id',
    baseCalendarId: 'base_calendar_id',
    isDefault: 'is_default',
    definition: 'definition',
  },
  select: `SELECT ${versionColumns}, t.name, t.project_id AS "projectId", p.name AS "projectName",
      t.resource_id AS "resourceId", r.name AS "resourceName",
      t.base_calendar_id AS "baseCalendarId", b.name AS "baseCalendarName", t.is_default AS "isDefault",
      t.definition, ${usage} AS usage
    FROM calendars t
    LEFT JOIN projects p ON p.org_id = t.org_id AND p.id = t.project_id
    LEFT JOIN resources r ON r.org_id = t.org_id AND r.id = t.resource_id
    LEFT JOIN calendars b ON b.org_id = t.org_id AND b.id = t.base_calendar_id`,
  sortable: { name: 't.name', createdAt: 't.created_at', updatedAt: 't.updated_at' },
  searchable: ['t.name'],
};

/** The calendar and every calendar that inherits from it, directly or through others. */
export async function calendarAndDescendants(q: Queryable, orgId: string, id: string): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    `WITH RECURSIVE family(id) AS (
       SELECT $2::uuid
       UNION SELECT c.id FROM calendars c JOIN family f ON c.base_calendar_id = f.id WHERE c.org_id = $1)
     SELECT id FROM family`,
    [orgId, id],
  );
  return rows.map((r) => r.id);
}

/** The calendar's base chain, nearest first (the calendar itself excluded); stops at a cycle. */
export async function baseChain(q: Queryable, orgId: string, id: string): Promise<string[]> {
  const rows = await q.query<{ id: string; depth: number }>(
    `WITH RECURSIVE chain(id, depth, path) AS (
       SELECT c.base_calendar_id, 1, ARRAY[c.id] FROM calendars c
         WHERE c.org_id = $1 AND c.id = $2 AND c.base_calendar_id IS NOT NULL
       UNION ALL SELECT c.base_calendar_id, chain.depth + 1, chain.path || c.id FROM calendars c JOIN chain ON c.id = chain.id
         WHERE c.org_id = $1 AND c.base_calendar_id IS NOT NULL AND NOT c.id = ANY(chain.path) AND chain.depth < 100)
     SELECT id, depth FROM chain ORDER BY depth`,
    [orgId, id],
  );
  return rows.map((r) => r.id);
}

/** Definitions of the calendars named, with every base they inherit from. */
export async function definitionsWithBases(
  q: Queryable,
  orgId: string,
  ids: readonly string[],
): Promise<
  { id: string; name: string; baseCalendarId: string | null; definition: Record<string, unknown> }[]
> {
  if (ids.length === 0) return [];
  return q.query(
    `WITH RECURSIVE used(id) AS (
       SELECT unnest($2::uuid[])
       UNION SELECT c.base_calendar_id FROM calendars c JOIN used ON c.id = used.id
         WHERE c.org_id = $1 AND c.base_calendar_id IS NOT NULL)
     SELECT c.id, c.name, c.base_calendar_id AS "baseCalendarId", c.definition
     FROM calendars c WHERE c.org_id = $1 AND c.id IN (SELECT id FROM used)`,
    [orgId, ids],
  );
}

/** Projects whose plan or tasks work on one of these calendars: a change to them moves their dates. */
export async function projectsUsingCalendars(
  q: Queryable,
  orgId: string,
  ids: readonly string[],
): Promise<string[]> {
  const rows = await q.query<{ projectId: string }>(
    `SELECT project_id AS "projectId" FROM project_schedules WHERE org_id = $1 AND calendar_id = ANY($2::uuid[])
     UNION SELECT project_id FROM tasks WHERE org_id = $1 AND calendar_id = ANY($2::uuid[])
     ORDER BY 1`,
    [orgId, ids],
  );
  return rows.map((r) => r.projectId);
}

export interface CalendarUsers {
  resources: { id: string; name: string; businessUnitId: string | null }[];
  projects: { id: string; name: string }[];
  tasks: number;
  calendars: { id: string; name: string }[];
}

/** Who uses one calendar, by name (a few of each), for a refusal that says what to change first. */
export async function calendarUsers(q: Queryable, orgId: string, id: string): Promise<CalendarUsers> {
  const [resourceRows, projectRows, taskRows, calendarRows] = await Promise.all([
    q.query<{ id: string; name: string; businessUnitId: string | null }>(
      `SELECT id, name, business_unit_id AS "businessUnitId" FROM resources
       WHERE org_id = $1 AND calendar_id = $2 ORDER BY name LIMIT 1000`,
      [orgId, id],
    ),
    q.query<{ id: string; name: string }>(
      `SELECT p.id, p.name FROM projects p WHERE p.org_id = $1 AND p.id IN (
         SELECT project_id FROM project_schedules WHERE org_id = $1 AND calendar_id = $2
         UNION SELECT project_id FROM tasks WHERE org_id = $1 AND calendar_id = $2)
       ORDER BY p.name LIMIT 100`,
      [orgId, id],
    ),
    q.query<{ n: number }>('SELECT count(*)::int AS n FROM tasks WHERE org_id = $1 AND calendar_id = $2', [
      orgId,
      id,
    ]),
    q.query<{ id: string; name: string }>(
      'SELECT id, name FROM calendars WHERE org_id = $1 AND base_calendar_id = $2 ORDER BY name LIMIT 100',
      [orgId, id],
    ),
  ]);
  return {
    resources: resourceRows,
    projects: projectRows,
    tasks: taskRows[0]?.n ?? 0,
    calendars: calendarRows,
  };
}

export async function defaultCalendarId(q: Queryable, orgId: string): Promise<string | null> {
  const rows = await q.query<{ id: string }>('SELECT id FROM calendars WHERE org_id = $1 AND is_default', [
    orgId,
  ]);
  return rows[0]?.id ?? null;
}

export async function clearDefaultCalendar(q: Queryable, orgId: string, exceptId: string): Promise<void> {
  await q.query('UPDATE calendars SET is_default = false WHERE org_id = $1 AND is_default AND id <> $2', [
    orgId,
    exceptId,
  ]);
}

export async function setResourceCalendar(
  q: Queryable,
  orgId: string,
  resourceId: string,
  calendarId: string,
): Promise<void> {
  await q.query(
    'UPDATE resources SET calendar_id = $3, version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2',
    [orgId, resourceId, calendarId],
  );
}
