import {
  actualCostAt,
  budgetLineAt,
  forecastAt,
  freshMonth,
  moneyProject,
  portfolioEnvelopeAt,
} from './fixtures-finance.ts';
import {
  type Case,
  nextSequence,
  portfolioEditors,
  programEditors,
  projectEditors,
  readersOut,
  tree,
  v1,
} from './world.ts';

export const financeCases: Case[] = [
  // Finance: the project's editors keep its money; envelopes are made by the program's editors and changed
  // by the portfolio's. The dashboard and its roll-ups read with the program.
  {
    route: 'GET /projects/:id/budget-lines',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/projects/${await moneyProject(t)}/budget-lines` }),
  },
  {
    route: 'POST /projects/:id/budget-lines',
    allowed: projectEditors,
    request: async (t) => {
      const projectId = await moneyProject(t);
      const n = nextSequence();
      return {
        method: 'POST',
        url: `${v1}/projects/${projectId}/budget-lines`,
        payload: { category: 'capital', period: `20${40 + (n % 40)}-0${(n % 9) + 1}`, amount: 5 },
      };
    },
  },
  {
    route: 'GET /projects/:id/budget',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/projects/${await moneyProject(t)}/budget` }),
  },
  {
    route: 'PUT /projects/:id/budget',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'PUT',
      url: `${v1}/projects/${await moneyProject(t)}/budget`,
      payload: { cells: [{ category: 'labour', period: '2027-01', amount: 1000 }] },
    }),
  },
  {
    route: 'GET /budget-lines/:id',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/budget-lines/${(await budgetLineAt(t)).id}` }),
  },
  {
    route: 'PATCH /budget-lines/:id',
    allowed: projectEditors,
    request: async (t) => {
      const line = await budgetLineAt(t);
      return {
        method: 'PATCH',
        url: `${v1}/budget-lines/${line.id}`,
        headers: { 'if-match': `"${line.version}"` },
        payload: { amount: 150 },
      };
    },
  },
  {
    route: 'DELETE /budget-lines/:id',
    allowed: projectEditors,
    request: async (t) => {
      const line = await budgetLineAt(t);
      return {
        method: 'DELETE',
        url: `${v1}/budget-lines/${line.id}`,
        headers: { 'if-match': `"${line.version}"` },
      };
    },
  },
  {
    route: 'GET /projects/:id/actual-costs',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/projects/${await moneyProject(t)}/actual-costs` }),
  },
  {
    route: 'POST /projects/:id/actual-costs',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/projects/${await moneyProject(t)}/actual-costs`,
      payload: { category: 'operating', incurredOn: '2027-04-01', amount: 12 },
    }),
  },
  {
    route: 'POST /projects/:id/actual-costs/import',
    allowed: projectEditors,
    request: async (t) => {
      const boundary = 'orrery-matrix-finance';
      return {
        method: 'POST',
        url: `${v1}/projects/${await moneyProject(t)}/actual-costs/import`,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: [
          `--${boundary}`,
          'Content-Disposition: form-data; name="file"; filename="actuals.csv"',
          'Content-Type: text/csv',
          '',
          'date,category,amount,description\n2027-04-02,other,7,Courier',
          `--${boundary}--`,
          '',
        ].join('\r\n'),
      };
    },
  },
  {
    route: 'POST /projects/:id/actual-costs/derive',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/projects/${await moneyProject(t)}/actual-costs/derive?asOf=2027-05-01`,
    }),
  },
  {
    route: 'GET /actual-costs/:id',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/actual-costs/${(await actualCostAt(t)).id}` }),
  },
  {
    route: 'PATCH /actual-costs/:id',
    allowed: projectEditors,
    request: async (t) => {
      const cost = await actualCostAt(t);
      return {
        method: 'PATCH',
        url: `${v1}/actual-costs/${cost.id}`,
        headers: { 'if-match': `"${cost.version}"` },
        payload: { amount: 11 },
      };
    },
  },
  {
    route: 'DELETE /actual-costs/:id',
    allowed: projectEditors,
    request: async (t) => {
      const cost = await actualCostAt(t);
      return {
        method: 'DELETE',
        url: `${v1}/actual-costs/${cost.id}`,
        headers: { 'if-match': `"${cost.version}"` },
      };
    },
  },
  {
    route: 'GET /projects/:id/forecasts',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/projects/${await moneyProject(t)}/forecasts` }),
  },
  {
    route: 'POST /projects/:id/forecasts',
    allowed: projectEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/projects/${await moneyProject(t)}/forecasts`,
      payload: { asOf: '2027-05-01', lines: [{ category: 'labour', period: '2027-07', amount: 70 }] },
    }),
  },
  {
    route: 'GET /projects/:id/forecasts/:number',
    allowed: readersOut,
    request: async (t) => {
      const forecast = await forecastAt(t);
      return { method: 'GET', url: `${v1}/projects/${forecast.projectId}/forecasts/${forecast.number}` };
    },
  },
  {
    route: 'GET /projects/:id/forecasts-compare',
    allowed: readersOut,
    request: async (t) => {
      await forecastAt(t);
      const latest = await forecastAt(t);
      return {
        method: 'GET',
        url: `${v1}/projects/${latest.projectId}/forecasts-compare?from=1&to=${latest.number}`,
      };
    },
  },
  {
    route: 'GET /projects/:id/earned-value',
    allowed: readersOut,
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/projects/${await moneyProject(t)}/earned-value?asOf=2027-05-01`,
    }),
  },
  {
    route: 'GET /projects/:id/financials',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/projects/${await moneyProject(t)}/financials` }),
  },
  {
    route: 'GET /budget-envelopes',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/budget-envelopes?programId=${tree[t].program}` }),
  },
  {
    route: 'POST /budget-envelopes',
    allowed: programEditors,
    request: async (t) => ({
      method: 'POST',
      url: `${v1}/budget-envelopes`,
      payload: {
        programId: tree[t].program,
        period: freshMonth(),
        category: 'capital',
        amount: 500,
      },
    }),
  },
  {
    route: 'GET /budget-envelopes/:id',
    allowed: readersOut,
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/budget-envelopes/${(await portfolioEnvelopeAt(t)).id}`,
    }),
  },
  {
    route: 'PATCH /budget-envelopes/:id',
    allowed: portfolioEditors,
    request: async (t) => {
      const envelope = await portfolioEnvelopeAt(t);
      return {
        method: 'PATCH',
        url: `${v1}/budget-envelopes/${envelope.id}`,
        headers: { 'if-match': `"${envelope.version}"` },
        payload: { amount: 900 },
      };
    },
  },
  {
    route: 'DELETE /budget-envelopes/:id',
    allowed: portfolioEditors,
    request: async (t) => {
      const envelope = await portfolioEnvelopeAt(t);
      return {
        method: 'DELETE',
        url: `${v1}/budget-envelopes/${envelope.id}`,
        headers: { 'if-match': `"${envelope.version}"` },
      };
    },
  },
  {
    route: 'GET /programs/:id/envelope-check',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/programs/${tree[t].program}/envelope-check` }),
  },
  {
    route: 'GET /portfolios/:id/envelope-check',
    allowed: readersOut,
    request: async (t) => ({ method: 'GET', url: `${v1}/portfolios/${tree[t].portfolio}/envelope-check` }),
  },
  {
    route: 'GET /dashboard',
    allowed: readersOut,
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/dashboard?scopeType=program&scopeId=${tree[t].program}`,
    }),
  },
  {
    route: 'GET /rollups/contributors',
    allowed: readersOut,
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/rollups/contributors?figure=budget&scopeType=program&scopeId=${tree[t].program}`,
    }),
  },
  {
    route: 'GET /dashboard/export.xlsx',
    allowed: readersOut,
    request: async (t) => ({
      method: 'GET',
      url: `${v1}/dashboard/export.xlsx?scopeType=program&scopeId=${tree[t].program}`,
    }),
  },
];
