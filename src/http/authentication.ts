import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../db/connection.ts';
import { actorFromApiToken, actorFromSession } from '../services/auth.ts';
import { UnauthorizedError, ValidationError } from '../services/errors.ts';
import type { Actor } from '../services/policy.ts';

export const SESSION_COOKIE = 'orrery_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** Routes reachable without a session or token (login, the OpenAPI document). */
    public?: boolean;
  }
}

/** Resolves the caller from the session cookie or a bearer token before every API route. */
export function registerAuthentication(api: FastifyInstance, db: Database): void {
  api.decorateRequest('actor', null);
  api.addHook('onRequest', async (request) => {
    const bearer = request.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const cookie = request.cookies[SESSION_COOKIE];
    request.actor = bearer
      ? await actorFromApiToken(db, bearer)
      : cookie
        ? await actorFromSession(db, cookie)
        : null;
    if (!request.actor && !request.routeOptions.config?.public) throw new UnauthorizedError();
  });
}

export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new UnauthorizedError();
  return request.actor;
}

/** The version an update was based on, from `If-Match: "3"` (or `W/"3"`); undefined when absent. */
export function expectedVersion(request: FastifyRequest): number | undefined {
  const header = request.headers['if-match'];
  if (!header) return undefined;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(String(header).trim());
  if (!match)
    throw new ValidationError([{ field: 'If-Match', message: 'must be the version you read, as in "3"' }]);
  return Number(match[1]);
}
