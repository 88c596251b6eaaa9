import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import {
  createAssignment,
  getAssignment,
  listProjectAssignments,
  updateAssignment,
} from '../../src/services/assignments.ts';
import { entityHistory } from '../../src/services/history.ts';
import { createLink, createTask, getTask, updateTask } from '../../src/services/planning.ts';
import type { Actor } from '../../src/services/policy.ts';
import {
  createResource,
  createResourceRate,
  deleteResource,
  deleteResourceRate,
  roleCatalog,
  setResourceSkills,
  skillCatalog,
  updateResource,
  updateResourceRate,
} from '../../src/services/resources.ts';
import { createBusinessUnit } from '../../src/services/structure.ts';
import { openTestDatabase } from '../support/database.ts';
import { makeActor, makeOrganization, makeProject } from '../support/factories.ts';

let db: Database;
let system: Actor;
let orgId: string;
let other: { orgId: string; system: Actor };

beforeAll(async () => {
  db = await openTestDatabase();
  ({ orgId, system } = await makeOrganization(db));
  other = await makeOrganization(db);
});
afterAll(async () => db?.close());

const rowCount = async (table: string) =>
  (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE org_id = $1`, [orgId]))[0].n;

async function expectInvalid(work: Promise<unknown>, field: string) {
  await expect(work).rejects.toMatchObject({
    status: 400,
    errors: expect.arrayContaining([expect.objectContaining({ field })]),
  });
}

let codeSequence = 0;
const person = (extra: Record<string, unknown> = {}) =>
  createResource(db, system, { code: `R${++codeSequence}`, name: `Person ${codeSequence}`, ...extra });

describe('the resource pool', () => {
  it('keeps resources with a role, a unit and skills at a proficiency', async () => {
    const role = await roleCatalog.create(db, system, { name: 'Electrical engineer' });
    const skill = await skillCatalog.create(db, system, { name: 'Protection relays' });
    const unit = await createBusinessUnit(db, system, { name: 'Grid', code: 'GRID' });
    const resource = await person({ roleId: role.id, businessUnitId: unit.id, maxUnits: 0.8 });
    expect(resource).toMatchObject({
      kind: 'person',
      roleName: 'Electrical engineer',
      businessUnitName: 'Grid',
      maxUnits: 0.8,
    });
    const skills = await setResourceSkills(db, system, resource.id, {
      skills: [{ skillId: skill.id, proficiency: 4 }],
    });
    expect(skills).toEqual([{ skillId: skill.id, skillName: 'Protection relays', proficiency: 4 }]);
  });

  it('refuses a generic resource without a role, a material linked to a user, and units out of range', async () => {
    await expectInvalid(person({ kind: 'generic' }), 'roleId');
    await expectInvalid(person({ maxUnits: 0 }), 'maxUnits');
    await expectInvalid(person({ maxUnits: 1001 }), 'maxUnits');
    const machine = await person({ kind: 'equipment' });
    const user = await makeActor(db, orgId, 'team_member');
    await expectInvalid(
      updateResource(db, system, machine.id, machine.version, { userId: user.userId }),
      'userId',
    );
    await expectInvalid(
      setResourceSkills(db, system, machine.id, { skills: [{ skillId: machine.id, proficiency: 3 }] }),
      'skills[0].skillId',
    );
    await expectInvalid(
      setResourceSkills(db, system, machine.id, { skills: [{ skillId: machine.id, proficiency: 6 }] }),
      'skills.0.proficiency',
    );
  });

  it('lets a resource manager keep the resources of its unit and the units below, and no others', async () => {
    const unit = await createBusinessUnit(db, system, { name: 'Ops', code: 'OPS' });
    const below = await createBusinessUnit(db, system, {
      name: 'Ops field',
      code: 'OPSF',
      parentId: unit.id,
    });
    const elsewhere = await createBusinessUnit(db, system, { name: 'Sales', code: 'SALES' });
    const manager = await makeActor(db, orgId, 'resource_manager', 'business_unit', unit.id);
    const mine = await createResource(db, manager, {
      code: 'OPS-1',
      name: 'Field tech',
      businessUnitId: below.id,
    });
    expect(mine.businessUnitName).toBe('Ops field');
    await expect(
      createResource(db, manager, { code: 'S-1', name: 'Seller', businessUnitId: elsewhere.id }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      updateResource(db, manager, mine.id, mine.version, { businessUnitId: elsewhere.id }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(roleCatalog.create(db, manager, { name: 'Unit-made role' })).rejects.toMatchObject({
      status: 403,
    });
    const projectManager = await makeActor(db, orgId, 'project_manager');
    await expect(createResource(db, projectManager, { code: 'X-1', name: 'X' })).rejects.toMatchObject({
      status: 403,
    });
    await deleteResource(db, manager, mine.id, mine.version);
  });
});

describe('assignments', () => {
  it('costs work at the rate in effect at the task start, plus the per-use cost, and follows rate changes', async () => {
    const project = await makeProject(db, orgId);
    const task = await createTask(db, system, project.id, { name: 'Wire panels', durationMinutes: 2400 });
    const resource = await person();
    await createResourceRate(db, system, resource.id, { effectiveFrom: '2026-01-01', standardRate: 50 });
    const later = await createResourceRate(db, system, resource.id, {
      effectiveFrom: '2027-06-01',
      standardRate: 90,
    });
    const assignment = await createAssignment(db, system, {
      taskId: task.id,
      resourceId: resource.id,
      units: 0.5,
    });
    // Half time over five days: 20 hours at 50, the rate in effect on 4 January 2027.
    expect(assignment).toMatchObject({
      workMinutes: 1200,
      cost: 1000,
      projectId: project.id,
      start: '2027-01-04T08:00:00',
    });
    const rate = await createResourceRate(db, system, resource.id, {
      effectiveFrom: '2027-01-01',
      standardRate: 60,
      perUseCost: 25,
    });
    expect((await getAssignment(db, system, assignment.id)).cost).toBe(1225);
    await updateResourceRate(db, system, rate.id, rate.version, { standardRate: 70 });
    expect((await getAssignment(db, system, assignment.id)).cost).toBe(1425);
    const doubled = await updateAssignment(db, system, assignment.id, assignment.version, { units: 1 });
    expect(doubled).toMatchObject({ workMinutes: 2400, cost: 2825 });
    void later;
  });

  it('reprices the assignments of a rescheduled task whose start crosses into another rate period, and only those', async () => {
    const project = await makeProject(db, orgId);
    const design = await createTask(db, system, project.id, { name: 'Design', durationMinutes: 2400 });
    const build = await createTask(db, system, project.id, { name: 'Build', durationMinutes: 480 });
    const test = await createTask(db, system, project.id, { name: 'Test', durationMinutes: 480 });
    await createLink(db, system, { predecessorId: design.id, successorId: test.id, type: 'FS' });
    const resource = await person();
    await createResourceRate(db, system, resource.id, { effectiveFrom: '2026-01-01', standardRate: 50 });
    const raise = await createResourceRate(db, system, resource.id, {
      effectiveFrom: '2027-01-06',
      standardRate: 80,
    });
    const onBuild = await createAssignment(db, system, { taskId: build.id, resourceId: resource.id });
    const onTest = await createAssignment(db, system, { taskId: test.id, resourceId: resource.id });
    const cost = async (id: string) => (await getAssignment(db, system, id)).cost;
    // Build starts on 4 January at 50 an hour; Test after the five-day design, on 11 January, at 80.
    expect([onBuild.cost, onTest.cost]).toEqual([400, 640]);
    // A marker on Test's cost shows which assignments a reschedule rewrites.
    await db.query('UPDATE assignments SET cost = 1 WHERE org_id = $1 AND id = $2', [orgId, onTest.id]);

    await createLink(db, system, { predecessorId: design.id, successorId: build.id, type: 'FS' });
    expect([await cost(onBuild.id), await cost(onTest.id)]).toEqual([640, 1]);

    // Both move a day later, still inside the 80 period: neither is rewritten.
    const longer = await updateTask(db, system, design.id, design.version, { durationMinutes: 2880 });
    expect((await getTask(db, system, test.id)).earlyStart).toBe('2027-01-12T08:00:00');
    expect([await cost(onBuild.id), await cost(onTest.id)]).toEqual([640, 1]);

    // Back before 6 January: both cross into the 50 period and are repriced.
    await updateTask(db, system, design.id, longer.version, { durationMinutes: 480 });
    expect((await getTask(db, system, test.id)).earlyStart).toBe('2027-01-05T08:00:00');
    expect([await cost(onBuild.id), await cost(onTest.id)]).toEqual([400, 400]);

    // Moving a rate's start reprices every assignment of the resource; deleting it too.
    const earlier = await updateResourceRate(db, system, raise.id, raise.version, {
      effectiveFrom: '2027-01-05',
    });
    expect([await cost(onBuild.id), await cost(onTest.id)]).toEqual([640, 640]);
    await deleteResourceRate(db, system, raise.id, earlier.version);
    expect([await cost(onBuild.id), await cost(onTest.id)]).toEqual([400, 400]);
  });

  it('refuses units out of range, negative work, a task of another organization and an unknown resource, writing nothing', async () => {
    const project = await makeProject(db, orgId);
    const task = await createTask(db, system, project.id, { name: 'Task', durationMinutes: 480 });
    const foreignProject = await makeProject(db, other.orgId);
    const foreignTask = await createTask(db, other.system, foreignProject.id, {
      name: 'Foreign',
      durationMinutes: 480,
    });
    const resource = await person();
    const before = { assignments: await rowCount('assignments'), audit: await rowCount('audit_log') };
    await expectInvalid(
      createAssignment(db, system, { taskId: task.id, resourceId: resource.id, units: 1001 }),
      'units',
    );
    await expectInvalid(
      createAssignment(db, system, { taskId: task.id, resourceId: resource.id, units: -1 }),
      'units',
    );
    await expectInvalid(
      createAssignment(db, system, { taskId: task.id, resourceId: resource.id, workMinutes: -60 }),
      'workMinutes',
    );
    await expectInvalid(
      createAssignment(db, system, { taskId: foreignTask.id, resourceId: resource.id }),
      'taskId',
    );
    await expectInvalid(createAssignment(db, system, { taskId: task.id, resourceId: task.id }), 'resourceId');
    expect({ assignments: await rowCount('assignments'), audit: await rowCount('audit_log') }).toEqual(
      before,
    );
  });

  it('lets only the project editors assign, and audits the assignment', async () => {
    const project = await makeProject(db, orgId);
    const task = await createTask(db, system, project.id, { name: 'Task', durationMinutes: 480 });
    const resource = await person();
    const member = await makeActor(db, orgId, 'team_member', 'project', project.id);
    await expect(
      createAssignment(db, member, { taskId: task.id, resourceId: resource.id }),
    ).rejects.toMatchObject({ status: 403 });
    const manager = await makeActor(db, orgId, 'project_manager', 'project', project.id);
    const assignment = await createAssignment(db, manager, { taskId: task.id, resourceId: resource.id });
    const listed = await listProjectAssignments(db, member, project.id, {
      page: 1,
      pageSize: 50,
      order: 'asc',
    });
    expect(listed.items.map((a) => a.id)).toEqual([assignment.id]);
    const history = await entityHistory(db, system, 'assignment', assignment.id, 1, 10);
    expect(history.items.map((entry) => entry.action)).toEqual(['create']);
  });
});
