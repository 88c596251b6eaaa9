import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { decideGate, getProjectGates, openGateReview } from '../../src/services/gates.ts';
import { createLink, createTask } from '../../src/services/planning.ts';
import type { Actor } from '../../src/services/policy.ts';
import { getProject, updateProject } from '../../src/services/projects.ts';
import { createResource, roleCatalog } from '../../src/services/resources.ts';
import { createRisk } from '../../src/services/risks.ts';
import {
  createBooking,
  createStaffingRequest,
  getStaffingRequest,
  listBookings,
} from '../../src/services/staffing.ts';
import { getTerminationImpact, terminateProject } from '../../src/services/termination.ts';
import { openTestDatabase } from '../support/database.ts';
import { makeActor, makeOrganization, makeProject } from '../support/factories.ts';
import { makeLifecycle } from '../support/governance-fixtures.ts';

let db: Database;
let system: Actor;
let orgId: string;
const today = '2027-03-15';

beforeAll(async () => {
  db = await openTestDatabase();
  ({ orgId, system } = await makeOrganization(db));
  await makeLifecycle(db, system);
}, 120_000);
afterAll(async () => db?.close());

/** A project with a successor project linked to it, a shared risk, three bookings and an open request. */
async function projectWithDependents() {
  const made = await makeProject(db, orgId);
  const project = await updateProject(db, system, made.id, made.version, { stage: 'initiation' });
  const successorManager = await makeActor(db, orgId, 'project_manager');
  const successor = await makeProject(db, orgId, {
    businessUnitId: project.businessUnitId,
    portfolioId: project.portfolioId,
  });
  await updateProject(db, system, successor.id, successor.version, { managerId: successorManager.userId });
  const mine = await createTask(db, system, project.id, { name: 'Deliver platform' });
  const theirs = await createTask(db, system, successor.id, { name: 'Integrate platform' });
  await createLink(db, system, { predecessorId: mine.id, successorId: theirs.id });
  const bystander = await makeProject(db, orgId);
  await createRisk(db, system, {
    scopeType: 'project',
    scopeId: project.id,
    projectIds: [bystander.id],
    title: 'Vendor insolvency',
    probability: 0.2,
    impactSchedule: 3,
    impactCost: 3,
    impactScope: 1,
    impactQuality: 1,
  });
  const resource = await createResource(db, system, { code: `R-${project.code}`, name: 'Ada Engineer' });
  const book = (startDate: string, finishDate: string) =>
    createBooking(db, system, { resourceId: resource.id, projectId: project.id, startDate, finishDate });
  const past = await book('2027-01-04', '2027-02-26');
  const running = await book('2027-03-01', '2027-04-30');
  const future = await book('2027-05-03', '2027-06-30');
  const role = await roleCatalog.create(db, system, { name: `Engineer ${project.code}` });
  const request = await createStaffingRequest(db, system, {
    projectId: project.id,
    roleId: role.id,
    startDate: '2027-05-01',
    finishDate: '2027-06-30',
  });
  return { project, successor, successorManager, bystander, past, running, future, request };
}

describe('termination', () => {
  it('shows first what terminating would touch: successors, shared risks, bookings', async () => {
    const { project, successor, bystander, running, future } = await projectWithDependents();
    const impact = await getTerminationImpact(db, system, project.id, today);
    expect(impact.successors).toEqual([
      expect.objectContaining({ projectId: successor.id, links: 1, managerName: expect.any(String) }),
    ]);
    expect(impact.sharedRisks).toEqual([
      expect.objectContaining({ title: 'Vendor insolvency', otherProjects: [bystander.name] }),
    ]);
    expect(impact.bookings.map((b) => [b.bookingId, b.release])).toEqual([
      [running.id, 'end'],
      [future.id, 'cancel'],
    ]);
    expect(impact.openStaffingRequests).toBe(1);
    // A preview changes nothing.
    expect((await getProject(db, system, project.id)).stage).toBe('initiation');
  });

  it('terminates: releases bookings and requests, records the gate decision, tells successor managers', async () => {
    const { project, successorManager, past, running, future, request } = await projectWithDependents();
    const result = await terminateProject(
      db,
      system,
      project.id,
      { reason: 'Strategy changed', expectedVersion: project.version },
      today,
    );
    expect(result).toMatchObject({
      projectStage: 'terminated',
      bookingsCancelled: 1,
      bookingsEnded: 1,
      staffingRequestsCancelled: 1,
      notified: 1,
      lessonsRequested: 'termination',
    });
    expect(result.review).toMatchObject({
      decision: 'terminate',
      reason: 'Strategy changed',
      gateName: 'G1 Approve plan',
    });
    const left = (
      await listBookings(db, system, { projectId: project.id, page: 1, pageSize: 50, order: 'asc' })
    ).items;
    expect(left.map((b) => [b.id, b.finishDate]).sort()).toEqual(
      [
        [past.id, '2027-02-26'],
        [running.id, '2027-03-14'],
      ].sort(),
    );
    expect(left.some((b) => b.id === future.id)).toBe(false);
    expect((await getStaffingRequest(db, system, request.id)).status).toBe('cancelled');
    const notes = await db.query<{ kind: string; message: string }>(
      'SELECT kind, message FROM notifications WHERE org_id = $1 AND user_id = $2',
      [orgId, successorManager.userId],
    );
    expect(notes).toEqual([
      { kind: 'project_terminated', message: expect.stringContaining('Strategy changed') },
    ]);
    const gates = await getProjectGates(db, system, project.id);
    expect(gates).toMatchObject({
      projectStage: 'terminated',
      currentGate: null,
      openReview: null,
      canTerminate: false,
    });
  });

  it('refuses without a reason, from anyone but the PMO, and on a stale version — changing nothing', async () => {
    const { project, future } = await projectWithDependents();
    await expect(
      terminateProject(db, system, project.id, { reason: ' ', expectedVersion: project.version }, today),
    ).rejects.toMatchObject({
      status: 400,
      errors: [expect.objectContaining({ field: 'reason' })],
    });
    const portfolioManager = await makeActor(
      db,
      orgId,
      'portfolio_manager',
      'portfolio',
      project.portfolioId,
    );
    await expect(
      terminateProject(
        db,
        portfolioManager,
        project.id,
        { reason: 'mine', expectedVersion: project.version },
        today,
      ),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      terminateProject(
        db,
        system,
        project.id,
        { reason: 'late', expectedVersion: project.version - 1 },
        today,
      ),
    ).rejects.toMatchObject({ status: 409 });
    expect((await getProject(db, system, project.id)).stage).toBe('initiation');
    const bookings = (
      await listBookings(db, system, { projectId: project.id, page: 1, pageSize: 50, order: 'asc' })
    ).items;
    expect(bookings.some((b) => b.id === future.id)).toBe(true);
  });

  it('terminates at a gate by decision, with the same release', async () => {
    const { project, future } = await projectWithDependents();
    const gates = await getProjectGates(db, system, project.id);
    const review = await openGateReview(db, system, project.id, { gateId: gates.currentGate!.id });
    const result = await decideGate(
      db,
      system,
      review.id,
      { decision: 'terminate', reason: 'No business case', expectedVersion: project.version },
      today,
    );
    expect(result).toMatchObject({ projectStage: 'terminated', lessonsRequested: 'termination' });
    const bookings = (
      await listBookings(db, system, { projectId: project.id, page: 1, pageSize: 50, order: 'asc' })
    ).items;
    expect(bookings.some((b) => b.id === future.id)).toBe(false);
    await expect(
      terminateProject(
        db,
        system,
        project.id,
        { reason: 'again', expectedVersion: result.projectVersion },
        today,
      ),
    ).rejects.toMatchObject({ status: 409 });
  });
});
