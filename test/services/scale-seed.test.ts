import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { systemActor } from '../../src/services/access.ts';
import { getDashboard } from '../../src/services/dashboard.ts';
import { type ScaleResult, seedScale } from '../../src/services/scale-seed.ts';
import { openTestDatabase } from '../support/database.ts';

let db: Database;
let first: ScaleResult;
let second: ScaleResult;
const options = { projects: 20, tasksPerProject: 60, resources: 30, seed: 7, today: '2026-12-01' };

beforeAll(async () => {
  db = await openTestDatabase();
  const progress: number[] = [];
  first = await seedScale(db, { ...options, organization: 'Scale one' }, (done) => progress.push(done));
  expect(progress.at(-1)).toBe(20);
  second = await seedScale(db, { ...options, organization: 'Scale two' });
}, 300_000);
afterAll(async () => db?.close());

const one = async <T>(sql: string, orgId: string) => (await db.query<T>(sql, [orgId]))[0];

describe('the scale seed', () => {
  it('writes the projects, their tasks and links, resources and twelve months of actuals', async () => {
    expect(first).toMatchObject({ projects: 20, tasks: 20 * 60 });
    const counts = await one<Record<string, number>>(
      `SELECT (SELECT count(*)::int FROM projects WHERE org_id = $1) AS projects,
         (SELECT count(*)::int FROM tasks WHERE org_id = $1) AS tasks,
         (SELECT count(*)::int FROM tasks WHERE org_id = $1 AND milestone) AS milestones,
         (SELECT count(*)::int FROM resources WHERE org_id = $1) AS resources,
         (SELECT count(*)::int FROM project_financials WHERE org_id = $1) AS financials,
         (SELECT count(DISTINCT date_trunc('month', incurred_on))::int FROM actual_costs WHERE org_id = $1) AS months,
         (SELECT min(incurred_on)::text FROM actual_costs WHERE org_id = $1) AS earliest`,
      first.orgId,
    );
    expect(counts).toMatchObject({ projects: 20, tasks: 1200, resources: 30, financials: 20 });
    expect(counts.milestones).toBeGreaterThan(0);
    expect(counts.months).toBeLessThanOrEqual(12);
    expect(String(counts.earliest) >= '2025-12-01').toBe(true);
    expect(first.links).toBeGreaterThan(1000);
  });

  it('keeps the stored figures consistent with the budget lines, actual costs and monthly figures', async () => {
    const mismatches = await db.query(
      `SELECT f.project_id FROM project_financials f
       WHERE f.org_id = $1 AND (
         f.budget <> (SELECT coalesce(sum(amount), 0) FROM budget_lines b WHERE b.org_id = f.org_id AND b.project_id = f.project_id)
         OR f.actual <> (SELECT coalesce(sum(amount), 0) FROM actual_costs a WHERE a.org_id = f.org_id AND a.project_id = f.project_id)
         OR f.budget <> (SELECT sum(budget) FROM project_period_figures x WHERE x.org_id = f.org_id AND x.project_id = f.project_id)
         OR f.ev <> (SELECT sum(ev) FROM project_period_figures x WHERE x.org_id = f.org_id AND x.project_id = f.project_id)
         OR f.eac <> f.actual + f.etc)`,
      [first.orgId],
    );
    expect(mismatches).toEqual([]);
  });

  it('schedules every link forward: no successor starts before its predecessor finishes', async () => {
    const backwards = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM task_links l
       JOIN tasks a ON a.org_id = l.org_id AND a.id = l.predecessor_id
       JOIN tasks b ON b.org_id = l.org_id AND b.id = l.successor_id
       WHERE l.org_id = $1 AND a.project_id = b.project_id AND b.early_start < a.early_finish - interval '1 day'`,
      first.orgId,
    );
    expect(backwards.n).toBe(0);
  });

  it('writes the same enterprise from the same seed', async () => {
    const digest = (orgId: string) =>
      one<{ d: string }>(
        `SELECT string_agg(p.code || p.name || p.budget || coalesce(p.health, '-') || f.eac, ',' ORDER BY p.code) AS d
         FROM projects p JOIN project_financials f ON f.org_id = p.org_id AND f.project_id = p.id WHERE p.org_id = $1`,
        orgId,
      );
    expect((await digest(first.orgId)).d).toBe((await digest(second.orgId)).d);
    expect(second.tasks).toBe(first.tasks);
  });

  it('gives a dashboard whose totals are the sums of the stored figures', async () => {
    const dashboard = await getDashboard(db, systemActor(first.orgId), {}, { today: options.today });
    const sums = await one<{ budget: number; eac: number }>(
      'SELECT sum(budget)::float8 AS budget, sum(eac)::float8 AS eac FROM project_financials WHERE org_id = $1',
      first.orgId,
    );
    expect(dashboard.kpis.projects).toBe(20);
    expect(dashboard.kpis.budget).toBeCloseTo(sums.budget, 2);
    expect(dashboard.kpis.eac).toBeCloseTo(sums.eac, 2);
    expect(dashboard.children.length).toBeGreaterThan(1);
    expect(dashboard.sCurve.length).toBeGreaterThan(6);
  });

  it('refuses to seed over an organization of the same name', async () => {
    await expect(seedScale(db, { ...options, organization: 'Scale one' })).rejects.toThrow(/already exists/);
  });
});
