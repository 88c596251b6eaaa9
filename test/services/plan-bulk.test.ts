import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { ServiceError } from '../../src/services/errors.ts';
import { applyPlanBulk } from '../../src/services/plan-bulk.ts';
import { createLink, createTask, getTask, listTasks } from '../../src/services/planning.ts';
import type { Actor } from '../../src/services/policy.ts';
import { countOrgRows, openTestDatabase } from '../support/database.ts';
import { makeActor, makeOrganization, makeProject } from '../support/factories.ts';

let db: Database;
let system: Actor;
let orgId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  ({ orgId, system } = await makeOrganization(db));
});
afterAll(async () => db?.close());

const auditTotal = () => countOrgRows(db, 'audit_log', orgId);
const taskRows = async (projectId: string) =>
  (await listTasks(db, system, projectId, 1, 500)).items.map((t) => ({
    id: t.id,
    name: t.name,
    version: t.version,
    parentId: t.parentId,
    earlyStart: t.earlyStart,
  }));

/** The failure a batch raised, with the database checked to be exactly as it was before. */
async function refusedBatch(projectId: string, operations: unknown[]): Promise<ServiceError> {
  const before = { tasks: await taskRows(projectId), audit: await auditTotal() };
  const error = await applyPlanBulk(db, system, projectId, { operations }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ServiceError);
  expect({ tasks: await taskRows(projectId), audit: await auditTotal() }).toEqual(before);
  return error as ServiceError;
}

describe('bulk plan edits', () => {
  it('creates a phase with linked children by ref, reschedules once, and audits every change', async () => {
    const project = await makeProject(db, orgId);
    const auditBefore = await auditTotal();
    const result = await applyPlanBulk(db, system, project.id, {
      operations: [
        { op: 'create_task', ref: 'phase', task: { name: 'Phase', durationMinutes: 0 } },
        {
          op: 'create_task',
          ref: 'design',
          parentRef: 'phase',
          task: { name: 'Design', durationMinutes: 480 },
        },
        {
          op: 'create_task',
          ref: 'build',
          parentRef: 'phase',
          task: { name: 'Build', durationMinutes: 960 },
        },
        { op: 'create_link', ref: 'd-b', predecessorRef: 'design', successorRef: 'build', type: 'FS' },
      ],
    });
    expect(Object.keys(result.created).sort()).toEqual(['build', 'd-b', 'design', 'phase']);
    expect(result.applied).toBe(4);
    expect(result.schedule.computedFinish).toBe('2027-01-06T17:00:00');
    expect(result.schedule.criticalPath.map((t) => t.name)).toEqual(['Design', 'Build']);
    const build = await getTask(db, system, result.created.build);
    expect(build.parentId).toBe(result.created.phase);
    expect(build.earlyStart).toBe('2027-01-05T08:00:00');
    expect((await getTask(db, system, result.created.phase)).isSummary).toBe(true);
    expect(await auditTotal()).toBe(auditBefore + 4);
  });

  it('updates, moves and deletes existing tasks and links with the versions the client read', async () => {
    const project = await makeProject(db, orgId);
    const a = await createTask(db, system, project.id, { name: 'A', durationMinutes: 480 });
    const b = await createTask(db, system, project.id, { name: 'B', durationMinutes: 480 });
    const c = await createTask(db, system, project.id, { name: 'C', durationMinutes: 480 });
    const ab = await createLink(db, system, { predecessorId: a.id, successorId: b.id });
    const bc = await createLink(db, system, { predecessorId: b.id, successorId: c.id });
    const result = await applyPlanBulk(db, system, project.id, {
      operations: [
        { op: 'update_link', id: ab.id, version: ab.version, lagMinutes: 480 },
        { op: 'delete_link', id: bc.id, version: bc.version },
        { op: 'update_task', id: a.id, version: a.version, changes: { durationMinutes: 960 } },
        // The second edit of the same task sends the version the first one left.
        { op: 'update_task', id: a.id, version: a.version + 1, changes: { name: 'A, renamed' } },
        { op: 'create_task', ref: 'group', task: { name: 'Group', durationMinutes: 0 } },
        { op: 'update_task', id: c.id, version: c.version, parentRef: 'group', changes: {} },
      ],
    });
    const [after, moved] = [await getTask(db, system, b.id), await getTask(db, system, c.id)];
    expect(after.earlyStart).toBe('2027-01-07T08:00:00');
    expect(moved.parentId).toBe(result.created.group);
    expect(moved.earlyStart).toBe('2027-01-04T08:00:00');
    expect((await getTask(db, system, a.id)).name).toBe('A, renamed');
    await applyPlanBulk(db, system, project.id, {
      operations: [{ op: 'delete_task', id: b.id, version: after.version }],
    });
    expect((await taskRows(project.id)).map((t) => t.name)).toEqual(['A, renamed', 'Group', 'C']);
  });

  it('refuses a stale version with 409 naming the operation, and writes none of the batch', async () => {
    const project = await makeProject(db, orgId);
    const a = await createTask(db, system, project.id, { name: 'A' });
    await createTask(db, system, project.id, { name: 'B' });
    const error = await refusedBatch(project.id, [
      { op: 'create_task', task: { name: 'New' } },
      { op: 'update_task', id: a.id, version: a.version, changes: { name: 'A2' } },
      { op: 'update_task', id: a.id, version: a.version, changes: { name: 'A3' } },
    ]);
    expect(error.status).toBe(409);
    expect(error.message).toMatch(/^operation 2 \(update_task\): the task changed/);
  });

  it('names the operation and field of a bad value, an unknown ref, a foreign task and a reused ref', async () => {
    const project = await makeProject(db, orgId);
    const other = await makeProject(db, orgId);
    const foreign = await createTask(db, system, other.id, { name: 'Elsewhere' });
    await createTask(db, system, project.id, { name: 'Here' });
    const badValue = await refusedBatch(project.id, [
      { op: 'create_task', task: { name: 'Fine' } },
      { op: 'create_task', task: { name: 'Negative', durationMinutes: -5 } },
    ]);
    expect(badValue.errors[0].field).toBe('operations.1.task.durationMinutes');
    const unknownRef = await refusedBatch(project.id, [
      { op: 'create_task', ref: 'x', task: { name: 'X' } },
      { op: 'create_link', predecessorRef: 'x', successorRef: 'y' },
    ]);
    expect(unknownRef.errors).toEqual([
      {
        field: 'operations.1.successorRef',
        message: 'no task with ref "y" was created earlier in this batch',
      },
    ]);
    const foreignTask = await refusedBatch(project.id, [
      { op: 'delete_task', id: foreign.id, version: foreign.version },
    ]);
    expect(foreignTask.errors).toEqual([
      { field: 'operations.0.id', message: 'is not a task of this project' },
    ]);
    const reused = await refusedBatch(project.id, [
      { op: 'create_task', ref: 'x', task: { name: 'X' } },
      { op: 'create_task', ref: 'x', task: { name: 'X again' } },
    ]);
    expect(reused.errors[0].field).toBe('operations.1.ref');
  });

  it('refuses a batch whose links make a cycle, naming the tasks, and writes nothing', async () => {
    const project = await makeProject(db, orgId);
    const a = await createTask(db, system, project.id, { name: 'Alpha' });
    const error = await refusedBatch(project.id, [
      { op: 'create_task', ref: 'b', task: { name: 'Beta' } },
      { op: 'create_link', predecessorId: a.id, successorRef: 'b' },
      { op: 'create_link', predecessorRef: 'b', successorId: a.id },
    ]);
    expect(error.status).toBe(400);
    expect(error.message).toMatch(
      /^the batch as a whole: .*Alpha.*Beta|^the batch as a whole: .*Beta.*Alpha/,
    );
  });

  it('refuses someone who may only read the project, writing nothing', async () => {
    const project = await makeProject(db, orgId);
    const reader = await makeActor(db, orgId, 'executive_viewer');
    await expect(
      applyPlanBulk(db, reader, project.id, { operations: [{ op: 'create_task', task: { name: 'No' } }] }),
    ).rejects.toMatchObject({ status: 403 });
    expect(await taskRows(project.id)).toEqual([]);
  });
});
