import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { listBenefits } from '../../src/services/benefits.ts';
import { seedGovernanceDemo } from '../../src/services/demo-seed-governance.ts';
import { getProjectGates } from '../../src/services/gates.ts';
import { listChangeProposals, listLessons } from '../../src/services/lessons.ts';
import type { Actor } from '../../src/services/policy.ts';
import { updateProject } from '../../src/services/projects.ts';
import { createBusinessUnit } from '../../src/services/structure.ts';
import { openTestDatabase } from '../support/database.ts';
import { makeActor, makeOrganization, makeProject } from '../support/factories.ts';

let db: Database;
let system: Actor;
let orgId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  ({ orgId, system } = await makeOrganization(db));
}, 120_000);
afterAll(async () => db?.close());

async function projectAt(code: string, stage: string, businessUnitId?: string) {
  const made = await makeProject(db, orgId, { code, ...(businessUnitId ? { businessUnitId } : {}) });
  return updateProject(db, system, made.id, made.version, { stage });
}

describe('the governance demo', () => {
  it('gives every project a review history that matches its stage, with benefits and lessons', async () => {
    const ens = await createBusinessUnit(db, system, {
      name: 'Energy Services',
      code: 'ENS',
      pmoMode: 'decentralized',
    });
    const closed = await projectAt('OX-204', 'closed');
    const held = await projectAt('OX-205', 'on_hold');
    const terminated = await projectAt('GM-305', 'terminated', ens.id);
    const running = await projectAt('CP-101', 'execution');
    const pmo = await makeActor(db, orgId, 'pmo_admin');
    await seedGovernanceDemo(db, system, orgId, { ens: ens.id }, pmo.userId as string);

    const heldGates = await getProjectGates(db, system, held.id);
    expect(heldGates.lifecycle?.name).toBe('Standard project lifecycle');
    expect(heldGates.currentGate?.name).toBe('G2 Baseline approval');
    expect(heldGates.reviews[0]).toMatchObject({ decision: 'hold' });
    const runningGates = await getProjectGates(db, system, running.id);
    expect(runningGates.lifecycle?.name).toBe('Standard project lifecycle');
    expect(runningGates.currentGate?.name).toBe('G3 Ready for handover');
    expect(runningGates.reviews.filter((r) => r.decision === 'go')).toHaveLength(3);
    expect((await getProjectGates(db, system, closed.id)).currentGate).toBeNull();
    expect((await getProjectGates(db, system, terminated.id)).reviews[0]).toMatchObject({
      decision: 'terminate',
    });

    const benefits = await listBenefits(db, system, {
      page: 1,
      pageSize: 50,
      order: 'asc',
      projectId: closed.id,
    });
    expect(benefits.items[0]).toMatchObject({ projectStage: 'closed', latestValue: 5 });
    const lessons = await listLessons(db, system, { page: 1, pageSize: 50, order: 'asc' });
    expect(lessons.total).toBe(8);
    const search = await listLessons(db, system, {
      page: 1,
      pageSize: 50,
      order: 'asc',
      q: 'vendor roadmap',
    });
    expect(search.items[0]?.projectId).toBe(terminated.id);
    const proposals = await listChangeProposals(db, system, { page: 1, pageSize: 50, order: 'asc' });
    expect(proposals.items).toEqual([
      expect.objectContaining({ status: 'accepted', targetKind: 'checklist' }),
    ]);
  });
});
