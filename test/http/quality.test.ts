import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { type App, buildApp } from '../../src/http/app.ts';
import type { Project } from '../../src/model/organization.ts';
import { createApiToken } from '../../src/services/auth.ts';
import { runDueJobs } from '../../src/services/jobs.ts';
import { openTestDatabase } from '../support/database.ts';
import { makeActor, makeOrganization, makeProject } from '../support/factories.ts';
import { type LocalSmtp, startLocalSmtp } from '../support/smtp.ts';

let db: Database;
let app: App;
let orgId: string;
let token: string;
let project: Project;
let smtp: LocalSmtp;

const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, body?: unknown, headers = {}) =>
  app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { authorization: `Bearer ${token}`, ...headers },
    ...(body === undefined ? {} : { payload: body as object }),
  });

beforeAll(async () => {
  db = await openTestDatabase();
  orgId = (await makeOrganization(db)).orgId;
  project = await makeProject(db, orgId);
  const admin = await makeActor(db, orgId, 'pmo_admin');
  token = (await createApiToken(db, admin, { name: 'quality' })).token;
  app = await buildApp({ db });
  smtp = await startLocalSmtp(['nobody@example.test']);
  process.env.ORRERY_SMTP_URL = smtp.url;
}, 60_000);

afterAll(async () => {
  delete process.env.ORRERY_SMTP_URL;
  await smtp?.close();
  await app?.close();
  await db?.close();
});

describe('quality over HTTP', () => {
  it('records an audit against a standard and reports the project compliance', async () => {
    const standard = await call('POST', '/quality-standards', {
      code: 'QS-1',
      name: 'Essentials',
      checklist: ['Charter signed', 'Schedule baselined'],
    });
    expect(standard.statusCode).toBe(201);
    const [charter, schedule] = standard.json().checklist;
    const audit = await call('POST', '/inspections', {
      projectId: project.id,
      standardId: standard.json().id,
      kind: 'audit',
      title: 'Kick-off audit',
      heldOn: '2027-01-05',
      results: [
        { itemId: charter.id, result: 'pass' },
        { itemId: schedule.id, result: 'fail' },
      ],
    });
    expect(audit.statusCode).toBe(201);
    const compliance = await call('GET', `/projects/${project.id}/compliance`);
    expect(compliance.json()).toMatchObject({
      applicableChecks: 2,
      checksPassed: 1,
      passRate: 0.5,
      status: 'non_compliant',
    });
    const stale = await call(
      'PATCH',
      `/inspections/${audit.json().id}`,
      { notes: 'x' },
      { 'if-match': '"0"' },
    );
    expect(stale.statusCode).toBe(409);
  });

  it('answers an assessment with missing answers with a problem naming each missing question', async () => {
    const form = await call('POST', '/maturity-questionnaires', {
      name: 'PM maturity',
      questions: [
        { knowledgeArea: 'Risk', text: 'Reviewed monthly?' },
        { knowledgeArea: 'Cost', text: 'Forecast monthly?' },
      ],
    });
    const [risk, cost] = form.json().questions;
    const response = await call('POST', '/maturity-assessments', {
      questionnaireId: form.json().id,
      subjectType: 'team',
      subjectProjectId: project.id,
      assessedOn: '2027-01-10',
      answers: [{ questionId: risk.id, score: 4 }],
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.json().errors).toEqual([
      { field: `answers.${cost.id}`, message: 'question 2 (Cost: Forecast monthly?) is not answered' },
    ]);
    const complete = await call('POST', '/maturity-assessments', {
      questionnaireId: form.json().id,
      subjectType: 'team',
      subjectProjectId: project.id,
      assessedOn: '2027-01-10',
      answers: [
        { questionId: risk.id, score: 4 },
        { questionId: cost.id, score: 2 },
      ],
    });
    expect(complete.json()).toMatchObject({ score: 3, level: 3, oversight: 'standard' });
  });

  it('shows a bounced e-mail in the outbox with the reason, and sends it again on retry', async () => {
    const manager = await makeActor(db, orgId, 'project_manager', 'project', project.id);
    await db.query(`UPDATE users SET email = 'nobody@example.test' WHERE id = $1`, [manager.userId]);
    const announcement = await call('POST', '/announcements', {
      scopeType: 'project',
      scopeId: project.id,
      title: 'Audit next week',
      body: 'Please have the charter ready.',
      sendEmail: true,
    });
    expect(announcement.json().recipients).toBe(1);
    await runDueJobs(db);
    const failed = await call('GET', '/email-outbox?status=failed');
    const message = failed.json().items[0];
    expect(message).toMatchObject({
      to: 'nobody@example.test',
      status: 'failed',
      subject: 'Audit next week',
    });
    expect(message.lastError).toMatch(/550/);
    const retried = await call('POST', `/email-outbox/${message.id}/retry`, undefined, {
      'if-match': `"${message.version}"`,
    });
    expect(retried.json().status).toBe('queued');
    const again = await call('POST', `/email-outbox/${message.id}/retry`, undefined, {
      'if-match': `"${retried.json().version}"`,
    });
    expect(again.statusCode).toBe(409);
  }, 60_000);
});
