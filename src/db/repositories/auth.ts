import type { Queryable } from '../connection.ts';
import { isoTimestamp } from '../sql.ts';

export interface LoginRow {
  orgId: string;
  userId: string;
  passwordHash: string | null;
  isActive: boolean;
}

export async function findLogin(q: Queryable, email: string): Promise<LoginRow | null> {
  const rows = await q.query<LoginRow>(
    `SELECT u.org_id AS "orgId", u.id AS "userId", u.password_hash AS "passwordHash", u.is_active AS "isActive"
     FROM login_emails l JOIN users u ON u.org_id = l.org_id AND u.id = l.user_id WHERE l.email = $1`,
    [email],
  );
  return rows[0] ?? null;
}

export async function insertLoginEmail(
  q: Queryable,
  email: string,
  orgId: string,
  userId: string,
): Promise<void> {
  await q.query('INSERT INTO login_emails (email, org_id, user_id) VALUES ($1, $2, $3)', [
    email,
    orgId,
    userId,
  ]);
}

export async function countRecentFailures(q: Queryable, key: string, windowSeconds: number): Promise<number> {
  const rows = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM login_attempts WHERE key = $1 AND at > now() - make_interval(secs => $2)`,
    [key, windowSeconds],
  );
  return rows[0]?.n ?? 0;
}

export async function recordFailure(q: Queryable, keys: readonly string[]): Promise<void> {
  await q.query('INSERT INTO login_attempts (key) SELECT unnest($1::text[])', [keys]);
  // Old attempts are of no use to the limiter; trimming here keeps the table small without a timer.
  await q.query(`DELETE FROM login_attempts WHERE at < now() - interval '1 day'`);
}

export async function clearFailures(q: Queryable, key: string): Promise<void> {
  await q.query('DELETE FROM login_attempts WHERE key = $1', [key]);
}

export async function insertSession(
  q: Queryable,
  orgId: string,
  tokenHash: string,
  userId: string,
  ttlSeconds: number,
): Promise<void> {
  await q.query(
    `INSERT INTO sessions (org_id, token_hash, user_id, expires_at)
     VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
    [orgId, tokenHash, userId, ttlSeconds],
  );
}

export async function findSessionUser(
  q: Queryable,
  orgId: string,
  tokenHash: string,
): Promise<string | null> {
  const rows = await q.query<{ userId: string }>(
    `SELECT s.user_id AS "userId" FROM sessions s JOIN users u ON u.org_id = s.org_id AND u.id = s.user_id
     WHERE s.org_id = $1 AND s.token_hash = $2 AND s.expires_at > now() AND u.is_active`,
    [orgId, tokenHash],
  );
  return rows[0]?.userId ?? null;
}

export async function deleteSession(q: Queryable, orgId: string, tokenHash: string): Promise<void> {
  await q.query('DELETE FROM sessions WHERE org_id = $1 AND token_hash = $2', [orgId, tokenHash]);
}

export async function insertApiToken(
  q: Queryable,
  token: {
    orgId: string;
    id: string;
    userId: string;
    name: string;
    tokenHash: string;
    expiresInDays: number | null;
  },
): Promise<void> {
  await q.query(
    `INSERT INTO api_tokens (org_id, id, user_id, name, token_hash, expires_at)
     VALUES ($1, $2, $3, $4, $5, CASE WHEN $6::int IS NULL THEN NULL ELSE now() + make_interval(days => $6::int) END)`,
    [token.orgId, token.id, token.userId, token.name, token.tokenHash, token.expiresInDays],
  );
}

export async function findApiTokenUser(
  q: Queryable,
  orgId: string,
  tokenHash: string,
): Promise<string | null> {
  const rows = await q.query<{ userId: string }>(
    `UPDATE api_tokens t SET last_used_at = now() FROM users u
     WHERE t.org_id = $1 AND t.token_hash = $2 AND (t.expires_at IS NULL OR t.expires_at > now())
       AND u.org_id = t.org_id AND u.id = t.user_id AND u.is_active
     RETURNING t.user_id AS "userId"`,
    [orgId, tokenHash],
  );
  return rows[0]?.userId ?? null;
}

export async function listApiTokens(q: Queryable, orgId: string, userId: string) {
  return q.query<{
    id: string;
    name: string;
    createdAt: string;
    lastUsedAt: string | null;
    expiresAt: string | null;
  }>(
    `SELECT id, name, ${isoTimestamp('created_at')} AS "createdAt", ${isoTimestamp('last_used_at')} AS "lastUsedAt",
       ${isoTimestamp('expires_at')} AS "expiresAt"
     FROM api_tokens WHERE org_id = $1 AND user_id = $2 ORDER BY id`,
    [orgId, userId],
  );
}

export async function deleteApiToken(
  q: Queryable,
  orgId: string,
  userId: string,
  id: string,
): Promise<boolean> {
  const rows = await q.query(
    'DELETE FROM api_tokens WHERE org_id = $1 AND user_id = $2 AND id = $3 RETURNING id',
    [orgId, userId, id],
  );
  return rows.length === 1;
}

export interface GrantRow {
  id: string;
  role: string;
  scopeType: string;
  scopeId: string | null;
}

export async function findUserIdentity(q: Queryable, orgId: string, userId: string) {
  const rows = await q.query<{ id: string; email: string; name: string; orgName: string; currency: string }>(
    `SELECT u.id, u.email, u.name, o.name AS "orgName", o.currency
     FROM users u JOIN organizations o ON o.id = u.org_id WHERE u.org_id = $1 AND u.id = $2 AND u.is_active`,
    [orgId, userId],
  );
  return rows[0] ?? null;
}

export async function listGrantsOfUser(q: Queryable, orgId: string, userId: string): Promise<GrantRow[]> {
  return q.query<GrantRow>(
    `SELECT id, role, scope_type AS "scopeType", scope_id AS "scopeId" FROM role_grants
     WHERE org_id = $1 AND user_id = $2 ORDER BY id`,
    [orgId, userId],
  );
}

export async function insertOrganization(
  q: Queryable,
  id: string,
  name: string,
  currency: string,
): Promise<void> {
  await q.query('INSERT INTO organizations (id, name, currency) VALUES ($1, $2, $3)', [id, name, currency]);
}

export async function findOrganizationByName(q: Queryable, name: string): Promise<{ id: string } | null> {
  const rows = await q.query<{ id: string }>(
    'SELECT id FROM organizations WHERE name = $1 ORDER BY id LIMIT 1',
    [name],
  );
  return rows[0] ?? null;
}

export async function scopeExists(
  q: Queryable,
  orgId: string,
  scopeType: string,
  scopeId: string,
): Promise<boolean> {
  const table = {
    business_unit: 'business_units',
    portfolio: 'portfolios',
    program: 'programs',
    project: 'projects',
  }[scopeType];
  if (!table) return false;
  const rows = await q.query(`SELECT 1 FROM ${table} WHERE org_id = $1 AND id = $2`, [orgId, scopeId]);
  return rows.length === 1;
}

export async function businessUnitPmoMode(q: Queryable, orgId: string, id: string): Promise<string | null> {
  const rows = await q.query<{ pmoMode: string }>(
    'SELECT pmo_mode AS "pmoMode" FROM business_units WHERE org_id = $1 AND id = $2',
    [orgId, id],
  );
  return rows[0]?.pmoMode ?? null;
}

export async function listGrantsWithScopeNames(q: Queryable, orgId: string, userId: string) {
  return q.query<{
    id: string;
    role: string;
    scopeType: string;
    scopeId: string | null;
    scopeName: string | null;
  }>(
    `SELECT g.id, g.role, g.scope_type AS "scopeType", g.scope_id AS "scopeId",
       coalesce(b.name, f.name, p.name, j.code || ' ' || j.name) AS "scopeName"
     FROM role_grants g
     LEFT JOIN business_units b ON g.scope_type = 'business_unit' AND b.org_id = g.org_id AND b.id = g.scope_id
     LEFT JOIN portfolios f ON g.scope_type = 'portfolio' AND f.org_id = g.org_id AND f.id = g.scope_id
     LEFT JOIN programs p ON g.scope_type = 'program' AND p.org_id = g.org_id AND p.id = g.scope_id
     LEFT JOIN projects j ON g.scope_type = 'project' AND j.org_id = g.org_id AND j.id = g.scope_id
     WHERE g.org_id = $1 AND g.user_id = $2 ORDER BY g.id`,
    [orgId, userId],
  );
}

export async function updatePasswordHash(
  q: Queryable,
  orgId: string,
  userId: string,
  hash: string,
): Promise<void> {
  await q.query(
    'UPDATE users SET password_hash = $3, version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2',
    [orgId, userId, hash],
  );
}
