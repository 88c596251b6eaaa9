import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../db/connection.ts';
import {
  clearFailures,
  countRecentFailures,
  deleteApiToken,
  deleteSession,
  findApiTokenUser,
  findLogin,
  findSessionUser,
  findUserIdentity,
  insertApiToken,
  insertSession,
  listApiTokens,
  listGrantsOfUser,
  listGrantsWithScopeNames,
  recordFailure,
} from '../db/repositories/auth.ts';
import { uuidv7 } from '../db/uuid.ts';
import { apiTokenInput, loginInput, type Role, type ScopeType } from '../model/access.ts';
import { NotFoundError, RateLimitedError, UnauthorizedError } from './errors.ts';
import { verifyPassword } from './passwords.ts';
import type { Actor } from './policy.ts';
import { parseInput } from './validate.ts';

export const SESSION_TTL_SECONDS = 7 * 24 * 3600;
const FAILURE_WINDOW_SECONDS = 15 * 60;
const MAX_FAILURES_PER_ACCOUNT = 10;
const MAX_FAILURES_PER_ADDRESS = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const sha256 = (secret: string) => createHash('sha256').update(secret).digest('hex');
const newSecret = () => randomBytes(32).toString('base64url');

/** Loads who a user is and what they may do; null when the user is gone or deactivated. */
export async function loadActor(db: Database, orgId: string, userId: string): Promise<Actor | null> {
  const identity = await findUserIdentity(db, orgId, userId);
  if (!identity) return null;
  const grants = await listGrantsOfUser(db, orgId, userId);
  return {
    orgId,
    userId,
    label: identity.email,
    grants: grants.map((grant) => ({
      role: grant.role as Role,
      scopeType: grant.scopeType as ScopeType,
      scopeId: grant.scopeId,
    })),
  };
}

export interface LoginResult {
  sessionToken: string;
  actor: Actor;
}

/**
 * Checks a password and opens a session. Failures are counted in the database per account and per
 * client address, so the limit holds across every app server.
 */
export async function login(db: Database, input: unknown, clientAddress: string): Promise<LoginResult> {
  const { email, password } = parseInput(loginInput, input);
  const normalized = email.toLowerCase();
  const accountKey = `email:${normalized}`;
  const addressKey = `ip:${clientAddress}`;
  if (
    (await countRecentFailures(db, accountKey, FAILURE_WINDOW_SECONDS)) >= MAX_FAILURES_PER_ACCOUNT ||
    (await countRecentFailures(db, addressKey, FAILURE_WINDOW_SECONDS)) >= MAX_FAILURES_PER_ADDRESS
  )
    throw new RateLimitedError(FAILURE_WINDOW_SECONDS);
  const account = await findLogin(db, normalized);
  const valid = await verifyPassword(password, account?.passwordHash ?? null);
  if (!account || !valid || !account.isActive) {
    await recordFailure(db, [accountKey, addressKey]);
    throw new UnauthorizedError('wrong e-mail address or password');
  }
  await clearFailures(db, accountKey);
  const secret = newSecret();
  await insertSession(db, account.orgId, sha256(secret), account.userId, SESSION_TTL_SECONDS);
  const actor = await loadActor(db, account.orgId, account.userId);
  if (!actor) throw new UnauthorizedError('wrong e-mail address or password');
  return { sessionToken: `${account.orgId}.${secret}`, actor };
}

function splitSessionToken(token: string): { orgId: string; secret: string } | null {
  const dot = token.indexOf('.');
  if (dot < 0) return null;
  const orgId = token.slice(0, dot);
  return UUID.test(orgId) ? { orgId, secret: token.slice(dot + 1) } : null;
}

export async function actorFromSession(db: Database, token: string): Promise<Actor | null> {
  const parts = splitSessionToken(token);
  if (!parts) return null;
  const userId = await findSessionUser(db, parts.orgId, sha256(parts.secret));
  return userId ? loadActor(db, parts.orgId, userId) : null;
}

export async function logout(db: Database, token: string): Promise<void> {
  const parts = splitSessionToken(token);
  if (parts) await deleteSession(db, parts.orgId, sha256(parts.secret));
}

const API_TOKEN = /^orr_([0-9a-f-]{36})_([A-Za-z0-9_-]{20,})$/;

export async function actorFromApiToken(db: Database, token: string): Promise<Actor | null> {
  const match = API_TOKEN.exec(token);
  if (!match || !UUID.test(match[1])) return null;
  const userId = await findApiTokenUser(db, match[1], sha256(match[2]));
  return userId ? loadActor(db, match[1], userId) : null;
}

/** Creates a personal API token; the secret is shown once and only its hash is kept. */
export async function createApiToken(db: Database, actor: Actor, input: unknown) {
  if (!actor.userId) throw new UnauthorizedError('API tokens belong to a user');
  const values = parseInput(apiTokenInput, input);
  const secret = newSecret();
  const id = uuidv7();
  await insertApiToken(db, {
    orgId: actor.orgId,
    id,
    userId: actor.userId,
    name: values.name,
    tokenHash: sha256(secret),
    expiresInDays: values.expiresInDays,
  });
  const tokens = await listApiTokens(db, actor.orgId, actor.userId);
  const created = tokens.find((token) => token.id === id);
  return { ...created!, token: `orr_${actor.orgId}_${secret}` };
}

export async function listMyApiTokens(db: Database, actor: Actor) {
  if (!actor.userId) return { items: [] };
  return { items: await listApiTokens(db, actor.orgId, actor.userId) };
}

export async function revokeApiToken(db: Database, actor: Actor, id: string): Promise<void> {
  if (!actor.userId || !(await deleteApiToken(db, actor.orgId, actor.userId, id)))
    throw new NotFoundError('token', id);
}

export async function describeMe(db: Database, actor: Actor) {
  if (!actor.userId) throw new UnauthorizedError();
  const identity = await findUserIdentity(db, actor.orgId, actor.userId);
  if (!identity) throw new UnauthorizedError();
  const grants = await listGrantsWithScopeNames(db, actor.orgId, actor.userId);
  return {
    user: { id: identity.id, email: identity.email, name: identity.name, orgId: actor.orgId },
    org: { id: actor.orgId, name: identity.orgName, currency: identity.currency },
    grants,
  };
}
