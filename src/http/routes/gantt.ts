import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/connection.ts';
import { type GanttColumns, ganttColumnsSchema } from '../../model/gantt.ts';
import { baselineNumberSchema } from '../../services/baselines.ts';
import { getProgramGanttColumns, getProjectGanttColumns } from '../../services/gantt.ts';
import { actorOf } from '../authentication.ts';
import { errorResponses, idParams } from './crud.ts';

/**
 * Sends the columns already serialized: the schema documents the response, but checking
 * 100,000s of array elements against it on every read would cost more than building them.
 */
function sendJson(reply: FastifyReply, body: GanttColumns) {
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(body));
}

export function registerGanttRoutes(api: FastifyInstance, db: Database): void {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['planning'];
  app.get('/projects/:id/gantt/columns', {
    schema: {
      tags,
      summary: "A project's whole Gantt in columns (one array per field), for charts of 10,000+ tasks",
      params: idParams,
      querystring: z.object({ baseline: baselineNumberSchema.optional() }),
      response: { 200: ganttColumnsSchema, ...errorResponses },
    },
    handler: async (request, reply) =>
      sendJson(
        reply,
        await getProjectGanttColumns(db, actorOf(request), request.params.id, request.query.baseline),
      ),
  });
  app.get('/programs/:id/gantt/columns', {
    schema: {
      tags,
      summary: "A program's projects on one timeline in columns, with the links between them",
      params: idParams,
      response: { 200: ganttColumnsSchema, ...errorResponses },
    },
    handler: async (request, reply) =>
      sendJson(reply, await getProgramGanttColumns(db, actorOf(request), request.params.id)),
  });
}
