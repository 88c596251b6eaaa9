import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/connection.ts';
import {
  estimateSchema,
  estimatesPut,
  simulateInput,
  simulationRunDetailSchema,
  simulationRunSchema,
} from '../../model/schedule-risk.ts';
import * as scheduleRisk from '../../services/schedule-risk.ts';
import { actorOf } from '../authentication.ts';
import { errorResponses, idParams } from './crud.ts';

export function registerScheduleRiskRoutes(api: FastifyInstance, db: Database): void {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['schedule risk'];
  const estimateList = z.object({ items: z.array(estimateSchema) });
  const runList = z.object({ items: z.array(simulationRunSchema) });

  app.get('/projects/:id/estimates', {
    schema: {
      tags,
      summary: "Three-point duration estimates of the project's tasks (working minutes)",
      params: idParams,
      response: { 200: estimateList, ...errorResponses },
    },
    handler: (request) => scheduleRisk.getProjectEstimates(db, actorOf(request), request.params.id),
  });
  app.put('/projects/:id/estimates', {
    schema: {
      tags,
      summary: 'Create or replace estimates and remove others, all or nothing; returns all estimates',
      params: idParams,
      body: estimatesPut,
      response: { 200: estimateList, ...errorResponses },
    },
    handler: (request) =>
      scheduleRisk.setProjectEstimates(db, actorOf(request), request.params.id, request.body),
  });
  app.post('/projects/:id/simulations', {
    schema: {
      tags,
      summary:
        'Monte Carlo simulation of the project (and the projects linked to it) with its estimates and open risks; stored',
      params: idParams,
      body: simulateInput,
      response: { 201: simulationRunDetailSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const run = await scheduleRisk.simulateProject(db, actorOf(request), request.params.id, request.body);
      reply.code(201);
      return run as z.infer<typeof simulationRunDetailSchema>;
    },
  });
  app.get('/projects/:id/simulations', {
    schema: {
      tags,
      summary: "The project's stored simulation runs, newest first (at most 100)",
      params: idParams,
      response: { 200: runList, ...errorResponses },
    },
    handler: (request) => scheduleRisk.getProjectRuns(db, actorOf(request), request.params.id),
  });
  app.post('/programs/:id/simulations', {
    schema: {
      tags,
      summary:
        'Monte Carlo simulation of all the projects of a program and their cross-project links; stored',
      params: idParams,
      body: simulateInput,
      response: { 201: simulationRunDetailSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const run = await scheduleRisk.simulateProgram(db, actorOf(request), request.params.id, request.body);
      reply.code(201);
      return run as z.infer<typeof simulationRunDetailSchema>;
    },
  });
  app.get('/programs/:id/simulations', {
    schema: {
      tags,
      summary: "The program's stored simulation runs, newest first (at most 100)",
      params: idParams,
      response: { 200: runList, ...errorResponses },
    },
    handler: (request) => scheduleRisk.getProgramRuns(db, actorOf(request), request.params.id),
  });
  app.get('/simulations/:id', {
    schema: {
      tags,
      summary: 'A stored simulation run with its options and full result',
      params: idParams,
      response: { 200: simulationRunDetailSchema, ...errorResponses },
    },
    handler: async (request) =>
      (await scheduleRisk.getSimulationRun(db, actorOf(request), request.params.id)) as z.infer<
        typeof simulationRunDetailSchema
      >,
  });
}
