import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import {
  decideGate,
  getProjectGates,
  openGateReview,
  recordGatePmoReview,
  recordReviewResults,
} from '../../src/services/gates.ts';
import {
  createLifecycle,
  deleteLifecycle,
  lifecycleForUnit,
  replaceLifecycle,
} from '../../src/services/lifecycles.ts';
import type { Actor } from '../../src/services/policy.ts';
import { getProject, updateProject } from '../../src/services/projects.ts';
import { createBusinessUnit } from '../../src/services/structure.ts';
import { openTestDatabase } from '../support/database.ts';
import { makeActor, makeOrganization, makeProject } from '../support/factories.ts';
import { makeLifecycle, smallLifecycle } from '../support/governance-fixtures.ts';

let db: Database;
let system: Actor;
let orgId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  ({ orgId, system } = await makeOrganization(db));
  await makeLifecycle(db, system, { name: 'Organization lifecycle' });
}, 120_000);
afterAll(async () => db?.close());

/** A fresh project in the initiation stage with the first gate's review open. */
async function projectAtFirstGate(overrides: Parameters<typeof makeProject>[2] = {}) {
  const made = await makeProject(db, orgId, overrides);
  const project = await updateProject(db, system, made.id, made.version, { stage: 'initiation' });
  const gates = await getProjectGates(db, system, project.id);
  const review = await openGateReview(db, system, project.id, { gateId: gates.currentGate!.id });
  return { project, gates, review };
}

async function tick(review: { id: string; version: number; results: Array<{ criterionId: string }> }) {
  return recordReviewResults(db, system, review.id, review.version, {
    results: review.results.map((r) => ({ criterionId: r.criterionId, result: 'met', evidence: 'on file' })),
  });
}

describe('lifecycle resolution', () => {
  it("gives a project its nearest business unit's lifecycle, else the organization's", async () => {
    const parent = await createBusinessUnit(db, system, {
      name: 'Parent',
      code: 'PAR',
      pmoMode: 'decentralized',
    });
    const child = await createBusinessUnit(db, system, { name: 'Child', code: 'CHI', parentId: parent.id });
    const elsewhere = await createBusinessUnit(db, system, { name: 'Elsewhere', code: 'ELS' });
    const own = await makeLifecycle(db, system, { name: 'Parent lifecycle', businessUnitId: parent.id });
    expect((await lifecycleForUnit(db, orgId, child.id))?.id).toBe(own.id);
    expect((await lifecycleForUnit(db, orgId, parent.id))?.id).toBe(own.id);
    expect((await lifecycleForUnit(db, orgId, elsewhere.id))?.name).toBe('Organization lifecycle');
    const childOwn = await makeLifecycle(db, system, { name: 'Child lifecycle', businessUnitId: child.id });
    expect((await lifecycleForUnit(db, orgId, child.id))?.id).toBe(childOwn.id);
  });

  it("lets a unit's PMO shape its unit's lifecycle but not the organization's", async () => {
    const unit = await createBusinessUnit(db, system, {
      name: 'Decentral',
      code: 'DEC',
      pmoMode: 'decentralized',
    });
    const unitPmo = await makeActor(db, orgId, 'pmo_admin', 'business_unit', unit.id);
    const mine = await createLifecycle(db, unitPmo, smallLifecycle({ businessUnitId: unit.id }));
    expect(mine.businessUnitId).toBe(unit.id);
    await expect(createLifecycle(db, unitPmo, smallLifecycle({ name: 'Org again' }))).rejects.toMatchObject({
      status: 403,
    });
  });

  it('refuses a lifecycle whose middle stage has no gate or whose last stage has one, naming the stage', async () => {
    const body = smallLifecycle();
    const broken = {
      ...body,
      businessUnitId: null,
      stages: [{ ...body.stages[0], gate: null }, body.stages[2]],
    };
    await expect(createLifecycle(db, system, broken)).rejects.toMatchObject({
      status: 400,
      errors: [{ field: 'stages.0.gate', message: 'is required to leave the stage' }],
    });
  });

  it('keeps stage and gate ids sent back, and refuses to drop a gate that has been reviewed', async () => {
    const unit = await createBusinessUnit(db, system, { name: 'Keeper', code: 'KEE' });
    const lifecycle = await makeLifecycle(db, system, { businessUnitId: unit.id });
    const { review } = await projectAtFirstGate({ businessUnitId: unit.id });
    expect(review.gateId).toBe(lifecycle.stages[0]!.gate!.id);
    const renamed = lifecycle.stages.map((stage) => ({ ...stage, name: `${stage.name}!` }));
    const replaced = await replaceLifecycle(db, system, lifecycle.id, lifecycle.version, {
      name: 'Renamed',
      stages: renamed,
    });
    expect(replaced.stages.map((s) => s.id)).toEqual(lifecycle.stages.map((s) => s.id));
    expect(replaced.stages[0]!.gate!.id).toBe(lifecycle.stages[0]!.gate!.id);
    await expect(
      replaceLifecycle(db, system, lifecycle.id, replaced.version, {
        name: 'Shorter',
        stages: renamed.slice(1),
      }),
    ).rejects.toMatchObject({ status: 409 });
    await expect(
      replaceLifecycle(db, system, lifecycle.id, lifecycle.version, { name: 'Stale', stages: renamed }),
    ).rejects.toMatchObject({ status: 409 });
  });

  it('deletes an unused unit lifecycle (its projects fall back) but not one whose gates were reviewed', async () => {
    const unit = await createBusinessUnit(db, system, { name: 'Fallback', code: 'FBK' });
    const unused = await makeLifecycle(db, system, { name: 'Unused', businessUnitId: unit.id });
    await deleteLifecycle(db, system, unused.id, unused.version);
    expect((await lifecycleForUnit(db, orgId, unit.id))?.name).toBe('Organization lifecycle');
    const reviewedUnit = await createBusinessUnit(db, system, { name: 'Reviewed', code: 'RVW' });
    const reviewed = await makeLifecycle(db, system, { name: 'Reviewed', businessUnitId: reviewedUnit.id });
    await projectAtFirstGate({ businessUnitId: reviewedUnit.id });
    await expect(deleteLifecycle(db, system, reviewed.id, reviewed.version)).rejects.toMatchObject({
      status: 409,
    });
    expect((await lifecycleForUnit(db, orgId, reviewedUnit.id))?.id).toBe(reviewed.id);
  });
});

describe('gate decisions', () => {
  it('moves the project into the next stage on a go once the required criteria are met', async () => {
    const { project, review } = await projectAtFirstGate();
    const ticked = await tick(review);
    expect(ticked.results.every((r) => r.result === 'met')).toBe(true);
    const result = await decideGate(db, system, review.id, {
      decision: 'go',
      reason: 'Charter signed',
      expectedVersion: project.version,
    });
    expect(result.projectStage).toBe('execution');
    expect(result.review).toMatchObject({ status: 'decided', decision: 'go', reason: 'Charter signed' });
    const gates = await getProjectGates(db, system, project.id);
    expect(gates.currentGate?.name).toBe('G2 Close');
    expect(gates.reviews).toHaveLength(1);
  });

  it('refuses a go while a required criterion is not met, naming it, and changes nothing', async () => {
    const { project, review } = await projectAtFirstGate();
    await expect(
      decideGate(db, system, review.id, {
        decision: 'go',
        reason: 'Hurry',
        expectedVersion: project.version,
      }),
    ).rejects.toMatchObject({
      status: 400,
      errors: [{ field: 'results.0', message: '"Project charter signed" is required and not met or waived' }],
    });
    expect((await getProject(db, system, project.id)).stage).toBe('initiation');
    expect((await getProjectGates(db, system, project.id)).openReview?.id).toBe(review.id);
  });

  it('puts the project on hold, and a later go from the same gate resumes it', async () => {
    const { project, review } = await projectAtFirstGate();
    const held = await decideGate(db, system, review.id, {
      decision: 'hold',
      reason: 'Funding frozen',
      expectedVersion: project.version,
    });
    expect(held.projectStage).toBe('on_hold');
    const gates = await getProjectGates(db, system, project.id);
    expect(gates.currentGate?.name).toBe('G1 Approve plan');
    const again = await tick(await openGateReview(db, system, project.id, { gateId: gates.currentGate!.id }));
    const go = await decideGate(db, system, again.id, {
      decision: 'go',
      reason: 'Funding back',
      expectedVersion: held.projectVersion,
    });
    expect(go.projectStage).toBe('execution');
  });

  it('recycles: the project stays, the review is reopened with the same checklist', async () => {
    const { project, review } = await projectAtFirstGate();
    const ticked = await recordReviewResults(db, system, review.id, review.version, {
      results: [{ criterionId: review.results[0]!.criterionId, result: 'not_met', evidence: 'draft only' }],
    });
    const result = await decideGate(db, system, ticked.id, {
      decision: 'recycle',
      reason: 'Charter needs the sponsor',
      expectedVersion: project.version,
    });
    expect(result.projectStage).toBe('initiation');
    const gates = await getProjectGates(db, system, project.id);
    expect(gates.openReview?.id).not.toBe(review.id);
    expect(gates.openReview?.results[0]).toMatchObject({ result: 'not_met', evidence: 'draft only' });
    expect(gates.reviews.map((r) => r.decision)).toEqual([null, 'recycle']);
  });

  it('closes the project at the last gate and asks for lessons', async () => {
    const { project, review } = await projectAtFirstGate();
    const first = await decideGate(db, system, (await tick(review)).id, {
      decision: 'go',
      reason: 'ok',
      expectedVersion: project.version,
    });
    const gates = await getProjectGates(db, system, project.id);
    const last = await tick(await openGateReview(db, system, project.id, { gateId: gates.currentGate!.id }));
    const closed = await decideGate(db, system, last.id, {
      decision: 'go',
      reason: 'Accepted',
      expectedVersion: first.projectVersion,
    });
    expect(closed).toMatchObject({ projectStage: 'closed', lessonsRequested: 'closure' });
    expect((await getProjectGates(db, system, project.id)).currentGate).toBeNull();
  });

  it("refuses a decision from someone below the gate's deciding role, and changes nothing", async () => {
    const { project, review } = await projectAtFirstGate();
    await tick(review);
    const manager = await makeActor(db, orgId, 'project_manager', 'project', project.id);
    const programManager = await makeActor(db, orgId, 'program_manager', 'program', project.programId);
    const body = { decision: 'go', reason: 'mine', expectedVersion: project.version };
    await expect(decideGate(db, manager, review.id, body)).rejects.toMatchObject({ status: 403 });
    // The program manager may pass G1, but terminating stays with the PMO.
    await expect(
      decideGate(db, programManager, review.id, { ...body, decision: 'terminate' }),
    ).rejects.toMatchObject({ status: 403 });
    const after = await getProjectGates(db, system, project.id);
    expect(after.projectStage).toBe('initiation');
    expect(after.openReview?.status).toBe('open');
    const passed = await decideGate(db, programManager, review.id, body);
    expect(passed.projectStage).toBe('execution');
    // G2 is the PMO's: the program manager may not decide it.
    const g2 = await tick(
      await openGateReview(db, system, project.id, { gateId: after.lifecycle!.stages[1]!.gate!.id }),
    );
    await expect(
      decideGate(db, programManager, g2.id, { ...body, expectedVersion: passed.projectVersion }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it('refuses a decision outside the four, a stale project version, and a review of a gate not in front', async () => {
    const { project, review, gates } = await projectAtFirstGate();
    await expect(
      decideGate(db, system, review.id, { decision: 'maybe', reason: 'x', expectedVersion: project.version }),
    ).rejects.toMatchObject({ status: 400, errors: [expect.objectContaining({ field: 'decision' })] });
    await expect(
      decideGate(db, system, review.id, { decision: 'hold', reason: '', expectedVersion: project.version }),
    ).rejects.toMatchObject({ status: 400, errors: [expect.objectContaining({ field: 'reason' })] });
    await expect(
      decideGate(db, system, review.id, {
        decision: 'hold',
        reason: 'x',
        expectedVersion: project.version - 1,
      }),
    ).rejects.toMatchObject({ status: 409 });
    const other = await projectAtFirstGate();
    const g2 = gates.lifecycle!.stages[1]!.gate!.id;
    await expect(openGateReview(db, system, other.project.id, { gateId: g2 })).rejects.toMatchObject({
      status: 400,
      errors: [
        { field: 'gateId', message: 'is not the gate in front of the project (that is G1 Approve plan)' },
      ],
    });
    await expect(
      openGateReview(db, system, project.id, { gateId: gates.currentGate!.id }),
    ).rejects.toMatchObject({ status: 409 });
    expect((await getProject(db, system, project.id)).version).toBe(project.version);
  });

  it("needs the PMO's review first where the gate asks for it, unless the PMO decides", async () => {
    const unit = await createBusinessUnit(db, system, {
      name: 'Strict',
      code: 'STR',
      pmoMode: 'decentralized',
    });
    await makeLifecycle(db, system, { businessUnitId: unit.id, pmoReview: true });
    const { project, review } = await projectAtFirstGate({ businessUnitId: unit.id });
    const ticked = await tick(review);
    const programManager = await makeActor(db, orgId, 'program_manager', 'program', project.programId);
    const body = { decision: 'go', reason: 'ready', expectedVersion: project.version };
    await expect(decideGate(db, programManager, review.id, body)).rejects.toMatchObject({ status: 409 });
    await expect(
      recordGatePmoReview(db, programManager, review.id, ticked.version, { note: 'self' }),
    ).rejects.toMatchObject({ status: 403 });
    const unitPmo = await makeActor(db, orgId, 'pmo_admin', 'business_unit', unit.id);
    const reviewed = await recordGatePmoReview(db, unitPmo, review.id, ticked.version, { note: 'Checked' });
    expect(reviewed).toMatchObject({ pmoReviewedBy: unitPmo.userId, pmoReviewNote: 'Checked' });
    expect((await decideGate(db, programManager, review.id, body)).projectStage).toBe('execution');
  });

  it('says who may decide and terminate in the project view', async () => {
    const { project } = await projectAtFirstGate();
    const manager = await makeActor(db, orgId, 'project_manager', 'project', project.id);
    const view = await getProjectGates(db, manager, project.id);
    expect(view).toMatchObject({ canDecide: false, canTerminate: false });
    expect(view.currentGate?.criteria.map((c) => c.text)).toEqual([
      'Project charter signed',
      'Stakeholders briefed',
    ]);
    expect(await getProjectGates(db, system, project.id)).toMatchObject({
      canDecide: true,
      canTerminate: true,
    });
  });

  it('moves a stage only through a gate review, except for the PMO, and never into or out of termination', async () => {
    const { project } = await projectAtFirstGate();
    const manager = await makeActor(db, orgId, 'project_manager', 'project', project.id);
    const programManager = await makeActor(db, orgId, 'program_manager', 'program', project.programId);
    const pmo = await makeActor(db, orgId, 'pmo_admin');
    for (const actor of [manager, programManager])
      await expect(
        updateProject(db, actor, project.id, project.version, { stage: 'execution' }),
      ).rejects.toMatchObject({ status: 403, message: expect.stringContaining('gate review') });
    await expect(
      updateProject(db, pmo, project.id, project.version, { stage: 'terminated' }),
    ).rejects.toMatchObject({ status: 400, message: expect.stringContaining('stage') });
    expect((await getProject(db, system, project.id)).stage).toBe('initiation');
    const renamed = await updateProject(db, manager, project.id, project.version, {
      name: 'Renamed by its manager',
      stage: 'initiation',
    });
    const corrected = await updateProject(db, pmo, project.id, renamed.version, { stage: 'planning' });
    expect(corrected.stage).toBe('planning');
  });
});
