import type { Queryable } from '../connection.ts';

/** Minutes since 1970-01-01 of a local wall-clock `timestamp`, read as if it were UTC (null stays null). */
// date_part is double precision; extract() returns numeric, several times slower over 10,000s of rows.
const epochMinutes = (column: string) => `(date_part('epoch', ${column}) / 60)::int`;

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
 * walking the tree in SQL; the caller orders the WBS. The rows come back as one JSON array of
 * tuples: PGlite hands over one text value far faster than 10,000 rows of 16 cells.
 */
export async function listGanttTasks(
  q: Queryable,
  orgId: string,
  projectIds: readonly string[],
  baselineIds: readonly string[],
): Promise<GanttTaskRow[]> {
  // Without a baseline the join is left out altogether, not just matched against nothing.
  const withBaseline = baselineIds.length > 0;
  const baselineColumns = withBaseline
    ? `${epochMinutes('b.start_date')}, ${epochMinutes('b.finish_date')}`
    : 'NULL, NULL';
  const baselineJoin = withBaseline
    ? 'LEFT JOIN baseline_tasks b ON b.org_id = t.org_id AND b.task_id = t.id AND b.baseline_id = ANY($3::uuid[])'
    : '';
  const [result] = await q.query<{ rows: string | null }>(
    `SELECT json_agg(json_build_array(t.id, t.project_id, t.parent_id, t.position, t.wbs_code, t.name,
        t.duration_minutes, t.milestone, t.is_summary, t.critical, t.percent_complete::float8, t.version,
        ${epochMinutes('t.early_start')}, ${epochMinutes('t.early_finish')}, ${baselineColumns}))::text AS rows
     FROM tasks t ${baselineJoin}
     WHERE t.org_id = $1 AND t.project_id = ANY($2::uuid[])`,
    baselineIds.length > 0 ? [orgId, projectIds, baselineIds] : [orgId, projectIds],
  );
  const tuples = JSON.parse(result?.rows ?? '[]') as unknown[][];
  return tuples.map((r) => ({
    id: r[0] as string,
    projectId: r[1] as string,
    parentId: r[2] as string | null,
    position: r[3] as number,
    wbsCode: r[4] as string,
    name: r[5] as string,
    durationMinutes: r[6] as number,
    milestone: r[7] as boolean,
    isSummary: r[8] as boolean,
    critical: r[9] as boolean,
    percentComplete: r[10] as number,
    version: r[11] as number,
    start: r[12] as number | null,
    finish: r[13] as number | null,
    baselineStart: r[14] as number | null,
    baselineFinish: r[15] as number | null,
  }));
}

export interface GanttLinkRow {
  id: string;
  predecessorId: string;
  successorId: string;
  type: 'FS' | 'SS' | 'FF' | 'SF';
  lagMinutes: number;
  version: number;
}

/**
 * Links whose successor is among the given projects' tasks (the caller drops those whose
 * predecessor lies outside). One join on the successor index: joining the predecessor too let
 * the planner, with a fresh import's stale statistics, nest loops for seconds at 10,000 tasks.
 */
export async function listGanttLinks(
  q: Queryable,
  orgId: string,
  projectIds: readonly string[],
): Promise<GanttLinkRow[]> {
  const [result] = await q.query<{ rows: string | null }>(
    `SELECT json_agg(json_build_array(l.id, l.predecessor_id, l.successor_id, l.type, l.lag_minutes, l.version))::text
        AS rows
     FROM tasks s
     JOIN task_links l ON l.org_id = s.org_id AND l.successor_id = s.id
     WHERE s.org_id = $1 AND s.project_id = ANY($2::uuid[])`,
    [orgId, projectIds],
  );
  const tuples = JSON.parse(result?.rows ?? '[]') as unknown[][];
  return tuples.map((r) => ({
    id: r[0] as string,
    predecessorId: r[1] as string,
    successorId: r[2] as string,
    type: r[3] as GanttLinkRow['type'],
    lagMinutes: r[4] as number,
    version: r[5] as number,
  }));
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
