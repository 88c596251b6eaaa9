import { systemActor } from '../../../src/services/access.ts';
import { createBenefit } from '../../../src/services/benefits.ts';
import { openGateReview } from '../../../src/services/gates.ts';
import { createLesson, proposeChange } from '../../../src/services/lessons.ts';
import { createLifecycle } from '../../../src/services/lifecycles.ts';
import { createBusinessUnit } from '../../../src/services/structure.ts';
import { smallLifecycle } from '../../support/governance-fixtures.ts';
import { db, freshProject, nextSequence, orgOf, systemFor, type Target, tree } from './world.ts';

// Governance: one lifecycle per organization (made on first use), fresh projects at its first gate.
const orgLifecycles = new Map<string, Promise<Awaited<ReturnType<typeof createLifecycle>>>>();
export const lifecycleOf = (t: Target) => {
  const orgId = orgOf(t);
  if (!orgLifecycles.has(orgId))
    orgLifecycles.set(orgId, createLifecycle(db, systemActor(orgId), smallLifecycle()));
  return orgLifecycles.get(orgId)!;
};
export const firstGateOf = async (t: Target) => (await lifecycleOf(t)).stages[0]!.gate!.id;
export const unitLifecycleAt = async (t: Target) => {
  const unit = await createBusinessUnit(db, systemFor(t), {
    name: 'Lifecycle unit',
    code: `LU${nextSequence()}`,
    parentId: tree[t].unit,
  });
  return createLifecycle(db, systemFor(t), smallLifecycle({ businessUnitId: unit.id }));
};
/** The target's own project (its project manager's) with no open review, so one can be opened. */
export const projectReadyForReview = async (t: Target) => {
  await db.query(`DELETE FROM gate_reviews WHERE org_id = $1 AND project_id = $2 AND status = 'open'`, [
    orgOf(t),
    tree[t].project,
  ]);
  return tree[t].project;
};
export const reviewAt = async (t: Target) => {
  const project = await freshProject(t);
  const review = await openGateReview(db, systemFor(t), project.id, { gateId: await firstGateOf(t) });
  return { project, review };
};
export const benefitAt = (t: Target) =>
  createBenefit(db, systemFor(t), {
    projectId: tree[t].project,
    name: `Benefit ${nextSequence()}`,
    measure: 'Hours saved per week',
    target: 40,
  });
export const lessonAt = (t: Target) =>
  createLesson(db, systemFor(t), {
    projectId: tree[t].project,
    title: `Lesson ${nextSequence()}`,
    category: 'Planning',
    kind: 'success',
  });
export const proposalAt = async (t: Target) =>
  proposeChange(db, systemFor(t), (await lessonAt(t)).id, {
    targetKind: 'template',
    targetReference: 'Charter template',
    proposedText: 'Add a section',
  });
