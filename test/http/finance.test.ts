import { describe, expect, it } from 'vitest';
import type { Project } from '../../src/model/organization.ts';
import { makeProject } from '../support/factories.ts';
import { adminApp } from '../support/http.ts';

const t = adminApp();
const v1 = '/api/v1';

const call = (
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
  headers = {},
) =>
  t.app.inject({
    method,
    url: `${v1}${url}`,
    cookies: { orrery_session: t.session },
    headers,
    ...(body === undefined ? {} : { payload: body as object }),
  });

function csvUpload(projectId: string, csv: string) {
  const boundary = 'orrery-finance-boundary';
  return t.app.inject({
    method: 'POST',
    url: `${v1}/projects/${projectId}/actual-costs/import`,
    cookies: { orrery_session: t.session },
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: [
      `--${boundary}`,
      'Content-Disposition: form-data; name="file"; filename="actuals.csv"',
      'Content-Type: text/csv',
      '',
      csv,
      `--${boundary}--`,
      '',
    ].join('\r\n'),
  });
}

let project: Project;
const setup = async () => {
  project ??= await makeProject(t.db, t.orgId);
  return project;
};

describe('the finance API', () => {
  it('puts a budget grid, then reads it, the budget lines and the stored figures', async () => {
    const p = await setup();
    const put = await call('PUT', `/projects/${p.id}/budget`, {
      cells: [
        { category: 'labour', period: '2027-01', amount: 4000 },
        { category: 'operating', period: '2027-02', amount: 1000 },
      ],
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().total).toBe(5000);
    const lines = await call('GET', `/projects/${p.id}/budget-lines`);
    expect(lines.json().total).toBe(2);
    const line = lines.json().items[0];
    const stale = await call('PATCH', `/budget-lines/${line.id}`, { amount: 1 }, { 'if-match': '"99"' });
    expect(stale.statusCode).toBe(409);
    const patched = await call(
      'PATCH',
      `/budget-lines/${line.id}`,
      { amount: 4500 },
      { 'if-match': `"${line.version}"` },
    );
    expect(patched.statusCode).toBe(200);
    expect(patched.headers.etag).toBe('"2"');
    const figures = await call('GET', `/projects/${p.id}/financials`);
    expect(figures.json()).toMatchObject({ budget: 5500, currency: 'USD' });
  });

  it('answers bad amounts and months with a 400 naming the field', async () => {
    const p = await setup();
    const negative = await call('POST', `/projects/${p.id}/budget-lines`, {
      category: 'labour',
      period: '2027-03',
      amount: -10,
    });
    expect(negative.statusCode).toBe(400);
    expect(negative.headers['content-type']).toMatch(/problem\+json/);
    const outside = await call('POST', `/projects/${p.id}/actual-costs`, {
      category: 'labour',
      incurredOn: '2030-03-01',
      amount: 10,
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().errors[0]).toMatchObject({ field: 'incurredOn' });
  });

  it('imports a CSV, and refuses one with a bad row by line, importing nothing', async () => {
    const p = await setup();
    const bad = await csvUpload(
      p.id,
      'date,category,amount,description\n2027-01-10,labour,100,ok\n2027-01-11,labour,-4,bad\n',
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ field: 'line 3: amount', message: '-4 must not be negative' }]);
    expect((await call('GET', `/projects/${p.id}/actual-costs`)).json().total).toBe(0);
    const good = await csvUpload(
      p.id,
      'date,category,amount,description\n2027-01-10,labour,100,ok\n2027-01-11,other,20.5,fee\n',
    );
    expect(good.statusCode).toBe(201);
    expect(good.json()).toMatchObject({ rows: 2, total: 120.5 });
    const imported = await call('GET', `/projects/${p.id}/actual-costs?source=imported`);
    expect(imported.json().total).toBe(2);
  });

  it('saves forecast versions, compares them and reports earned value at a status date', async () => {
    const p = await setup();
    for (const amount of [1000, 1200]) {
      const saved = await call('POST', `/projects/${p.id}/forecasts`, {
        asOf: '2027-02-01',
        lines: [{ category: 'labour', period: '2027-03', amount }],
      });
      expect(saved.statusCode).toBe(201);
    }
    const versions = await call('GET', `/projects/${p.id}/forecasts`);
    expect(versions.json().map((f: { number: number }) => f.number)).toEqual([2, 1]);
    expect((await call('GET', `/projects/${p.id}/forecasts/1`)).json().total).toBe(1000);
    const compared = await call('GET', `/projects/${p.id}/forecasts-compare?from=1&to=2`);
    expect(compared.json().rows).toEqual([
      { category: 'labour', period: '2027-03', from: 1000, to: 1200, change: 200 },
    ]);
    const ev = await call('GET', `/projects/${p.id}/earned-value?asOf=2027-02-14`);
    expect(ev.statusCode).toBe(200);
    expect(ev.json()).toMatchObject({ basis: 'budget_lines', asOf: '2027-02-14', currency: 'USD' });
    expect(ev.json().status.ac).toBe(120.5);
    expect(ev.json().status.eac.bottomUp).toBeCloseTo(120.5 + 1200, 6);
    const badDate = await call('GET', `/projects/${p.id}/earned-value?asOf=2027-02-30`);
    expect(badDate.statusCode).toBe(400);
  });

  it('keeps envelopes of a portfolio and checks them', async () => {
    const p = await setup();
    const created = await call('POST', '/budget-envelopes', {
      portfolioId: p.portfolioId,
      period: '2027-01',
      amount: 3000,
    });
    expect(created.statusCode).toBe(201);
    const listed = await call('GET', `/budget-envelopes?portfolioId=${p.portfolioId}`);
    expect(listed.json().total).toBe(1);
    const check = await call('GET', `/portfolios/${p.portfolioId}/envelope-check`);
    expect(check.json()).toMatchObject({
      overCount: 1,
      rows: [{ period: '2027-01', envelope: 3000, budget: 4500, over: true }],
    });
  });
});
