import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/connection.ts';
import {
  levelingPreviewInput,
  levelingRunDetailSchema,
  levelingRunPageQuery,
  levelingRunSchema,
  levelingRunsQuery,
} from '../../model/leveling.ts';
import * as leveling from '../../services/leveling.ts';
import { actorOf } from '../authentication.ts';
import { errorResponses, idParams } from './crud.ts';

export function registerLevelingRoutes(api: FastifyInstance, db: Database): void {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['leveling'];
  const detail = { 200: levelingRunDetailSchema, ...errorResponses };

  app.post('/leveling-runs', {
    schema: {
      tags,
      summary:
        'Level the resources of a project, program or portfolio and store the outcome as a preview (nothing in the plan changes)',
      body: levelingPreviewInput,
      response: { 201: levelingRunDetailSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const run = await leveling.previewLeveling(db, actorOf(request), request.body);
      reply.code(201);
      return run;
    },
  });
  app.get('/leveling-runs', {
    schema: {
      tags,
      summary: "The scope's leveling runs, newest first (at most 100)",
      querystring: levelingRunsQuery,
      response: { 200: z.object({ items: z.array(levelingRunSchema) }), ...errorResponses },
    },
    handler: (request) => leveling.listLevelingRunsOf(db, actorOf(request), request.query),
  });
  app.get('/leveling-runs/:id', {
    schema: {
      tags,
      summary:
        'A leveling run with one page of the tasks it moves (page, pageSize; movedTasks counts them all), why, and each project finish before and after',
      params: idParams,
      querystring: levelingRunPageQuery,
      response: detail,
    },
    handler: (request) => leveling.getLevelingRun(db, actorOf(request), request.params.id, request.query),
  });
  app.post('/leveling-runs/:id/apply', {
    schema: {
      tags,
      summary:
        "Apply a preview: write the tasks' leveling delays and reschedule; 409 when a moved task changed since the preview",
      params: idParams,
      response: detail,
    },
    handler: (request) => leveling.applyLevelingRun(db, actorOf(request), request.params.id),
  });
  app.post('/leveling-runs/:id/discard', {
    schema: { tags, summary: 'Discard a preview', params: idParams, response: detail },
    handler: (request) => leveling.discardLevelingRun(db, actorOf(request), request.params.id),
  });
  app.post('/leveling-runs/:id/undo', {
    schema: {
      tags,
      summary:
        'Undo an applied leveling: restore the delays it replaced and reschedule; 409 when a task it moved changed since',
      params: idParams,
      response: detail,
    },
    handler: (request) => leveling.undoLevelingRun(db, actorOf(request), request.params.id),
  });
}
