import {
  freshScoringModel,
  intakeEvaluators,
  intakeProposalAt,
  promotableScenarioAt,
  proposalReaders,
  proposalSubmitters,
  scenarioAt,
  scenarioManagers,
  scenarioReaders,
  scoringModelAt,
} from './fixtures-intake.ts';
import { type Case, everyMember, nextSequence, orgAdminOnly, tree, unitShapers, v1 } from './world.ts';

export const intakeCases: Case[] = [
  // Intake and scoring.
  {
    route: 'GET /proposals',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/proposals` }),
  },
  {
    route: 'GET /proposals/:id',
    allowed: proposalReaders,
    request: async (t) => ({ method: 'GET', url: `${v1}/proposals/${(await intakeProposalAt(t)).id}` }),
  },
  {
    route: 'POST /proposals',
    allowed: proposalSubmitters,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/proposals`,
      payload: {
        code: `NP-${nextSequence()}`,
        title: 'New proposal',
        businessUnitId: tree[t].unit,
        portfolioId: tree[t].portfolio,
        programId: tree[t].program,
      },
    }),
  },
  {
    route: 'PATCH /proposals/:id',
    allowed: proposalSubmitters,
    request: async (t) => {
      const proposal = await intakeProposalAt(t);
      return {
        method: 'PATCH',
        url: `${v1}/proposals/${proposal.id}`,
        headers: { 'if-match': `"${proposal.version}"` },
        payload: { businessCase: 'Sharper case' },
      };
    },
  },
  {
    route: 'DELETE /proposals/:id',
    allowed: proposalSubmitters,
    request: async (t) => {
      const proposal = await intakeProposalAt(t);
      return {
        method: 'DELETE',
        url: `${v1}/proposals/${proposal.id}`,
        headers: { 'if-match': `"${proposal.version}"` },
      };
    },
  },
  {
    route: 'POST /proposals/:id/submit',
    allowed: proposalSubmitters,
    request: async (t) => {
      const proposal = await intakeProposalAt(t);
      return {
        method: 'POST',
        url: `${v1}/proposals/${proposal.id}/submit`,
        headers: { 'if-match': `"${proposal.version}"` },
      };
    },
  },
  {
    route: 'POST /proposals/:id/triage',
    allowed: unitShapers,
    request: async (t) => {
      const proposal = await intakeProposalAt(t, true);
      return {
        method: 'POST',
        url: `${v1}/proposals/${proposal.id}/triage`,
        headers: { 'if-match': `"${proposal.version}"` },
        payload: { decision: 'accepted' },
      };
    },
  },
  {
    route: 'GET /scoring-models',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/scoring-models` }),
  },
  {
    route: 'GET /scoring-models/:id',
    allowed: everyMember,
    targets: ['in', 'other'],
    request: async (t) => ({ method: 'GET', url: `${v1}/scoring-models/${(await scoringModelAt(t)).id}` }),
  },
  {
    route: 'POST /scoring-models',
    allowed: orgAdminOnly,
    targets: ['in'],
    request: async () => ({
      method: 'POST',
      url: `${v1}/scoring-models`,
      payload: { name: `Created ${nextSequence()}`, criteria: [{ name: 'Value', weight: 1 }] },
    }),
  },
  {
    route: 'PATCH /scoring-models/:id',
    allowed: orgAdminOnly,
    targets: ['in', 'other'],
    request: async (t) => {
      const model = await freshScoringModel(t);
      return {
        method: 'PATCH',
        url: `${v1}/scoring-models/${model.id}`,
        headers: { 'if-match': `"${model.version}"` },
        payload: { description: 'Edited' },
      };
    },
  },
  {
    route: 'DELETE /scoring-models/:id',
    allowed: orgAdminOnly,
    targets: ['in', 'other'],
    request: async (t) => {
      const model = await freshScoringModel(t);
      return {
        method: 'DELETE',
        url: `${v1}/scoring-models/${model.id}`,
        headers: { 'if-match': `"${model.version}"` },
      };
    },
  },
  {
    route: 'GET /scoring-models/:id/ranking',
    allowed: everyMember,
    targets: ['in', 'other'],
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/scoring-models/${(await scoringModelAt(t)).id}/ranking`,
    }),
  },
  {
    route: 'GET /evaluations',
    allowed: proposalReaders,
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/evaluations?modelId=${(await scoringModelAt(t)).id}&candidateType=proposal&candidateId=${(await intakeProposalAt(t, true)).id}`,
    }),
  },
  {
    route: 'PUT /evaluations',
    allowed: intakeEvaluators,
    request: async (t) => {
      const model = await scoringModelAt(t);
      return {
        method: 'PUT',
        url: `${v1}/evaluations`,
        payload: {
          modelId: model.id,
          candidate: { type: 'proposal', id: (await intakeProposalAt(t, true)).id },
          scores: [{ criterionId: model.criteria[0].id, score: 3 }],
        },
      };
    },
  },
  // Portfolio optimization and scenarios.
  {
    route: 'GET /portfolio/candidates',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({
      method: 'GET',
      url: `${v1}/portfolio/candidates?horizonStart=2027-01-01&periods=3`,
    }),
  },
  {
    route: 'POST /portfolio/optimize',
    allowed: scenarioManagers,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/portfolio/optimize`,
      payload: { portfolioId: tree[t].portfolio, horizonStart: '2027-01-01', periods: 2, budget: [100, 100] },
    }),
  },
  {
    route: 'GET /scenarios',
    allowed: () => true,
    targets: ['in'],
    request: async () => ({ method: 'GET', url: `${v1}/scenarios` }),
  },
  {
    route: 'GET /scenarios/:id',
    allowed: scenarioReaders,
    request: async (t) => ({ method: 'GET', url: `${v1}/scenarios/${(await scenarioAt(t)).id}` }),
  },
  {
    route: 'POST /scenarios',
    allowed: scenarioManagers,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/scenarios`,
      payload: {
        name: `New ${nextSequence()}`,
        portfolioId: tree[t].portfolio,
        horizonStart: '2027-01-01',
        periods: 3,
      },
    }),
  },
  {
    route: 'PATCH /scenarios/:id',
    allowed: scenarioManagers,
    request: async (t) => {
      const scenario = await scenarioAt(t);
      return {
        method: 'PATCH',
        url: `${v1}/scenarios/${scenario.id}`,
        headers: { 'if-match': `"${scenario.version}"` },
        payload: { budget: [50, 50] },
      };
    },
  },
  {
    route: 'DELETE /scenarios/:id',
    allowed: scenarioManagers,
    request: async (t) => {
      const scenario = await scenarioAt(t);
      return {
        method: 'DELETE',
        url: `${v1}/scenarios/${scenario.id}`,
        headers: { 'if-match': `"${scenario.version}"` },
      };
    },
  },
  {
    route: 'POST /scenarios/:id/optimize',
    allowed: scenarioManagers,
    request: async (t) => ({ method: 'POST', url: `${v1}/scenarios/${(await scenarioAt(t)).id}/optimize` }),
  },
  {
    route: 'POST /scenarios/compare',
    allowed: scenarioReaders,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/scenarios/compare`,
      payload: { ids: [(await scenarioAt(t)).id, (await scenarioAt(t)).id] },
    }),
  },
  {
    route: 'POST /scenarios/:id/promote',
    allowed: scenarioManagers,
    request: async (t) => {
      const scenario = await promotableScenarioAt(t);
      return {
        method: 'POST',
        url: `${v1}/scenarios/${scenario.id}/promote`,
        headers: { 'if-match': `"${scenario.version}"` },
      };
    },
  },
];
