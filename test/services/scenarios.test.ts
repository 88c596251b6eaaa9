import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { optimizePortfolio } from '../../src/services/optimization.ts';
import type { Actor } from '../../src/services/policy.ts';
import { getProject, updateProject } from '../../src/services/projects.ts';
import { getProposal, triageProposal, updateProposal } from '../../src/services/proposals.ts';
import {
  compareScenarios,
  createScenario,
  getScenario,
  optimizeScenario,
  promoteScenario,
} from '../../src/services/scenarios.ts';
import { openTestDatabase } from '../support/database.ts';
import { makeActor, makeOrganization, makeProject } from '../support/factories.ts';
import {
  makeProposal,
  makeRole,
  makeUnitWithPortfolio,
  makeValueModel,
  scoreAs,
} from '../support/intake-fixtures.ts';

let db: Database;
let orgId: string;
let system: Actor;
let place: { unitId: string; portfolioId: string };
let evaluator: Actor;
let roleId: string;
const ids: Record<string, string> = {};

/**
 * The known instance: budget 100 a month for two months. A costs 60+40 (value 80), B 80+80 (90),
 * C 30+50 (50) and needs A. A with C (130) beats B (90); A with B breaks the first month's budget.
 */
beforeAll(async () => {
  db = await openTestDatabase();
  ({ orgId, system } = await makeOrganization(db));
  place = await makeUnitWithPortfolio(db, system);
  evaluator = await makeActor(db, orgId, 'pmo_admin');
  roleId = (await makeRole(db, system, 'Engineer')).id;
  const model = await makeValueModel(db, system);
  const a = await makeProposal(db, system, place, { code: 'A', cost: [60, 40], status: 'accepted' });
  const b = await makeProposal(db, system, place, { code: 'B', cost: [80, 80], status: 'accepted' });
  const c = await makeProposal(db, system, place, {
    code: 'C',
    cost: [30, 50],
    demand: { roleId, hours: [120, 0] },
    status: 'accepted',
    extra: { dependencies: [{ proposalId: a.id }] },
  });
  Object.assign(ids, { A: a.id, B: b.id, C: c.id });
  await scoreAs(db, evaluator, model, a.id, 8);
  await scoreAs(db, evaluator, model, b.id, 9);
  await scoreAs(db, evaluator, model, c.id, 5);
});

afterAll(async () => {
  await db?.close();
});

const settings = (extra: Record<string, unknown> = {}) => ({
  portfolioId: place.portfolioId,
  horizonStart: '2027-01-01',
  periods: 2,
  budget: [100, 100],
  ...extra,
});

const failure = async (work: Promise<unknown>) => {
  try {
    await work;
  } catch (error) {
    return error as { status: number; message: string; errors: { field: string; message: string }[] };
  }
  throw new Error('expected the call to fail');
};

describe('portfolio optimization over real data', () => {
  it('finds the known optimum exactly and says so, with the efficient frontier', async () => {
    const result = await optimizePortfolio(db, system, settings());
    expect(result.selected.map((s) => s.code).sort()).toEqual(['A', 'C']);
    expect(result).toMatchObject({
      method: 'exact',
      optimal: true,
      gap: 0,
      totalScore: 130,
      candidateCount: 3,
    });
    expect(result.costPerPeriod).toEqual([90, 90]);
    expect(result.months).toEqual(['2027-01', '2027-02']);
    expect(result.frontier.length).toBeGreaterThan(2);
    const best = result.frontier.at(-1);
    expect(best).toMatchObject({ feasible: true, totalScore: 130 });
  });

  it('respects capacity per role: with 100 engineer hours C no longer fits and B wins', async () => {
    const result = await optimizePortfolio(db, system, settings({ capacity: { [roleId]: [100, 100] } }));
    expect(result.selected.map((s) => s.code)).toEqual(['B']);
    expect(result.totalScore).toBe(90);
  });

  it('shifts starts to fit when allowed', async () => {
    const result = await optimizePortfolio(
      db,
      system,
      settings({
        periods: 4,
        budget: [100, 100, 100, 100],
        maxShift: 2,
        items: [{ candidate: { type: 'proposal', id: ids.B }, mandatory: true }],
      }),
    );
    // B fills the first two months; A and C both fit two months later (90 a month), C still after A.
    const byCode = Object.fromEntries(result.selected.map((s) => [s.code, s.shift]));
    expect(byCode).toEqual({ A: 2, B: 0, C: 2 });
    expect(result.totalScore).toBe(220);
    expect(result.costPerPeriod).toEqual([80, 80, 90, 90]);
  });

  it('refuses a mandatory set that breaks the budget, naming the month and the amounts', async () => {
    const error = await failure(
      optimizePortfolio(
        db,
        system,
        settings({
          items: [
            { candidate: { type: 'proposal', id: ids.A }, mandatory: true },
            { candidate: { type: 'proposal', id: ids.B }, mandatory: true },
          ],
        }),
      ),
    );
    expect(error.status).toBe(400);
    expect(error.errors[0].field).toBe('budget.0');
    expect(error.errors[0].message).toContain(
      'budget in 2027-01: the mandatory set needs 140, the limit is 100',
    );
  });

  it('refuses candidates that need each other in a cycle, naming the cycle', async () => {
    const a = await getProposal(db, system, ids.A);
    await updateProposal(db, system, a.id, a.version, { dependencies: [{ proposalId: ids.C }] });
    try {
      const error = await failure(optimizePortfolio(db, system, settings()));
      expect(error.status).toBe(400);
      expect(error.errors[0].field).toBe('dependencies');
      expect(error.errors[0].message).toMatch(/cycle: (A → C → A|C → A → C)/);
    } finally {
      const again = await getProposal(db, system, ids.A);
      await updateProposal(db, system, again.id, again.version, { dependencies: [] });
    }
  });

  it('refuses to let a portfolio manager of another portfolio optimize this one', async () => {
    const other = await makeUnitWithPortfolio(db, system);
    const manager = await makeActor(db, orgId, 'portfolio_manager', 'portfolio', other.portfolioId);
    expect((await failure(optimizePortfolio(db, manager, settings()))).status).toBe(403);
  });
});

describe('scenarios', () => {
  it('saves, optimizes, compares and promotes: accepted proposals become projects, left-out running projects are flagged', async () => {
    const running = await makeProject(db, orgId, {
      businessUnitId: place.unitId,
      portfolioId: place.portfolioId,
      programId: null,
      code: 'RUN-1',
    });
    await updateProject(db, system, running.id, running.version, {
      stage: 'execution',
      targetStart: '2027-01-01',
      targetFinish: '2027-02-28',
      budget: 400,
    });
    const lean = await createScenario(db, system, { name: 'Lean', ...settings() });
    const rich = await createScenario(db, system, {
      name: 'Generous',
      ...settings({ budget: [1000, 1000], capacity: { [roleId]: [500, 500] } }),
    });
    const optimizedLean = await optimizeScenario(db, system, lean.id);
    expect(optimizedLean.result?.selected.map((s) => s.code).sort()).toEqual(['A', 'C']);
    expect(optimizedLean.items.filter((i) => i.included).map((i) => i.code)).toEqual(['A', 'C']);
    await optimizeScenario(db, system, rich.id);

    const comparison = await compareScenarios(db, system, { ids: [lean.id, rich.id] });
    expect(comparison.months).toEqual(['2027-01', '2027-02']);
    const [l, r] = comparison.scenarios;
    expect(l).toMatchObject({ name: 'Lean', totalScore: 130, totalCost: 180, costPerPeriod: [90, 90] });
    // The running project is unscored: worth nothing, so even the generous budget does not spend on it.
    expect(r.selectedCount).toBe(3);
    expect(r.totalCost).toBe(180 + 160);
    expect(r.capacityUse[0]).toMatchObject({
      roleName: 'Engineer',
      used: [120, 0],
      limit: [500, 500],
      peakPercent: 24,
    });

    const current = await getScenario(db, system, lean.id);
    const promotion = await promoteScenario(db, system, lean.id, current.version);
    expect(promotion.createdProjects.map((p) => p.code).sort()).toEqual(['A', 'C']);
    expect(promotion.holdFlagged.map((p) => p.code)).toEqual(['RUN-1']);
    expect(promotion.scenario.status).toBe('promoted');
    const project = await getProject(
      db,
      system,
      promotion.createdProjects.find((p) => p.code === 'A')!.projectId,
    );
    expect(project).toMatchObject({
      stage: 'initiation',
      budget: 100,
      targetStart: '2027-01-01',
      targetFinish: '2027-06-30',
    });
    expect((await getProposal(db, system, ids.A)).projectId).toBe(project.id);
    expect((await getProject(db, system, running.id)).stage).toBe('execution');
    expect((await failure(promoteScenario(db, system, lean.id, promotion.scenario.version))).status).toBe(
      409,
    );
  });

  it('ignores a flag on a proposal that is no longer a candidate, and still optimizes', async () => {
    const elsewhere = await makeUnitWithPortfolio(db, system);
    await makeProposal(db, system, elsewhere, { code: 'KEPT', cost: [10, 10] });
    const dropped = await makeProposal(db, system, elsewhere, { code: 'DROPPED', cost: [10, 10] });
    const scenario = await createScenario(db, system, {
      name: 'After triage',
      ...settings({ portfolioId: elsewhere.portfolioId }),
      items: [{ candidate: { type: 'proposal', id: dropped.id }, mandatory: true }],
    });
    await triageProposal(db, system, dropped.id, dropped.version, { decision: 'rejected' });
    const optimized = await optimizeScenario(db, system, scenario.id);
    expect(optimized.result?.candidateCount).toBe(1);
    expect(optimized.result?.rejected.map((r) => r.code)).toEqual(['KEPT']);
  });
});
