import type { Queryable } from '../connection.ts';
import { assignmentCost, costDay, rateInEffect } from './resources.ts';

/** Writes what the scheduler computed back to the plan: task dates and slack, and each project's span. */

export interface TaskDates {
  id: string;
  earlyStart: string;
  earlyFinish: string;
  lateStart: string;
  lateFinish: string;
  totalSlackMinutes: number;
  freeSlackMinutes: number;
  critical: boolean;
  isSummary: boolean;
}

/**
 * Stores the scheduled dates of many tasks in one statement (the plan's own fields are untouched)
 * and, in the same statement, reprices the assignments of tasks whose start moved into another
 * rate's effective period (cost follows the rate in effect at the task's start); assignments of
 * tasks that stayed within their rate's period are not touched.
 */
export async function writeTaskDates(q: Queryable, orgId: string, rows: readonly TaskDates[]): Promise<void> {
  if (rows.length === 0) return;
  await q.query(
    `WITH moved AS (
       UPDATE tasks t SET early_start = x.es, early_finish = x.ef, late_start = x.ls, late_finish = x.lf,
         total_slack_minutes = x.ts, free_slack_minutes = x.fs, critical = x.cr, is_summary = x.su
       FROM unnest($2::uuid[], $3::timestamp[], $4::timestamp[], $5::timestamp[], $6::timestamp[], $7::int[], $8::int[],
         $9::boolean[], $10::boolean[]) AS x(id, es, ef, ls, lf, ts, fs, cr, su)
         JOIN tasks was ON was.org_id = $1 AND was.id = x.id
       WHERE t.org_id = $1 AND t.id = x.id
       RETURNING t.id, ${costDay('was')} AS was_day, ${costDay('t')} AS new_day),
     -- Only a rate that starts between the old and the new day can change the price: most moves cross none.
     crossing AS MATERIALIZED (
       SELECT a.id, a.org_id, a.resource_id, a.units, a.work_minutes, m.was_day, m.new_day
       FROM moved m JOIN assignments a ON a.org_id = $1 AND a.task_id = m.id
       WHERE m.was_day <> m.new_day AND EXISTS (
         SELECT 1 FROM resource_rates rr WHERE rr.org_id = $1 AND rr.resource_id = a.resource_id
           AND rr.effective_from > LEAST(m.was_day, m.new_day) AND rr.effective_from <= GREATEST(m.was_day, m.new_day))),
     repriced AS (
       SELECT c.id, ${assignmentCost('c', 'r', 'rate_now')} AS cost
       FROM crossing c
       JOIN resources r ON r.org_id = c.org_id AND r.id = c.resource_id
       ${rateInEffect('c', 'c.was_day', 'rate_was')}
       ${rateInEffect('c', 'c.new_day', 'rate_now')}
       WHERE rate_was.id IS DISTINCT FROM rate_now.id)
     UPDATE assignments a SET cost = p.cost FROM repriced p
     WHERE a.org_id = $1 AND a.id = p.id AND a.cost IS DISTINCT FROM p.cost`,
    [
      orgId,
      rows.map((r) => r.id),
      rows.map((r) => r.earlyStart),
      rows.map((r) => r.earlyFinish),
      rows.map((r) => r.lateStart),
      rows.map((r) => r.lateFinish),
      rows.map((r) => Math.round(r.totalSlackMinutes)),
      rows.map((r) => Math.round(r.freeSlackMinutes)),
      rows.map((r) => r.critical),
      rows.map((r) => r.isSummary),
    ],
  );
}

export async function writeProjectDates(
  q: Queryable,
  orgId: string,
  rows: ReadonlyArray<{ projectId: string; start: string | null; finish: string | null }>,
): Promise<void> {
  if (rows.length === 0) return;
  await q.query(
    `UPDATE project_schedules s SET computed_start = x.st, computed_finish = x.fi, computed_at = now(), schedule_error = NULL
     FROM unnest($2::uuid[], $3::timestamp[], $4::timestamp[]) AS x(project_id, st, fi)
     WHERE s.org_id = $1 AND s.project_id = x.project_id`,
    [orgId, rows.map((r) => r.projectId), rows.map((r) => r.start), rows.map((r) => r.finish)],
  );
}
