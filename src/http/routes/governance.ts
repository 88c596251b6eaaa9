import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/connection.ts';
import { idSchema, listQuerySchema, pageSchema } from '../../model/common.ts';
import {
  decisionResultSchema,
  gateDecisionInput,
  gateReviewSchema,
  lifecycleInput,
  lifecycleReplace,
  lifecycleSchema,
  openReviewInput,
  pmoReviewInput,
  projectGatesSchema,
  reviewResultsInput,
  terminateInput,
  terminationImpactSchema,
  terminationResultSchema,
} from '../../model/governance.ts';
import * as gates from '../../services/gates.ts';
import * as lifecycles from '../../services/lifecycles.ts';
import * as termination from '../../services/termination.ts';
import { actorOf, expectedVersion } from '../authentication.ts';
import { errorResponses, idParams, ifMatchHeader } from './crud.ts';

export function registerGovernanceRoutes(api: FastifyInstance, db: Database): void {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['governance'];

  app.get('/lifecycles', {
    schema: {
      tags,
      summary: "List lifecycles: the organization's and those of business units",
      querystring: listQuerySchema.extend({ businessUnitId: idSchema.optional() }),
      response: { 200: pageSchema(lifecycleSchema), ...errorResponses },
    },
    handler: (request) => lifecycles.listLifecycles(db, actorOf(request), request.query),
  });
  app.get('/lifecycles/:id', {
    schema: {
      tags,
      summary: 'Get a lifecycle with its stages, gates and criteria',
      params: idParams,
      response: { 200: lifecycleSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const item = await lifecycles.getLifecycle(db, actorOf(request), request.params.id);
      reply.header('ETag', `"${item.version}"`);
      return item;
    },
  });
  app.post('/lifecycles', {
    schema: {
      tags,
      summary: 'Create the lifecycle of the organization (no business unit) or of a business unit',
      body: lifecycleInput,
      response: { 201: lifecycleSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const item = await lifecycles.createLifecycle(db, actorOf(request), request.body);
      reply.code(201).header('ETag', `"${item.version}"`);
      return item;
    },
  });
  app.put('/lifecycles/:id', {
    schema: {
      tags,
      summary:
        'Replace a lifecycle: name, description and every stage, gate and criterion (send ids to keep them)',
      params: idParams,
      headers: ifMatchHeader,
      body: lifecycleReplace,
      response: { 200: lifecycleSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const item = await lifecycles.replaceLifecycle(
        db,
        actorOf(request),
        request.params.id,
        expectedVersion(request),
        request.body,
      );
      reply.header('ETag', `"${item.version}"`);
      return item;
    },
  });
  app.delete('/lifecycles/:id', {
    schema: {
      tags,
      summary: 'Delete a lifecycle (refused while a gate of it has been reviewed)',
      params: idParams,
      headers: ifMatchHeader,
      response: { 204: z.null().describe('Deleted'), ...errorResponses },
    },
    handler: async (request, reply) => {
      await lifecycles.deleteLifecycle(db, actorOf(request), request.params.id, expectedVersion(request));
      return reply.code(204).send(null);
    },
  });

  app.get('/projects/:id/gates', {
    schema: {
      tags,
      summary: "A project's lifecycle, current stage, the gate in front of it and its reviews",
      params: idParams,
      response: { 200: projectGatesSchema, ...errorResponses },
    },
    handler: (request) => gates.getProjectGates(db, actorOf(request), request.params.id),
  });
  app.post('/projects/:id/gate-reviews', {
    schema: {
      tags,
      summary: 'Open a review of the gate in front of the project',
      params: idParams,
      body: openReviewInput,
      response: { 201: gateReviewSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const review = await gates.openGateReview(db, actorOf(request), request.params.id, request.body);
      reply.code(201).header('ETag', `"${review.version}"`);
      return review;
    },
  });
  app.put('/gate-reviews/:id/results', {
    schema: {
      tags,
      summary: "Record the checklist: each criterion's result (met, not met, waived) and evidence",
      params: idParams,
      headers: ifMatchHeader,
      body: reviewResultsInput,
      response: { 200: gateReviewSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const review = await gates.recordReviewResults(
        db,
        actorOf(request),
        request.params.id,
        expectedVersion(request),
        request.body,
      );
      reply.header('ETag', `"${review.version}"`);
      return review;
    },
  });
  app.post('/gate-reviews/:id/pmo-review', {
    schema: {
      tags,
      summary: "Record the PMO's review of the checklist (needed first where the gate asks for it)",
      params: idParams,
      headers: ifMatchHeader,
      body: pmoReviewInput,
      response: { 200: gateReviewSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const review = await gates.recordGatePmoReview(
        db,
        actorOf(request),
        request.params.id,
        expectedVersion(request),
        request.body,
      );
      reply.header('ETag', `"${review.version}"`);
      return review;
    },
  });
  app.post('/gate-reviews/:id/decision', {
    schema: {
      tags,
      summary:
        'Decide the gate: go (next stage), hold (on hold), recycle (review again) or terminate; the gate names who may',
      params: idParams,
      body: gateDecisionInput,
      response: { 200: decisionResultSchema, ...errorResponses },
    },
    handler: (request) => gates.decideGate(db, actorOf(request), request.params.id, request.body),
  });

  app.get('/projects/:id/termination-impact', {
    schema: {
      tags,
      summary: 'What terminating the project would touch: successor projects, shared risks, bookings',
      params: idParams,
      response: { 200: terminationImpactSchema, ...errorResponses },
    },
    handler: (request) => termination.getTerminationImpact(db, actorOf(request), request.params.id),
  });
  app.post('/projects/:id/terminate', {
    schema: {
      tags,
      summary:
        'Terminate the project (PMO): releases future bookings and open staffing requests, tells successors',
      params: idParams,
      body: terminateInput,
      response: { 200: terminationResultSchema, ...errorResponses },
    },
    handler: (request) => termination.terminateProject(db, actorOf(request), request.params.id, request.body),
  });
}
