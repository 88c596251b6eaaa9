import type { Database } from '../db/connection.ts';
import { type BulkTable, bulkInsert } from '../db/repositories/bulk-insert.ts';

/**
 * Stored figures for the demo projects the finance demo has not given any (so the dashboard shows
 * believable S-curves and indices at once): the budget spread over the project's months, earned value
 * and cost drifting with its health, up to today. Rows already stored are left alone.
 */
const DRIFT: Record<string, { pace: number; efficiency: number }> = {
  green: { pace: 1.02, efficiency: 1.03 },
  amber: { pace: 0.93, efficiency: 0.94 },
  red: { pace: 0.82, efficiency: 0.86 },
  none: { pace: 1, efficiency: 1 },
};

const periodsTable: BulkTable = {
  table: 'project_period_figures',
  columns: [
    ['org_id', 'uuid'],
    ['project_id', 'uuid'],
    ['period', 'date'],
    ['budget', 'numeric'],
    ['actual', 'numeric'],
    ['forecast', 'numeric'],
    ['pv', 'numeric'],
    ['ev', 'numeric'],
  ],
};

const cents = (value: number) => Math.round(value * 100) / 100;

export async function seedDemoRollups(db: Database, orgId: string, today = new Date()): Promise<void> {
  const projects = await db.query<{
    id: string;
    budget: number;
    start: string | null;
    finish: string | null;
    health: string | null;
  }>(
    `SELECT p.id, p.budget::float8 AS budget, to_char(p.target_start, 'YYYY-MM-DD') AS start,
       to_char(p.target_finish, 'YYYY-MM-DD') AS finish, p.health
     FROM projects p WHERE p.org_id = $1
       AND NOT EXISTS (SELECT 1 FROM project_financials f WHERE f.org_id = p.org_id AND f.project_id = p.id)
     ORDER BY p.code`,
    [orgId],
  );
  const now = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const periods: unknown[][] = [];
  const financials: unknown[][] = [];
  for (const project of projects) {
    if (!project.start || !project.finish || project.budget <= 0) continue;
    const drift = DRIFT[project.health ?? 'none'];
    const months: number[] = [];
    const first = new Date(`${project.start}T00:00:00Z`);
    const last = Date.parse(`${project.finish}T00:00:00Z`);
    for (let m = Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), 1); m <= last; ) {
      months.push(m);
      const date = new Date(m);
      m = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
    }
    const perMonth = cents(project.budget / months.length);
    let pv = 0;
    let ev = 0;
    let ac = 0;
    const rows = months.map((m, index) => {
      const amount =
        index === months.length - 1 ? cents(project.budget - perMonth * (months.length - 1)) : perMonth;
      const done = new Date(m);
      const closed = Date.UTC(done.getUTCFullYear(), done.getUTCMonth() + 1, 1) <= now;
      const monthPv = closed ? amount : 0;
      const monthEv = closed ? cents(Math.min(amount * drift.pace, amount * 1.1)) : 0;
      const monthAc = closed ? cents(monthEv / drift.efficiency) : 0;
      pv += monthPv;
      ev += monthEv;
      ac += monthAc;
      return [
        orgId,
        project.id,
        new Date(m).toISOString().slice(0, 10),
        amount,
        monthAc,
        monthAc,
        monthPv,
        monthEv,
      ];
    });
    const cpi = ac > 0 ? ev / ac : null;
    const spi = pv > 0 ? ev / pv : null;
    const eac = cents(cpi ? ac + (project.budget - ev) / cpi : project.budget);
    const future = rows.filter((row) => row[6] === 0);
    for (const row of future) row[5] = cents((eac - ac) / future.length);
    periods.push(...rows);
    const slipDays = spi && spi < 1 ? Math.round(((last - months[0]) / 86_400_000) * (1 / spi - 1)) : 0;
    financials.push([
      orgId,
      project.id,
      project.budget,
      cents(ac),
      cents(project.budget),
      cents(pv),
      cents(ev),
      eac,
      spi === null ? null : Math.round(spi * 10_000) / 10_000,
      cpi === null ? null : Math.round(cpi * 10_000) / 10_000,
      new Date(last + slipDays * 86_400_000).toISOString().slice(0, 10),
    ]);
  }
  await db.transaction(async (tx) => {
    await bulkInsert(tx, periodsTable, periods);
    for (const f of financials)
      await tx.query(
        `INSERT INTO project_financials (org_id, project_id, as_of, budget, actual, forecast_to_complete, bac, pv, ev, ac,
           eac, etc, vac, spi, cpi, spi_t, forecast_finish)
         SELECT $1, $2, current_date, v.budget, v.ac, v.eac - v.ac, v.bac, v.pv, v.ev, v.ac, v.eac, v.eac - v.ac,
           v.bac - v.eac, $9, $10, $9, $11::date
         FROM (SELECT $3::numeric AS budget, $4::numeric AS ac, $5::numeric AS bac, $6::numeric AS pv,
           $7::numeric AS ev, $8::numeric AS eac) v
         ON CONFLICT (org_id, project_id) DO NOTHING`,
        f,
      );
  });
}
