import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/connection.ts';
import { idSchema, pageSchema } from '../../model/common.ts';
import { auditedEntityTypes, entityHistory } from '../../services/history.ts';
import { actorOf } from '../authentication.ts';
import { errorResponses } from './crud.ts';

const entrySchema = z.object({
  id: idSchema,
  at: z.string(),
  actorId: idSchema.nullable(),
  actorName: z.string(),
  action: z.enum(['create', 'update', 'delete']),
  before: z.unknown(),
  after: z.unknown(),
});

export function registerAuditRoutes(api: FastifyInstance, db: Database): void {
  api.withTypeProvider<ZodTypeProvider>().get('/audit/:entityType/:id', {
    schema: {
      tags: ['audit'],
      summary: "An entity's history: who changed what, when, before and after",
      params: z.object({ entityType: z.enum(auditedEntityTypes as [string, ...string[]]), id: idSchema }),
      querystring: z.object({
        page: z.coerce.number().int().min(1).default(1),
        pageSize: z.coerce.number().int().min(1).max(500).default(50),
      }),
      response: { 200: pageSchema(entrySchema), ...errorResponses },
    },
    handler: (request) =>
      entityHistory(
        db,
        actorOf(request),
        request.params.entityType as (typeof auditedEntityTypes)[number],
        request.params.id,
        request.query.page,
        request.query.pageSize,
      ),
  });
}
