import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/connection.ts';
import { listQuerySchema, pageSchema } from '../../model/common.ts';
import {
  assignmentSchema,
  rateInput,
  ratePatch,
  rateSchema,
  resourceFilters,
  resourceInput,
  resourcePatch,
  resourceRoleInput,
  resourceRolePatch,
  resourceRoleSchema,
  resourceSchema,
  resourceSkillSchema,
  resourceSkillsInput,
  skillInput,
  skillPatch,
  skillSchema,
} from '../../model/resource.ts';
import { listResourceAssignments } from '../../services/assignments.ts';
import * as pool from '../../services/resources.ts';
import { actorOf, expectedVersion } from '../authentication.ts';
import { errorResponses, idParams, ifMatchHeader, registerCollection } from './crud.ts';

export function registerResourceRoutes(api: FastifyInstance, db: Database): void {
  registerCollection(api, db, {
    path: '/resource-roles',
    tag: 'resources',
    noun: 'resource role',
    item: resourceRoleSchema,
    createBody: resourceRoleInput,
    patchBody: resourceRolePatch,
    filters: {},
    ...pool.roleCatalog,
  });
  registerCollection(api, db, {
    path: '/skills',
    tag: 'resources',
    noun: 'skill',
    item: skillSchema,
    createBody: skillInput,
    patchBody: skillPatch,
    filters: {},
    ...pool.skillCatalog,
  });
  registerCollection(api, db, {
    path: '/resources',
    tag: 'resources',
    noun: 'resource',
    item: resourceSchema,
    createBody: resourceInput,
    patchBody: resourcePatch,
    filters: resourceFilters,
    list: pool.listResources,
    get: pool.getResource,
    create: pool.createResource,
    update: pool.updateResource,
    remove: pool.deleteResource,
  });

  const app = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['resources'];
  app.put('/resources/:id/skills', {
    schema: {
      tags,
      summary: 'Replace the skills a resource holds, with their proficiency (1 novice … 5 expert)',
      params: idParams,
      body: resourceSkillsInput,
      response: { 200: z.array(resourceSkillSchema), ...errorResponses },
    },
    handler: (request) => pool.setResourceSkills(db, actorOf(request), request.params.id, request.body),
  });
  app.get('/resources/:id/rates', {
    schema: {
      tags,
      summary: "A resource's cost rate table, oldest first; each row applies until the next one's date",
      params: idParams,
      response: { 200: z.array(rateSchema), ...errorResponses },
    },
    handler: (request) => pool.listResourceRates(db, actorOf(request), request.params.id),
  });
  app.post('/resources/:id/rates', {
    schema: {
      tags,
      summary: "Add a rate from a date; the resource's assignment costs are recomputed",
      params: idParams,
      body: rateInput,
      response: { 201: rateSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const rate = await pool.createResourceRate(db, actorOf(request), request.params.id, request.body);
      reply.code(201).header('ETag', `"${rate.version}"`);
      return rate;
    },
  });
  app.patch('/resource-rates/:id', {
    schema: {
      tags,
      summary: "Change a rate; the resource's assignment costs are recomputed",
      params: idParams,
      headers: ifMatchHeader,
      body: ratePatch,
      response: { 200: rateSchema, ...errorResponses },
    },
    handler: async (request, reply) => {
      const rate = await pool.updateResourceRate(
        db,
        actorOf(request),
        request.params.id,
        expectedVersion(request),
        request.body,
      );
      reply.header('ETag', `"${rate.version}"`);
      return rate;
    },
  });
  app.delete('/resource-rates/:id', {
    schema: {
      tags,
      summary: "Delete a rate; the resource's assignment costs are recomputed",
      params: idParams,
      headers: ifMatchHeader,
      response: { 204: z.null().describe('Deleted'), ...errorResponses },
    },
    handler: async (request, reply) => {
      await pool.deleteResourceRate(db, actorOf(request), request.params.id, expectedVersion(request));
      return reply.code(204).send(null);
    },
  });
  app.get('/resources/:id/assignments', {
    schema: {
      tags,
      summary: "A resource's task assignments on the projects the reader may see",
      params: idParams,
      querystring: listQuerySchema,
      response: { 200: pageSchema(assignmentSchema), ...errorResponses },
    },
    handler: (request) => listResourceAssignments(db, actorOf(request), request.params.id, request.query),
  });
}
