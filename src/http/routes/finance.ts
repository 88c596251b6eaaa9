import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/connection.ts';
import { idSchema, isoDateSchema, listQuerySchema, pageSchema } from '../../model/common.ts';
import {
  actualCostFilters,
  actualCostInput,
  actualCostPatch,
  actualCostSchema,
  actualImportResultSchema,
  budgetGridInput,
  budgetLineInput,
  budgetLinePatch,
  budgetLineSchema,
  costCategories,
  derivedActualsResultSchema,
  earnedValueQuery,
  earnedValueSchema,
  envelopeCheckSchema,
  envelopeFilters,
  envelopeInput,
  envelopePatch,
  envelopeSchema,
  forecastComparisonSchema,
  forecastInput,
  forecastSchema,
  projectFinancialsSchema,
} from '../../model/finance.ts';
import * as actuals from '../../services/actual-costs.ts';
import * as envelopes from '../../services/budget-envelopes.ts';
import * as budgets from '../../services/budgets.ts';
import * as forecasts from '../../services/cost-forecasts.ts';
import { getEarnedValue } from '../../services/earned-value.ts';
import { ValidationError } from '../../services/errors.ts';
import { getProjectFinancials } from '../../services/project-financials.ts';
import { actorOf, expectedVersion } from '../authentication.ts';
import { errorResponses, idParams, ifMatchHeader, registerCollection } from './crud.ts';

const tags = ['finance'];
const gridSchema = z.object({
  projectId: idSchema,
  total: z.number(),
  cells: z.array(z.object({ category: z.enum(costCategories), period: z.string(), amount: z.number() })),
});

/** Budgets, envelopes, actual costs, forecasts and earned value; all money is in the organization's currency. */
export function registerFinanceRoutes(api: FastifyInstance, db: Database): void {
  const app = api.withTypeProvider<ZodTypeProvider>();

  // Budget lines: listed and created under their project, changed by id.
  app.get('/projects/:id/budget-lines', {
    schema: {
      tags,
      summary: "List a project's budget lines (category × month)",
      params: idParams,
      querystring: listQuerySchema,
      response: { 200: pageSchema(budgetLineSchema), ...errorResponses },
    },
    handler: (request) => budgets.listBudgetLines(db, actorOf(request), request.params.id, request.query),
  });
  app.post('/projects/:id/budget-lines', {
    schema: {
      tags,
      summary: 'Add a budget line; the month must lie within the project',
      params: idParams,
      body: budgetLineInput,
      response: { 201: budgetLineSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const line = await budgets.createBudgetLine(db, actorOf(request), request.params.id, request.body);
      reply.code(201).header('ETag', `"${line.version}"`);
      return line;
    },
  });
  app.get('/projects/:id/budget', {
    schema: {
      tags,
      summary: "A project's budget grid: every category × month cell",
      params: idParams,
      response: { 200: gridSchema, ...errorResponses },
    },
    handler: (request) => budgets.getBudgetGrid(db, actorOf(request), request.params.id),
  });
  app.put('/projects/:id/budget', {
    schema: {
      tags,
      summary: "Replace a project's whole budget grid in one transaction; cells left out are removed",
      params: idParams,
      body: budgetGridInput,
      response: { 200: gridSchema, ...errorResponses },
    },
    handler: (request) => budgets.setBudgetGrid(db, actorOf(request), request.params.id, request.body),
  });
  registerItemRoutes(api, db, '/budget-lines', 'budget line', budgetLineSchema, budgetLinePatch, {
    get: budgets.getBudgetLine,
    update: budgets.updateBudgetLine,
    remove: budgets.deleteBudgetLine,
  });

  // Actual costs.
  app.get('/projects/:id/actual-costs', {
    schema: {
      tags,
      summary: "List a project's actual costs",
      params: idParams,
      querystring: listQuerySchema.extend(actualCostFilters),
      response: { 200: pageSchema(actualCostSchema), ...errorResponses },
    },
    handler: (request) => actuals.listActualCosts(db, actorOf(request), request.params.id, request.query),
  });
  app.post('/projects/:id/actual-costs', {
    schema: {
      tags,
      summary: 'Enter an actual cost',
      params: idParams,
      body: actualCostInput,
      response: { 201: actualCostSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const cost = await actuals.createActualCost(db, actorOf(request), request.params.id, request.body);
      reply.code(201).header('ETag', `"${cost.version}"`);
      return cost;
    },
  });
  app.post('/projects/:id/actual-costs/import', {
    schema: {
      tags,
      summary:
        'Import actual costs from a CSV (multipart field `file`; columns date, category, amount, description, optional task — a WBS code — and resource — a resource code). All or nothing: every bad row is reported by line',
      consumes: ['multipart/form-data'],
      params: idParams,
      response: { 201: actualImportResultSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      if (!request.isMultipart())
        throw new ValidationError([{ field: 'file', message: 'send the CSV as multipart/form-data' }]);
      const upload = await request.file();
      if (!upload) throw new ValidationError([{ field: 'file', message: 'is required' }]);
      const text = (await upload.toBuffer()).toString('utf8');
      const result = await actuals.importActualCosts(db, actor, request.params.id, text);
      return reply.code(201).send(result);
    },
  });
  app.post('/projects/:id/actual-costs/derive', {
    schema: {
      tags,
      summary:
        "Replace the project's derived actual costs with fresh ones from its assignments' actual work × the resources' rates",
      params: idParams,
      querystring: z.object({ asOf: isoDateSchema.optional() }),
      response: { 200: derivedActualsResultSchema, ...errorResponses },
    },
    handler: (request) =>
      actuals.deriveProjectActualCosts(db, actorOf(request), request.params.id, request.query.asOf),
  });
  registerItemRoutes(api, db, '/actual-costs', 'actual cost', actualCostSchema, actualCostPatch, {
    get: actuals.getActualCost,
    update: actuals.updateActualCost,
    remove: actuals.deleteActualCost,
  });

  // Forecasts.
  const versionParams = z.object({ id: idSchema, number: z.coerce.number().int().min(1) });
  app.get('/projects/:id/forecasts', {
    schema: {
      tags,
      summary: "A project's forecast versions, newest first; the first is the current one",
      params: idParams,
      response: { 200: z.array(forecastSchema), ...errorResponses },
    },
    handler: (request) => forecasts.listCostForecasts(db, actorOf(request), request.params.id),
  });
  app.post('/projects/:id/forecasts', {
    schema: {
      tags,
      summary: 'Save a new forecast version (estimate to complete per category and month)',
      params: idParams,
      body: forecastInput,
      response: { 201: forecastSchema, ...errorResponses },
    },
    handler: async (request, reply) =>
      reply
        .code(201)
        .send(await forecasts.createCostForecast(db, actorOf(request), request.params.id, request.body)),
  });
  app.get('/projects/:id/forecasts/:number', {
    schema: {
      tags,
      summary: 'One forecast version',
      params: versionParams,
      response: { 200: forecastSchema, ...errorResponses },
    },
    handler: (request) =>
      forecasts.getCostForecast(db, actorOf(request), request.params.id, request.params.number),
  });
  app.get('/projects/:id/forecasts-compare', {
    schema: {
      tags,
      summary: 'Compare two forecast versions line by line',
      params: idParams,
      querystring: z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) }),
      response: { 200: forecastComparisonSchema, ...errorResponses },
    },
    handler: (request) =>
      forecasts.compareCostForecasts(
        db,
        actorOf(request),
        request.params.id,
        request.query.from,
        request.query.to,
      ),
  });

  // Figures.
  app.get('/projects/:id/earned-value', {
    schema: {
      tags,
      summary:
        'Earned value at a status date (default today): PV, EV, AC, variances, indices, EAC by four methods, ETC, VAC, TCPI and earned schedule, per month and cumulative',
      params: idParams,
      querystring: earnedValueQuery,
      response: { 200: earnedValueSchema, ...errorResponses },
    },
    handler: (request) => getEarnedValue(db, actorOf(request), request.params.id, request.query.asOf),
  });
  app.get('/projects/:id/financials', {
    schema: {
      tags,
      summary: "The project's stored figures (as dashboards read them): totals and per month",
      params: idParams,
      response: { 200: projectFinancialsSchema, ...errorResponses },
    },
    handler: (request) => getProjectFinancials(db, actorOf(request), request.params.id),
  });

  // Envelopes.
  registerCollection(api, db, {
    path: '/budget-envelopes',
    tag: 'finance',
    noun: 'budget envelope',
    item: envelopeSchema,
    createBody: envelopeInput,
    patchBody: envelopePatch,
    filters: envelopeFilters,
    list: envelopes.listEnvelopes,
    get: envelopes.getEnvelope,
    create: envelopes.createEnvelope,
    update: envelopes.updateEnvelope,
    remove: envelopes.deleteEnvelope,
  });
  for (const scopeType of ['program', 'portfolio'] as const)
    app.get(`/${scopeType}s/:id/envelope-check`, {
      schema: {
        tags,
        summary: `The ${scopeType}'s envelopes against the sum of its projects' budgets, per month; over-envelope months flagged`,
        params: idParams,
        response: { 200: envelopeCheckSchema, ...errorResponses },
      },
      handler: (request) => envelopes.checkEnvelopes(db, actorOf(request), scopeType, request.params.id),
    });
}

type ItemService<T> = {
  get(db: Database, actor: ReturnType<typeof actorOf>, id: string): Promise<T>;
  update(
    db: Database,
    actor: ReturnType<typeof actorOf>,
    id: string,
    version: number | undefined,
    body: unknown,
  ): Promise<T>;
  remove(
    db: Database,
    actor: ReturnType<typeof actorOf>,
    id: string,
    version: number | undefined,
  ): Promise<void>;
};

/** GET, PATCH and DELETE of an item created under its project (generic, so params are read by hand as in crud.ts). */
function registerItemRoutes<T extends { version: number }>(
  app: FastifyInstance,
  db: Database,
  path: string,
  noun: string,
  item: z.ZodType<T>,
  patch: z.ZodType,
  service: ItemService<T>,
) {
  const idOf = (request: { params: unknown }) => (request.params as { id: string }).id;
  app.get(`${path}/:id`, {
    schema: { tags, summary: `Get a ${noun}`, params: idParams, response: { 200: item, ...errorResponses } },
    handler: async (request, reply) => {
      const found = await service.get(db, actorOf(request), idOf(request));
      reply.header('ETag', `"${found.version}"`);
      return found;
    },
  });
  app.patch(`${path}/:id`, {
    schema: {
      tags,
      summary: `Update a ${noun}`,
      params: idParams,
      headers: ifMatchHeader,
      body: patch,
      response: { 200: item, ...errorResponses },
    },
    handler: async (request, reply) => {
      const updated = await service.update(
        db,
        actorOf(request),
        idOf(request),
        expectedVersion(request),
        request.body,
      );
      reply.header('ETag', `"${updated.version}"`);
      return updated;
    },
  });
  app.delete(`${path}/:id`, {
    schema: {
      tags,
      summary: `Delete a ${noun}`,
      params: idParams,
      headers: ifMatchHeader,
      response: { 204: z.null().describe('Deleted'), ...errorResponses },
    },
    handler: async (request, reply) => {
      await service.remove(db, actorOf(request), idOf(request), expectedVersion(request));
      return reply.code(204).send(null);
    },
  });
}
