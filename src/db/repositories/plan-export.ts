import type { Queryable } from '../connection.ts';
import { localTime } from './plans.ts';

export interface ExportProjectRow {
  name: string;
  code: string;
}

export interface ExportSettingsRow {
  calendarId: string;
  startDate: string;
  scheduleFromFinish: boolean;
  finishDate: string | null;
  statusDate: string | null;
  criticalSlackMinutes: number;
  minutesPerDay: number;
  computedStart: string | null;
  computedFinish: string | null;
}

export interface ExportTaskRow {
  id: string;
  parentId: string | null;
  depth: number;
  wbsCode: string;
  name: string;
  durationMinutes: number;
  durationElapsed: boolean;
  milestone: boolean;
  isSummary: boolean;
  constraintType: string;
  constraintDate: string | null;
  deadline: string | null;
  actualStart: string | null;
  actualFinish: string | null;
  percentComplete: number;
  calendarId: string | null;
  earlyStart: string | null;
  earlyFinish: string | null;
  lateStart: string | null;
  lateFinish: string | null;
  totalSlackMinutes: number | null;
  freeSlackMinutes: number | null;
  critical: boolean;
}

export interface ExportLinkRow {
  predecessorId: string;
  successorId: string;
  type: string;
  lagMinutes: number;
  lagPercent: number | null;
  lagElapsed: boolean;
}

export interface ExportCalendarRow {
  id: string;
  name: string;
  baseCalendarId: string | null;
  definition: Record<string, unknown>;
}

export async function findExportProject(
  q: Queryable,
  orgId: string,
  projectId: string,
): Promise<ExportProjectRow | null> {
  const rows = await q.query<ExportProjectRow>(
    'SELECT name, code FROM projects WHERE org_id = $1 AND id = $2',
    [orgId, projectId],
  );
  return rows[0] ?? null;
}

export async function findExportSettings(
  q: Queryable,
  orgId: string,
  projectId: string,
): Promise<ExportSettingsRow | null> {
  const rows = await q.query<ExportSettingsRow>(
    `SELECT calendar_id AS "calendarId", ${localTime('start_date')} AS "startDate",
       schedule_from_finish AS "scheduleFromFinish", ${localTime('finish_date')} AS "finishDate",
       ${localTime('status_date')} AS "statusDate", critical_slack_minutes AS "criticalSlackMinutes",
       minutes_per_day AS "minutesPerDay", ${localTime('computed_start')} AS "computedStart",
       ${localTime('computed_finish')} AS "computedFinish"
     FROM project_schedules WHERE org_id = $1 AND project_id = $2`,
    [orgId, projectId],
  );
  return rows[0] ?? null;
}

/** Every task of a project depth-first through the WBS (parent before children, siblings by position). */
export async function listExportTasks(
  q: Queryable,
  orgId: string,
  projectId: string,
): Promise<ExportTaskRow[]> {
  return q.query<ExportTaskRow>(
    `WITH RECURSIVE tree(id, depth, path) AS (
       SELECT id, 0, ARRAY[position] FROM tasks WHERE org_id = $1 AND project_id = $2 AND parent_id IS NULL
       UNION ALL
       SELECT c.id, tree.depth + 1, tree.path || c.position
       FROM tasks c JOIN tree ON c.parent_id = tree.id WHERE c.org_id = $1)
     SELECT t.id, t.parent_id AS "parentId", tree.depth, t.wbs_code AS "wbsCode", t.name,
       t.duration_minutes AS "durationMinutes", t.duration_elapsed AS "durationElapsed", t.milestone,
       t.is_summary AS "isSummary", t.constraint_type AS "constraintType",
       ${localTime('t.constraint_date')} AS "constraintDate", ${localTime('t.deadline')} AS deadline,
       ${localTime('t.actual_start')} AS "actualStart", ${localTime('t.actual_finish')} AS "actualFinish",
       t.percent_complete::float8 AS "percentComplete", t.calendar_id AS "calendarId",
       ${localTime('t.early_start')} AS "earlyStart", ${localTime('t.early_finish')} AS "earlyFinish",
       ${localTime('t.late_start')} AS "lateStart", ${localTime('t.late_finish')} AS "lateFinish",
       t.total_slack_minutes AS "totalSlackMinutes", t.free_slack_minutes AS "freeSlackMinutes", t.critical
     FROM tree JOIN tasks t ON t.org_id = $1 AND t.id = tree.id
     ORDER BY tree.path`,
    [orgId, projectId],
  );
}

/** Links whose both ends are tasks of the project (cross-project links are not part of a file export). */
export async function listExportLinks(
  q: Queryable,
  orgId: string,
  projectId: string,
): Promise<ExportLinkRow[]> {
  return q.query<ExportLinkRow>(
    `SELECT l.predecessor_id AS "predecessorId", l.successor_id AS "successorId", l.type,
       l.lag_minutes AS "lagMinutes", l.lag_percent::float8 AS "lagPercent", l.lag_elapsed AS "lagElapsed"
     FROM task_links l
     JOIN tasks s ON s.org_id = l.org_id AND s.id = l.successor_id
     JOIN tasks p ON p.org_id = l.org_id AND p.id = l.predecessor_id
     WHERE l.org_id = $1 AND s.project_id = $2 AND p.project_id = $2
     ORDER BY l.id`,
    [orgId, projectId],
  );
}

/** The project's own calendars plus every calendar its plan uses, with their base calendars. */
export async function listExportCalendars(
  q: Queryable,
  orgId: string,
  projectId: string,
): Promise<ExportCalendarRow[]> {
  return q.query<ExportCalendarRow>(
    `WITH RECURSIVE used(id) AS (
       SELECT id FROM calendars WHERE org_id = $1 AND project_id = $2
       UNION SELECT calendar_id FROM project_schedules WHERE org_id = $1 AND project_id = $2
       UNION SELECT calendar_id FROM tasks WHERE org_id = $1 AND project_id = $2 AND calendar_id IS NOT NULL
       UNION SELECT c.base_calendar_id FROM calendars c JOIN used ON c.id = used.id
         WHERE c.org_id = $1 AND c.base_calendar_id IS NOT NULL)
     SELECT c.id, c.name, c.base_calendar_id AS "baseCalendarId", c.definition
     FROM calendars c WHERE c.org_id = $1 AND c.id IN (SELECT id FROM used)
     ORDER BY c.created_at, c.id`,
    [orgId, projectId],
  );
}
