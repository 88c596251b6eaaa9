import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { type App, buildApp } from '../../src/http/app.ts';
import { createApiToken } from '../../src/services/auth.ts';
import { createTask } from '../../src/services/planning.ts';
import { openTestDatabase } from '../support/database.ts';
import { makeActor, makeOrganization, makeProject } from '../support/factories.ts';

let db: Database;
let app: App;
let orgId: string;
let token: string;
let taskId: string;

const call = (method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown, headers = {}) =>
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
  const organization = await makeOrganization(db);
  orgId = organization.orgId;
  const system = organization.system;
  const project = await makeProject(db, orgId);
  taskId = (await createTask(db, system, project.id, { name: 'Commissioning', durationMinutes: 960 })).id;
  const admin = await makeActor(db, orgId, 'pmo_admin');
  token = (await createApiToken(db, admin, { name: 'resources' })).token;
  app = await buildApp({ db });
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('the resource API', () => {
  it('creates a resource, assigns it and versions the assignment with ETags', async () => {
    const created = await call('POST', '/resources', { code: 'T-1', name: 'Tess', maxUnits: 0.5 });
    expect(created.statusCode).toBe(201);
    const resourceId = created.json().id;
    const assigned = await call('POST', '/assignments', { taskId, resourceId, units: 0.5 });
    expect(assigned.statusCode).toBe(201);
    expect(assigned.json()).toMatchObject({ workMinutes: 480, taskName: 'Commissioning' });
    const id = assigned.json().id;
    expect((await call('PATCH', `/assignments/${id}`, { units: 1 })).statusCode).toBe(428);
    const stale = await call('PATCH', `/assignments/${id}`, { units: 1 }, { 'if-match': '"9"' });
    expect(stale.statusCode).toBe(409);
    const changed = await call(
      'PATCH',
      `/assignments/${id}`,
      { units: 1 },
      { 'if-match': assigned.headers.etag },
    );
    expect(changed.json()).toMatchObject({ units: 1, workMinutes: 960 });
    const listed = await call('GET', `/tasks/${taskId}/assignments`);
    expect(listed.json().items).toHaveLength(1);
  });

  it('answers bad input with a problem naming the field, and writes nothing', async () => {
    const before = { resources: await count('resources'), assignments: await count('assignments') };
    const cases: [string, unknown, string][] = [
      ['/resources', { code: 'T-2', name: 'Too big', maxUnits: 5000 }, 'maxUnits'],
      ['/resources', { code: 'T-3', name: 'Nobody', kind: 'generic' }, 'roleId'],
      ['/assignments', { taskId, resourceId: taskId, units: 1 }, 'resourceId'],
      ['/assignments', { taskId, resourceId: taskId, workMinutes: -5 }, 'workMinutes'],
      ['/assignments', { taskId: '0190a0a0-0000-7000-8000-000000000000', resourceId: taskId }, 'taskId'],
    ];
    for (const [url, body, field] of cases) {
      const response = await call('POST', url, body);
      expect(response.statusCode, `${url} ${field}`).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect({ resources: await count('resources'), assignments: await count('assignments') }).toEqual(before);
  });

  it('refuses a capacity range with the end before the start, naming it', async () => {
    const response = await call('GET', '/capacity?from=2027-02-01&to=2027-01-01');
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([{ field: 'to', message: 'must be on or after from' }]);
  });
});

describe('the leveling API', () => {
  it("pages a run's moved tasks with page and pageSize, and refuses a page size over 500", async () => {
    const project = await makeProject(db, orgId);
    const crew = await call('POST', '/resources', { code: 'CREW-PAGE', name: 'Paging crew' });
    for (const name of ['Dig', 'Pour', 'Cure', 'Strip']) {
      const task = await call('POST', `/projects/${project.id}/tasks`, { name, durationMinutes: 480 });
      expect(task.statusCode).toBe(201);
      await call('POST', '/assignments', { taskId: task.json().id, resourceId: crew.json().id });
    }
    const preview = await call('POST', '/leveling-runs', { scopeType: 'project', scopeId: project.id });
    expect(preview.statusCode).toBe(201);
    const run = preview.json();
    expect([run.movedTasks, run.page, run.pageSize, run.result.movedTasks.length]).toEqual([3, 1, 50, 3]);
    const second = await call('GET', `/leveling-runs/${run.id}?page=2&pageSize=2`);
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ movedTasks: 3, page: 2, pageSize: 2 });
    expect(second.json().result.movedTasks.map((t: { taskId: string }) => t.taskId)).toEqual([
      run.result.movedTasks[2].taskId,
    ]);
    const tooBig = await call('GET', `/leveling-runs/${run.id}?pageSize=501`);
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json().errors.map((e: { field: string }) => e.field)).toEqual(['pageSize']);
  });
});

describe('the calendar API', () => {
  const day = [
    { from: 480, to: 720 },
    { from: 780, to: 1020 },
  ];
  it('names the bad field of a calendar, versions edits with ETags and keeps time off on the resource', async () => {
    const before = await count('calendars');
    const bad = await call('POST', '/calendars', {
      name: 'Plant',
      week: [[], [{ from: 480, to: 1500 }], day, day, day, day, []],
      exceptions: [{ from: '2027-03-05', to: '2027-03-01' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'week.1.0.to',
      'exceptions.0.to',
    ]);
    expect(await count('calendars')).toBe(before);

    const created = await call('POST', '/calendars', {
      name: 'Plant',
      week: [[], day, day, day, day, day, []],
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const holiday = { exceptions: [{ name: 'Founders', from: '2027-10-05' }] };
    expect((await call('PATCH', `/calendars/${id}`, holiday)).statusCode).toBe(428);
    const changed = await call('PATCH', `/calendars/${id}`, holiday, { 'if-match': created.headers.etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).toBe('"2"');
    expect(changed.json().resolvedWeek[3]).toEqual(day);
    const listed = await call('GET', '/calendars?q=Plant');
    expect(listed.json().items.map((c: { name: string }) => c.name)).toEqual(['Plant']);

    const resource = (await call('POST', '/resources', { code: 'T-9', name: 'Tom', calendarId: id })).json();
    const added = await call('POST', `/resources/${resource.id}/time-off`, {
      from: '2027-04-05',
      to: '2027-04-09',
    });
    expect(added.statusCode).toBe(201);
    const own = (await call('GET', `/resources/${resource.id}`)).json().calendarId;
    expect((await call('GET', `/calendars/${own}`)).json()).toMatchObject({
      name: 'Tom (T-9)',
      baseCalendarId: id,
    });
    const listedOff = await call('GET', `/resources/${resource.id}/time-off`);
    expect(listedOff.json()).toEqual([
      { ...added.json(), name: 'Time off', from: '2027-04-05', to: '2027-04-09' },
    ]);
    const inUse = await app.inject({
      method: 'DELETE',
      url: `/api/v1/calendars/${id}`,
      headers: { authorization: `Bearer ${token}`, 'if-match': changed.headers.etag },
    });
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json().detail).toMatch(/calendars "Tom \(T-9\)" inheriting from it/);
  });
});
