import { describe, expect, it } from 'vitest';
import { adminApp } from '../support/http.ts';
import { makeUnitWithPortfolio } from '../support/intake-fixtures.ts';

const harness = adminApp();

const call = (
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  body?: unknown,
  headers = {},
) =>
  harness.app.inject({
    method,
    url: `/api/v1${url}`,
    cookies: { orrery_session: harness.session },
    headers,
    ...(body === undefined ? {} : { payload: body as object }),
  });

const count = async (table: string) =>
  (
    await harness.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE org_id = $1`, [
      harness.orgId,
    ])
  )[0].n;

describe('the intake, scoring and scenario API', () => {
  it('drafts, submits and triages a proposal with If-Match versions', async () => {
    const place = await makeUnitWithPortfolio(harness.db, harness.system);
    const created = await call('POST', '/proposals', {
      code: 'API-1',
      title: 'Customer portal',
      businessUnitId: place.unitId,
      portfolioId: place.portfolioId,
      businessCase: 'Self-service cuts call volume.',
      costLines: [{ period: '2027-01-01', category: 'labour', amount: 5000 }],
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect((await call('POST', `/proposals/${id}/submit`)).statusCode).toBe(428);
    const submitted = await call('POST', `/proposals/${id}/submit`, undefined, {
      'if-match': created.headers.etag,
    });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json().status).toBe('submitted');
    const stale = await call(
      'POST',
      `/proposals/${id}/triage`,
      { decision: 'accepted' },
      { 'if-match': created.headers.etag },
    );
    expect(stale.statusCode).toBe(409);
    const accepted = await call(
      'POST',
      `/proposals/${id}/triage`,
      { decision: 'accepted', note: 'Fits the strategy' },
      {
        'if-match': submitted.headers.etag,
      },
    );
    expect(accepted.json()).toMatchObject({ status: 'accepted', triageNote: 'Fits the strategy' });
    const board = await call('GET', `/proposals?status=accepted&portfolioId=${place.portfolioId}`);
    expect(board.json().items.map((p: { code: string }) => p.code)).toEqual(['API-1']);
  });

  it('scores, ranks and refuses a score outside the scale with a problem naming the criterion', async () => {
    const place = await makeUnitWithPortfolio(harness.db, harness.system);
    const model = (
      await call('POST', '/scoring-models', {
        name: 'API model',
        scaleMin: 0,
        scaleMax: 5,
        criteria: [{ name: 'Value', kind: 'value', weight: 1 }],
      })
    ).json();
    const proposal = (
      await call('POST', '/proposals', {
        code: 'API-2',
        title: 'Data platform',
        businessUnitId: place.unitId,
        portfolioId: place.portfolioId,
      })
    ).json();
    const candidate = { type: 'proposal', id: proposal.id };
    const before = await count('scoring_evaluations');
    const bad = await call('PUT', '/evaluations', {
      modelId: model.id,
      candidate,
      scores: [{ criterionId: model.criteria[0].id, score: 6 }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.json().detail).toContain('"Value" is outside the scale 0..5');
    expect(await count('scoring_evaluations')).toBe(before);
    const good = await call('PUT', '/evaluations', {
      modelId: model.id,
      candidate,
      scores: [{ criterionId: model.criteria[0].id, score: 4, comment: 'Strong case' }],
    });
    expect(good.statusCode).toBe(200);
    const listed = await call(
      'GET',
      `/evaluations?modelId=${model.id}&candidateType=proposal&candidateId=${proposal.id}`,
    );
    expect(listed.json().items[0]).toMatchObject({ score: 4, comment: 'Strong case' });
    const ranking = await call('GET', `/scoring-models/${model.id}/ranking`);
    expect(ranking.json().items[0]).toMatchObject({ code: 'API-2', rank: 1, score: 4, percent: 80 });
  });

  it('optimizes, saves scenarios, compares them, and explains an infeasible mandatory set', async () => {
    const place = await makeUnitWithPortfolio(harness.db, harness.system);
    const proposal = (
      await call('POST', '/proposals', {
        code: 'API-3',
        title: 'Warehouse robots',
        businessUnitId: place.unitId,
        portfolioId: place.portfolioId,
        costLines: [{ period: '2027-01-01', category: 'capital', amount: 900 }],
      })
    ).json();
    await call('POST', `/proposals/${proposal.id}/submit`, undefined, {
      'if-match': `"${proposal.version}"`,
    });
    const base = {
      portfolioId: place.portfolioId,
      horizonStart: '2027-01-01',
      periods: 3,
      budget: [500, 500, 500],
    };
    const candidates = await call(
      'GET',
      `/portfolio/candidates?horizonStart=2027-01-01&periods=3&portfolioId=${place.portfolioId}`,
    );
    expect(candidates.json().items.map((c: { code: string; cost: number[] }) => [c.code, c.cost])).toEqual([
      ['API-3', [900, 0, 0]],
    ]);
    const infeasible = await call('POST', '/portfolio/optimize', {
      ...base,
      items: [{ candidate: { type: 'proposal', id: proposal.id }, mandatory: true }],
    });
    expect(infeasible.statusCode).toBe(400);
    expect(infeasible.json().errors[0]).toMatchObject({ field: 'budget.0' });
    expect(infeasible.json().detail).toContain('API-3');
    const first = (await call('POST', '/scenarios', { name: 'Tight', ...base })).json();
    const second = (
      await call('POST', '/scenarios', {
        name: 'Loose',
        ...base,
        budget: [1000, 1000, 1000],
        // Unscored, it is worth nothing to the optimizer: the PMO wants it anyway.
        items: [{ candidate: { type: 'proposal', id: proposal.id }, mandatory: true }],
      })
    ).json();
    const optimized = await call('POST', `/scenarios/${second.id}/optimize`);
    expect(optimized.json().result).toMatchObject({ method: 'exact', gap: 0 });
    expect(
      optimized.json().items.map((i: { code: string; included: boolean }) => [i.code, i.included]),
    ).toEqual([['API-3', true]]);
    await call('POST', `/scenarios/${first.id}/optimize`);
    const comparison = await call('POST', '/scenarios/compare', { ids: [first.id, second.id] });
    expect(
      comparison.json().scenarios.map((s: { name: string; totalCost: number }) => [s.name, s.totalCost]),
    ).toEqual([
      ['Tight', 0],
      ['Loose', 900],
    ]);
    const tooMany = await call('POST', '/scenarios/compare', { ids: [first.id] });
    expect(tooMany.statusCode).toBe(400);
    const promoted = await call('POST', `/scenarios/${second.id}/promote`, undefined, {
      'if-match': optimized.headers.etag,
    });
    // The proposal is submitted, not accepted: promotion refuses and changes nothing.
    expect(promoted.statusCode).toBe(409);
    expect(promoted.json().detail).toContain('API-3 (submitted)');
    expect((await call('GET', `/scenarios/${second.id}`)).json().status).toBe('draft');
  });
});
