import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../../db/connection.ts';
import {
  contributorsQuery,
  contributorsSchema,
  type Dashboard,
  dashboardQuery,
  dashboardSchema,
  exportQuery,
} from '../../model/dashboard.ts';
import { getDashboard } from '../../services/dashboard.ts';
import { exportDashboard } from '../../services/dashboard-export.ts';
import { getContributors } from '../../services/rollups.ts';
import { actorOf } from '../authentication.ts';
import { errorResponses } from './crud.ts';

/** Sends the dashboard already serialized: the schema documents it, the service built it from typed rows. */
function sendJson(reply: FastifyReply, body: Dashboard) {
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(body));
}

export function registerDashboardRoutes(api: FastifyInstance, db: Database): void {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['dashboard'];
  app.get('/dashboard', {
    schema: {
      tags,
      summary:
        "A scope's dashboard: KPIs, RAG matrix, next-level roll-ups, S-curve and burn, program timeline, milestones and a page of projects; only projects the reader may see count",
      querystring: dashboardQuery,
      response: { 200: dashboardSchema, ...errorResponses },
    },
    handler: async (request, reply) =>
      sendJson(reply, await getDashboard(db, actorOf(request), request.query)),
  });
  app.get('/rollups/contributors', {
    schema: {
      tags,
      summary:
        'The projects behind one rolled-up figure of a scope (same scope and filters as the dashboard), each with its value',
      querystring: contributorsQuery,
      response: { 200: contributorsSchema, ...errorResponses },
    },
    handler: async (request) => getContributors(db, actorOf(request), request.query),
  });
  app.get('/dashboard/export.xlsx', {
    schema: {
      tags,
      summary: "The scope's consolidated report as an Excel workbook: summary, next-level rows and projects",
      querystring: exportQuery,
      response: { ...errorResponses },
    },
    handler: async (request, reply) => {
      const file = await exportDashboard(db, actorOf(request), request.query);
      reply
        .header('Content-Type', file.contentType)
        .header('Content-Disposition', `attachment; filename="${file.fileName}"`)
        .header('Cache-Control', 'no-store');
      return reply.send(file.body as never);
    },
  });
}
