import type { Database, Queryable } from '../db/connection.ts';
import { recomputeAssignmentCosts, resources } from '../db/repositories/resources.ts';
import { assignments, findTaskForAssignment } from '../db/repositories/staffing.ts';
import { findRow, listRows } from '../db/sql.ts';
import type { ListQuery, Page } from '../model/common.ts';
import { type Assignment, assignmentInput, assignmentPatch, type Resource } from '../model/resource.ts';
import { NotFoundError, ValidationError } from './errors.ts';
import { createAudited, deleteAudited, updateAudited } from './mutation.ts';
import { authorizeProject } from './planning.ts';
import type { Actor } from './policy.ts';
import { findResource } from './resources.ts';
import { onVisibleProjects } from './staffing.ts';
import { parseInput } from './validate.ts';

/**
 * Task assignments: who works on a task, at what units and for how much work. They belong to the
 * project's plan, so the project's editors keep them; cost follows the resource's rate table.
 */

async function findAssignment(q: Queryable, actor: Actor, id: string): Promise<Assignment> {
  const assignment = await findRow<Assignment>(q, assignments, actor.orgId, id);
  if (!assignment) throw new NotFoundError('assignment', id);
  return assignment;
}

export async function getAssignment(db: Database, actor: Actor, id: string): Promise<Assignment> {
  const assignment = await findAssignment(db, actor, id);
  await authorizeProject(db, actor, assignment.projectId, 'read');
  return assignment;
}

const page = <T>(result: { items: T[]; total: number }, query: ListQuery): Page<T> => ({
  ...result,
  page: query.page,
  pageSize: query.pageSize,
});

export async function listTaskAssignments(db: Database, actor: Actor, taskId: string, query: ListQuery) {
  const task = await findTaskForAssignment(db, actor.orgId, taskId);
  if (!task) throw new NotFoundError('task', taskId);
  await authorizeProject(db, actor, task.projectId, 'read');
  return page(
    await listRows<Assignment>(db, assignments, actor.orgId, {
      ...query,
      where: (params) => `t.task_id = ${params.add(taskId)}`,
    }),
    query,
  );
}

export async function listProjectAssignments(
  db: Database,
  actor: Actor,
  projectId: string,
  query: ListQuery,
): Promise<Page<Assignment>> {
  await authorizeProject(db, actor, projectId, 'read');
  return page(
    await listRows<Assignment>(db, assignments, actor.orgId, { ...query, equals: { projectId } }),
    query,
  );
}

/** A resource's assignments on the projects its reader may see; the rest show only in capacity totals. */
export async function listResourceAssignments(
  db: Database,
  actor: Actor,
  resourceId: string,
  query: ListQuery,
): Promise<Page<Assignment>> {
  await findResource(db, actor, resourceId);
  return page(
    await listRows<Assignment>(db, assignments, actor.orgId, {
      ...query,
      equals: { resourceId },
      where: onVisibleProjects(actor),
    }),
    query,
  );
}

export async function createAssignment(db: Database, actor: Actor, body: unknown): Promise<Assignment> {
  const values = parseInput(assignmentInput, body);
  // Completed from the task and resource once they are read inside the transaction.
  const row: Record<string, unknown> = { ...values };
  return createAudited<Assignment>(
    db,
    actor,
    'assignment',
    assignments,
    row,
    async (tx) => {
      const task = await findTaskForAssignment(tx, actor.orgId, values.taskId);
      if (!task)
        throw new ValidationError([{ field: 'taskId', message: 'does not exist in this organization' }]);
      await authorizeProject(tx, actor, task.projectId, 'update_project');
      if (task.isSummary)
        throw new ValidationError([
          { field: 'taskId', message: 'is a summary task; assign resources to its subtasks' },
        ]);
      const resource = await findRow<Resource>(tx, resources, actor.orgId, values.resourceId);
      if (!resource)
        throw new ValidationError([{ field: 'resourceId', message: 'does not exist in this organization' }]);
      // A material's quantity is its units; it has no work. Others default to units over the whole task.
      const workMinutes =
        resource.kind === 'material'
          ? 0
          : (values.workMinutes ?? Math.round(values.units * task.durationMinutes));
      row.projectId = task.projectId;
      row.workMinutes = workMinutes;
    },
    (tx, id) => recomputeAssignmentCosts(tx, actor.orgId, { assignmentId: id }),
  );
}

export async function updateAssignment(
  db: Database,
  actor: Actor,
  id: string,
  version: number | undefined,
  body: unknown,
): Promise<Assignment> {
  const patch: Record<string, unknown> = parseInput(assignmentPatch, body);
  return updateAudited<Assignment>(
    db,
    actor,
    'assignment',
    assignments,
    id,
    version,
    patch,
    async (tx, before) => {
      await authorizeProject(tx, actor, before.projectId, 'update_project');
      // Fixed duration: new units without new work rescale the work over the same task.
      if (patch.units !== undefined && patch.workMinutes === undefined && before.units > 0) {
        const resource = await findResource(tx, actor, before.resourceId);
        if (resource.kind !== 'material')
          patch.workMinutes = Math.round((before.workMinutes * (patch.units as number)) / before.units);
      }
    },
    (tx) => recomputeAssignmentCosts(tx, actor.orgId, { assignmentId: id }),
  );
}

export async function deleteAssignment(db: Database, actor: Actor, id: string, version: number | undefined) {
  return deleteAudited<Assignment>(db, actor, 'assignment', assignments, id, version, (tx, before) =>
    authorizeProject(tx, actor, before.projectId, 'update_project'),
  );
}
