import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import type { App } from '../../src/http/app.ts';
import { createTask } from '../../src/services/planning.ts';
import type { Actor } from '../../src/services/policy.ts';
import { makeProject } from '../support/factories.ts';
import { adminApp } from '../support/http.ts';

const harness = adminApp();
let db: Database;
let app: App;
let system: Actor;
let orgId: string;
let session: string;
beforeAll(() => {
  ({ db, app, system, orgId, session } = harness);
});

const download = (projectId: string, format: string) =>
  app.inject({
    method: 'GET',
    url: `/api/v1/projects/${projectId}/export?format=${format}`,
    cookies: { orrery_session: session },
  });

describe('GET /projects/:id/export', () => {
  it('sends the plan as an MSPDI attachment named after the project code', async () => {
    const project = await makeProject(db, orgId, { code: 'EXP1' });
    await createTask(db, system, project.id, { name: 'Survey & stake', durationMinutes: 480 });
    const response = await download(project.id, 'mspdi');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBe('attachment; filename="EXP1.xml"');
    expect(response.headers['content-type']).toMatch(/^application\/xml/);
    expect(response.body).toContain('<Name>Survey &amp; stake</Name>');
  });

  it('sends CSV and XLSX', async () => {
    const project = await makeProject(db, orgId, { code: 'EXP2' });
    await createTask(db, system, project.id, { name: 'Pour', durationMinutes: 480 });
    const csv = await download(project.id, 'csv');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="EXP2.csv"');
    expect(csv.body.split('\r\n')[1]).toMatch(/^1,[^,]*,Pour,1,/);
    const xlsx = await download(project.id, 'xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('refuses an unknown format as a problem naming the field', async () => {
    const project = await makeProject(db, orgId);
    const response = await download(project.id, 'mpp');
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toContain('format');
  });
});
