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

const bulk = (projectId: string, operations: unknown[]) =>
  app.inject({
    method: 'POST',
    url: `/api/v1/projects/${projectId}/plan/bulk`,
    cookies: { orrery_session: session },
    payload: { operations },
  });

describe('POST /projects/:id/plan/bulk', () => {
  it('answers with the created ids by ref and the new schedule', async () => {
    const project = await makeProject(db, orgId);
    const response = await bulk(project.id, [
      { op: 'create_task', ref: 'one', task: { name: 'One', durationMinutes: 480 } },
      { op: 'create_task', ref: 'two', task: { name: 'Two', durationMinutes: 480 } },
      { op: 'create_link', predecessorRef: 'one', successorRef: 'two' },
    ]);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(Object.keys(body.created).sort()).toEqual(['one', 'two']);
    expect(body.schedule).toMatchObject({ taskCount: 2, computedFinish: '2027-01-05T17:00:00' });
  });

  it('answers a stale version with a 409 problem naming the operation index', async () => {
    const project = await makeProject(db, orgId);
    const task = await createTask(db, system, project.id, { name: 'Read earlier' });
    const response = await bulk(project.id, [
      { op: 'create_task', task: { name: 'Fine' } },
      { op: 'update_task', id: task.id, version: task.version + 3, changes: { name: 'Late' } },
    ]);
    expect(response.statusCode).toBe(409);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json().detail).toMatch(/^operation 1 \(update_task\)/);
    const tasks = await app.inject({
      method: 'GET',
      url: `/api/v1/projects/${project.id}/tasks`,
      cookies: { orrery_session: session },
    });
    expect(tasks.json().items.map((t: { name: string }) => t.name)).toEqual(['Read earlier']);
  });

  it('names the operation index of a malformed operation', async () => {
    const project = await makeProject(db, orgId);
    const response = await bulk(project.id, [
      { op: 'create_task', task: { name: 'Fine' } },
      { op: 'rename_everything' },
    ]);
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json())).toMatch(/operations\.1|operations\/1/);
  });
});
