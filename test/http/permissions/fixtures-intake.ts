import { listCandidates } from '../../../src/services/optimization.ts';
import { createProposal, submitProposal } from '../../../src/services/proposals.ts';
import { createScenario, optimizeScenario } from '../../../src/services/scenarios.ts';
import { createScoringModel } from '../../../src/services/scoring.ts';
import { type ActorKey, db, inScope, nextSequence, orgOf, systemFor, type Target, tree } from './world.ts';

// Intake fixtures: proposals in the target's program, one scoring model per organization, scenarios on
// the target's portfolio. Triage belongs to the PMO above: the unit's when decentralized ('in'), else
// the organization's ('out' is centralized).
export const proposalReaders = (actor: ActorKey, target: Target) =>
  target === 'in'
    ? actor !== 'projectManager' && actor !== 'teamMember'
    : target === 'out'
      ? actor === 'pmoOrg' || actor === 'executiveOrg'
      : false;
export const proposalSubmitters = inScope(['pmoOrg', 'pmoUnit', 'portfolioManager', 'programManager']);
export const intakeEvaluators = inScope(['pmoOrg', 'pmoUnit', 'portfolioManager']);
export const scenarioManagers = intakeEvaluators;
export const scenarioReaders = (actor: ActorKey, target: Target) =>
  target === 'in'
    ? ['pmoOrg', 'pmoUnit', 'portfolioManager', 'executiveOrg', 'executiveUnit', 'resourceUnit'].includes(
        actor,
      )
    : target === 'out'
      ? actor === 'pmoOrg' || actor === 'executiveOrg'
      : false;
export const intakeProposalAt = async (t: Target, submitted = false) => {
  const proposal = await createProposal(db, systemFor(t), {
    code: `IP-${nextSequence()}`,
    title: 'Proposed',
    businessUnitId: tree[t].unit,
    portfolioId: tree[t].portfolio,
    programId: tree[t].program,
  });
  return submitted ? submitProposal(db, systemFor(t), proposal.id, proposal.version) : proposal;
};
const scoringModels = {} as Record<string, Awaited<ReturnType<typeof createScoringModel>>>;
export const scoringModelAt = async (t: Target) => {
  scoringModels[orgOf(t)] ??= await createScoringModel(db, systemFor(t), {
    name: 'Matrix model',
    criteria: [{ name: 'Value', weight: 1 }],
  });
  return scoringModels[orgOf(t)];
};
export const freshScoringModel = (t: Target) =>
  createScoringModel(db, systemFor(t), {
    name: `Model ${nextSequence()}`,
    criteria: [{ name: 'Value', weight: 1 }],
  });
export const scenarioAt = (t: Target) =>
  createScenario(db, systemFor(t), {
    name: `Scenario ${nextSequence()}`,
    portfolioId: tree[t].portfolio,
    horizonStart: '2027-01-01',
    periods: 2,
  });
/** Optimized with every proposal excluded, so promotion has nothing to turn into a project. */
export const promotableScenarioAt = async (t: Target) => {
  const candidates = await listCandidates(db, systemFor(t), {
    horizonStart: '2027-01-01',
    periods: 2,
    portfolioId: tree[t].portfolio,
  });
  const scenario = await createScenario(db, systemFor(t), {
    name: `Promotable ${nextSequence()}`,
    portfolioId: tree[t].portfolio,
    horizonStart: '2027-01-01',
    periods: 2,
    items: candidates.items.map((c) => ({
      candidate: { type: c.candidateType, id: c.candidateId },
      excluded: true,
    })),
  });
  return optimizeScenario(db, systemFor(t), scenario.id);
};
