import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import type { App } from '../../src/http/app.ts';
import { makeProject } from '../support/factories.ts';
import { adminApp } from '../support/http.ts';

const sample = readFileSync(new URL('../../../shared/data/xer/XERNative/sample.xer', import.meta.url));

const harness = adminApp();
let db: Database;
let app: App;
let orgId: string;
let session: string;
beforeAll(() => {
  ({ db, app, orgId, session } = harness);
});

const upload = (projectId: string, filename: string, body: Buffer) => {
  const boundary = 'orrery-xer-boundary';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    body,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return app.inject({
    method: 'POST',
    url: `/api/v1/projects/${projectId}/import`,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    cookies: { orrery_session: session },
    payload,
  });
};

describe('Primavera XER through the API', () => {
  it('imports an uploaded .xer and downloads the plan as XER', async () => {
    const project = await makeProject(db, orgId, { code: 'TAKT' });
    const imported = await upload(project.id, 'sample.xer', sample);
    expect(imported.statusCode).toBe(200);
    expect(imported.json()).toMatchObject({ file: 'sample.xer', tasks: 30, links: 40, calendars: 2 });
    const download = await app.inject({
      method: 'GET',
      url: `/api/v1/projects/${project.id}/export?format=xer`,
      cookies: { orrery_session: session },
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toBe('attachment; filename="TAKT.xer"');
    expect(download.body).toMatch(/^ERMHDR\t/);
    expect(download.body).toContain('%T\tTASKPRED');
  });

  it('answers 400 naming the table and line of a bad file', async () => {
    const project = await makeProject(db, orgId);
    const broken = Buffer.from(sample.toString('latin1').replace('PR_FS', 'PR_??'), 'latin1');
    const response = await upload(project.id, 'broken.xer', broken);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].message).toMatch(
      /^broken\.xer:\d+: TASKPRED pred_type is unknown: "PR_\?\?"$/,
    );
  });
});
