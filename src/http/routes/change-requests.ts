import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/connection.ts';
import {
  changeAuthoritiesPatch,
  changeAuthoritiesSchema,
  changeDecisionEntrySchema,
  changeDecisionInput,
  changeRequestDetailSchema,
  changeRequestInput,
  changeRequestPatch,
  changeRequestSchema,
} from '../../model/change-control.ts';
import { idSchema, pageSchema } from '../../model/common.ts';
import * as changes from '../../services/change-control.ts';
import { ValidationError } from '../../services/errors.ts';
import { actorOf, expectedVersion } from '../authentication.ts';
import { errorResponses, idParams, ifMatchHeader } from './crud.ts';

const paging = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});
const logQuery = z.object({
  scopeType: z.enum(['organization', 'portfolio', 'program', 'project']).default('organization'),
  scopeId: idSchema.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export function registerChangeRequestRoutes(api: FastifyInstance, db: Database): void {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['change control'];
  for (const level of ['project', 'program'] as const) {
    app.get(`/${level}s/:id/change-requests`, {
      schema: {
        tags,
        summary:
          level === 'project'
            ? "A project's change requests, newest first"
            : "A program's change requests and those of its projects, newest first",
        params: idParams,
        querystring: paging,
        response: { 200: pageSchema(changeRequestSchema), ...errorResponses },
      },
      handler: (request) =>
        changes.listChangeRequests(
          db,
          actorOf(request),
          { type: level, id: request.params.id },
          request.query.page,
          request.query.pageSize,
        ),
    });
    app.post(`/${level}s/:id/change-requests`, {
      schema: {
        tags,
        summary: `Raise a change request on a ${level}; its impact on the plan is computed on a what-if copy`,
        params: idParams,
        body: changeRequestInput,
        response: { 201: changeRequestDetailSchema, ...errorResponses },
      },
      handler: async (request, reply) => {
        const created = await changes.createChangeRequest(
          db,
          actorOf(request),
          { type: level, id: request.params.id },
          request.body,
        );
        reply.code(201).header('ETag', `"${created.version}"`);
        return created;
      },
    });
  }
  app.get('/change-requests/:id', {
    schema: {
      tags,
      summary: 'A change request with its computed impact, decision log and what the reader may do',
      params: idParams,
      response: { 200: changeRequestDetailSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const found = await changes.getChangeRequest(db, actorOf(request), request.params.id);
      reply.header('ETag', `"${found.version}"`);
      return found;
    },
  });
  app.patch('/change-requests/:id', {
    schema: {
      tags,
      summary: 'Edit a submitted change request; the impact is computed again',
      params: idParams,
      headers: ifMatchHeader,
      body: changeRequestPatch,
      response: { 200: changeRequestDetailSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const updated = await changes.updateChangeRequest(
        db,
        actorOf(request),
        request.params.id,
        expectedVersion(request),
        request.body,
      );
      reply.header('ETag', `"${updated.version}"`);
      return updated;
    },
  });
  app.post('/change-requests/:id/review', {
    schema: {
      tags,
      summary: 'Take a submitted or deferred request under review (its deciders); the impact is recomputed',
      params: idParams,
      body: changeDecisionInput.pick({ note: true }).optional(),
      response: { 200: changeRequestDetailSchema, ...errorResponses },
    },
    handler: (request) => changes.startReview(db, actorOf(request), request.params.id, request.body ?? {}),
  });
  app.post('/change-requests/:id/impact', {
    schema: {
      tags,
      summary: "Compute an open request's impact again on the plan as it is now",
      params: idParams,
      response: { 200: changeRequestDetailSchema, ...errorResponses },
    },
    handler: (request) => changes.recomputeImpact(db, actorOf(request), request.params.id),
  });
  app.post('/change-requests/:id/decision', {
    schema: {
      tags,
      summary:
        'Approve, reject or defer a request under review; approval applies its operations to the plan in one transaction',
      params: idParams,
      body: changeDecisionInput,
      response: { 200: changeRequestDetailSchema, ...errorResponses },
    },
    handler: (request) => changes.decideChangeRequest(db, actorOf(request), request.params.id, request.body),
  });
  app.get('/change-decisions', {
    schema: {
      tags,
      summary: 'The decision log of a scope (project, program, portfolio or the organization), newest first',
      querystring: logQuery,
      response: { 200: z.object({ items: z.array(changeDecisionEntrySchema) }), ...errorResponses },
    },
    handler: async (request) => {
      const { scopeType, scopeId, limit } = request.query;
      if (scopeType !== 'organization' && !scopeId)
        throw new ValidationError([{ field: 'scopeId', message: `is required for a ${scopeType}` }]);
      const scope =
        scopeType === 'organization'
          ? ({ type: 'organization' } as const)
          : { type: scopeType, id: scopeId as string };
      return { items: await changes.listChangeDecisions(db, actorOf(request), scope, limit) };
    },
  });
  app.get('/change-authorities', {
    schema: {
      tags,
      summary: 'Which role decides change requests on projects and on programs',
      response: { 200: changeAuthoritiesSchema, ...errorResponses },
    },
    handler: (request) => changes.getChangeAuthorities(db, actorOf(request)),
  });
  app.put('/change-authorities', {
    schema: {
      tags,
      summary: 'Set which role decides changes at each level (the organization PMO)',
      body: changeAuthoritiesPatch,
      response: { 200: changeAuthoritiesSchema, ...errorResponses },
    },
    handler: (request) => changes.setChangeAuthorities(db, actorOf(request), request.body),
  });
}
