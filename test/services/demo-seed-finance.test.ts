import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { systemActor } from '../../src/services/access.ts';
import { checkEnvelopes } from '../../src/services/budget-envelopes.ts';
import { listCostForecasts } from '../../src/services/cost-forecasts.ts';
import { seedDemo } from '../../src/services/demo-seed.ts';
import { listPrograms } from '../../src/services/structure.ts';
import { openTestDatabase } from '../support/database.ts';

let db: Database;
let orgId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  orgId = (await seedDemo(db)).orgId;
}, 600_000);
afterAll(async () => db?.close());

describe('the demo money', () => {
  it('gives every dated project a budget matching its headline and stored figures', async () => {
    const rows = await db.query<{
      code: string;
      headline: number;
      budget: number;
      actual: number;
      bac: number;
    }>(
      `SELECT p.code, p.budget::float8 AS headline, f.budget::float8 AS budget, f.actual::float8 AS actual,
          f.bac::float8 AS bac
       FROM projects p JOIN project_financials f ON f.org_id = p.org_id AND f.project_id = p.id
       WHERE p.org_id = $1 AND p.target_start IS NOT NULL`,
      [orgId],
    );
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows)
      expect(Math.abs(row.budget - row.headline) / row.headline, row.code).toBeLessThan(0.01);
    expect(rows.filter((r) => r.actual > 0).length).toBeGreaterThan(5);
    const periods = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM project_period_figures WHERE org_id = $1 AND pv > 0',
      [orgId],
    );
    expect(periods[0].n).toBeGreaterThan(50);
  });

  it('keeps forecast versions and a program whose envelope is overrun in some months', async () => {
    const system = systemActor(orgId);
    const [project] = await db.query<{ id: string }>(
      `SELECT project_id AS id FROM cost_forecasts WHERE org_id = $1 AND number = 2 ORDER BY project_id LIMIT 1`,
      [orgId],
    );
    expect((await listCostForecasts(db, system, project.id)).map((f) => f.number)).toEqual([2, 1]);
    const programs = await listPrograms(db, system, { page: 1, pageSize: 50, order: 'asc' });
    let over = 0;
    for (const program of programs.items)
      over += (await checkEnvelopes(db, system, 'program', program.id)).overCount;
    expect(over).toBeGreaterThan(0);
  });
});
