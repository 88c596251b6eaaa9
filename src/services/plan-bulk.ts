import type { Database, Queryable } from '../db/connection.ts';
import { taskLinks, tasks } from '../db/repositories/plans.ts';
import { findRow } from '../db/sql.ts';
import { uuidv7 } from '../db/uuid.ts';
import type { Link, Task } from '../model/plan.ts';
import { type PlanBulkResult, type PlanOperation, planBulkInput } from '../model/plan-bulk.ts';
import { ServiceError, ValidationError } from './errors.ts';
import { translateDatabaseErrors } from './mutation.ts';
import {
  authorizeProject,
  createLinkIn,
  createTaskIn,
  deferredReschedule,
  deleteLinkIn,
  deleteTaskIn,
  getProjectSchedule,
  type Reschedule,
  updateLinkIn,
  updateTaskIn,
} from './planning.ts';
import type { Actor } from './policy.ts';
import { parseInput } from './validate.ts';

/** Where an operation's failure is reported: the operation's index, and the field inside it. */
function atOperation(index: number, op: PlanOperation, error: ServiceError): ServiceError {
  const errors = error.errors.length > 0 ? error.errors : [{ field: '(operation)', message: error.message }];
  return new ServiceError(
    error.status,
    error.title,
    `operation ${index} (${op.op}): ${error.message}`,
    errors.map((e) => ({ field: `operations.${index}.${e.field}`, message: e.message })),
  );
}

interface BatchState {
  projectId: string;
  created: Map<string, { id: string; kind: 'task' | 'link' }>;
  reschedule: Reschedule;
}

function createdTask(state: BatchState, ref: string, field: string): string {
  const entry = state.created.get(ref);
  if (entry?.kind !== 'task')
    throw new ValidationError([
      { field, message: `no task with ref "${ref}" was created earlier in this batch` },
    ]);
  return entry.id;
}

function rememberRef(state: BatchState, ref: string | undefined, id: string, kind: 'task' | 'link') {
  if (ref === undefined) return;
  if (state.created.has(ref))
    throw new ValidationError([
      { field: 'ref', message: `"${ref}" is already used by an earlier operation` },
    ]);
  state.created.set(ref, { id, kind });
}

/** Either an id or a ref, never both: which one the client meant would be a guess. */
function eitherIdOrRef(
  state: BatchState,
  id: string | null | undefined,
  ref: string | undefined,
  name: string,
): string | null | undefined {
  if (ref === undefined) return id;
  if (id)
    throw new ValidationError([{ field: `${name}Ref`, message: `give ${name}Id or ${name}Ref, not both` }]);
  return createdTask(state, ref, `${name}Ref`);
}

async function taskOfThisProject(tx: Queryable, actor: Actor, state: BatchState, id: string): Promise<Task> {
  const task = await findRow<Task>(tx, tasks, actor.orgId, id);
  if (!task || task.projectId !== state.projectId)
    throw new ValidationError([{ field: 'id', message: 'is not a task of this project' }]);
  return task;
}

async function linkOfThisProject(tx: Queryable, actor: Actor, state: BatchState, id: string): Promise<Link> {
  const link = await findRow<Link>(tx, taskLinks, actor.orgId, id);
  if (!link || (link.successorProjectId !== state.projectId && link.predecessorProjectId !== state.projectId))
    throw new ValidationError([{ field: 'id', message: 'is not a link of this project' }]);
  return link;
}

async function applyOperation(tx: Queryable, actor: Actor, state: BatchState, op: PlanOperation) {
  switch (op.op) {
    case 'create_task': {
      const parentId = eitherIdOrRef(state, op.task.parentId, op.parentRef, 'parent') ?? null;
      const id = uuidv7();
      rememberRef(state, op.ref, id, 'task');
      await createTaskIn(tx, actor, state.projectId, { ...op.task, parentId }, id, state.reschedule);
      return;
    }
    case 'update_task': {
      await taskOfThisProject(tx, actor, state, op.id);
      const changes = { ...op.changes };
      const parentId = eitherIdOrRef(state, op.changes.parentId, op.parentRef, 'parent');
      if (parentId !== undefined) changes.parentId = parentId;
      await updateTaskIn(tx, actor, op.id, op.version, changes, state.reschedule);
      return;
    }
    case 'delete_task':
      await taskOfThisProject(tx, actor, state, op.id);
      await deleteTaskIn(tx, actor, op.id, op.version, state.reschedule);
      return;
    case 'create_link': {
      const { op: _op, ref, predecessorRef, successorRef, ...values } = op;
      const predecessorId = eitherIdOrRef(state, values.predecessorId, predecessorRef, 'predecessor');
      const successorId = eitherIdOrRef(state, values.successorId, successorRef, 'successor');
      if (!predecessorId) throw new ValidationError([{ field: 'predecessorId', message: 'is required' }]);
      if (!successorId) throw new ValidationError([{ field: 'successorId', message: 'is required' }]);
      const ends = await Promise.all(
        [predecessorId, successorId].map((id) => findRow<Task>(tx, tasks, actor.orgId, id)),
      );
      if (ends.every((task) => task?.projectId !== state.projectId))
        throw new ValidationError([
          { field: 'successorId', message: 'neither end is a task of this project' },
        ]);
      const link = await createLinkIn(tx, actor, { ...values, predecessorId, successorId }, state.reschedule);
      rememberRef(state, ref, link.id, 'link');
      return;
    }
    case 'update_link': {
      await linkOfThisProject(tx, actor, state, op.id);
      const { op: _op, id, version, ...patch } = op;
      await updateLinkIn(tx, actor, id, version, patch, state.reschedule);
      return;
    }
    case 'delete_link':
      await linkOfThisProject(tx, actor, state, op.id);
      await deleteLinkIn(tx, actor, op.id, op.version, state.reschedule);
  }
}

/**
 * Applies an ordered list of plan edits in one transaction and reschedules once at the end. Each
 * operation checks the version the client read, as the row stands after the operations before it.
 * Any failure writes nothing and names the operation's index and field.
 */
export async function applyPlanBulk(
  db: Database,
  actor: Actor,
  projectId: string,
  input: unknown,
): Promise<PlanBulkResult> {
  const { operations } = parseInput(planBulkInput, input);
  const created = await db.transaction(async (tx) => {
    await authorizeProject(tx, actor, projectId, 'update_project');
    const deferred = deferredReschedule();
    const state: BatchState = { projectId, created: new Map(), reschedule: deferred.reschedule };
    for (const [index, op] of operations.entries()) {
      try {
        await translateDatabaseErrors(() => applyOperation(tx, actor, state, op));
      } catch (error) {
        if (error instanceof ServiceError) throw atOperation(index, op, error);
        throw error;
      }
    }
    try {
      await translateDatabaseErrors(() => deferred.flush(tx, actor.orgId));
    } catch (error) {
      if (error instanceof ServiceError)
        throw new ServiceError(
          error.status,
          error.title,
          `the batch as a whole: ${error.message}`,
          error.errors.map((e) => ({ field: `operations.${e.field}`, message: e.message })),
        );
      throw error;
    }
    return Object.fromEntries([...state.created].map(([ref, entry]) => [ref, entry.id]));
  });
  return { created, applied: operations.length, schedule: await getProjectSchedule(db, actor, projectId) };
}
