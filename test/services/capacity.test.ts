import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import type { Project } from '../../src/model/organization.ts';
import type { Resource } from '../../src/model/resource.ts';
import { createAssignment } from '../../src/services/assignments.ts';
import { capacityCell, capacityReport, listOverAllocations } from '../../src/services/capacity.ts';
import { createTask } from '../../src/services/planning.ts';
import type { Actor } from '../../src/services/policy.ts';
import {
  createResource,
  roleCatalog,
  setResourceSkills,
  skillCatalog,
} from '../../src/services/resources.ts';
import {
  createBooking,
  createStaffingRequest,
  deleteBooking,
  getStaffingRequest,
  listCandidates,
} from '../../src/services/staffing.ts';
import { createBusinessUnit } from '../../src/services/structure.ts';
import { openTestDatabase } from '../support/database.ts';
import { makeActor, makeOrganization, makeProject } from '../support/factories.ts';

let db: Database;
let system: Actor;
let orgId: string;
let unitId: string;
let alpha: Project;
let beta: Project;
let busy: Resource;
let idle: Resource;
let skillId: string;

// Both projects start on Monday 4 January 2027 on the standard calendar (8 hours a day, Monday to Friday).
beforeAll(async () => {
  db = await openTestDatabase();
  ({ orgId, system } = await makeOrganization(db));
  unitId = (await createBusinessUnit(db, system, { name: 'Grid', code: 'G' })).id;
  alpha = await makeProject(db, orgId, { code: 'ALPHA' });
  beta = await makeProject(db, orgId, { code: 'BETA' });
  const role = await roleCatalog.create(db, system, { name: 'Engineer' });
  skillId = (await skillCatalog.create(db, system, { name: 'SCADA' })).id;
  busy = await createResource(db, system, {
    code: 'BUSY',
    name: 'Busy Bee',
    roleId: role.id,
    businessUnitId: unitId,
  });
  idle = await createResource(db, system, {
    code: 'IDLE',
    name: 'Idle Ida',
    roleId: role.id,
    businessUnitId: unitId,
  });
  await setResourceSkills(db, system, busy.id, { skills: [{ skillId, proficiency: 5 }] });
  await setResourceSkills(db, system, idle.id, { skills: [{ skillId, proficiency: 3 }] });
  const design = await createTask(db, system, alpha.id, { name: 'Design', durationMinutes: 2400 });
  const survey = await createTask(db, system, beta.id, { name: 'Survey', durationMinutes: 1200 });
  await createAssignment(db, system, { taskId: design.id, resourceId: busy.id });
  await createAssignment(db, system, { taskId: survey.id, resourceId: busy.id });
}, 60_000);
afterAll(async () => db?.close());

const week = { from: '2027-01-04', to: '2027-01-17', period: 'week' };

describe('capacity against demand', () => {
  it('spreads assignments over their working time and flags the over-allocated week', async () => {
    const report = await capacityReport(db, system, { ...week, businessUnitId: unitId });
    expect(report.periods).toEqual(['2027-01-04', '2027-01-11']);
    const byKey = new Map(report.rows.map((row) => [row.key, row]));
    // 40 hours of Design and 20 of Survey in the first week, against 40 hours of capacity.
    expect(byKey.get(busy.id)).toMatchObject({
      capacityHours: [40, 40],
      demandHours: [60, 0],
      overAllocated: [true, false],
    });
    expect(byKey.get(idle.id)).toMatchObject({ demandHours: [0, 0], overAllocated: [false, false] });
  });

  it('sums a skill or a role over its resources, flagging a period when any one of them is over-allocated', async () => {
    const bySkill = await capacityReport(db, system, { ...week, groupBy: 'skill', businessUnitId: unitId });
    expect(bySkill.rows).toEqual([
      expect.objectContaining({
        key: skillId,
        label: 'SCADA',
        resourceCount: 2,
        capacityHours: [80, 80],
        demandHours: [60, 0],
        overAllocated: [true, false],
      }),
    ]);
    const daily = await capacityReport(db, system, {
      from: '2027-01-04',
      to: '2027-01-08',
      period: 'day',
      resourceId: busy.id,
    });
    // Design gives 8 hours a day all week; Survey 8 a day until Wednesday noon.
    expect(daily.rows[0].demandHours).toEqual([16, 16, 12, 8, 8]);
  });

  it('names the tasks and projects behind an over-allocation, and hides the ones the reader may not see', async () => {
    const all = await listOverAllocations(db, system, { ...week, businessUnitId: unitId });
    expect(all.total).toBe(1);
    expect(all.items[0]).toMatchObject({
      resourceId: busy.id,
      periodStart: '2027-01-04',
      capacityHours: 40,
      demandHours: 60,
    });
    expect(all.items[0].sources.map((s) => [s.projectCode, s.taskName, s.hours])).toEqual([
      ['ALPHA', 'Design', 40],
      ['BETA', 'Survey', 20],
    ]);
    const alphaManager = await makeActor(db, orgId, 'project_manager', 'project', alpha.id);
    const cell = await capacityCell(db, alphaManager, { from: '2027-01-04', to: '2027-01-10', key: busy.id });
    expect(cell).toMatchObject({ capacityHours: 40, demandHours: 60 });
    expect(cell.sources.map((s) => [s.projectId, s.projectName, s.taskName, s.hours])).toEqual([
      [alpha.id, alpha.name, 'Design', 40],
      [null, 'other projects', null, 20],
    ]);
    expect(JSON.stringify(cell)).not.toContain('BETA');
  });

  it('counts hard bookings as demand and shows soft ones apart', async () => {
    const hard = await createBooking(db, system, {
      resourceId: idle.id,
      projectId: beta.id,
      kind: 'hard',
      startDate: '2027-01-11',
      finishDate: '2027-01-15',
      units: 0.5,
    });
    await createBooking(db, system, {
      resourceId: idle.id,
      projectId: alpha.id,
      kind: 'soft',
      startDate: '2027-01-04',
      finishDate: '2027-01-08',
    });
    const report = await capacityReport(db, system, { ...week, resourceId: idle.id });
    expect(report.rows[0]).toMatchObject({ demandHours: [0, 20], softHours: [40, 0] });
    await deleteBooking(db, system, hard.id, hard.version);
  });

  it('refuses a reversed or too long range naming the field', async () => {
    await expect(capacityReport(db, system, { from: '2027-02-01', to: '2027-01-01' })).rejects.toMatchObject({
      status: 400,
      errors: [{ field: 'to', message: 'must be on or after from' }],
    });
    await expect(
      capacityReport(db, system, { from: '2027-01-01', to: '2029-01-01', period: 'day' }),
    ).rejects.toMatchObject({
      status: 400,
      errors: [expect.objectContaining({ field: 'to' })],
    });
    await expect(capacityReport(db, system, { from: 'soon', to: '2027-01-01' })).rejects.toMatchObject({
      errors: expect.arrayContaining([expect.objectContaining({ field: 'from' })]),
    });
  });
});

describe('staffing requests', () => {
  it('ranks candidates by free hours and becomes partially filled, then filled, as bookings are made', async () => {
    const request = await createStaffingRequest(db, system, {
      projectId: alpha.id,
      skillId,
      minProficiency: 3,
      startDate: '2027-01-04',
      finishDate: '2027-01-08',
      units: 1.5,
    });
    expect(request).toMatchObject({ status: 'open', bookedUnits: 0, skillName: 'SCADA' });
    const candidates = await listCandidates(db, system, request.id);
    expect(candidates.map((c) => [c.name, c.freeHours])).toEqual([
      ['Idle Ida', 40],
      ['Busy Bee', -20],
    ]);
    await createBooking(db, system, {
      resourceId: idle.id,
      staffingRequestId: request.id,
      kind: 'hard',
      startDate: '2027-01-04',
      finishDate: '2027-01-08',
      units: 1,
    });
    expect(await getStaffingRequest(db, system, request.id)).toMatchObject({
      status: 'partially_filled',
      bookedUnits: 1,
    });
    const second = await createBooking(db, system, {
      resourceId: busy.id,
      staffingRequestId: request.id,
      kind: 'soft',
      startDate: '2027-01-04',
      finishDate: '2027-01-08',
      units: 0.5,
    });
    expect(second.projectId).toBe(alpha.id);
    expect((await getStaffingRequest(db, system, request.id)).status).toBe('filled');
    await deleteBooking(db, system, second.id, second.version);
    expect((await getStaffingRequest(db, system, request.id)).status).toBe('partially_filled');
  });

  it('lets only a resource manager over the resource fill a request, and refuses a booking of another project', async () => {
    const request = await createStaffingRequest(db, system, {
      projectId: beta.id,
      skillId,
      startDate: '2027-02-01',
      finishDate: '2027-02-05',
    });
    const projectManager = await makeActor(db, orgId, 'project_manager', 'project', beta.id);
    const booking = {
      resourceId: idle.id,
      staffingRequestId: request.id,
      startDate: '2027-02-01',
      finishDate: '2027-02-05',
    };
    await expect(createBooking(db, projectManager, booking)).rejects.toMatchObject({ status: 403 });
    const unitManager = await makeActor(db, orgId, 'resource_manager', 'business_unit', unitId);
    await expect(createBooking(db, unitManager, { ...booking, projectId: alpha.id })).rejects.toMatchObject({
      status: 400,
      errors: [expect.objectContaining({ field: 'projectId' })],
    });
    expect((await createBooking(db, unitManager, booking)).kind).toBe('soft');
    await expect(
      createStaffingRequest(db, projectManager, {
        projectId: beta.id,
        startDate: '2027-02-01',
        finishDate: '2027-02-05',
      }),
    ).rejects.toMatchObject({ errors: [expect.objectContaining({ field: 'roleId' })] });
  });
});
