import type { Queryable } from '../../src/db/connection.ts';
import { uuidv7 } from '../../src/db/uuid.ts';

/**
 * Resources and assignments written straight to the tables of migration 0007: the pool's own
 * services belong to another area, and leveling tests need only the rows.
 */
export async function insertResource(
  q: Queryable,
  orgId: string,
  values: { code: string; name?: string; maxUnits?: number; kind?: 'person' | 'equipment' | 'material' },
): Promise<string> {
  const id = uuidv7();
  await q.query(
    'INSERT INTO resources (org_id, id, code, name, kind, max_units) VALUES ($1, $2, $3, $4, $5, $6)',
    [orgId, id, values.code, values.name ?? values.code, values.kind ?? 'person', values.maxUnits ?? 1],
  );
  return id;
}

export async function insertAssignment(
  q: Queryable,
  orgId: string,
  values: { taskId: string; resourceId: string; units?: number },
): Promise<string> {
  const id = uuidv7();
  await q.query(
    `INSERT INTO assignments (org_id, id, task_id, project_id, resource_id, units)
     SELECT $1, $2, t.id, t.project_id, $4, $5 FROM tasks t WHERE t.org_id = $1 AND t.id = $3`,
    [orgId, id, values.taskId, values.resourceId, values.units ?? 1],
  );
  return id;
}

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
