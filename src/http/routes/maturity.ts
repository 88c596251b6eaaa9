import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/connection.ts';
import { idSchema } from '../../model/common.ts';
import {
  assessmentInput,
  assessmentSchema,
  mentoringSessionInput,
  mentoringSessionSchema,
  mentorshipInput,
  mentorshipPatch,
  mentorshipSchema,
  oversightPolicyInput,
  oversightPolicySchema,
  projectOversightSchema,
  questionnaireInput,
  questionnairePatch,
  questionnaireSchema,
} from '../../model/maturity.ts';
import { oversightLevels } from '../../model/quality.ts';
import * as maturity from '../../services/maturity.ts';
import * as mentoring from '../../services/mentoring.ts';
import { actorOf, expectedVersion } from '../authentication.ts';
import { errorResponses, idParams, ifMatchHeader, registerCollection } from './crud.ts';

export function registerMaturityRoutes(api: FastifyInstance, db: Database): void {
  registerCollection(api, db, {
    path: '/maturity-questionnaires',
    tag: 'maturity',
    noun: 'maturity questionnaire',
    item: questionnaireSchema,
    createBody: questionnaireInput,
    patchBody: questionnairePatch,
    filters: {},
    list: maturity.listQuestionnaires,
    get: maturity.getQuestionnaire,
    create: maturity.createQuestionnaire,
    update: maturity.updateQuestionnaire,
    remove: maturity.deleteQuestionnaire,
  });
  registerCollection(api, db, {
    path: '/maturity-assessments',
    tag: 'maturity',
    noun: 'maturity assessment',
    item: assessmentSchema,
    createBody: assessmentInput,
    filters: { subjectUserId: idSchema.optional(), subjectProjectId: idSchema.optional() },
    list: maturity.listAssessments,
    get: maturity.getAssessment,
    create: maturity.createAssessment,
    remove: maturity.deleteAssessment,
  });
  registerCollection(api, db, {
    path: '/mentorships',
    tag: 'maturity',
    noun: 'mentorship',
    item: mentorshipSchema,
    createBody: mentorshipInput,
    patchBody: mentorshipPatch,
    filters: { status: z.enum(['active', 'completed', 'cancelled']).optional() },
    list: mentoring.listMentorships,
    get: mentoring.getMentorship,
    create: mentoring.createMentorship,
    update: mentoring.updateMentorship,
    remove: mentoring.deleteMentorship,
  });

  const app = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['maturity'];
  app.get('/mentorships/:id/sessions', {
    schema: {
      tags,
      summary: "A mentorship's sessions, newest first",
      params: idParams,
      response: { 200: z.array(mentoringSessionSchema), ...errorResponses },
    },
    handler: (request) => mentoring.listMentoringSessions(db, actorOf(request), request.params.id),
  });
  app.post('/mentorships/:id/sessions', {
    schema: {
      tags,
      summary: 'Log a mentoring session (the mentor, the mentee or the PMO)',
      params: idParams,
      body: mentoringSessionInput,
      response: { 201: mentoringSessionSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const session = await mentoring.createMentoringSession(
        db,
        actorOf(request),
        request.params.id,
        request.body,
      );
      reply.code(201).header('ETag', `"${session.version}"`);
      return session;
    },
  });
  app.get('/oversight-policy', {
    schema: {
      tags,
      summary:
        "The organization's oversight policy: maturity level → oversight level → reporting cadence and gates needing PMO review",
      response: { 200: oversightPolicySchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const policy = await maturity.getOversightPolicy(db, actorOf(request));
      reply.header('ETag', `"${policy.version}"`);
      return policy;
    },
  });
  app.put('/oversight-policy', {
    schema: {
      tags,
      summary: 'Replace the oversight policy (PMO administrators); If-Match "0" for the built-in default',
      headers: ifMatchHeader,
      body: oversightPolicyInput,
      response: { 200: oversightPolicySchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const policy = await maturity.saveOversightPolicy(
        db,
        actorOf(request),
        expectedVersion(request),
        request.body,
      );
      reply.header('ETag', `"${policy.version}"`);
      return policy;
    },
  });
  app.get('/projects/:id/oversight', {
    schema: {
      tags,
      summary:
        "The oversight a project is under, from its manager's latest maturity assessment: cadence, PMO-reviewed gates, applicable checks",
      params: idParams,
      response: { 200: projectOversightSchema, ...errorResponses },
    },
    handler: (request) => maturity.getProjectOversight(db, actorOf(request), request.params.id),
  });
  app.get('/maturity/project-managers', {
    schema: {
      tags,
      summary:
        'Project managers with their latest maturity level and resulting oversight (yours only unless PMO)',
      response: {
        200: z.array(
          z.object({
            userId: idSchema,
            name: z.string(),
            projects: z.number().int(),
            level: z.number().int().nullable(),
            assessedOn: z.string().nullable(),
            oversight: z.enum(oversightLevels),
          }),
        ),
        ...errorResponses,
      },
    },
    handler: (request) => maturity.projectManagerMaturity(db, actorOf(request)),
  });
}
