import type { Queryable } from '../connection.ts';
import { isoTimestamp, type TableSpec, versionColumns } from '../sql.ts';
import { uuidv7 } from '../uuid.ts';

export const emailOutbox: TableSpec = {
  table: 'email_outbox',
  columns: { status: 'status', sourceType: 'source_type' },
  select: `SELECT ${versionColumns}, t.to_address AS "to", t.subject, t.body, t.status, t.attempts,
      t.last_error AS "lastError", ${isoTimestamp('t.sent_at')} AS "sentAt", t.source_type AS "sourceType",
      t.source_id AS "sourceId"
    FROM email_outbox t`,
  sortable: { createdAt: 't.created_at', status: 't.status', to: 't.to_address' },
  searchable: ['t.to_address', 't.subject'],
};

export interface NewEmail {
  to: string;
  subject: string;
  body: string;
  sourceType?: string;
  sourceId?: string;
}

export async function insertEmail(q: Queryable, orgId: string, email: NewEmail): Promise<string> {
  const id = uuidv7();
  await q.query(
    `INSERT INTO email_outbox (org_id, id, to_address, subject, body, source_type, source_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [orgId, id, email.to, email.subject, email.body, email.sourceType ?? null, email.sourceId ?? null],
  );
  return id;
}

export interface OutboxMessage {
  id: string;
  to: string;
  subject: string;
  body: string;
  status: 'queued' | 'sent' | 'failed';
}

export async function findOutboxMessage(
  q: Queryable,
  orgId: string,
  id: string,
): Promise<OutboxMessage | null> {
  const rows = await q.query<OutboxMessage>(
    `SELECT id, to_address AS "to", subject, body, status FROM email_outbox WHERE org_id = $1 AND id = $2`,
    [orgId, id],
  );
  return rows[0] ?? null;
}

/** Records one delivery attempt: sent, failed for good, or still queued with the reason of this failure. */
export async function recordDelivery(
  q: Queryable,
  orgId: string,
  id: string,
  outcome: { status: 'sent' | 'failed' | 'queued'; error: string | null },
): Promise<void> {
  await q.query(
    `UPDATE email_outbox SET status = $3, attempts = attempts + 1, last_error = $4,
       sent_at = CASE WHEN $3 = 'sent' THEN now() ELSE sent_at END, updated_at = now(), version = version + 1
     WHERE org_id = $1 AND id = $2`,
    [orgId, id, outcome.status, outcome.error],
  );
}

/** Puts a failed message back in the queue; false when it is not failed (or changed since it was read). */
export async function requeueEmail(
  q: Queryable,
  orgId: string,
  id: string,
  version: number,
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE email_outbox SET status = 'queued', updated_at = now(), version = version + 1
     WHERE org_id = $1 AND id = $2 AND version = $3 AND status = 'failed' RETURNING id`,
    [orgId, id, version],
  );
  return rows.length === 1;
}

/** Addresses of active users, by id. */
export async function emailsOfUsers(q: Queryable, orgId: string, userIds: readonly string[]) {
  if (userIds.length === 0) return new Map<string, string>();
  const rows = await q.query<{ id: string; email: string }>(
    'SELECT id, email FROM users WHERE org_id = $1 AND id = ANY($2::uuid[]) AND is_active',
    [orgId, userIds],
  );
  return new Map(rows.map((row) => [row.id, row.email]));
}

export const mailSettings: TableSpec = {
  table: 'mail_settings',
  columns: { smtpUrl: 'smtp_url', fromAddress: 'from_address' },
  select: `SELECT t.id, t.version, t.smtp_url AS "smtpUrl", t.from_address AS "fromAddress" FROM mail_settings t`,
  sortable: { id: 't.id' },
  searchable: [],
};

export async function mailSettingsOf(
  q: Queryable,
  orgId: string,
): Promise<{ id: string; version: number; smtpUrl: string; fromAddress: string } | null> {
  const rows = await q.query<{ id: string; version: number; smtpUrl: string; fromAddress: string }>(
    `${mailSettings.select} WHERE t.org_id = $1`,
    [orgId],
  );
  return rows[0] ?? null;
}
