import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { type App, buildApp } from '../../src/http/app.ts';
import type { Project } from '../../src/model/organization.ts';
import { createApiToken } from '../../src/services/auth.ts';
import { openTestDatabase } from '../support/database.ts';
import { makeActor, makeOrganization, makeProject } from '../support/factories.ts';
import { reportBody, setFinancials, startExecution } from '../support/status-fixtures.ts';

let db: Database;
let app: App;
let orgId: string;
let project: Project;
let pmoToken: string;
let managerToken: string;
let outsiderToken: string;

const call = (
  token: string,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT',
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
) =>
  app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { authorization: `Bearer ${token}`, ...headers },
    ...(body === undefined ? {} : { payload: body as object }),
  });

const count = async (table: string) =>
  (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE org_id = $1`, [orgId]))[0].n;

beforeAll(async () => {
  db = await openTestDatabase();
  ({ orgId } = await makeOrganization(db));
  project = await makeProject(db, orgId, { code: 'HTTP-1' });
  const other = await makeProject(db, orgId);
  await startExecution(db, orgId, project);
  await setFinancials(db, orgId, project.id, { spi: 0.97, cpi: 0.8 });
  const pmo = await makeActor(db, orgId, 'pmo_admin');
  const manager = await makeActor(db, orgId, 'project_manager', 'project', project.id);
  const outsider = await makeActor(db, orgId, 'project_manager', 'project', other.id);
  pmoToken = (await createApiToken(db, pmo, { name: 'pmo' })).token;
  managerToken = (await createApiToken(db, manager, { name: 'pm' })).token;
  outsiderToken = (await createApiToken(db, outsider, { name: 'other pm' })).token;
  app = await buildApp({ db });
}, 120_000);

afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('the status report API', () => {
  it('writes, submits, reviews and comments on a report with versions in ETags', async () => {
    const created = await call(managerToken, 'POST', `/projects/${project.id}/status-reports`, reportBody());
    expect(created.statusCode).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    const id = created.json().id;
    expect((await call(managerToken, 'PATCH', `/status-reports/${id}`, { narrative: 'x' })).statusCode).toBe(
      428,
    );
    const stale = await call(
      managerToken,
      'PATCH',
      `/status-reports/${id}`,
      { narrative: 'x' },
      { 'if-match': '"7"' },
    );
    expect(stale.statusCode).toBe(409);
    const edited = await call(
      managerToken,
      'PATCH',
      `/status-reports/${id}`,
      { decisionsNeeded: 'Approve the extra crane.' },
      { 'if-match': created.headers.etag as string },
    );
    expect(edited.statusCode).toBe(200);
    const submitted = await call(managerToken, 'POST', `/status-reports/${id}/submit`, undefined, {
      'if-match': edited.headers.etag as string,
    });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json().disagreements).toEqual([
      expect.objectContaining({ dimension: 'cost', selfAssessed: 'green', computed: 'red' }),
      expect.objectContaining({ dimension: 'overall', selfAssessed: 'green', computed: 'red' }),
    ]);
    const frozen = await call(
      managerToken,
      'PATCH',
      `/status-reports/${id}`,
      { narrative: 'x' },
      {
        'if-match': submitted.headers.etag as string,
      },
    );
    expect(frozen.statusCode).toBe(409);
    expect(frozen.headers['content-type']).toContain('application/problem+json');

    const awaiting = await call(pmoToken, 'GET', '/status-reports?status=submitted');
    expect(awaiting.json().items.map((r: { id: string }) => r.id)).toEqual([id]);
    expect((await call(managerToken, 'POST', `/status-reports/${id}/review`, {})).statusCode).toBe(403);
    const commented = await call(pmoToken, 'POST', `/status-reports/${id}/comments`, { body: 'CPI 0.80?' });
    expect(commented.statusCode).toBe(201);
    const reviewed = await call(pmoToken, 'POST', `/status-reports/${id}/review`, {
      note: 'Cost recovery plan due.',
    });
    expect(reviewed.json()).toMatchObject({ status: 'reviewed', commentCount: 1 });
    expect((await call(pmoToken, 'GET', '/status-reports?status=submitted')).json().total).toBe(0);
    const history = await call(managerToken, 'GET', `/projects/${project.id}/status-reports`);
    expect(history.json()).toMatchObject({ total: 1, items: [{ id, status: 'reviewed' }] });
    expect((await call(pmoToken, 'GET', `/projects/${project.id}`)).json().health).toBe('green');
  });

  it('answers bad input with a problem naming the field and stores nothing', async () => {
    const before = await count('status_reports');
    const bad = await call(
      managerToken,
      'POST',
      `/projects/${project.id}/status-reports`,
      reportBody({ riskRag: 'blue' }),
    );
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['riskRag']);
    const forbidden = await call(
      outsiderToken,
      'POST',
      `/projects/${project.id}/status-reports`,
      reportBody(),
    );
    expect(forbidden.statusCode).toBe(403);
    expect(await count('status_reports')).toBe(before);
    const noScope = await call(pmoToken, 'GET', '/status-reports/late?scopeType=program');
    expect(noScope.statusCode).toBe(400);
    expect(noScope.json().errors).toEqual([{ field: 'scopeId', message: 'is required for a program' }]);
  });

  it('sets a cadence, lists the project late after its due date, and keeps thresholds versioned', async () => {
    const put = await call(pmoToken, 'PUT', `/projects/${project.id}/reporting-cadence`, {
      frequency: 'fortnightly',
      anchorDate: '2027-04-02',
    });
    expect(put.json()).toMatchObject({ cadence: { frequency: 'fortnightly', graceDays: 0 } });
    const late = await call(
      pmoToken,
      'GET',
      `/status-reports/late?date=2027-04-20&scopeType=project&scopeId=${project.id}`,
    );
    expect(late.json().items).toEqual([
      expect.objectContaining({
        projectCode: 'HTTP-1',
        dueDate: '2027-04-16',
        daysLate: 4,
        lastPeriodEnd: '2027-03-31',
      }),
    ]);
    const thresholds = await call(pmoToken, 'GET', '/status-thresholds');
    expect(thresholds.json()).toMatchObject({ spiAmber: 0.95, spiRed: 0.9, version: 1 });
    expect((await call(pmoToken, 'PUT', '/status-thresholds', { cpiRed: 0.75 })).statusCode).toBe(428);
    const changed = await call(
      pmoToken,
      'PUT',
      '/status-thresholds',
      { cpiRed: 0.75 },
      {
        'if-match': thresholds.headers.etag as string,
      },
    );
    expect(changed.json()).toMatchObject({ cpiRed: 0.75, version: 2 });
    const indicators = await call(
      managerToken,
      'GET',
      `/projects/${project.id}/status-indicators?date=2027-04-20`,
    );
    expect(indicators.json().dimensions).toMatchObject({ cost: 'amber' });
  });
});
