import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/connection.ts';
import { idSchema, listQuerySchema, pageSchema } from '../../model/common.ts';
import {
  benefitInput,
  benefitPatch,
  benefitSchema,
  benefitStatuses,
  changeProposalInput,
  changeProposalPatch,
  changeProposalSchema,
  lessonInput,
  lessonKinds,
  lessonPatch,
  lessonSchema,
  lessonSources,
  measurementInput,
  proposalStatuses,
  suggestedLessonSchema,
} from '../../model/governance.ts';
import * as benefits from '../../services/benefits.ts';
import * as lessons from '../../services/lessons.ts';
import { actorOf, expectedVersion } from '../authentication.ts';
import { errorResponses, idParams, ifMatchHeader, registerCollection } from './crud.ts';

/** Benefits tracking and lessons learned: what the work was for, and what the organization learned doing it. */
export function registerBenefitAndLessonRoutes(api: FastifyInstance, db: Database): void {
  registerCollection(api, db, {
    path: '/benefits',
    tag: 'benefits',
    noun: 'benefit',
    item: benefitSchema,
    createBody: benefitInput,
    patchBody: benefitPatch,
    filters: {
      programId: idSchema.optional(),
      projectId: idSchema.optional(),
      status: z.enum(benefitStatuses).optional(),
    },
    list: benefits.listBenefits,
    get: benefits.getBenefit,
    create: benefits.createBenefit,
    update: benefits.updateBenefit,
    remove: benefits.deleteBenefit,
  });
  registerCollection(api, db, {
    path: '/lessons',
    tag: 'lessons',
    noun: 'lesson',
    item: lessonSchema,
    createBody: lessonInput,
    patchBody: lessonPatch,
    filters: {
      category: z.string().max(80).optional(),
      kind: z.enum(lessonKinds).optional(),
      source: z.enum(lessonSources).optional(),
      projectId: idSchema.optional(),
    },
    list: lessons.listLessons,
    get: lessons.getLesson,
    create: lessons.createLesson,
    update: lessons.updateLesson,
    remove: lessons.deleteLesson,
  });

  const app = api.withTypeProvider<ZodTypeProvider>();
  app.post('/benefits/:id/measurements', {
    schema: {
      tags: ['benefits'],
      summary: 'Record a measured value of a benefit (one per day)',
      params: idParams,
      headers: ifMatchHeader,
      body: measurementInput,
      response: { 201: benefitSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const benefit = await benefits.addMeasurement(
        db,
        actorOf(request),
        request.params.id,
        expectedVersion(request),
        request.body,
      );
      reply.code(201).header('ETag', `"${benefit.version}"`);
      return benefit;
    },
  });
  app.delete('/benefits/:id/measurements/:measurementId', {
    schema: {
      tags: ['benefits'],
      summary: 'Remove a measurement of a benefit',
      params: z.object({ id: idSchema, measurementId: idSchema }),
      headers: ifMatchHeader,
      response: { 200: benefitSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const benefit = await benefits.removeMeasurement(
        db,
        actorOf(request),
        request.params.id,
        request.params.measurementId,
        expectedVersion(request),
      );
      reply.header('ETag', `"${benefit.version}"`);
      return benefit;
    },
  });
  app.get('/projects/:id/suggested-lessons', {
    schema: {
      tags: ['lessons'],
      summary:
        "Lessons of similar projects (methodology, business unit, portfolio, the name's words), best first",
      params: idParams,
      response: { 200: z.array(suggestedLessonSchema), ...errorResponses },
    },
    handler: (request) => lessons.suggestedLessons(db, actorOf(request), request.params.id),
  });
  app.post('/lessons/:id/change-proposals', {
    schema: {
      tags: ['lessons'],
      summary: 'Propose a change to a template or a standard from a lesson',
      params: idParams,
      body: changeProposalInput,
      response: { 201: changeProposalSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const proposal = await lessons.proposeChange(db, actorOf(request), request.params.id, request.body);
      reply.code(201).header('ETag', `"${proposal.version}"`);
      return proposal;
    },
  });
  app.get('/lesson-change-proposals', {
    schema: {
      tags: ['lessons'],
      summary: 'List proposed changes to templates and standards',
      querystring: listQuerySchema.extend({
        status: z.enum(proposalStatuses).optional(),
        lessonId: idSchema.optional(),
      }),
      response: { 200: pageSchema(changeProposalSchema), ...errorResponses },
    },
    handler: (request) => lessons.listChangeProposals(db, actorOf(request), request.query),
  });
  app.patch('/lesson-change-proposals/:id', {
    schema: {
      tags: ['lessons'],
      summary: "Rule on a proposed change (the organization's PMO): accepted, rejected, implemented",
      params: idParams,
      headers: ifMatchHeader,
      body: changeProposalPatch,
      response: { 200: changeProposalSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const proposal = await lessons.decideChangeProposal(
        db,
        actorOf(request),
        request.params.id,
        expectedVersion(request),
        request.body,
      );
      reply.header('ETag', `"${proposal.version}"`);
      return proposal;
    },
  });
}
