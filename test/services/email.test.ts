import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import {
  getMailSettings,
  listOutbox,
  queueEmail,
  retryEmail,
  saveMailSettings,
} from '../../src/services/email.ts';
import { runDueJobs } from '../../src/services/jobs.ts';
import type { Actor } from '../../src/services/policy.ts';
import { openTestDatabase } from '../support/database.ts';
import { makeActor, makeOrganization } from '../support/factories.ts';
import { type LocalSmtp, startLocalSmtp } from '../support/smtp.ts';

let db: Database;
let orgId: string;
let pmo: Actor;
let smtp: LocalSmtp;

beforeAll(async () => {
  db = await openTestDatabase();
  orgId = (await makeOrganization(db)).orgId;
  pmo = await makeActor(db, orgId, 'pmo_admin');
  smtp = await startLocalSmtp(['gone@example.test']);
  process.env.ORRERY_SMTP_URL = smtp.url;
}, 60_000);

afterAll(async () => {
  delete process.env.ORRERY_SMTP_URL;
  await smtp?.close();
  await db?.close();
});

const message = async (id: string) =>
  (await listOutbox(db, pmo, { page: 1, pageSize: 500, order: 'desc' })).items.find((m) => m.id === id)!;
const jobOf = async (emailId: string) =>
  db.query<{ status: string; attempts: number; last_error: string | null }>(
    `SELECT status, attempts, last_error FROM jobs WHERE org_id = $1 AND payload->>'emailId' = $2 ORDER BY created_at`,
    [orgId, emailId],
  );

describe('e-mail outbox over SMTP', () => {
  it('delivers a queued message to the SMTP server and records it as sent', async () => {
    const id = await queueEmail(db, orgId, {
      to: 'pm@example.test',
      subject: 'Status report due',
      body: 'Your weekly report is due on Friday.',
    });
    expect((await message(id)).status).toBe('queued');
    await runDueJobs(db);
    const sent = await message(id);
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(sent.sentAt).not.toBeNull();
    const mail = smtp.received.find((m) => m.to.includes('pm@example.test'));
    expect(mail).toBeDefined();
    expect(mail!.raw).toContain('Subject: Status report due');
    expect(mail!.raw).toContain('Your weekly report is due on Friday.');
  }, 60_000);

  it("records a bounced address as failed with the server's reason, without retrying, and keeps the message", async () => {
    const before = smtp.received.length;
    const id = await queueEmail(db, orgId, {
      to: 'gone@example.test',
      subject: 'Hello',
      body: 'Anyone there?',
    });
    await runDueJobs(db);
    const failed = await message(id);
    expect(failed.status).toBe('failed');
    expect(failed.lastError).toMatch(/550/);
    expect(failed.lastError).toMatch(/mailbox unavailable/);
    expect(failed.body).toBe('Anyone there?');
    expect(smtp.received.length).toBe(before);
    const [job] = await jobOf(id);
    expect(job).toMatchObject({ status: 'failed', attempts: 1 });
  }, 60_000);

  it('sends a failed message again on retry, once the address works', async () => {
    const id = await queueEmail(db, orgId, {
      to: 'gone@example.test',
      subject: 'Retry me',
      body: 'Second try',
    });
    await runDueJobs(db);
    const failed = await message(id);
    expect(failed.status).toBe('failed');
    await expect(retryEmail(db, pmo, id, failed.version - 1)).rejects.toMatchObject({ status: 409 });
    // The mailbox is fixed: point the row at a working address, as an administrator correcting a user would.
    await db.query(`UPDATE email_outbox SET to_address = 'back@example.test' WHERE id = $1`, [id]);
    const retried = await retryEmail(db, pmo, id, failed.version);
    expect(retried.status).toBe('queued');
    await runDueJobs(db);
    expect(await message(id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(
      smtp.received.some((m) => m.to.includes('back@example.test') && m.raw.includes('Second try')),
    ).toBe(true);
  }, 60_000);

  it('keeps the message queued with the reason and retries later when the server cannot be reached', async () => {
    process.env.ORRERY_SMTP_URL = 'smtp://127.0.0.1:1';
    try {
      const id = await queueEmail(db, orgId, { to: 'later@example.test', subject: 'Later', body: 'Soon' });
      await runDueJobs(db);
      const waiting = await message(id);
      expect(waiting.status).toBe('queued');
      expect(waiting.lastError).toMatch(/ECONNREFUSED|connect/i);
      const [job] = await jobOf(id);
      expect(job).toMatchObject({ status: 'queued', attempts: 1 });
    } finally {
      process.env.ORRERY_SMTP_URL = smtp.url;
    }
  }, 60_000);

  it("sends through the organization's own server once it has one, and never shows its password", async () => {
    const own = await startLocalSmtp();
    try {
      expect(await getMailSettings(db, pmo)).toMatchObject({ version: 0, own: false });
      await expect(saveMailSettings(db, pmo, 0, { smtpUrl: 'mail.example.com' })).rejects.toMatchObject({
        status: 400,
        errors: [{ field: 'smtpUrl' }],
      });
      const secret = await saveMailSettings(db, pmo, 0, {
        smtpUrl: 'smtp://pmo:hunter2@mail.example.com:587',
      });
      expect(secret).toMatchObject({ version: 1, own: true, smtpUrl: 'smtp://pmo:•••@mail.example.com:587' });
      await saveMailSettings(db, pmo, 1, { smtpUrl: own.url, fromAddress: 'PMO <pmo@example.test>' });
      const id = await queueEmail(db, orgId, {
        to: 'own@example.test',
        subject: 'Via our server',
        body: 'Hi',
      });
      await runDueJobs(db);
      expect((await message(id)).status).toBe('sent');
      expect(own.received.map((m) => m.from)).toEqual(['pmo@example.test']);
      expect(smtp.received.some((m) => m.to.includes('own@example.test'))).toBe(false);
    } finally {
      await db.query('DELETE FROM mail_settings WHERE org_id = $1', [orgId]);
      await own.close();
    }
  }, 60_000);

  it('lets only PMO administrators of the organization read the outbox or retry', async () => {
    const member = await makeActor(db, orgId, 'team_member');
    await expect(listOutbox(db, member, { page: 1, pageSize: 10, order: 'desc' })).rejects.toMatchObject({
      status: 403,
    });
    await expect(getMailSettings(db, member)).rejects.toMatchObject({ status: 403 });
  });
});
