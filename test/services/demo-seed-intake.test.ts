import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { systemActor } from '../../src/services/access.ts';
import { seedDemo } from '../../src/services/demo-seed.ts';
import { listProposals } from '../../src/services/proposals.ts';
import { listScenarios } from '../../src/services/scenarios.ts';
import { getRanking, listScoringModels } from '../../src/services/scoring.ts';
import { openTestDatabase } from '../support/database.ts';

let db: Database;

beforeAll(async () => {
  db = await openTestDatabase();
}, 300_000);
afterAll(async () => db?.close());

describe('the intake demo', () => {
  it('seeds proposals at every step, a ranked scoring model and two optimized scenarios', async () => {
    const { orgId } = await seedDemo(db);
    const system = systemActor(orgId);
    const query = { page: 1, pageSize: 100, order: 'asc' as const };
    const proposals = await listProposals(db, system, query);
    expect(proposals.total).toBe(11);
    expect(new Set(proposals.items.map((p) => p.status))).toEqual(
      new Set(['draft', 'submitted', 'in_triage', 'accepted', 'rejected', 'deferred']),
    );
    const [model] = (await listScoringModels(db, system, query)).items;
    expect(model.active).toBe(true);
    const ranking = await getRanking(db, system, model.id);
    expect(ranking.items.length).toBeGreaterThanOrEqual(7);
    expect(ranking.items.some((i) => i.spread.stdDev > 0)).toBe(true);
    const scenarios = (await listScenarios(db, system, query)).items;
    expect(scenarios.map((s) => s.name).sort()).toEqual(['Growth 2027', 'Lean 2027']);
    const lean = scenarios.find((s) => s.name === 'Lean 2027')!;
    const growth = scenarios.find((s) => s.name === 'Growth 2027')!;
    const proposalsIn = (s: typeof lean) =>
      s.result!.selected.filter((x) => x.candidateType === 'proposal').length;
    expect(proposalsIn(lean)).toBeGreaterThan(0);
    expect(proposalsIn(growth)).toBeGreaterThanOrEqual(proposalsIn(lean));
    expect(growth.result!.totalScore).toBeGreaterThanOrEqual(lean.result!.totalScore);
    expect(growth.result!.frontier.some((p) => p.feasible)).toBe(true);
  }, 300_000);
});
