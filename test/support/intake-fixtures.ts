import type { Database } from '../../src/db/connection.ts';
import type { Actor } from '../../src/services/policy.ts';
import { createProposal, submitProposal, triageProposal } from '../../src/services/proposals.ts';
import { roleCatalog } from '../../src/services/resources.ts';
import { createScoringModel, saveEvaluation } from '../../src/services/scoring.ts';
import { createBusinessUnit, createPortfolio } from '../../src/services/structure.ts';

let counter = 0;

/** A business unit (decentralized unless told) with one portfolio. */
export async function makeUnitWithPortfolio(
  db: Database,
  system: Actor,
  pmoMode: 'centralized' | 'decentralized' = 'decentralized',
) {
  const n = ++counter;
  const unit = await createBusinessUnit(db, system, { name: `Intake unit ${n}`, code: `IU${n}`, pmoMode });
  const portfolio = await createPortfolio(db, system, {
    name: `Intake portfolio ${n}`,
    businessUnitId: unit.id,
  });
  return { unitId: unit.id, portfolioId: portfolio.id };
}

/** A proposal with cost per month from January 2027 (one entry per month), taken up to `status`. */
export async function makeProposal(
  db: Database,
  system: Actor,
  place: { unitId: string; portfolioId: string },
  options: {
    code?: string;
    cost?: number[];
    demand?: { roleId: string; hours: number[] };
    status?: 'draft' | 'submitted' | 'accepted';
    extra?: Record<string, unknown>;
  } = {},
) {
  const month = (k: number) => `2027-${String(k + 1).padStart(2, '0')}-01`;
  let proposal = await createProposal(db, system, {
    code: options.code ?? `PR-${++counter}`,
    title: `Proposal ${options.code ?? counter}`,
    businessUnitId: place.unitId,
    portfolioId: place.portfolioId,
    businessCase: 'Because it pays back.',
    proposedStart: '2027-01-01',
    costLines: (options.cost ?? []).map((amount, k) => ({ period: month(k), category: 'capital', amount })),
    roleDemand: (options.demand?.hours ?? []).map((hours, k) => ({
      roleId: options.demand?.roleId,
      period: month(k),
      hours,
    })),
    ...options.extra,
  });
  const status = options.status ?? 'submitted';
  if (status !== 'draft') proposal = await submitProposal(db, system, proposal.id, proposal.version);
  if (status === 'accepted')
    proposal = await triageProposal(db, system, proposal.id, proposal.version, { decision: 'accepted' });
  return proposal;
}

/** A one-criterion model on a 0..10 scale: a candidate's score × 10 is its optimization value. */
export async function makeValueModel(db: Database, system: Actor) {
  return createScoringModel(db, system, {
    name: `Value model ${++counter}`,
    active: true,
    scaleMin: 0,
    scaleMax: 10,
    criteria: [{ name: 'Value', kind: 'value', weight: 1 }],
  });
}

export async function scoreAs(
  db: Database,
  evaluator: Actor,
  model: { id: string; criteria: { id: string }[] },
  proposalId: string,
  score: number,
) {
  return saveEvaluation(db, evaluator, {
    modelId: model.id,
    candidate: { type: 'proposal', id: proposalId },
    scores: [{ criterionId: model.criteria[0].id, score }],
  });
}

export const makeRole = (db: Database, system: Actor, name = `Role ${++counter}`) =>
  roleCatalog.create(db, system, { name });
