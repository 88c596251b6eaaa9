import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { type App, buildApp } from '../../src/http/app.ts';
import { createApiToken } from '../../src/services/auth.ts';
import { openTestDatabase } from '../support/database.ts';
import { makeActor, makeOrganization } from '../support/factories.ts';
import { buildRollupTree } from '../support/rollup-fixtures.ts';

let db: Database;
let app: App;
let token: string;
let managerToken: string;
let tree: Awaited<ReturnType<typeof buildRollupTree>>;

const get = (url: string, bearer = token) =>
  app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { authorization: `Bearer ${bearer}` } });

beforeAll(async () => {
  db = await openTestDatabase();
  const { orgId, system } = await makeOrganization(db);
  const admin = await makeActor(db, orgId, 'pmo_admin');
  tree = await buildRollupTree(db, system, admin.userId as string);
  token = (await createApiToken(db, admin, { name: 'dashboard' })).token;
  const manager = await makeActor(db, orgId, 'program_manager', 'program', tree.g1.id);
  managerToken = (await createApiToken(db, manager, { name: 'dashboard' })).token;
  app = await buildApp({ db });
}, 120_000);

afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('GET /dashboard', () => {
  it('answers the organization dashboard in one call', async () => {
    const response = await get('/dashboard?pageSize=2&sort=-budget');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.scope).toMatchObject({ type: 'organization', id: null });
    expect(body.kpis).toMatchObject({ projects: 4, budget: 420_000, eac: 365_000 });
    expect(body.projects).toMatchObject({ total: 4, page: 1, pageSize: 2 });
    expect(body.projects.items.map((p: { code: string }) => p.code)).toEqual(['B', 'A']);
    expect(body.children).toHaveLength(2);
    expect(body.sCurve.at(-1)).toMatchObject({ month: '2027-03', budget: 40_000 });
  });

  it('narrows to a portfolio and to filters', async () => {
    const response = await get(`/dashboard?scopeType=portfolio&scopeId=${tree.p1.id}&health=red`);
    expect(response.statusCode).toBe(200);
    expect(response.json().kpis.projects).toBe(1);
    expect(response.json().filters).toEqual({ health: 'red' });
  });

  it('names the bad parameter in a 400', async () => {
    const bad = await get('/dashboard?scopeType=galaxy');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('scopeType');
    const missing = await get('/dashboard?scopeType=program');
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('scopeId');
    expect((await get('/dashboard?sort=happiness')).statusCode).toBe(400);
  });

  it('counts only what the reader may see, and refuses a scope outside their grants', async () => {
    const mine = await get('/dashboard', managerToken);
    expect(mine.json().kpis.projects).toBe(2);
    expect((await get(`/dashboard?scopeType=program&scopeId=${tree.g2.id}`, managerToken)).statusCode).toBe(
      403,
    );
  });
});

describe('GET /rollups/contributors', () => {
  it('returns the rows behind a figure of a child row', async () => {
    const response = await get(
      `/rollups/contributors?figure=budget&scopeType=business_unit&scopeId=${tree.north.id}`,
    );
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.value).toBe(350_000);
    expect(body.items.map((c: { code: string }) => c.code)).toEqual(['B', 'A', 'C']);
  });

  it('refuses an unknown figure with a 400 naming it', async () => {
    const response = await get('/rollups/contributors?figure=stage:dreaming');
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('figure');
  });
});

describe('GET /dashboard/export.xlsx', () => {
  it('downloads the consolidated report as a workbook', async () => {
    const response = await get(`/dashboard/export.xlsx?scopeType=portfolio&scopeId=${tree.p1.id}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    expect(response.headers['content-disposition']).toMatch(/attachment; filename="dashboard-P1-Growth-/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Summary', 'Children', 'Projects']);
    expect(workbook.getWorksheet('Projects')?.actualRowCount).toBe(4);
  });

  it('refuses before writing anything when the reader may not see the scope', async () => {
    const response = await get(
      `/dashboard/export.xlsx?scopeType=program&scopeId=${tree.g2.id}`,
      managerToken,
    );
    expect(response.statusCode).toBe(403);
    expect(response.headers['content-type']).toContain('problem+json');
  });
});
