import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/connection.ts';
import { idSchema } from '../../model/common.ts';
import {
  healths,
  projectInput,
  projectMemberInput,
  projectMemberSchema,
  projectObjectiveSchema,
  projectObjectivesInput,
  projectPatch,
  projectSchema,
  projectStages,
} from '../../model/organization.ts';
import * as projects from '../../services/projects.ts';
import { actorOf } from '../authentication.ts';
import { errorResponses, idParams, registerCollection } from './crud.ts';

export function registerProjectRoutes(api: FastifyInstance, db: Database): void {
  registerCollection(api, db, {
    path: '/projects',
    tag: 'projects',
    noun: 'project',
    item: projectSchema,
    createBody: projectInput,
    patchBody: projectPatch,
    filters: {
      businessUnitId: idSchema.optional(),
      portfolioId: idSchema.optional(),
      programId: idSchema.optional(),
      managerId: idSchema.optional(),
      stage: z.enum(projectStages).optional(),
      health: z.enum(healths).optional(),
    },
    list: projects.listProjects,
    get: projects.getProject,
    create: projects.createProject,
    update: projects.updateProject,
    remove: projects.deleteProject,
  });

  const app = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['projects'];
  const objectivesResponse = z.object({ items: z.array(projectObjectiveSchema) });
  const membersResponse = z.object({ items: z.array(projectMemberSchema) });
  app.get('/projects/:id/objectives', {
    schema: {
      tags,
      summary: 'Objectives a project serves',
      params: idParams,
      response: { 200: objectivesResponse, ...errorResponses },
    },
    handler: (request) => projects.getProjectObjectives(db, actorOf(request), request.params.id),
  });
  app.put('/projects/:id/objectives', {
    schema: {
      tags,
      summary: 'Replace the objectives a project serves, with contribution scores 0–10',
      params: idParams,
      body: projectObjectivesInput,
      response: { 200: objectivesResponse, ...errorResponses },
    },
    handler: (request) =>
      projects.setProjectObjectives(db, actorOf(request), request.params.id, request.body),
  });
  app.get('/projects/:id/members', {
    schema: {
      tags,
      summary: 'Project members',
      params: idParams,
      response: { 200: membersResponse, ...errorResponses },
    },
    handler: (request) => projects.getProjectMembers(db, actorOf(request), request.params.id),
  });
  app.post('/projects/:id/members', {
    schema: {
      tags,
      summary: 'Add a member (or change their project role)',
      params: idParams,
      body: projectMemberInput,
      response: { 200: membersResponse, ...errorResponses },
    },
    handler: (request) => projects.addProjectMember(db, actorOf(request), request.params.id, request.body),
  });
  app.delete('/projects/:id/members/:userId', {
    schema: {
      tags,
      summary: 'Remove a member',
      params: z.object({ id: idSchema, userId: idSchema }),
      response: { 204: z.null().describe('Removed'), ...errorResponses },
    },
    handler: async (request, reply) => {
      await projects.removeProjectMember(db, actorOf(request), request.params.id, request.params.userId);
      return reply.code(204).send(null);
    },
  });
}
