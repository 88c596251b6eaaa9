import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../db/connection.ts';
import { idSchema, type ListQuery, listQuerySchema, type Page, pageSchema } from '../../model/common.ts';
import type { Actor } from '../../services/policy.ts';
import { actorOf, expectedVersion } from '../authentication.ts';
import { problemSchema } from '../problem.ts';

export const idParams = z.object({ id: idSchema });
export const errorResponses = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  428: problemSchema,
};
export const ifMatchHeader = z.object({
  'if-match': z.string().optional().describe('The version you read, as returned in the ETag: "3"'),
});

interface Versioned {
  id: string;
  version: number;
}

/** The five routes every managed collection has, thin over its service. */
export interface CollectionDefinition<T extends Versioned, F extends z.ZodRawShape> {
  path: string;
  tag: string;
  noun: string;
  item: z.ZodType<T>;
  createBody: z.ZodType;
  /** Absent for collections whose items are never edited in place (role grants). */
  patchBody?: z.ZodType;
  filters: F;
  list(db: Database, actor: Actor, query: ListQuery & z.infer<z.ZodObject<F>>): Promise<Page<T>>;
  get(db: Database, actor: Actor, id: string): Promise<T>;
  create(db: Database, actor: Actor, body: unknown): Promise<T>;
  update?(db: Database, actor: Actor, id: string, version: number | undefined, body: unknown): Promise<T>;
  /** Absent for collections whose items are deactivated rather than deleted (users). */
  remove?(db: Database, actor: Actor, id: string, version: number | undefined): Promise<void>;
}

export function registerCollection<T extends Versioned, F extends z.ZodRawShape>(
  api: FastifyInstance,
  db: Database,
  def: CollectionDefinition<T, F>,
): void {
  // The generic item type defeats the zod type provider's inference, so this file reads params itself.
  const app = api;
  const tags = [def.tag];
  const query = listQuerySchema.extend(def.filters);
  app.get(def.path, {
    schema: {
      tags,
      summary: `List ${def.noun}s`,
      querystring: query,
      response: { 200: pageSchema(def.item), ...errorResponses },
    },
    handler: async (request) =>
      def.list(db, actorOf(request), request.query as ListQuery & z.infer<z.ZodObject<F>>),
  });
  app.get(`${def.path}/:id`, {
    schema: {
      tags,
      summary: `Get a ${def.noun}`,
      params: idParams,
      response: { 200: def.item, ...errorResponses },
    },
    handler: async (request, reply) => {
      const item = await def.get(db, actorOf(request), (request.params as { id: string }).id);
      reply.header('ETag', `"${item.version}"`);
      return item;
    },
  });
  app.post(def.path, {
    schema: {
      tags,
      summary: `Create a ${def.noun}`,
      body: def.createBody,
      response: { 201: def.item, ...errorResponses },
    },
    handler: async (request, reply) => {
      const item = await def.create(db, actorOf(request), request.body);
      reply.code(201).header('ETag', `"${item.version}"`);
      return item;
    },
  });
  const { update, remove, patchBody } = def;
  if (update && patchBody)
    app.patch(`${def.path}/:id`, {
      schema: {
        tags,
        summary: `Update a ${def.noun}`,
        params: idParams,
        headers: ifMatchHeader,
        body: patchBody,
        response: { 200: def.item, ...errorResponses },
      },
      handler: async (request, reply) => {
        const item = await update(
          db,
          actorOf(request),
          (request.params as { id: string }).id,
          expectedVersion(request),
          request.body,
        );
        reply.header('ETag', `"${item.version}"`);
        return item;
      },
    });
  if (remove)
    app.delete(`${def.path}/:id`, {
      schema: {
        tags,
        summary: `Delete a ${def.noun}`,
        params: idParams,
        headers: ifMatchHeader,
        response: { 204: z.null().describe('Deleted'), ...errorResponses },
      },
      handler: async (request, reply) => {
        await remove(db, actorOf(request), (request.params as { id: string }).id, expectedVersion(request));
        return reply.code(204).send(null);
      },
    });
}
