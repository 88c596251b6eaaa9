import nodemailer from 'nodemailer';
import type { Database, Queryable } from '../db/connection.ts';
import {
  emailOutbox,
  emailsOfUsers,
  findOutboxMessage,
  insertEmail,
  type NewEmail,
  recordDelivery,
  requeueEmail,
} from '../db/repositories/email-outbox.ts';
import { findRow, listRows } from '../db/sql.ts';
import type { ListQuery, Page } from '../model/common.ts';
import type { OutboxEmail } from '../model/communication.ts';
import { ConflictError, ForbiddenError, NotFoundError, PreconditionRequiredError } from './errors.ts';
import { enqueueJob, type JobContext, PermanentJobError, registerJobHandler } from './jobs.ts';
import { audit } from './mutation.ts';
import { type Actor, can, organizationChain } from './policy.ts';

/**
 * E-mail goes through the outbox: the message is written in the transaction of the change that
 * causes it, and a `send_email` job delivers it over SMTP (ORRERY_SMTP_URL, e.g.
 * smtp://user:pass@mail.example.com:587). The SMTP server's answer is kept on the message.
 */
export const SEND_EMAIL = 'send_email';

export async function queueEmail(q: Queryable, orgId: string, email: NewEmail): Promise<string> {
  const id = await insertEmail(q, orgId, email);
  await enqueueJob(q, orgId, { kind: SEND_EMAIL, payload: { emailId: id }, maxAttempts: 4 });
  return id;
}

/** Queues one message per user with an address (users without one are skipped). */
export async function queueEmailToUsers(
  q: Queryable,
  orgId: string,
  userIds: readonly string[],
  message: Omit<NewEmail, 'to'>,
): Promise<number> {
  const addresses = await emailsOfUsers(q, orgId, [...new Set(userIds)]);
  for (const to of addresses.values()) await queueEmail(q, orgId, { ...message, to });
  return addresses.size;
}

function smtpUrl(): string | null {
  return process.env.ORRERY_SMTP_URL?.trim() || null;
}

const sender = () => process.env.ORRERY_MAIL_FROM?.trim() || 'Orrery <no-reply@orrery.invalid>';

interface SmtpFailure {
  responseCode?: number;
  response?: string;
  message?: string;
}

/** The job that delivers one outbox message. A 5xx answer (unknown mailbox) is final; others are retried. */
async function deliver(db: Database, job: JobContext): Promise<void> {
  const emailId = String(job.payload.emailId);
  const message = await findOutboxMessage(db, job.orgId, emailId);
  if (message?.status !== 'queued') return;
  const url = smtpUrl();
  if (!url) {
    const reason = 'no SMTP server is configured (set ORRERY_SMTP_URL)';
    await recordDelivery(db, job.orgId, emailId, { status: 'failed', error: reason });
    throw new PermanentJobError(reason);
  }
  const transport = nodemailer.createTransport(url);
  try {
    await transport.sendMail({
      from: sender(),
      to: message.to,
      subject: message.subject,
      text: message.body,
    });
    await recordDelivery(db, job.orgId, emailId, { status: 'sent', error: null });
  } catch (error) {
    const failure = error as SmtpFailure;
    const reason = failure.response ?? failure.message ?? String(error);
    const permanent = (failure.responseCode ?? 0) >= 500;
    await recordDelivery(db, job.orgId, emailId, {
      status: permanent || job.lastAttempt ? 'failed' : 'queued',
      error: reason,
    });
    throw permanent ? new PermanentJobError(reason) : error;
  } finally {
    transport.close();
  }
}

registerJobHandler(SEND_EMAIL, deliver);

function requirePmo(actor: Actor) {
  if (!can(actor, 'manage_org', organizationChain)) throw new ForbiddenError();
}

/** The outbox, for the organization's PMO administrators. */
export async function listOutbox(
  db: Database,
  actor: Actor,
  query: ListQuery & { status?: string },
): Promise<Page<OutboxEmail>> {
  requirePmo(actor);
  const page = await listRows<OutboxEmail>(db, emailOutbox, actor.orgId, {
    ...query,
    sort: query.sort ?? 'createdAt',
    order: query.sort ? query.order : 'desc',
    equals: { status: query.status },
  });
  return { ...page, page: query.page, pageSize: query.pageSize };
}

/** Sends a failed message again: back to queued, with a new delivery job. */
export async function retryEmail(db: Database, actor: Actor, id: string, version: number | undefined) {
  requirePmo(actor);
  return db.transaction(async (tx) => {
    const before = await findRow<OutboxEmail>(tx, emailOutbox, actor.orgId, id);
    if (!before) throw new NotFoundError('e-mail', id);
    if (version === undefined) throw new PreconditionRequiredError();
    if (before.status !== 'failed') throw new ConflictError(`the e-mail is ${before.status}, not failed`);
    if (!(await requeueEmail(tx, actor.orgId, id, version)))
      throw new ConflictError(
        `the e-mail changed since you read it (it is now at version ${before.version})`,
      );
    await enqueueJob(tx, actor.orgId, { kind: SEND_EMAIL, payload: { emailId: id }, maxAttempts: 4 });
    const after = (await findRow<OutboxEmail>(tx, emailOutbox, actor.orgId, id)) as OutboxEmail;
    await audit(tx, actor, 'email', id, 'update', before, after);
    return after;
  });
}
