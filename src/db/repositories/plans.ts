import type { Queryable } from '../connection.ts';
import { csvOf } from '../copy.ts';
import { isoTimestamp, SqlParams, type TableSpec, versionColumns } from '../sql.ts';
import type { TaskDates } from './task-dates.ts';

/** Local wall-clock `timestamp` as `YYYY-MM-DDTHH:MM:SS`, the form the engine and MS Project use. */
export const localTime = (column: string) => `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS')`;

export const tasks: TableSpec = {
  table: 'tasks',
  columns: {
    projectId: 'project_id',
    parentId: 'parent_id',
    position: 'position',
    wbsCode: 'wbs_code',
    name: 'name',
    durationMinutes: 'duration_minutes',
    durationElapsed: 'duration_elapsed',
    milestone: 'milestone',
    constraintType: 'constraint_type',
    constraintDate: 'constraint_date',
    deadline: 'deadline',
    actualStart: 'actual_start',
    actualFinish: 'actual_finish',
    percentComplete: 'percent_complete',
  },
  select: `SELECT ${versionColumns}, t.project_id AS "projectId", t.parent_id AS "parentId", t.position,
      0 AS depth, t.wbs_code AS "wbsCode", t.name, t.duration_minutes AS "durationMinutes",
      t.duration_elapsed AS "durationElapsed", t.milestone, t.constraint_type AS "constraintType",
      ${localTime('t.constraint_date')} AS "constraintDate", ${localTime('t.deadline')} AS deadline,
      ${localTime('t.actual_start')} AS "actualStart", ${localTime('t.actual_finish')} AS "actualFinish",
      t.percent_complete::float8 AS "percentComplete", t.is_summary AS "isSummary",
      ${localTime('t.early_start')} AS "earlyStart", ${localTime('t.early_finish')} AS "earlyFinish",
      ${localTime('t.late_start')} AS "lateStart", ${localTime('t.late_finish')} AS "lateFinish",
      t.total_slack_minutes AS "totalSlackMinutes", t.free_slack_minutes AS "freeSlackMinutes", t.critical
    FROM tasks t`,
  sortable: { position: 't.position' },
  searchable: ['t.name', 't.wbs_code'],
};

export const taskLinks: TableSpec = {
  table: 'task_links',
  columns: {
    predecessorId: 'predecessor_id',
    successorId: 'successor_id',
    type: 'type',
    lagMinutes: 'lag_minutes',
    lagPercent: 'lag_percent',
    lagElapsed: 'lag_elapsed',
  },
  select: `SELECT ${versionColumns}, t.predecessor_id AS "predecessorId", p.project_id AS "predecessorProjectId",
      t.successor_id AS "successorId", s.project_id AS "successorProjectId", t.type, t.lag_minutes AS "lagMinutes",
      t.lag_percent::float8 AS "lagPercent", t.lag_elapsed AS "lagElapsed"
    FROM task_links t
    JOIN tasks p ON p.org_id = t.org_id AND p.id = t.predecessor_id
    JOIN tasks s ON s.org_id = t.org_id AND s.id = t.successor_id`,
  sortable: { createdAt: 't.id' },
  searchable: [],
};

/**
 * A project's tasks depth-first through the WBS (each parent before its children, siblings by
 * position), one page at a time; `depth` is the outline level from 0.
 */
export async function listTaskTree<Row>(
  q: Queryable,
  orgId: string,
  projectIds: readonly string[],
  page: number,
  pageSize: number,
): Promise<{ items: Row[]; total: number }> {
  const [items, count] = await Promise.all([
    q.query<Row>(
      `WITH RECURSIVE tree(id, depth, path) AS (
         SELECT id, 0, ARRAY[position] FROM tasks WHERE org_id = $1 AND project_id = ANY($2::uuid[]) AND parent_id IS NULL
         UNION ALL
         SELECT c.id, tree.depth + 1, tree.path || c.position
         FROM tasks c JOIN tree ON c.parent_id = tree.id WHERE c.org_id = $1)
       SELECT x.*, tree.depth FROM tree
       JOIN LATERAL (${tasks.select.replace('0 AS depth, ', '')} WHERE t.org_id = $1 AND t.id = tree.id) x ON true
       ORDER BY x."projectId", tree.path LIMIT $3 OFFSET $4`,
      [orgId, projectIds, pageSize, (page - 1) * pageSize],
    ),
    q.query<{ total: number }>(
      'SELECT count(*)::int AS total FROM tasks WHERE org_id = $1 AND project_id = ANY($2::uuid[])',
      [orgId, projectIds],
    ),
  ]);
  return { items, total: count[0]?.total ?? 0 };
}

export async function nextTaskPosition(
  q: Queryable,
  orgId: string,
  projectId: string,
  parentId: string | null,
): Promise<number> {
  const rows = await q.query<{ next: number }>(
    `SELECT coalesce(max(position), 0) + 1 AS next FROM tasks
     WHERE org_id = $1 AND project_id = $2 AND parent_id IS NOT DISTINCT FROM $3::uuid`,
    [orgId, projectId, parentId],
  );
  return rows[0]?.next ?? 1;
}

/** Every project joined to `projectId` through links, itself included: they are scheduled together. */
export async function linkedProjects(q: Queryable, orgId: string, projectId: string): Promise<string[]> {
  const rows = await q.query<{ projectId: string }>(
    `WITH RECURSIVE joined(project_id) AS (
       SELECT $2::uuid
       UNION
       SELECT other.project_id FROM joined
       JOIN tasks own ON own.org_id = $1 AND own.project_id = joined.project_id
       JOIN task_links l ON l.org_id = $1 AND (l.predecessor_id = own.id OR l.successor_id = own.id)
       JOIN tasks other ON other.org_id = $1
         AND other.id = CASE WHEN l.predecessor_id = own.id THEN l.successor_id ELSE l.predecessor_id END)
     SELECT project_id AS "projectId" FROM joined ORDER BY project_id`,
    [orgId, projectId],
  );
  return rows.map((row) => row.projectId);
}

export interface ScheduleSettingsRow {
  projectId: string;
  calendarId: string;
  calendarName: string;
  startDate: string;
  scheduleFromFinish: boolean;
  finishDate: string | null;
  statusDate: string | null;
  criticalSlackMinutes: number;
  minutesPerDay: number;
  computedStart: string | null;
  computedFinish: string | null;
  computedAt: string | null;
  version: number;
}

export async function findScheduleSettings(
  q: Queryable,
  orgId: string,
  projectIds: readonly string[],
): Promise<ScheduleSettingsRow[]> {
  return q.query<ScheduleSettingsRow>(
    `SELECT s.project_id AS "projectId", s.calendar_id AS "calendarId", c.name AS "calendarName",
       ${localTime('s.start_date')} AS "startDate", s.schedule_from_finish AS "scheduleFromFinish",
       ${localTime('s.finish_date')} AS "finishDate", ${localTime('s.status_date')} AS "statusDate",
       s.critical_slack_minutes AS "criticalSlackMinutes", s.minutes_per_day AS "minutesPerDay",
       ${localTime('s.computed_start')} AS "computedStart", ${localTime('s.computed_finish')} AS "computedFinish",
       ${isoTimestamp('s.computed_at')} AS "computedAt", s.version
     FROM project_schedules s JOIN calendars c ON c.org_id = s.org_id AND c.id = s.calendar_id
     WHERE s.org_id = $1 AND s.project_id = ANY($2::uuid[]) ORDER BY s.project_id`,
    [orgId, projectIds],
  );
}

export async function insertCalendar(
  q: Queryable,
  calendar: { orgId: string; id: string; projectId: string | null; name: string; definition: unknown },
): Promise<void> {
  await q.query(
    'INSERT INTO calendars (org_id, id, project_id, name, definition) VALUES ($1, $2, $3, $4, $5)',
    [calendar.orgId, calendar.id, calendar.projectId, calendar.name, JSON.stringify(calendar.definition)],
  );
}

export async function insertScheduleSettings(
  q: Queryable,
  orgId: string,
  projectId: string,
  calendarId: string,
  startDate: string,
): Promise<void> {
  await q.query(
    'INSERT INTO project_schedules (org_id, project_id, calendar_id, start_date) VALUES ($1, $2, $3, $4::timestamp)',
    [orgId, projectId, calendarId, startDate],
  );
}

export async function updateScheduleSettings(
  q: Queryable,
  orgId: string,
  projectId: string,
  version: number,
  patch: Partial<
    Record<'startDate' | 'finishDate' | 'statusDate' | 'scheduleFromFinish' | 'criticalSlackMinutes', unknown>
  >,
): Promise<boolean> {
  const columns: Record<string, string> = {
    startDate: 'start_date',
    finishDate: 'finish_date',
    statusDate: 'status_date',
    scheduleFromFinish: 'schedule_from_finish',
    criticalSlackMinutes: 'critical_slack_minutes',
  };
  const params = new SqlParams();
  const sets = ['version = version + 1', 'updated_at = now()'];
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined || !columns[field]) continue;
    sets.push(`${columns[field]} = ${params.add(value)}`);
  }
  const rows = await q.query(
    `UPDATE project_schedules SET ${sets.join(', ')}
     WHERE org_id = ${params.add(orgId)} AND project_id = ${params.add(projectId)} AND version = ${params.add(version)}
     RETURNING project_id`,
    params.values,
  );
  return rows.length === 1;
}

export interface PlanTaskRow {
  id: string;
  projectId: string;
  parentId: string | null;
  name: string;
  durationMinutes: number;
  durationElapsed: boolean;
  milestone: boolean;
  constraintType: string;
  constraintDate: string | null;
  deadline: string | null;
  actualStart: string | null;
  actualFinish: string | null;
  percentComplete: number;
  calendarId: string | null;
  /** MS Project's leveling delay, elapsed minutes; absent on plans being imported (none yet). */
  levelingDelayMinutes?: number;
}

export interface PlanLinkRow {
  predecessorId: string;
  successorId: string;
  type: string;
  lagMinutes: number;
  lagPercent: number | null;
  lagElapsed: boolean;
}

/** Everything the scheduler needs for a set of projects, in plain rows. */
export async function loadPlans(q: Queryable, orgId: string, projectIds: readonly string[]) {
  const [taskRows, linkRows, calendarRows] = await Promise.all([
    q.query<PlanTaskRow>(
      `SELECT id, project_id AS "projectId", parent_id AS "parentId", name, duration_minutes AS "durationMinutes",
         duration_elapsed AS "durationElapsed", milestone, constraint_type AS "constraintType",
         ${localTime('constraint_date')} AS "constraintDate", ${localTime('deadline')} AS deadline,
         ${localTime('actual_start')} AS "actualStart", ${localTime('actual_finish')} AS "actualFinish",
         percent_complete::float8 AS "percentComplete", calendar_id AS "calendarId",
         leveling_delay_minutes AS "levelingDelayMinutes"
       FROM tasks WHERE org_id = $1 AND project_id = ANY($2::uuid[]) ORDER BY project_id, id`,
      [orgId, projectIds],
    ),
    q.query<PlanLinkRow>(
      `SELECT l.predecessor_id AS "predecessorId", l.successor_id AS "successorId", l.type, l.lag_minutes AS "lagMinutes",
         l.lag_percent::float8 AS "lagPercent", l.lag_elapsed AS "lagElapsed"
       FROM task_links l JOIN tasks s ON s.org_id = l.org_id AND s.id = l.successor_id
       WHERE l.org_id = $1 AND s.project_id = ANY($2::uuid[]) ORDER BY l.id`,
      [orgId, projectIds],
    ),
    q.query<{ id: string; name: string; baseCalendarId: string | null; definition: Record<string, unknown> }>(
      `WITH RECURSIVE used(id) AS (
         SELECT calendar_id FROM project_schedules WHERE org_id = $1 AND project_id = ANY($2::uuid[])
         UNION SELECT calendar_id FROM tasks WHERE org_id = $1 AND project_id = ANY($2::uuid[]) AND calendar_id IS NOT NULL
         UNION SELECT c.base_calendar_id FROM calendars c JOIN used ON c.id = used.id
           WHERE c.org_id = $1 AND c.base_calendar_id IS NOT NULL)
       SELECT c.id, c.name, c.base_calendar_id AS "baseCalendarId", c.definition
       FROM calendars c WHERE c.org_id = $1 AND c.id IN (SELECT id FROM used)`,
      [orgId, projectIds],
    ),
  ]);
  return { tasks: taskRows, links: linkRows, calendars: calendarRows };
}

export async function listCriticalPath(q: Queryable, orgId: string, projectId: string) {
  return q.query<{ id: string; name: string; earlyStart: string; earlyFinish: string }>(
    `SELECT id, name, ${localTime('early_start')} AS "earlyStart", ${localTime('early_finish')} AS "earlyFinish"
     FROM tasks WHERE org_id = $1 AND project_id = $2 AND critical AND NOT is_summary
     ORDER BY early_start, early_finish, id LIMIT 1000`,
    [orgId, projectId],
  );
}

export async function countTasks(q: Queryable, orgId: string, projectId: string): Promise<number> {
  const rows = await q.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM tasks WHERE org_id = $1 AND project_id = $2',
    [orgId, projectId],
  );
  return rows[0]?.n ?? 0;
}

export async function listLinksOf(q: Queryable, orgId: string, projectIds: readonly string[]) {
  return q.query(
    `${taskLinks.select} WHERE t.org_id = $1 AND (p.project_id = ANY($2::uuid[]) OR s.project_id = ANY($2::uuid[]))
     ORDER BY t.id LIMIT 50000`,
    [orgId, projectIds],
  );
}

/** Removes a project's whole plan (tasks, links, settings, its own calendars) before an import replaces it. */
export async function deletePlan(q: Queryable, orgId: string, projectId: string): Promise<void> {
  await q.query('DELETE FROM tasks WHERE org_id = $1 AND project_id = $2', [orgId, projectId]);
  await q.query('DELETE FROM project_schedules WHERE org_id = $1 AND project_id = $2', [orgId, projectId]);
  await q.query('UPDATE calendars SET base_calendar_id = NULL WHERE org_id = $1 AND project_id = $2', [
    orgId,
    projectId,
  ]);
  await q.query('DELETE FROM calendars WHERE org_id = $1 AND project_id = $2', [orgId, projectId]);
}

export async function insertScheduleSettingsFull(
  q: Queryable,
  s: {
    orgId: string;
    projectId: string;
    calendarId: string;
    startDate: string;
    scheduleFromFinish: boolean;
    finishDate: string | null;
    statusDate: string | null;
    criticalSlackMinutes: number;
    minutesPerDay: number;
  },
): Promise<void> {
  await q.query(
    `INSERT INTO project_schedules (org_id, project_id, calendar_id, start_date, schedule_from_finish, finish_date,
       status_date, critical_slack_minutes, minutes_per_day)
     VALUES ($1, $2, $3, $4::timestamp, $5, $6::timestamp, $7::timestamp, $8, $9)`,
    [
      s.orgId,
      s.projectId,
      s.calendarId,
      s.startDate,
      s.scheduleFromFinish,
      s.finishDate,
      s.statusDate,
      s.criticalSlackMinutes,
      s.minutesPerDay,
    ],
  );
}

export async function setCalendarBase(
  q: Queryable,
  orgId: string,
  id: string,
  baseId: string,
): Promise<void> {
  await q.query('UPDATE calendars SET base_calendar_id = $3 WHERE org_id = $1 AND id = $2', [
    orgId,
    id,
    baseId,
  ]);
}

export interface NewTaskRow {
  id: string;
  parentId: string | null;
  position: number;
  wbsCode: string;
  name: string;
  durationMinutes: number;
  durationElapsed: boolean;
  milestone: boolean;
  constraintType: string;
  constraintDate: string | null;
  deadline: string | null;
  actualStart: string | null;
  actualFinish: string | null;
  percentComplete: number;
  calendarId: string | null;
  /** The computed schedule, when the caller scheduled the plan before writing it. */
  dates?: TaskDates;
}

const newTaskColumns = [
  'org_id',
  'project_id',
  'id',
  'parent_id',
  'position',
  'wbs_code',
  'name',
  'duration_minutes',
  'duration_elapsed',
  'milestone',
  'constraint_type',
  'constraint_date',
  'deadline',
  'actual_start',
  'actual_finish',
  'percent_complete',
  'calendar_id',
  'early_start',
  'early_finish',
  'late_start',
  'late_finish',
  'total_slack_minutes',
  'free_slack_minutes',
  'critical',
  'is_summary',
] as const;

/** A new task as the values of `newTaskColumns`, in order. */
function newTaskValues(orgId: string, projectId: string, row: NewTaskRow): unknown[] {
  const dates = row.dates;
  return [
    orgId,
    projectId,
    row.id,
    row.parentId,
    row.position,
    row.wbsCode,
    row.name,
    row.durationMinutes,
    row.durationElapsed,
    row.milestone,
    row.constraintType,
    row.constraintDate,
    row.deadline,
    row.actualStart,
    row.actualFinish,
    row.percentComplete,
    row.calendarId,
    dates?.earlyStart ?? null,
    dates?.earlyFinish ?? null,
    dates?.lateStart ?? null,
    dates?.lateFinish ?? null,
    dates ? Math.round(dates.totalSlackMinutes) : null,
    dates ? Math.round(dates.freeSlackMinutes) : null,
    dates?.critical ?? false,
    dates?.isSummary ?? false,
  ];
}

const newTaskTypes =
  'uuid,uuid,uuid,uuid,int,text,text,int,boolean,boolean,text,timestamp,timestamp,timestamp,timestamp,numeric,uuid,timestamp,timestamp,timestamp,timestamp,int,int,boolean,boolean';

/** Inserts many rows: COPY where the driver offers it (less work per row), one unnest INSERT otherwise. */
async function insertMany(
  q: Queryable,
  table: string,
  columns: readonly string[],
  types: string,
  rows: readonly unknown[][],
): Promise<void> {
  if (rows.length === 0) return;
  if (q.copyCsv) return q.copyCsv(table, columns, csvOf(rows));
  const arrays = columns.map((_, k) => rows.map((row) => row[k]));
  const casts = types.split(',').map((type, k) => `$${k + 1}::${type}[]`);
  await q.query(
    `INSERT INTO ${table} (${columns.join(', ')}) SELECT * FROM unnest(${casts.join(', ')})`,
    arrays,
  );
}

/** Inserts many tasks in one statement (parents may come in the same batch: foreign keys are checked at its end). */
export async function insertTasks(
  q: Queryable,
  orgId: string,
  projectId: string,
  rows: readonly NewTaskRow[],
) {
  await insertMany(
    q,
    'tasks',
    newTaskColumns,
    newTaskTypes,
    rows.map((row) => newTaskValues(orgId, projectId, row)),
  );
}

/**
 * Projects other than `projectId` with links to or from its tasks: their schedules depend on it,
 * so replacing its plan must reschedule them.
 */
export async function neighbourProjects(q: Queryable, orgId: string, projectId: string): Promise<string[]> {
  const rows = await q.query<{ projectId: string }>(
    `SELECT DISTINCT other.project_id AS "projectId"
     FROM tasks own
     JOIN task_links l ON l.org_id = own.org_id AND (l.predecessor_id = own.id OR l.successor_id = own.id)
     JOIN tasks other ON other.org_id = own.org_id
       AND other.id = CASE WHEN l.predecessor_id = own.id THEN l.successor_id ELSE l.predecessor_id END
     WHERE own.org_id = $1 AND own.project_id = $2 AND other.project_id <> $2
     ORDER BY 1`,
    [orgId, projectId],
  );
  return rows.map((row) => row.projectId);
}

/**
 * Runs `work` with foreign-key checks off, where the driver allows it (the embedded database, whose
 * session is a superuser); elsewhere the checks stay. Only for rows whose every reference the caller
 * has proven to exist: the checks are what a bulk insert spends half its time on, one lookup per
 * reference. Triggers that must still fire have to be declared ENABLE ALWAYS.
 */
export async function withoutForeignKeyChecks(q: Queryable, work: () => Promise<void>): Promise<void> {
  if (!q.superuser) return work();
  await q.query('SET LOCAL session_replication_role = replica');
  await work();
  await q.query('SET LOCAL session_replication_role = origin');
}

export async function insertLinks(
  q: Queryable,
  orgId: string,
  rows: ReadonlyArray<{ id: string } & PlanLinkRow>,
): Promise<void> {
  await insertMany(
    q,
    'task_links',
    ['org_id', 'id', 'predecessor_id', 'successor_id', 'type', 'lag_minutes', 'lag_percent', 'lag_elapsed'],
    'uuid,uuid,uuid,uuid,text,int,numeric,boolean',
    rows.map((r) => [
      orgId,
      r.id,
      r.predecessorId,
      r.successorId,
      r.type,
      r.lagMinutes,
      r.lagPercent,
      r.lagElapsed,
    ]),
  );
}

export async function findProjectsByCode(q: Queryable, code: string) {
  return q.query<{ orgId: string; id: string; name: string }>(
    'SELECT org_id AS "orgId", id, name FROM projects WHERE code = $1 ORDER BY org_id',
    [code],
  );
}
