import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { uuidv7 } from '../../src/db/uuid.ts';
import { type App, buildApp } from '../../src/http/app.ts';
import { createApiToken } from '../../src/services/auth.ts';
import { openTestDatabase } from '../support/database.ts';
import { makeActor, makeOrganization, makeProject } from '../support/factories.ts';

let db: Database;
let app: App;
let orgId: string;
let token: string;
let projectId: string;

const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, body?: unknown, headers = {}) =>
  app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { authorization: `Bearer ${token}`, ...headers },
    ...(body === undefined ? {} : { payload: body as object }),
  });

const problem = (response: { statusCode: number; headers: Record<string, unknown>; json(): unknown }) => {
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  return {
    status: response.statusCode,
    ...(response.json() as { detail: string; errors?: { field: string }[] }),
  };
};

const riskBody = (extra: Record<string, unknown> = {}) => ({
  scopeType: 'project',
  scopeId: projectId,
  title: 'Late supplier',
  probability: 0.5,
  impactSchedule: 3,
  impactCost: 2,
  impactScope: 1,
  impactQuality: 1,
  ...extra,
});

const riskCount = async () =>
  (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM risks WHERE org_id = $1', [orgId]))[0].n;

beforeAll(async () => {
  db = await openTestDatabase();
  ({ orgId } = await makeOrganization(db));
  projectId = (await makeProject(db, orgId)).id;
  const admin = await makeActor(db, orgId, 'pmo_admin');
  token = (await createApiToken(db, admin, { name: 'risks' })).token;
  app = await buildApp({ db });
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('the risk API', () => {
  it('answers bad input with a problem naming the field, and stores nothing', async () => {
    const outOfRange = problem(await call('POST', '/risks', riskBody({ probability: 1.2 })));
    expect(outOfRange).toMatchObject({ status: 400, errors: [{ field: 'probability' }] });
    const offMatrix = problem(await call('POST', '/risks', riskBody({ impactQuality: 7 })));
    expect(offMatrix).toMatchObject({ status: 400, errors: [{ field: 'impactQuality' }] });
    expect(offMatrix.detail).toContain('1 to 5');
    const unknownProject = problem(await call('POST', '/risks', riskBody({ projectIds: [uuidv7()] })));
    expect(unknownProject).toMatchObject({ status: 400, errors: [{ field: 'projectIds.0' }] });
    expect(await riskCount()).toBe(0);
  });

  it('creates, scores, lists by cell and escalates up to the top, then refuses', async () => {
    const created = await call('POST', '/risks', riskBody());
    expect(created.statusCode).toBe(201);
    const risk = created.json() as {
      id: string;
      score: number;
      probabilityLevel: number;
      impactLevel: number;
    };
    expect(risk).toMatchObject({ score: 9, probabilityLevel: 3, impactLevel: 3 });
    expect(problem(await call('PATCH', `/risks/${risk.id}`, { probability: 0.9 })).status).toBe(428);
    const map = (await call('GET', `/risk-heatmap?projectId=${projectId}`)).json() as {
      cells: { count: number }[][];
    };
    expect(map.cells[2][2].count).toBe(1);
    const cell = (await call('GET', '/risks?probabilityLevel=3&impactLevel=3')).json() as { total: number };
    expect(cell.total).toBe(1);
    for (const level of ['program', 'business_unit', 'organization']) {
      const response = await call('POST', `/risks/${risk.id}/escalate`, { reason: 'bigger than us' });
      expect(response.statusCode, level).toBe(200);
      expect((response.json() as { scopeType: string }).scopeType).toBe(level);
    }
    const beyond = problem(await call('POST', `/risks/${risk.id}/escalate`, { reason: 'more' }));
    expect(beyond).toMatchObject({ status: 400, errors: [{ field: 'scopeType' }] });
    const history = (await call('GET', `/escalations/risk/${risk.id}`)).json() as unknown[];
    expect(history).toHaveLength(3);
    const audit = (await call('GET', `/audit/risk/${risk.id}`)).json() as { total: number };
    expect(audit.total).toBe(4);
  });

  it('refuses a matrix whose probability levels do not reach 1', async () => {
    const matrix = await call('GET', '/risk-matrix');
    const { version, ...body } = matrix.json() as { version: number; probabilityLevels: { upTo: number }[] };
    body.probabilityLevels[4].upTo = 0.95;
    const response = problem(await call('PUT', '/risk-matrix', body, { 'if-match': `"${version}"` }));
    expect(response).toMatchObject({ status: 400, errors: [{ field: 'probabilityLevels.4.upTo' }] });
  });
});
