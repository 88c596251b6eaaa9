import { describe, expect, it } from 'vitest';
import { makeProject } from '../support/factories.ts';
import { adminApp } from '../support/http.ts';

const ctx = adminApp();
const v1 = '/api/v1';

const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown, headers = {}) =>
  ctx.app.inject({
    method,
    url: `${v1}${url}`,
    cookies: { orrery_session: ctx.session },
    headers,
    ...(body === undefined ? {} : { payload: body as object }),
  });

function multipart(fileName: string, content: string) {
  const boundary = 'knowledge-test-boundary';
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: [
      `--${boundary}`,
      `Content-Disposition: form-data; name="file"; filename="${fileName}"`,
      'Content-Type: text/plain',
      '',
      content,
      `--${boundary}--`,
      '',
    ].join('\r\n'),
  };
}

describe('process assets over HTTP', () => {
  it('runs the lifecycle, refuses editing the published version with 409, diffs and searches', async () => {
    const created = await call('POST', '/process-assets', {
      kind: 'procedure',
      title: 'Change control procedure',
      tags: ['change', 'governance'],
      body: '# Change control\nRaise a request.\nThe board decides monthly.',
    });
    expect(created.statusCode).toBe(201);
    const assetId = created.json().id as string;
    const detail = (await call('GET', `/process-assets/${assetId}`)).json();
    const draft = detail.versions[0];
    const review = await call(
      'POST',
      `/asset-versions/${draft.id}/transition`,
      { to: 'in_review' },
      { 'if-match': `"${draft.version}"` },
    );
    expect(review.statusCode).toBe(200);
    const published = await call(
      'POST',
      `/asset-versions/${draft.id}/transition`,
      { to: 'published' },
      { 'if-match': review.headers.etag },
    );
    expect(published.statusCode).toBe(200);

    const edit = await call(
      'PATCH',
      `/asset-versions/${draft.id}`,
      { body: 'rewritten' },
      { 'if-match': published.headers.etag },
    );
    expect(edit.statusCode).toBe(409);
    expect(edit.headers['content-type']).toContain('application/problem+json');
    expect(edit.json().detail).toMatch(/published versions are immutable/);

    const stale = await call(
      'POST',
      `/asset-versions/${draft.id}/transition`,
      { to: 'retired' },
      { 'if-match': '"1"' },
    );
    expect(stale.statusCode).toBe(409);

    const next = await call('POST', `/process-assets/${assetId}/versions`, {
      body: '# Change control\nRaise a request.\nThe board decides weekly.',
      changeNote: 'faster decisions',
    });
    expect(next.statusCode).toBe(201);
    const diff = await call('GET', `/process-assets/${assetId}/diff?from=1&to=2`);
    expect(diff.statusCode).toBe(200);
    expect(diff.json()).toMatchObject({ from: 1, to: 2, added: 1, removed: 1 });
    expect((await call('GET', `/process-assets/${assetId}/diff?from=1&to=x`)).statusCode).toBe(400);

    const search = await call('GET', '/process-assets/search?q=board%20decides');
    expect(search.statusCode).toBe(200);
    expect(search.json().items[0]).toMatchObject({ id: assetId, title: 'Change control procedure' });
    expect(search.json().items[0].snippet).toContain('«board»');
  });

  it('uploads and downloads an attachment', async () => {
    const asset = (
      await call('POST', '/process-assets', {
        kind: 'checklist',
        title: 'Kick-off checklist',
        body: '- [ ] Charter',
      })
    ).json();
    const upload = await ctx.app.inject({
      method: 'POST',
      url: `${v1}/process-assets/${asset.id}/attachments`,
      cookies: { orrery_session: ctx.session },
      ...multipart('kickoff.txt', 'agenda'),
    });
    expect(upload.statusCode).toBe(201);
    const download = await call('GET', `/asset-attachments/${upload.json().id}`);
    expect(download.statusCode).toBe(200);
    expect(download.body).toBe('agenda');
    expect(download.headers['content-disposition']).toBe('attachment; filename="kickoff.txt"');
    expect(
      (await call('POST', `/process-assets/${asset.id}/attachments`, { not: 'multipart' })).statusCode,
    ).toBe(400);
  });
});

describe('project templates over HTTP', () => {
  it('refuses a cyclic template naming the tasks, then instantiates a valid one', async () => {
    const tasks = [
      { key: 'A', name: 'Survey' },
      { key: 'B', name: 'Fit-out', durationDays: 10 },
      { key: 'C', name: 'Handover', milestone: true, durationDays: 0 },
    ];
    const cyclic = await call('POST', '/project-templates', {
      name: 'Facility fit-out',
      content: {
        tasks,
        links: [
          { from: 'A', to: 'B' },
          { from: 'B', to: 'A' },
        ],
      },
    });
    expect(cyclic.statusCode).toBe(400);
    expect(cyclic.json().errors).toEqual([
      { field: 'content.links', message: 'the links form a cycle: A Survey → B Fit-out → A Survey' },
    ]);
    const created = await call('POST', '/project-templates', {
      name: 'Facility fit-out',
      content: {
        tasks,
        links: [
          { from: 'A', to: 'B' },
          { from: 'B', to: 'C' },
        ],
        documents: [{ identifier: 'DWG-1', title: 'Layout drawing' }],
      },
    });
    expect(created.statusCode).toBe(201);
    const detail = (await call('GET', `/project-templates/${created.json().id}`)).json();
    const publish = await call('POST', `/template-versions/${detail.versions[0].id}/publish`, undefined, {
      'if-match': `"${detail.versions[0].version}"`,
    });
    expect(publish.statusCode).toBe(200);
    const parent = await makeProject(ctx.db, ctx.orgId);
    const made = await call('POST', `/project-templates/${created.json().id}/instantiate`, {
      code: 'FIT-1',
      name: 'Office fit-out',
      businessUnitId: parent.businessUnitId,
      portfolioId: parent.portfolioId,
      startDate: '2027-05-03',
    });
    expect(made.statusCode).toBe(201);
    expect(made.json()).toMatchObject({ tasks: 3, links: 2, configurationItems: 1 });
    const items = (await call('GET', `/projects/${made.json().projectId}/configuration-items`)).json();
    expect(items.items.map((i: { identifier: string }) => i.identifier)).toEqual(['DWG-1']);
  });
});

describe('configuration over HTTP', () => {
  it('baselines an item, refuses an unapproved change with 409 naming the rule, answers as-of', async () => {
    const project = await makeProject(ctx.db, ctx.orgId);
    const item = (
      await call('POST', `/projects/${project.id}/configuration-items`, {
        kind: 'deliverable',
        identifier: 'D-1',
        title: 'Pilot site',
      })
    ).json();
    const v1 = (
      await call('POST', `/configuration-items/${item.id}/versions`, { reference: 'https://docs/d1-v1' })
    ).json();
    const approved = await call(
      'POST',
      `/ci-versions/${v1.id}/approve`,
      {},
      { 'if-match': `"${v1.version}"` },
    );
    expect(approved.statusCode).toBe(200);
    const baseline = await call('POST', `/projects/${project.id}/config-baselines`, {
      name: 'Design baseline',
    });
    expect(baseline.statusCode).toBe(201);
    expect(baseline.json().items).toHaveLength(1);
    const v2 = (
      await call('POST', `/configuration-items/${item.id}/versions`, { reference: 'https://docs/d1-v2' })
    ).json();
    const refused = await call(
      'POST',
      `/ci-versions/${v2.id}/approve`,
      {},
      { 'if-match': `"${v2.version}"` },
    );
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toMatch(/changes only through an approved change request/);
    const asOf = await call('GET', `/projects/${project.id}/configuration`);
    expect(asOf.json().items[0]).toMatchObject({
      identifier: 'D-1',
      number: 1,
      reference: 'https://docs/d1-v1',
    });
    expect((await call('GET', `/projects/${project.id}/configuration?asOf=13/01/2027`)).statusCode).toBe(400);
    const boundary = 'ci-file-boundary';
    const upload = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/configuration-items/${item.id}/versions/file`,
      cookies: { orrery_session: ctx.session },
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: [
        `--${boundary}`,
        'Content-Disposition: form-data; name="note"',
        '',
        'as built',
        `--${boundary}`,
        'Content-Disposition: form-data; name="file"; filename="site-plan.pdf"',
        'Content-Type: application/pdf',
        '',
        'plan bytes',
        `--${boundary}--`,
        '',
      ].join('\r\n'),
    });
    expect(upload.statusCode, upload.body).toBe(201);
    expect(upload.json()).toMatchObject({
      number: 3,
      fileName: 'site-plan.pdf',
      note: 'as built',
      status: 'proposed',
    });
    const file = await call('GET', `/ci-versions/${upload.json().id}/file`);
    expect(file.body).toBe('plan bytes');
    expect(file.headers['content-type']).toBe('application/pdf');
    expect((await call('GET', `/ci-versions/${v1.id}/file`)).statusCode).toBe(404);
    const list = await call('GET', `/projects/${project.id}/config-baselines`);
    expect(list.json().items.map((b: { name: string }) => b.name)).toEqual(['Design baseline']);
  });
});
