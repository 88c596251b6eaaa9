import type { Queryable } from '../../src/db/connection.ts';
import { insertAssignmentRow, insertResourceRow } from '../../src/db/repositories/leveling.ts';

/**
 * Resources and assignments written straight to the tables of migration 0007: the pool's own
 * services belong to another area, and leveling tests need only the rows.
 */
export const insertResource = insertResourceRow;
export const insertAssignment = insertAssignmentRow;

/** Sets a task's leveling delay as if an earlier leveling had applied it (elapsed minutes). */
export async function setLevelingDelay(q: Queryable, orgId: string, taskId: string, minutes: number) {
  await q.query('UPDATE tasks SET leveling_delay_minutes = $3 WHERE org_id = $1 AND id = $2', [
    orgId,
    taskId,
    minutes,
  ]);
}

export async function setTaskPriority(q: Queryable, orgId: string, taskId: string, priority: number) {
  await q.query('UPDATE tasks SET priority = $3 WHERE org_id = $1 AND id = $2', [orgId, taskId, priority]);
}

export async function setProjectPriority(q: Queryable, orgId: string, projectId: string, priority: number) {
  await q.query('UPDATE projects SET priority = $3 WHERE org_id = $1 AND id = $2', [
    orgId,
    projectId,
    priority,
  ]);
}
