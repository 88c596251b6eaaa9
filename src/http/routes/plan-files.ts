import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/connection.ts';
import { EXPORT_FORMATS, exportProjectPlan } from '../../services/plan-export.ts';
import { actorOf } from '../authentication.ts';
import { errorResponses, idParams } from './crud.ts';

const exportQuery = z.object({ format: z.enum(EXPORT_FORMATS).default('mspdi') });

/** Plan files: downloads of a project's plan (uploads stay with the planning routes). */
export function registerPlanFileRoutes(api: FastifyInstance, db: Database): void {
  const app = api.withTypeProvider<ZodTypeProvider>();
  app.get('/projects/:id/export', {
    schema: {
      tags: ['planning'],
      summary:
        "Download the project's plan as MS Project XML (`format=mspdi`), or its task table as CSV or XLSX, as an attachment",
      params: idParams,
      querystring: exportQuery,
      response: { ...errorResponses },
    },
    handler: async (request, reply) => {
      const file = await exportProjectPlan(db, actorOf(request), request.params.id, request.query.format);
      reply
        .header('Content-Type', file.contentType)
        .header('Content-Disposition', `attachment; filename="${file.fileName}"`)
        .header('Cache-Control', 'no-store');
      // A file body, not JSON: no 200 schema, so the typed reply does not know this shape.
      return reply.send(file.body as never);
    },
  });
}
