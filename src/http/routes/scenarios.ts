import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/connection.ts';
import { idSchema } from '../../model/common.ts';
import {
  candidateSchema,
  candidatesQuery,
  compareInput,
  comparisonSchema,
  optimizationResultSchema,
  optimizeInput,
  promotionSchema,
  scenarioInput,
  scenarioPatch,
  scenarioSchema,
} from '../../model/scenario.ts';
import * as optimization from '../../services/optimization.ts';
import * as scenarios from '../../services/scenarios.ts';
import { actorOf, expectedVersion } from '../authentication.ts';
import { errorResponses, idParams, ifMatchHeader, registerCollection } from './crud.ts';

/** Portfolio optimization (candidates, what-if runs) and saved scenarios (optimize, compare, promote). */
export function registerScenarioRoutes(api: FastifyInstance, db: Database): void {
  registerCollection(api, db, {
    path: '/scenarios',
    tag: 'portfolio optimization',
    noun: 'scenario',
    item: scenarioSchema,
    createBody: scenarioInput,
    patchBody: scenarioPatch,
    filters: { portfolioId: idSchema.optional() },
    list: scenarios.listScenarios,
    get: scenarios.getScenario,
    create: scenarios.createScenario,
    update: scenarios.updateScenario,
    remove: scenarios.deleteScenario,
  });

  const app = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['portfolio optimization'];
  app.get('/portfolio/candidates', {
    schema: {
      tags,
      summary:
        'Proposals (submitted, in triage, accepted) and running projects with their score, cost and role hours per month of the horizon',
      querystring: candidatesQuery,
      response: {
        200: z.object({
          months: z.array(z.string()),
          modelId: idSchema.nullable(),
          items: z.array(candidateSchema),
        }),
        ...errorResponses,
      },
    },
    handler: (request) => optimization.listCandidates(db, actorOf(request), request.query),
  });
  app.post('/portfolio/optimize', {
    schema: {
      tags,
      summary:
        'Choose the candidates that maximise total score under budget and capacity per month (nothing is saved); says whether exact or heuristic, the gap, and the efficient frontier',
      body: optimizeInput,
      response: { 200: optimizationResultSchema, ...errorResponses },
    },
    handler: (request) => optimization.optimizePortfolio(db, actorOf(request), request.body),
  });
  app.post('/scenarios/:id/optimize', {
    schema: {
      tags,
      summary: "Run the optimization on the scenario's limits and flags and save the selection",
      params: idParams,
      response: { 200: scenarioSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const scenario = await scenarios.optimizeScenario(db, actorOf(request), request.params.id);
      reply.header('ETag', `"${scenario.version}"`);
      return scenario;
    },
  });
  app.post('/scenarios/compare', {
    schema: {
      tags,
      summary:
        'Compare two to four scenarios: score, cost per month, capacity use per role, objectives covered',
      body: compareInput,
      response: { 200: comparisonSchema, ...errorResponses },
    },
    handler: (request) => scenarios.compareScenarios(db, actorOf(request), request.body),
  });
  app.post('/scenarios/:id/promote', {
    schema: {
      tags,
      summary:
        'Promote the scenario to the plan: its accepted proposals become projects; running projects it leaves out are flagged for a hold decision',
      params: idParams,
      headers: ifMatchHeader,
      response: { 200: promotionSchema, ...errorResponses },
    },
    handler: (request) =>
      scenarios.promoteScenario(db, actorOf(request), request.params.id, expectedVersion(request)),
  });
}
