import type { Database, Queryable } from '../../src/db/connection.ts';
import { systemActor } from '../../src/services/access.ts';
import { createAssignment } from '../../src/services/assignments.ts';
import { createResource } from '../../src/services/resources.ts';

/**
 * A resource made through the pool's own service, so fixtures take the one write path the app
 * uses (validation, cost, audit) rather than rows the app could never have written.
 */
export async function insertResource(
  db: Database,
  orgId: string,
  values: {
    code: string;
    name?: string;
    maxUnits?: number;
    kind?: 'person' | 'equipment' | 'material';
    calendarId?: string | null;
  },
): Promise<string> {
  const resource = await createResource(db, systemActor(orgId), {
    ...values,
    name: values.name ?? values.code,
  });
  return resource.id;
}

/** An assignment through the service: work is units over the task's duration, cost from the rates. */
export async function insertAssignment(
  db: Database,
  orgId: string,
  values: { taskId: string; resourceId: string; units?: number },
): Promise<string> {
  return (await createAssignment(db, systemActor(orgId), values)).id;
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
