import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { getUser, updateUser } from '../../src/services/access.ts';
import { actorFromApiToken, actorFromSession, createApiToken, login } from '../../src/services/auth.ts';
import { RateLimitedError, UnauthorizedError } from '../../src/services/errors.ts';
import type { Actor } from '../../src/services/policy.ts';
import { openTestDatabase } from '../support/database.ts';
import { makeActor, makeOrganization, TEST_PASSWORD } from '../support/factories.ts';

let db: Database;
let orgId: string;
let system: Actor;

beforeAll(async () => {
  db = await openTestDatabase();
  ({ orgId, system } = await makeOrganization(db));
});

afterAll(async () => {
  await db?.close();
});

const ADDRESS = '192.0.2.10';
const failure = (call: () => Promise<unknown>) =>
  Promise.resolve()
    .then(call)
    .then(
      () => null,
      (error: unknown) => error,
    );

describe('login', () => {
  it('finds the account whatever the case of the e-mail address', async () => {
    const user = await makeActor(db, orgId, 'team_member');
    const session = await login(db, { email: user.email.toUpperCase(), password: TEST_PASSWORD }, ADDRESS);
    expect(session.actor.userId).toBe(user.userId);
  });

  it('refuses an unknown account with the same error as a wrong password', async () => {
    const user = await makeActor(db, orgId, 'team_member');
    const unknown = await failure(() =>
      login(db, { email: 'nobody@example.test', password: TEST_PASSWORD }, ADDRESS),
    );
    const wrong = await failure(() => login(db, { email: user.email, password: 'not it at all' }, ADDRESS));
    expect(unknown).toBeInstanceOf(UnauthorizedError);
    expect(wrong).toBeInstanceOf(UnauthorizedError);
    expect((unknown as Error).message).toBe((wrong as Error).message);
  });

  it('forgets failed attempts older than the 15-minute window', async () => {
    const user = await makeActor(db, orgId, 'team_member');
    const wrong = { email: user.email, password: 'wrong password' };
    for (let attempt = 0; attempt < 10; attempt++) await failure(() => login(db, wrong, ADDRESS));
    const locked = await failure(() => login(db, { ...wrong, password: TEST_PASSWORD }, ADDRESS));
    expect(locked).toBeInstanceOf(RateLimitedError);
    expect((locked as RateLimitedError).retryAfterSeconds).toBe(15 * 60);
    await db.query(`UPDATE login_attempts SET at = now() - interval '16 minutes' WHERE key = $1`, [
      `email:${user.email}`,
    ]);
    expect((await login(db, { ...wrong, password: TEST_PASSWORD }, ADDRESS)).actor.userId).toBe(user.userId);
  });
});

describe('sessions and API tokens', () => {
  it('keeps only hashes of session and token secrets', async () => {
    const user = await makeActor(db, orgId, 'team_member');
    const { sessionToken } = await login(db, { email: user.email, password: TEST_PASSWORD }, ADDRESS);
    const { token } = await createApiToken(db, user, { name: 'hashing' });
    const sessionSecret = sessionToken.split('.')[1];
    const tokenSecret = token.split('_').slice(2).join('_');
    const stored = JSON.stringify([
      await db.query('SELECT * FROM sessions WHERE org_id = $1', [orgId]),
      await db.query('SELECT * FROM api_tokens WHERE org_id = $1', [orgId]),
    ]);
    expect(stored).not.toContain(sessionSecret);
    expect(stored).not.toContain(tokenSecret);
  });

  it('stops accepting a session once it has expired', async () => {
    const user = await makeActor(db, orgId, 'team_member');
    const { sessionToken } = await login(db, { email: user.email, password: TEST_PASSWORD }, ADDRESS);
    expect((await actorFromSession(db, sessionToken))?.userId).toBe(user.userId);
    await db.query(
      `UPDATE sessions SET expires_at = now() - interval '1 second' WHERE org_id = $1 AND user_id = $2`,
      [orgId, user.userId],
    );
    expect(await actorFromSession(db, sessionToken)).toBeNull();
  });

  it('stops accepting an API token once it has expired', async () => {
    const user = await makeActor(db, orgId, 'team_member');
    const created = await createApiToken(db, user, { name: 'short-lived', expiresInDays: 1 });
    expect(created.expiresAt).not.toBeNull();
    expect((await actorFromApiToken(db, created.token))?.userId).toBe(user.userId);
    await db.query(
      `UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE org_id = $1 AND id = $2`,
      [orgId, created.id],
    );
    expect(await actorFromApiToken(db, created.token)).toBeNull();
  });

  it('shuts a deactivated user out: no login, no session, no token', async () => {
    const user = await makeActor(db, orgId, 'project_manager');
    const { sessionToken } = await login(db, { email: user.email, password: TEST_PASSWORD }, ADDRESS);
    const { token } = await createApiToken(db, user, { name: 'before deactivation' });
    const current = await getUser(db, system, user.userId!);
    await updateUser(db, system, user.userId!, current.version, { isActive: false });
    expect(await actorFromSession(db, sessionToken)).toBeNull();
    expect(await actorFromApiToken(db, token)).toBeNull();
    expect(
      await failure(() => login(db, { email: user.email, password: TEST_PASSWORD }, ADDRESS)),
    ).toBeInstanceOf(UnauthorizedError);
  });

  it('never writes a password hash to the audit log', async () => {
    const user = await makeActor(db, orgId, 'team_member');
    const [{ hash }] = await db.query<{ hash: string }>(
      'SELECT password_hash AS hash FROM users WHERE org_id = $1 AND id = $2',
      [orgId, user.userId],
    );
    expect(hash).toMatch(/^scrypt\$/);
    const audit = await db.query<{ entry: string }>(
      "SELECT (coalesce(before::text, '') || coalesce(after::text, '')) AS entry FROM audit_log WHERE org_id = $1",
      [orgId],
    );
    expect(audit.length).toBeGreaterThan(0);
    for (const { entry } of audit) {
      expect(entry).not.toContain('scrypt$');
      expect(entry).not.toContain(TEST_PASSWORD);
    }
  });
});
