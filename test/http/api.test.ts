import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { uuidv7 } from '../../src/db/uuid.ts';
import { type App, buildApp } from '../../src/http/app.ts';
import { openTestDatabase } from '../support/database.ts';
import { makeActor, makeOrganization, makeProject, TEST_PASSWORD } from '../support/factories.ts';

let db: Database;
let app: App;
let orgId: string;
let adminEmail: string;
let session: string;

type Credentials = { cookie: string } | { bearer: string } | 'none';

async function call(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT',
  url: string,
  options: { body?: unknown; auth?: Credentials; headers?: Record<string, string> } = {},
) {
  const auth = options.auth ?? { cookie: session };
  const headers: Record<string, string> = { ...options.headers };
  if (auth !== 'none' && 'bearer' in auth) headers.authorization = `Bearer ${auth.bearer}`;
  return app.inject({
    method,
    url,
    headers,
    ...(auth !== 'none' && 'cookie' in auth ? { cookies: { orrery_session: auth.cookie } } : {}),
    ...(options.body === undefined ? {} : { payload: options.body as object }),
  });
}

const login = (email: string, password: string, address = '198.51.100.1') =>
  app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
    headers: { 'x-forwarded-for': address },
  });

const expectProblem = (
  response: { statusCode: number; headers: Record<string, unknown>; json(): unknown },
  status: number,
) => {
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.json()).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
  return response.json() as { errors?: Array<{ field: string; message: string }>; detail: string };
};

const auditCount = async () =>
  (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE org_id = $1', [orgId]))[0].n;

beforeAll(async () => {
  db = await openTestDatabase();
  ({ orgId } = await makeOrganization(db));
  adminEmail = (await makeActor(db, orgId, 'pmo_admin')).email;
  // Trusting X-Forwarded-For lets the rate-limit tests pose as separate clients.
  app = await buildApp({ db, trustProxy: true });
  const response = await login(adminEmail, TEST_PASSWORD);
  expect(response.statusCode).toBe(200);
  session = response.cookies.find((cookie) => cookie.name === 'orrery_session')!.value;
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('authentication', () => {
  it('sets an HttpOnly SameSite session cookie at login, and /me answers with it', async () => {
    const response = await login(adminEmail, TEST_PASSWORD);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ user: { email: adminEmail, orgId }, org: { id: orgId } });
    const cookie = response.cookies.find((c) => c.name === 'orrery_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const me = await call('GET', '/api/v1/me', { auth: { cookie: cookie!.value } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.email).toBe(adminEmail);
    expect(me.json().grants).toEqual([
      expect.objectContaining({ role: 'pmo_admin', scopeType: 'organization' }),
    ]);
  });

  it('ends the session at logout', async () => {
    const cookie = (await login(adminEmail, TEST_PASSWORD)).cookies.find((c) => c.name === 'orrery_session')!;
    const out = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      cookies: { orrery_session: cookie.value },
    });
    expect(out.statusCode).toBe(204);
    expectProblem(await call('GET', '/api/v1/me', { auth: { cookie: cookie.value } }), 401);
  });

  it('answers a wrong password with 401 problem+json and no cookie', async () => {
    const response = await login(adminEmail, 'not the password');
    expectProblem(response, 401);
    expect(response.cookies).toEqual([]);
  });

  it('answers the 11th wrong attempt for one account within the window with 429 and Retry-After', async () => {
    const victim = await makeActor(db, orgId, 'team_member');
    for (let attempt = 1; attempt <= 10; attempt++) {
      // From different addresses, so only the per-account limit applies.
      expect((await login(victim.email, 'wrong password', `203.0.113.${attempt}`)).statusCode).toBe(401);
    }
    const eleventh = await login(victim.email, 'wrong password', '203.0.113.11');
    expectProblem(eleventh, 429);
    expect(Number(eleventh.headers['retry-after'])).toBeGreaterThan(0);
    // Locked means locked: the right password waits out the window too.
    expect((await login(victim.email, TEST_PASSWORD, '203.0.113.12')).statusCode).toBe(429);
    // Other accounts are not affected.
    expect((await login(adminEmail, TEST_PASSWORD, '203.0.113.13')).statusCode).toBe(200);
  });

  it('accepts an API token as Authorization: Bearer, until it is revoked', async () => {
    const created = await call('POST', '/api/v1/tokens', { body: { name: 'ci script' } });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json() as { id: string; token: string };
    expect(token).toMatch(/^orr_/);
    const me = await call('GET', '/api/v1/me', { auth: { bearer: token } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.email).toBe(adminEmail);
    const listed = await call('GET', '/api/v1/tokens');
    expect(listed.json().items).toContainEqual(
      expect.objectContaining({ id, name: 'ci script', lastUsedAt: expect.any(String) }),
    );
    expect(JSON.stringify(listed.json())).not.toContain(token);

    expect((await call('DELETE', `/api/v1/tokens/${id}`)).statusCode).toBe(204);
    expectProblem(await call('GET', '/api/v1/me', { auth: { bearer: token } }), 401);
  });

  it('answers 401 problem+json without credentials, or with a made-up token or cookie', async () => {
    expectProblem(await call('GET', '/api/v1/projects', { auth: 'none' }), 401);
    expectProblem(
      await call('GET', '/api/v1/me', { auth: { bearer: `orr_${orgId}_${'x'.repeat(43)}` } }),
      401,
    );
    expectProblem(await call('GET', '/api/v1/me', { auth: { cookie: `${orgId}.forged` } }), 401);
  });
});

describe('errors are problem details', () => {
  it('answers an invalid body with 400 whose errors name the fields', async () => {
    const parent = await makeProject(db, orgId);
    const response = await call('POST', '/api/v1/projects', {
      body: {
        code: 'BAD-1',
        businessUnitId: parent.businessUnitId,
        portfolioId: parent.portfolioId,
        stage: 'dreaming',
      },
    });
    const problem = expectProblem(response, 400);
    expect(problem.errors?.map((e) => e.field).sort()).toEqual(['name', 'stage']);
  });

  it('answers an unknown id with 404', async () => {
    const problem = expectProblem(await call('GET', `/api/v1/projects/${uuidv7()}`), 404);
    expect(problem.detail).toContain('does not exist');
    expectProblem(await call('GET', `/api/v1/portfolios/${uuidv7()}`), 404);
  });

  it('answers an unknown API path with a 404 problem, even without the web app', async () => {
    const problem = expectProblem(await call('GET', '/api/v1/no-such-thing'), 404);
    expect(problem.detail).toContain('/api/v1/no-such-thing');
  });

  it('answers a malformed If-Match with 400 naming the header', async () => {
    const project = (await call('GET', '/api/v1/projects?pageSize=1')).json().items[0];
    const problem = expectProblem(
      await call('PATCH', `/api/v1/projects/${project.id}`, {
        body: { name: 'X' },
        headers: { 'if-match': 'yesterday' },
      }),
      400,
    );
    expect(problem.errors?.map((e) => e.field)).toEqual(['If-Match']);
  });

  it('answers a malformed id with 400 naming id', async () => {
    const problem = expectProblem(await call('GET', '/api/v1/projects/not-a-uuid'), 400);
    expect(problem.errors?.map((e) => e.field)).toEqual(['id']);
  });

  it('answers a duplicate project code with 409 naming code', async () => {
    const project = await makeProject(db, orgId);
    const response = await call('POST', '/api/v1/projects', {
      body: {
        code: project.code,
        name: 'Twin',
        businessUnitId: project.businessUnitId,
        portfolioId: project.portfolioId,
      },
    });
    expect(expectProblem(response, 409).errors?.map((e) => e.field)).toEqual(['code']);
  });

  it('answers a second user with the same e-mail address with 409 naming email', async () => {
    const body = { email: 'twin@example.test', name: 'Twin', password: TEST_PASSWORD };
    expect((await call('POST', '/api/v1/users', { body })).statusCode).toBe(201);
    const problem = expectProblem(
      await call('POST', '/api/v1/users', { body: { ...body, email: 'TWIN@example.test' } }),
      409,
    );
    expect(problem.errors?.map((e) => e.field)).toEqual(['email']);
  });

  it('answers a PMO administrator grant at a centralized business unit with 400 naming scopeId', async () => {
    const unit = await call('POST', '/api/v1/business-units', { body: { name: 'Central', code: 'CENTRAL' } });
    expect(unit.json().pmoMode).toBe('centralized');
    const user = await makeActor(db, orgId, 'team_member');
    const problem = expectProblem(
      await call('POST', '/api/v1/role-grants', {
        body: { userId: user.userId, role: 'pmo_admin', scopeType: 'business_unit', scopeId: unit.json().id },
      }),
      400,
    );
    expect(problem.errors?.map((e) => e.field)).toEqual(['scopeId']);
  });

  it('leaves no partial write behind a failed request', async () => {
    const project = await makeProject(db, orgId);
    const elsewhere = await makeProject(db, orgId);
    const before = await auditCount();
    const response = await call('POST', '/api/v1/projects', {
      body: {
        code: 'HALF-1',
        name: 'Half written',
        businessUnitId: project.businessUnitId,
        portfolioId: project.portfolioId,
        programId: elsewhere.programId,
      },
    });
    expect(expectProblem(response, 400).errors?.map((e) => e.field)).toEqual(['programId']);
    expect((await call('GET', '/api/v1/projects?q=HALF-1')).json().total).toBe(0);
    expect(await auditCount()).toBe(before);
  });
});

describe('optimistic concurrency over HTTP', () => {
  it('needs If-Match on PATCH (428), refuses a stale one (409) and takes the ETag from GET (200, new ETag)', async () => {
    const project = await makeProject(db, orgId);
    const url = `/api/v1/projects/${project.id}`;
    const read = await call('GET', url);
    expect(read.statusCode).toBe(200);
    const etag = read.headers.etag as string;
    expect(etag).toBe(`"${project.version}"`);

    expectProblem(await call('PATCH', url, { body: { name: 'No precondition' } }), 428);
    expectProblem(
      await call('PATCH', url, { body: { name: 'Stale' }, headers: { 'if-match': '"99"' } }),
      409,
    );
    expect((await call('GET', url)).json()).toMatchObject({ name: project.name, version: project.version });

    const updated = await call('PATCH', url, { body: { name: 'Current' }, headers: { 'if-match': etag } });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ name: 'Current', version: project.version + 1 });
    // A PATCH changes what it names and nothing else.
    expect(updated.json()).toMatchObject({
      budget: project.budget,
      programId: project.programId,
      targetStart: project.targetStart,
      stage: project.stage,
    });
    expect(updated.headers.etag).toBe(`"${project.version + 1}"`);
    expectProblem(await call('PATCH', url, { body: { name: 'Again' }, headers: { 'if-match': etag } }), 409);
  });

  it('needs If-Match on DELETE too, and deletes with the current one', async () => {
    const project = await makeProject(db, orgId);
    const url = `/api/v1/projects/${project.id}`;
    expectProblem(await call('DELETE', url), 428);
    expect((await call('DELETE', url, { headers: { 'if-match': `"${project.version}"` } })).statusCode).toBe(
      204,
    );
    expectProblem(await call('GET', url), 404);
  });
});

describe('lists', () => {
  const stages = ['proposal', 'planning', 'execution'] as const;
  const healths = ['green', 'amber', 'red'] as const;
  let portfolioId: string;
  let codes: string[];

  beforeAll(async () => {
    const first = await makeProject(db, orgId, { code: 'LST-01', programId: null });
    portfolioId = first.portfolioId;
    codes = ['LST-01'];
    for (let i = 2; i <= 12; i++) {
      const code = `LST-${String(i).padStart(2, '0')}`;
      codes.push(code);
      const response = await call('POST', '/api/v1/projects', {
        body: {
          code,
          name: i === 7 ? 'Lighthouse migration' : `List project ${i}`,
          businessUnitId: first.businessUnitId,
          portfolioId,
          stage: stages[i % 3],
          health: healths[i % 3],
          budget: (i * 7919) % 100_000,
        },
      });
      expect(response.statusCode).toBe(201);
    }
  });

  const list = async (query: string) => {
    const response = await call('GET', `/api/v1/projects?portfolioId=${portfolioId}&${query}`);
    expect(response.statusCode).toBe(200);
    return response.json() as {
      items: Array<{ id: string; code: string; stage: string; health: string | null; budget: number }>;
      total: number;
      page: number;
      pageSize: number;
    };
  };

  it('pages, with total, page and pageSize, and page 2 holds other items than page 1', async () => {
    const first = await list('pageSize=5&sort=code');
    expect(first).toMatchObject({ total: 12, page: 1, pageSize: 5 });
    expect(first.items).toHaveLength(5);
    const second = await list('pageSize=5&sort=code&page=2');
    expect(second).toMatchObject({ total: 12, page: 2, pageSize: 5 });
    expect(second.items.map((p) => p.code)).toEqual(codes.slice(5, 10));
    const seen = new Set(first.items.map((p) => p.id));
    expect(second.items.some((p) => seen.has(p.id))).toBe(false);
    expect((await list('pageSize=5&sort=code&page=3')).items).toHaveLength(2);
  });

  it('filters by stage, health, portfolioId and free text', async () => {
    const executing = await list('stage=execution');
    expect(executing.total).toBe(codes.filter((_, i) => stages[(i + 1) % 3] === 'execution').length);
    expect(executing.items.every((p) => p.stage === 'execution')).toBe(true);
    const red = await list('health=red');
    expect(red.total).toBeGreaterThan(0);
    expect(red.items.every((p) => p.health === 'red')).toBe(true);
    const both = await list('health=red&stage=execution');
    expect(both.items.every((p) => p.health === 'red' && p.stage === 'execution')).toBe(true);
    expect((await list('pageSize=500')).total).toBe(12);
    const other = await makeProject(db, orgId, { programId: null });
    const otherList = await call('GET', `/api/v1/projects?portfolioId=${other.portfolioId}`);
    expect(otherList.json().items.map((p: { code: string }) => p.code)).toEqual([other.code]);
    const found = await list('q=lighthouse');
    expect(found.items.map((p) => p.code)).toEqual(['LST-07']);
  });

  it('refuses an unknown filter value with 400 naming the parameter', async () => {
    const problem = expectProblem(await call('GET', '/api/v1/projects?stage=dreaming'), 400);
    expect(problem.errors?.map((e) => e.field)).toEqual(['stage']);
  });

  it('sorts by the requested key and order', async () => {
    const byCodeDesc = await list('sort=code&order=desc&pageSize=500');
    expect(byCodeDesc.items.map((p) => p.code)).toEqual([...codes].reverse());
    const byBudget = await list('sort=budget&order=asc&pageSize=500');
    const budgets = byBudget.items.map((p) => p.budget);
    expect(budgets).toEqual([...budgets].sort((a, b) => a - b));
    expect(new Set(budgets).size).toBeGreaterThan(5);
  });
});

describe('history', () => {
  it('returns the history of a project newest first', async () => {
    const created = await call('POST', '/api/v1/projects', {
      body: await (async () => {
        const parent = await makeProject(db, orgId);
        return {
          code: 'HIST-1',
          name: 'Historic',
          businessUnitId: parent.businessUnitId,
          portfolioId: parent.portfolioId,
        };
      })(),
    });
    expect(created.statusCode).toBe(201);
    const { id } = created.json() as { id: string };
    for (const [version, name] of [
      [1, 'Historic, renamed'],
      [2, 'Historic, renamed again'],
    ] as const)
      expect(
        (
          await call('PATCH', `/api/v1/projects/${id}`, {
            body: { name },
            headers: { 'if-match': `"${version}"` },
          })
        ).statusCode,
      ).toBe(200);
    const response = await call('GET', `/api/v1/audit/project/${id}`);
    expect(response.statusCode).toBe(200);
    const history = response.json() as {
      items: Array<{
        action: string;
        at: string;
        actorName: string;
        before: { name?: string } | null;
        after: { name?: string } | null;
      }>;
      total: number;
    };
    expect(history.total).toBe(3);
    expect(history.items.map((entry) => entry.action)).toEqual(['update', 'update', 'create']);
    expect(history.items.map((entry) => entry.after?.name)).toEqual([
      'Historic, renamed again',
      'Historic, renamed',
      'Historic',
    ]);
    expect(history.items[0].before?.name).toBe('Historic, renamed');
    const times = history.items.map((entry) => entry.at);
    expect(times).toEqual([...times].sort().reverse());
    expect(history.items.every((entry) => entry.actorName.length > 0)).toBe(true);
  });
});

describe('service endpoints', () => {
  it('answers /healthz with 200', async () => {
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('serves the API reference at /api/docs', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/docs' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.body.toLowerCase()).toContain('swagger');
  });

  it('serves a public OpenAPI 3 document with a path for every API route', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json() as {
      openapi: string;
      info: { title: string; version: string };
      paths: Record<string, Record<string, { responses?: object }>>;
    };
    expect(document.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(document.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    const routes = apiRoutes(app.printRoutes({ commonPrefix: false }));
    expect(routes.length).toBeGreaterThan(30);
    for (const { method, path } of routes) {
      const documented = path.replace(/^\/api\/v1/, '').replace(/:(\w+)/g, '{$1}');
      const operation = (document.paths[documented] ?? document.paths[`/api/v1${documented}`])?.[
        method.toLowerCase()
      ];
      expect(operation, `${method} ${path} is documented`).toBeDefined();
      expect(
        Object.keys(operation!.responses ?? {}).length,
        `${method} ${path} has responses`,
      ).toBeGreaterThan(0);
    }
    expect(unresolvedRefs(document, document)).toEqual([]);
  });
});

/** Every method and path under /api/v1, read from Fastify's route tree (HEAD and hidden routes left out). */
function apiRoutes(tree: string): Array<{ method: string; path: string }> {
  const stack: string[] = [];
  const routes: Array<{ method: string; path: string }> = [];
  for (const line of tree.split('\n')) {
    const match = /^([│ ]*)[├└]── (\S+) \(([^)]+)\)/.exec(line);
    if (!match) continue;
    const depth = match[1].length / 4;
    stack.length = depth;
    const path = (stack[depth - 1] ?? '') + match[2];
    stack.push(path);
    if (!path.startsWith('/api/v1/') || path === '/api/v1/openapi.json') continue;
    for (const method of match[3].split(', ')) if (method !== 'HEAD') routes.push({ method, path });
  }
  return routes;
}

function unresolvedRefs(node: unknown, root: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap((item) => unresolvedRefs(item, root));
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) => {
    if (key === '$ref' && typeof value === 'string') {
      const target = value
        .replace(/^#\//, '')
        .split('/')
        .reduce<unknown>((at, part) => (at as Record<string, unknown> | undefined)?.[part], root);
      return target === undefined ? [value] : [];
    }
    return unresolvedRefs(value, root);
  });
}
