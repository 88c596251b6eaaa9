import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import type { Actor } from '../../src/services/policy.ts';
import {
  createProposal,
  getProposal,
  listProposals,
  submitProposal,
  triageProposal,
  updateProposal,
} from '../../src/services/proposals.ts';
import {
  createScoringModel,
  getRanking,
  listEvaluations,
  saveEvaluation,
  updateScoringModel,
} from '../../src/services/scoring.ts';
import { updateBusinessUnit } from '../../src/services/structure.ts';
import { openTestDatabase } from '../support/database.ts';
import { makeActor, makeOrganization } from '../support/factories.ts';
import { makeProposal, makeUnitWithPortfolio } from '../support/intake-fixtures.ts';

let db: Database;
let orgId: string;
let system: Actor;

beforeAll(async () => {
  db = await openTestDatabase();
  ({ orgId, system } = await makeOrganization(db));
});

afterAll(async () => {
  await db?.close();
});

const failure = async (work: Promise<unknown>) => {
  try {
    await work;
  } catch (error) {
    return error as { status: number; message: string; errors: { field: string; message: string }[] };
  }
  throw new Error('expected the call to fail');
};

describe('proposals', () => {
  it('keeps the business case with its cost lines, role demand and objectives, and replaces them on edit', async () => {
    const place = await makeUnitWithPortfolio(db, system);
    const role = await (await import('../support/intake-fixtures.ts')).makeRole(db, system, 'Analyst');
    const proposal = await makeProposal(db, system, place, {
      code: 'CRM-2',
      cost: [100, 250],
      demand: { roleId: role.id, hours: [40, 80] },
      status: 'draft',
    });
    expect(proposal).toMatchObject({ status: 'draft', totalCost: 350 });
    expect(proposal.costLines).toEqual([
      { period: '2027-01-01', category: 'capital', amount: 100 },
      { period: '2027-02-01', category: 'capital', amount: 250 },
    ]);
    expect(proposal.roleDemand.map((d) => [d.roleName, d.hours])).toEqual([
      ['Analyst', 40],
      ['Analyst', 80],
    ]);
    const edited = await updateProposal(db, system, proposal.id, proposal.version, {
      costLines: [{ period: '2027-03-01', category: 'labour', amount: 500 }],
    });
    expect(edited.totalCost).toBe(500);
    expect(edited.roleDemand).toHaveLength(2);
  });

  it('refuses a cost line that is not on the first of a month, naming the row', async () => {
    const place = await makeUnitWithPortfolio(db, system);
    const error = await failure(
      createProposal(db, system, {
        code: 'BAD-1',
        title: 'Bad',
        businessUnitId: place.unitId,
        portfolioId: place.portfolioId,
        costLines: [{ period: '2027-01-15', amount: 10 }],
      }),
    );
    expect(error.status).toBe(400);
    expect(error.errors[0].field).toBe('costLines.0.period');
    expect((await listProposals(db, system, { page: 1, pageSize: 50, order: 'asc', q: 'BAD-1' })).total).toBe(
      0,
    );
  });

  it('lets the PMO of a decentralized unit triage its proposals, but not once the unit is centralized', async () => {
    const place = await makeUnitWithPortfolio(db, system, 'decentralized');
    const unitPmo = await makeActor(db, orgId, 'pmo_admin', 'business_unit', place.unitId);
    const proposal = await makeProposal(db, system, place, { status: 'submitted' });
    const triaged = await triageProposal(db, unitPmo, proposal.id, proposal.version, {
      decision: 'in_triage',
      note: 'Looking at it',
    });
    expect(triaged).toMatchObject({
      status: 'in_triage',
      triageNote: 'Looking at it',
      triagedById: unitPmo.userId,
    });

    const unit = await (await import('../../src/services/structure.ts')).getBusinessUnit(
      db,
      system,
      place.unitId,
    );
    await updateBusinessUnit(db, system, unit.id, unit.version, { pmoMode: 'centralized' });
    const refused = await failure(
      triageProposal(db, unitPmo, proposal.id, triaged.version, { decision: 'accepted' }),
    );
    expect(refused.status).toBe(403);
    expect((await getProposal(db, system, proposal.id)).status).toBe('in_triage');

    const orgPmo = await makeActor(db, orgId, 'pmo_admin');
    expect(
      (await triageProposal(db, orgPmo, proposal.id, triaged.version, { decision: 'accepted' })).status,
    ).toBe('accepted');
  });

  it('does not let a portfolio manager triage, though they may submit', async () => {
    const place = await makeUnitWithPortfolio(db, system);
    const manager = await makeActor(db, orgId, 'portfolio_manager', 'portfolio', place.portfolioId);
    const draft = await createProposal(db, manager, {
      code: 'PM-1',
      title: 'From the portfolio manager',
      businessUnitId: place.unitId,
      portfolioId: place.portfolioId,
    });
    expect(draft.submitterId).toBe(manager.userId);
    const submitted = await submitProposal(db, manager, draft.id, draft.version);
    expect(submitted.status).toBe('submitted');
    expect(
      (await failure(triageProposal(db, manager, draft.id, submitted.version, { decision: 'accepted' })))
        .status,
    ).toBe(403);
    expect((await failure(submitProposal(db, manager, draft.id, submitted.version))).status).toBe(409);
  });

  it('refuses a stale version with 409', async () => {
    const place = await makeUnitWithPortfolio(db, system);
    const proposal = await makeProposal(db, system, place, { status: 'draft' });
    await updateProposal(db, system, proposal.id, proposal.version, { title: 'Renamed' });
    expect(
      (await failure(updateProposal(db, system, proposal.id, proposal.version, { title: 'Again' }))).status,
    ).toBe(409);
  });
});

describe('scoring', () => {
  it('combines several evaluators, inverts risk, ranks and shows the spread', async () => {
    const place = await makeUnitWithPortfolio(db, system);
    const model = await createScoringModel(db, system, {
      name: 'Strategic fit',
      active: true,
      scaleMin: 1,
      scaleMax: 5,
      criteria: [
        { name: 'Value', kind: 'value', weight: 3 },
        { name: 'Risk', kind: 'risk', weight: 1 },
      ],
    });
    const [value, risk] = model.criteria;
    const ana = await makeActor(db, orgId, 'pmo_admin');
    const ben = await makeActor(db, orgId, 'portfolio_manager', 'portfolio', place.portfolioId);
    const a = await makeProposal(db, system, place, { code: 'RANK-A' });
    const b = await makeProposal(db, system, place, { code: 'RANK-B' });
    const score = (who: Actor, id: string, v: number, r: number) =>
      saveEvaluation(db, who, {
        modelId: model.id,
        candidate: { type: 'proposal', id },
        scores: [
          { criterionId: value.id, score: v },
          { criterionId: risk.id, score: r, comment: r > 3 ? 'vendor lock-in' : '' },
        ],
      });
    // Risk 5 on a 1..5 scale counts as 1: A by Ana (4·3 + 1)/4 = 3.25, by Ben (5·3 + 3)/4 = 4.5.
    await score(ana, a.id, 4, 5);
    await score(ben, a.id, 5, 3);
    await score(ana, b.id, 3, 1);
    const ranking = await getRanking(db, system, model.id);
    const codes = ranking.items.map((i) => [i.code, i.rank]);
    expect(codes).toEqual([
      ['RANK-A', 1],
      ['RANK-B', 2],
    ]);
    const first = ranking.items[0];
    expect(first.score).toBeCloseTo(3.875, 9);
    expect(first.evaluators).toBe(2);
    expect(first.spread.min).toBeCloseTo(3.25, 9);
    expect(first.spread.max).toBeCloseTo(4.5, 9);
    expect(first.spread.stdDev).toBeCloseTo(0.625, 9);
    // Per criterion the ranking reads risk as scored (exposure), though it weighed it inverted.
    expect(first.criteria.find((c) => c.name === 'Risk')).toMatchObject({
      mean: 4,
      spread: { min: 3, max: 5 },
    });
    expect(ranking.items[1].score).toBeCloseTo((3 * 3 + 5) / 4, 9);
    const rows = await listEvaluations(db, system, {
      modelId: model.id,
      candidateType: 'proposal',
      candidateId: a.id,
    });
    expect(rows).toHaveLength(4);
    expect(rows.find((r) => r.comment === 'vendor lock-in')?.evaluatorId).toBe(ana.userId);
  });

  it('refuses a score outside the scale with a 400 naming the criterion, and writes nothing', async () => {
    const place = await makeUnitWithPortfolio(db, system);
    const model = await createScoringModel(db, system, {
      name: 'Scale check',
      scaleMin: 0,
      scaleMax: 5,
      criteria: [
        { name: 'Urgency', kind: 'urgency', weight: 1 },
        { name: 'Value', kind: 'value', weight: 2 },
      ],
    });
    const evaluator = await makeActor(db, orgId, 'pmo_admin');
    const proposal = await makeProposal(db, system, place);
    const error = await failure(
      saveEvaluation(db, evaluator, {
        modelId: model.id,
        candidate: { type: 'proposal', id: proposal.id },
        scores: [
          { criterionId: model.criteria[0].id, score: 3 },
          { criterionId: model.criteria[1].id, score: 7 },
        ],
      }),
    );
    expect(error.status).toBe(400);
    expect(error.errors).toEqual([
      { field: 'scores.1.score', message: '7 for "Value" is outside the scale 0..5' },
    ]);
    expect(
      await listEvaluations(db, system, {
        modelId: model.id,
        candidateType: 'proposal',
        candidateId: proposal.id,
      }),
    ).toEqual([]);
  });

  it('lets a person the model names score, and nobody else without the right', async () => {
    const place = await makeUnitWithPortfolio(db, system);
    const named = await makeActor(db, orgId, 'team_member', 'business_unit', place.unitId);
    const other = await makeActor(db, orgId, 'team_member', 'business_unit', place.unitId);
    const model = await createScoringModel(db, system, {
      name: 'Named evaluators',
      criteria: [{ name: 'Value', weight: 1 }],
      evaluatorIds: [named.userId],
    });
    expect(model.evaluators.map((e) => e.userId)).toEqual([named.userId]);
    const proposal = await makeProposal(db, system, place);
    const body = {
      modelId: model.id,
      candidate: { type: 'proposal', id: proposal.id },
      scores: [{ criterionId: model.criteria[0].id, score: 4 }],
    };
    expect(await saveEvaluation(db, named, body)).toHaveLength(1);
    expect((await failure(saveEvaluation(db, other, body))).status).toBe(403);
  });

  it('keeps the scores of a criterion kept by id and refuses a scale that would strand them', async () => {
    const place = await makeUnitWithPortfolio(db, system);
    const model = await createScoringModel(db, system, {
      name: 'Rescaled',
      scaleMin: 0,
      scaleMax: 10,
      criteria: [{ name: 'Value', weight: 1 }],
    });
    const evaluator = await makeActor(db, orgId, 'pmo_admin');
    const proposal = await makeProposal(db, system, place);
    await saveEvaluation(db, evaluator, {
      modelId: model.id,
      candidate: { type: 'proposal', id: proposal.id },
      scores: [{ criterionId: model.criteria[0].id, score: 8 }],
    });
    const renamed = await updateScoringModel(db, system, model.id, model.version, {
      criteria: [
        { id: model.criteria[0].id, name: 'Business value', weight: 2 },
        { name: 'Urgency', weight: 1 },
      ],
    });
    expect(renamed.criteria.map((c) => c.name)).toEqual(['Business value', 'Urgency']);
    const rows = await listEvaluations(db, system, {
      modelId: model.id,
      candidateType: 'proposal',
      candidateId: proposal.id,
    });
    expect(rows.map((r) => [r.criterionName, r.score])).toEqual([['Business value', 8]]);
    const error = await failure(updateScoringModel(db, system, model.id, renamed.version, { scaleMax: 5 }));
    expect(error.status).toBe(400);
    expect(error.errors[0].message).toContain('Business value');
  });
});
