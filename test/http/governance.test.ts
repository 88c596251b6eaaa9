import { describe, expect, it } from 'vitest';
import { updateProject } from '../../src/services/projects.ts';
import { makeActor, makeProject, TEST_PASSWORD } from '../support/factories.ts';
import { smallLifecycle } from '../support/governance-fixtures.ts';
import { adminApp } from '../support/http.ts';

const server = adminApp();

const call = (
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
  headers = {},
  session = server.session,
) =>
  server.app.inject({
    method,
    url: `/api/v1${url}`,
    cookies: { orrery_session: session },
    headers,
    ...(body === undefined ? {} : { payload: body as object }),
  });

async function signIn(email: string): Promise<string> {
  const login = await server.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password: TEST_PASSWORD },
  });
  return login.cookies.find((c) => c.name === 'orrery_session')!.value;
}

describe('the governance API', () => {
  it('configures a lifecycle, reviews a gate and decides it, as problem+json when refused', async () => {
    const created = await call('POST', '/lifecycles', smallLifecycle());
    expect(created.statusCode).toBe(201);
    const lifecycle = created.json();
    expect(lifecycle.stages.map((s: { name: string }) => s.name)).toEqual(['Define', 'Deliver', 'Closed']);
    const bad = await call('POST', '/lifecycles', { ...smallLifecycle(), stages: [] });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');

    const made = await makeProject(server.db, server.orgId);
    const project = await updateProject(server.db, server.system, made.id, made.version, {
      stage: 'initiation',
    });
    const gates = (await call('GET', `/projects/${project.id}/gates`)).json();
    expect(gates).toMatchObject({
      projectStage: 'initiation',
      currentGate: { name: 'G1 Approve plan' },
      canDecide: true,
    });
    const opened = await call('POST', `/projects/${project.id}/gate-reviews`, {
      gateId: gates.currentGate.id,
    });
    expect(opened.statusCode).toBe(201);
    const review = opened.json();
    const results = review.results.map((r: { criterionId: string }) => ({
      criterionId: r.criterionId,
      result: 'met',
    }));
    expect((await call('PUT', `/gate-reviews/${review.id}/results`, { results })).statusCode).toBe(428);
    const ticked = await call(
      'PUT',
      `/gate-reviews/${review.id}/results`,
      { results },
      { 'if-match': opened.headers.etag },
    );
    expect(ticked.statusCode).toBe(200);

    // A project manager may prepare the review but not decide it: 403, and the stage stays.
    const manager = await makeActor(server.db, server.orgId, 'project_manager', 'project', project.id);
    const refused = await call(
      'POST',
      `/gate-reviews/${review.id}/decision`,
      { decision: 'go', reason: 'mine', expectedVersion: project.version },
      {},
      await signIn(manager.email),
    );
    expect(refused.statusCode).toBe(403);
    const invalid = await call('POST', `/gate-reviews/${review.id}/decision`, {
      decision: 'approve',
      reason: 'x',
      expectedVersion: project.version,
    });
    expect(invalid.statusCode).toBe(400);
    const decided = await call('POST', `/gate-reviews/${review.id}/decision`, {
      decision: 'go',
      reason: 'Charter signed',
      expectedVersion: project.version,
    });
    expect(decided.statusCode).toBe(200);
    expect(decided.json()).toMatchObject({ projectStage: 'execution', lessonsRequested: null });
  });

  it('previews and terminates a project, refusing one without a reason', async () => {
    const project = await makeProject(server.db, server.orgId);
    const impact = await call('GET', `/projects/${project.id}/termination-impact`);
    expect(impact.json()).toMatchObject({
      successors: [],
      sharedRisks: [],
      bookings: [],
      openStaffingRequests: 0,
    });
    const noReason = await call('POST', `/projects/${project.id}/terminate`, {
      expectedVersion: project.version,
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    const done = await call('POST', `/projects/${project.id}/terminate`, {
      reason: 'Superseded by the platform programme',
      expectedVersion: project.version,
    });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ projectStage: 'terminated', lessonsRequested: 'termination' });
  });

  it('captures a lesson, finds it ranked, suggests it and proposes a change from it', async () => {
    const project = await makeProject(server.db, server.orgId);
    const lesson = await call('POST', '/lessons', {
      projectId: project.id,
      title: 'Freeze the interface contract before vendor onboarding',
      body: 'Two vendors built against different drafts.',
      category: 'Integration',
      kind: 'problem',
      source: 'termination',
      tags: ['vendors', 'interfaces'],
    });
    expect(lesson.statusCode).toBe(201);
    const found = (await call('GET', '/lessons?q=vendor%20interface')).json();
    expect(found.items[0]).toMatchObject({ id: lesson.json().id, rank: expect.any(Number) });
    const sibling = await makeProject(server.db, server.orgId, {
      businessUnitId: project.businessUnitId,
      portfolioId: project.portfolioId,
    });
    const suggested = (await call('GET', `/projects/${sibling.id}/suggested-lessons`)).json();
    expect(suggested.map((s: { id: string }) => s.id)).toContain(lesson.json().id);
    const proposal = await call('POST', `/lessons/${lesson.json().id}/change-proposals`, {
      targetKind: 'checklist',
      targetReference: 'G2 criteria',
      proposedText: 'Interface contract frozen and signed by all vendors',
    });
    expect(proposal.statusCode).toBe(201);
    const listed = (await call('GET', '/lesson-change-proposals?status=proposed')).json();
    expect(listed.items.map((p: { id: string }) => p.id)).toContain(proposal.json().id);
  });

  it('records benefit measurements with the benefit version', async () => {
    const project = await makeProject(server.db, server.orgId);
    const benefit = await call('POST', '/benefits', {
      projectId: project.id,
      name: 'Fewer outages',
      measure: 'Outage minutes per month',
      unit: 'min',
      baseline: 300,
      target: 120,
    });
    expect(benefit.statusCode).toBe(201);
    const measured = await call(
      'POST',
      `/benefits/${benefit.json().id}/measurements`,
      { measuredOn: '2027-10-31', value: 210 },
      { 'if-match': benefit.headers.etag },
    );
    expect(measured.statusCode).toBe(201);
    expect(measured.json()).toMatchObject({ latestValue: 210, progress: 0.5 });
    const badDate = await call(
      'POST',
      `/benefits/${benefit.json().id}/measurements`,
      { measuredOn: '31/10/2027', value: 1 },
      { 'if-match': measured.headers.etag },
    );
    expect(badDate.statusCode).toBe(400);
  });
});
