import nodemailer from 'nodemailer';
import type { Database, Queryable } from '../db/connection.ts';
import {
  emailOutbox,
  emailsOfUsers,
  findOutboxMessage,
  insertEmail,
  mailSettings,
  mailSettingsOf,
  type NewEmail,
  recordDelivery,
  requeueEmail,
} from '../db/repositories/email-outbox.ts';
import { findRow, insertRow, listRows, updateRow } from '../db/sql.ts';
import { uuidv7 } from '../db/uuid.ts';
import type { ListQuery, Page } from '../model/common.ts';
import { type MailSettings, mailSettingsInput, type OutboxEmail } from '../model/communication.ts';
import { ConflictError, ForbiddenError, NotFoundError, PreconditionRequiredError } from './errors.ts';
import { enqueueJob, type JobContext, PermanentJobError, registerJobHandler } from './jobs.ts';
import { audit, translateDatabaseErrors } from './mutation.ts';
import { type Actor, can, organizationChain } from './policy.ts';
import { parseInput } from './validate.ts';

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

/** The organization's own server when it set one, else the installation's (ORRERY_SMTP_URL). */
async function transportFor(q: Queryable, orgId: string): Promise<{ url: string | null; from: string }> {
  const own = await mailSettingsOf(q, orgId);
  const fallbackFrom = process.env.ORRERY_MAIL_FROM?.trim() || 'Orrery <no-reply@orrery.invalid>';
  if (own) return { url: own.smtpUrl, from: own.fromAddress || fallbackFrom };
  return { url: process.env.ORRERY_SMTP_URL?.trim() || null, from: fallbackFrom };
}

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
  const { url, from } = await transportFor(db, job.orgId);
  if (!url) {
    const reason = 'no SMTP server is configured (set ORRERY_SMTP_URL, or the organization mail settings)';
    await recordDelivery(db, job.orgId, emailId, { status: 'failed', error: reason });
    throw new PermanentJobError(reason);
  }
  const transport = nodemailer.createTransport(url);
  try {
    await transport.sendMail({
      from,
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

/** The password of an SMTP URL never leaves the server. */
const masked = (url: string) => url.replace(/^(smtps?:\/\/[^:/@]+):[^@]*@/, '$1:•••@');

const withoutSecret = (
  settings: { version: number; smtpUrl: string; fromAddress: string } | null,
): MailSettings =>
  settings
    ? {
        version: settings.version,
        smtpUrl: masked(settings.smtpUrl),
        fromAddress: settings.fromAddress,
        own: true,
      }
    : {
        version: 0,
        smtpUrl: process.env.ORRERY_SMTP_URL ? masked(process.env.ORRERY_SMTP_URL) : '',
        fromAddress: process.env.ORRERY_MAIL_FROM ?? '',
        own: false,
      };

export async function getMailSettings(db: Database, actor: Actor): Promise<MailSettings> {
  requirePmo(actor);
  return withoutSecret(await mailSettingsOf(db, actor.orgId));
}

/** Sets the organization's own SMTP server (version 0: none yet). */
export async function saveMailSettings(
  db: Database,
  actor: Actor,
  version: number | undefined,
  input: unknown,
) {
  const values = parseInput(mailSettingsInput, input);
  return translateDatabaseErrors(() =>
    db.transaction(async (tx) => {
      requirePmo(actor);
      if (version === undefined) throw new PreconditionRequiredError();
      const before = await mailSettingsOf(tx, actor.orgId);
      if ((before?.version ?? 0) !== version)
        throw new ConflictError(
          `the settings changed since you read them (now at version ${before?.version ?? 0})`,
        );
      const id = before?.id ?? uuidv7();
      if (before) await updateRow(tx, mailSettings, actor.orgId, id, version, values);
      else await insertRow(tx, mailSettings, actor.orgId, id, values);
      const after = await mailSettingsOf(tx, actor.orgId);
      await audit(
        tx,
        actor,
        'mail_settings',
        id,
        before ? 'update' : 'create',
        withoutSecret(before),
        withoutSecret(after),
      );
      return withoutSecret(after);
    }),
  );
}
