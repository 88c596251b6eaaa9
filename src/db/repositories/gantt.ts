import type { Queryable } from '../connection.ts';

/** Minutes since 1970-01-01 of a local wall-clock `timestamp`, read as if it were UTC (null stays null). */
const epochMinutes = (column: string) => `(extract(epoch FROM ${column}) / 60)::int`;

export interface GanttTaskRow {
  id: string;
  projectId: string;
  parentId: string | null;
  position: number;
  wbsCode: string;
  name: string;
  durationMinutes: number;
  milestone: boolean;
  isSummary: boolean;
  critical: boolean;
  percentComplete: number;
  version: number;
  start: number | null;
  finish: number | null;
  baselineStart: number | null;
  baselineFinish: number | null;
}

/**
 * Every task of the given projects with its stored dates as epoch minutes, and its dates in
 * baseline `baselineIds` (one per project, or none). Unordered: a flat scan is far cheaper than
 * walking the tree in SQL; the caller orders the WBS.
 */
export async function listGanttTasks(
  q: Queryable,
  orgId: string,
  projectIds: readonly string[],
  baselineIds: readonly string[],
): Promise<GanttTaskRow[]> {
  return q.query<GanttTaskRow>(
    `SELECT t.id, t.project_id AS "projectId", t.parent_id AS "parentId", t.position, t.wbs_code AS "wbsCode",
        t.name, t.duration_minutes AS "durationMinutes", t.milestone, t.is_summary AS "isSummary", t.critical,
        t.percent_complete::float8 AS "percentComplete", t.version,
        ${epochMinutes('t.early_start')} AS start, ${epochMinutes('t.early_finish')} AS finish,
        ${epochMinutes('b.start_date')} AS "baselineStart", ${epochMinutes('b.finish_date')} AS "baselineFinish"
     FROM tasks t
     LEFT JOIN baseline_tasks b ON b.org_id = t.org_id AND b.task_id = t.id AND b.baseline_id = ANY($3::uuid[])
     WHERE t.org_id = $1 AND t.project_id = ANY($2::uuid[])`,
    [orgId, projectIds, baselineIds],
  );
}

export interface GanttLinkRow {
  id: string;
  predecessorId: string;
  successorId: string;
  type: 'FS' | 'SS' | 'FF' | 'SF';
  lagMinutes: number;
  version: number;
}

/** Links with both ends among the given projects' tasks. */
export async function listGanttLinks(
  q: Queryable,
  orgId: string,
  projectIds: readonly string[],
): Promise<GanttLinkRow[]> {
  return q.query<GanttLinkRow>(
    `SELECT l.id, l.predecessor_id AS "predecessorId", l.successor_id AS "successorId", l.type,
        l.lag_minutes AS "lagMinutes", l.version
     FROM task_links l
     JOIN tasks p ON p.org_id = l.org_id AND p.id = l.predecessor_id
     JOIN tasks s ON s.org_id = l.org_id AND s.id = l.successor_id
     WHERE l.org_id = $1 AND p.project_id = ANY($2::uuid[]) AND s.project_id = ANY($2::uuid[])`,
    [orgId, projectIds],
  );
}

export interface GanttScheduleRow {
  projectId: string;
  start: number | null;
  finish: number | null;
  statusDate: number | null;
}

export async function listGanttSchedules(
  q: Queryable,
  orgId: string,
  projectIds: readonly string[],
): Promise<GanttScheduleRow[]> {
  return q.query<GanttScheduleRow>(
    `SELECT project_id AS "projectId", ${epochMinutes('computed_start')} AS start,
        ${epochMinutes('computed_finish')} AS finish, ${epochMinutes('status_date')} AS "statusDate"
     FROM project_schedules WHERE org_id = $1 AND project_id = ANY($2::uuid[])`,
    [orgId, projectIds],
  );
}
