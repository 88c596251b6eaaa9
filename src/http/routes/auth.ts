import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../db/connection.ts';
import { apiTokenInput, apiTokenSchema, loginInput } from '../../model/access.ts';
import { idSchema } from '../../model/common.ts';
import * as auth from '../../services/auth.ts';
import { actorOf, SESSION_COOKIE } from '../authentication.ts';
import { errorResponses } from './crud.ts';

const meSchema = z.object({
  user: z.object({ id: idSchema, email: z.string(), name: z.string(), orgId: idSchema }),
  org: z.object({ id: idSchema, name: z.string(), currency: z.string() }),
  grants: z.array(
    z.object({
      id: idSchema,
      role: z.string(),
      scopeType: z.string(),
      scopeId: idSchema.nullable(),
      scopeName: z.string().nullable(),
    }),
  ),
});

export function registerAuthRoutes(
  api: FastifyInstance,
  db: Database,
  options: { secureCookies: boolean },
): void {
  const app = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['authentication'];
  app.post('/auth/login', {
    config: { public: true },
    schema: {
      tags,
      summary: 'Sign in; sets the HttpOnly session cookie',
      body: loginInput,
      response: {
        200: meSchema.pick({ user: true, org: true }),
        ...errorResponses,
        429: errorResponses[400],
      },
    },
    handler: async (request, reply) => {
      const { sessionToken, actor } = await auth.login(db, request.body, request.ip);
      reply.setCookie(SESSION_COOKIE, sessionToken, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: options.secureCookies,
        maxAge: auth.SESSION_TTL_SECONDS,
      });
      const me = await auth.describeMe(db, actor);
      return { user: me.user, org: me.org };
    },
  });
  app.post('/auth/logout', {
    config: { public: true },
    schema: {
      tags,
      summary: 'Sign out: ends the session',
      response: { 204: z.null().describe('Signed out') },
    },
    handler: async (request, reply) => {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie) await auth.logout(db, cookie);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  });
  app.get('/me', {
    schema: {
      tags,
      summary: 'Who I am and the roles I hold',
      response: { 200: meSchema, ...errorResponses },
    },
    handler: (request) => auth.describeMe(db, actorOf(request)),
  });
  app.get('/tokens', {
    schema: {
      tags,
      summary: 'My personal API tokens',
      response: { 200: z.object({ items: z.array(apiTokenSchema) }), ...errorResponses },
    },
    handler: (request) => auth.listMyApiTokens(db, actorOf(request)),
  });
  app.post('/tokens', {
    schema: {
      tags,
      summary: 'Create a personal API token; the secret is returned once',
      body: apiTokenInput,
      response: { 201: apiTokenSchema.extend({ token: z.string() }), ...errorResponses },
    },
    handler: async (request, reply) => {
      reply.code(201);
      return auth.createApiToken(db, actorOf(request), request.body);
    },
  });
  app.delete('/tokens/:id', {
    schema: {
      tags,
      summary: 'Revoke one of my API tokens',
      params: z.object({ id: idSchema }),
      response: { 204: z.null().describe('Revoked'), ...errorResponses },
    },
    handler: async (request, reply) => {
      await auth.revokeApiToken(db, actorOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  });
}
