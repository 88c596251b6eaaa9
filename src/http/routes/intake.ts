import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/connection.ts';
import {
  evaluationInput,
  evaluationQuery,
  evaluationSchema,
  proposalFilters,
  proposalInput,
  proposalPatch,
  proposalSchema,
  rankingSchema,
  scoringModelInput,
  scoringModelPatch,
  scoringModelSchema,
  triageInput,
} from '../../model/intake.ts';
import * as intake from '../../services/proposals.ts';
import * as scoring from '../../services/scoring.ts';
import { actorOf, expectedVersion } from '../authentication.ts';
import { errorResponses, idParams, ifMatchHeader, registerCollection } from './crud.ts';

/** Intake (proposals, submission, triage) and scoring (models, evaluations, ranking). */
export function registerIntakeRoutes(api: FastifyInstance, db: Database): void {
  registerCollection(api, db, {
    path: '/proposals',
    tag: 'intake',
    noun: 'proposal',
    item: proposalSchema,
    createBody: proposalInput,
    patchBody: proposalPatch,
    filters: proposalFilters,
    list: intake.listProposals,
    get: intake.getProposal,
    create: intake.createProposal,
    update: intake.updateProposal,
    remove: intake.deleteProposal,
  });
  registerCollection(api, db, {
    path: '/scoring-models',
    tag: 'intake',
    noun: 'scoring model',
    item: scoringModelSchema,
    createBody: scoringModelInput,
    patchBody: scoringModelPatch,
    filters: {},
    list: scoring.listScoringModels,
    get: scoring.getScoringModel,
    create: scoring.createScoringModel,
    update: scoring.updateScoringModel,
    remove: scoring.deleteScoringModel,
  });

  const app = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['intake'];
  app.post('/proposals/:id/submit', {
    schema: {
      tags,
      summary: 'Submit a draft (or deferred) proposal to the PMO for triage',
      params: idParams,
      headers: ifMatchHeader,
      response: { 200: proposalSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const proposal = await intake.submitProposal(
        db,
        actorOf(request),
        request.params.id,
        expectedVersion(request),
      );
      reply.header('ETag', `"${proposal.version}"`);
      return proposal;
    },
  });
  app.post('/proposals/:id/triage', {
    schema: {
      tags,
      summary:
        "The PMO's triage decision (in triage, accepted, rejected, deferred); the PMO of the nearest decentralized business unit, else the organization's",
      params: idParams,
      headers: ifMatchHeader,
      body: triageInput,
      response: { 200: proposalSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const proposal = await intake.triageProposal(
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
  app.get('/evaluations', {
    schema: {
      tags,
      summary: "Every evaluator's scores of one candidate under a scoring model",
      querystring: evaluationQuery,
      response: { 200: z.object({ items: z.array(evaluationSchema) }), ...errorResponses },
    },
    handler: async (request) => ({
      items: await scoring.listEvaluations(db, actorOf(request), request.query),
    }),
  });
  app.put('/evaluations', {
    schema: {
      tags,
      summary:
        "Record your own scores of a candidate (proposal or project), one per criterion; a score outside the model's scale is refused",
      body: evaluationInput,
      response: { 200: z.object({ items: z.array(evaluationSchema) }), ...errorResponses },
    },
    handler: async (request) => ({ items: await scoring.saveEvaluation(db, actorOf(request), request.body) }),
  });
  app.get('/scoring-models/:id/ranking', {
    schema: {
      tags,
      summary:
        'Candidates ranked by combined score, with the spread between evaluators overall and per criterion',
      params: idParams,
      response: { 200: rankingSchema, ...errorResponses },
    },
    handler: (request) => scoring.getRanking(db, actorOf(request), request.params.id),
  });
}
