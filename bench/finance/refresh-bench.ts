/**
 * Stored financial figures benchmark: an organization of 5,000 projects, each with 20 baselined leaf
 * tasks carrying cost and progress, a budget of 12 months × 4 categories, 12 actual-cost rows and
 * (for a third of them) a forecast; then the nightly refresh of every project
 * (`refreshOrganizationFinancials`, what `orrery finance refresh` runs) and the per-write refresh of
 * one project (what every budget, actual or forecast write adds to its transaction).
 *
 *   node --import tsx bench/finance/refresh-bench.ts [--projects 5000] [--runs 9]
 *   DATABASE_URL=postgres://… node --import tsx bench/finance/refresh-bench.ts
 *
 * PGlite by default (a fresh data directory); PostgreSQL when DATABASE_URL is set (a throwaway schema).
 * Writes bench/results/finance-refresh.json and finance-refresh.md.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/db/connection.ts';
import { migrate } from '../../src/db/migrate.ts';
import { ensureOrganization, systemActor } from '../../src/services/access.ts';
import {
  refreshOrganizationFinancials,
  refreshProjectFinancials,
} from '../../src/services/project-financials.ts';
import { createBusinessUnit, createPortfolio } from '../../src/services/structure.ts';

const argument = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const PROJECTS = argument('--projects', 5_000);
const RUNS = argument('--runs', 9);
const TASKS = 20;
const AS_OF = '2027-07-15';

const url = process.env.DATABASE_URL;
const dir = url ? null : mkdtempSync(join(os.tmpdir(), 'orrery-finance-bench-'));
const db = await openDatabase(
  url ? { url, schema: `bench_finance_${Date.now()}` } : { dataDir: dir as string },
);
await migrate(db);

const generateStarted = performance.now();
const orgId = await ensureOrganization(db, `Finance bench ${Date.now()}`);
const system = systemActor(orgId, 'bench');
const unit = await createBusinessUnit(db, system, { name: 'Unit', code: 'U' });
const portfolio = await createPortfolio(db, system, { name: 'Everything', businessUnitId: unit.id });
// Bulk rows straight into the tables (generate_series): the services would take an hour to make them.
await db.query(
  `INSERT INTO projects (org_id, id, code, name, business_unit_id, portfolio_id, target_start, target_finish, budget)
   SELECT $1, gen_random_uuid(), 'B-' || n, 'Bench ' || n, $2, $3, date '2027-01-01' + (n % 90), date '2027-12-31', 480000
   FROM generate_series(1, $4) n`,
  [orgId, unit.id, portfolio.id, PROJECTS],
);
await db.query(
  `INSERT INTO baselines (org_id, id, project_id, number, name)
   SELECT org_id, gen_random_uuid(), id, 0, 'Baseline' FROM projects WHERE org_id = $1`,
  [orgId],
);
await db.query(
  `INSERT INTO tasks (org_id, id, project_id, position, name, duration_minutes, percent_complete, early_start,
     early_finish, actual_start, actual_finish)
   SELECT p.org_id, gen_random_uuid(), p.id, k, 'Task ' || k, 4800,
     CASE WHEN k < 8 THEN 100 WHEN k < 11 THEN 40 ELSE 0 END,
     p.target_start + k * 15, p.target_start + k * 15 + 20,
     CASE WHEN k < 11 THEN p.target_start + k * 15 END, CASE WHEN k < 8 THEN p.target_start + k * 15 + 22 END
   FROM projects p CROSS JOIN generate_series(0, $2 - 1) k WHERE p.org_id = $1`,
  [orgId, TASKS],
);
await db.query(
  `INSERT INTO baseline_tasks (org_id, baseline_id, task_id, start_date, finish_date, duration_minutes, cost)
   SELECT k.org_id, b.id, k.id, k.early_start, k.early_finish, 4800, 24000
   FROM tasks k JOIN baselines b ON b.org_id = k.org_id AND b.project_id = k.project_id WHERE k.org_id = $1`,
  [orgId],
);
await db.query(
  `INSERT INTO budget_lines (org_id, id, project_id, category, period, amount)
   SELECT p.org_id, gen_random_uuid(), p.id, c, date '2027-01-01' + make_interval(months => m), 10000
   FROM projects p CROSS JOIN generate_series(0, 11) m
     CROSS JOIN unnest(ARRAY['labour', 'capital', 'operating', 'other']) c WHERE p.org_id = $1`,
  [orgId],
);
await db.query(
  `INSERT INTO actual_costs (org_id, id, project_id, category, incurred_on, amount)
   SELECT p.org_id, gen_random_uuid(), p.id, 'labour', date '2027-01-20' + m * 30, 26000 + (m * 37 % 900)
   FROM projects p CROSS JOIN generate_series(0, 11) m WHERE p.org_id = $1`,
  [orgId],
);
await db.query(
  `INSERT INTO cost_forecasts (org_id, id, project_id, number, as_of)
   SELECT org_id, gen_random_uuid(), id, 1, date '2027-07-01' FROM projects
   WHERE org_id = $1 AND abs(hashtext(code::text)) % 3 = 0`,
  [orgId],
);
await db.query(
  `INSERT INTO cost_forecast_lines (org_id, forecast_id, category, period, amount)
   SELECT f.org_id, f.id, 'labour', date '2027-07-01' + make_interval(months => m), 52000
   FROM cost_forecasts f CROSS JOIN generate_series(0, 5) m WHERE f.org_id = $1`,
  [orgId],
);
const generateSeconds = (performance.now() - generateStarted) / 1000;
const counts = Object.fromEntries(
  await Promise.all(
    ['projects', 'tasks', 'budget_lines', 'actual_costs', 'cost_forecast_lines'].map(async (table) => [
      table,
      (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE org_id = $1`, [orgId]))[0]
        .n,
    ]),
  ),
) as Record<string, number>;

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
const loadBefore = load();
const cpu0 = process.cpuUsage();
const t0 = performance.now();
await refreshOrganizationFinancials(db, orgId, AS_OF);
const nightlyMs = performance.now() - t0;
const cpu1 = process.cpuUsage(cpu0);
const nightlyCpuMs = (cpu1.user + cpu1.system) / 1000;

const projectIds = (
  await db.query<{ id: string }>('SELECT id FROM projects WHERE org_id = $1 ORDER BY id LIMIT $2', [
    orgId,
    RUNS + 1,
  ])
).map((r) => r.id);
const single: number[] = [];
for (const [i, id] of projectIds.entries()) {
  const started = performance.now();
  await db.transaction((tx) => refreshProjectFinancials(tx, orgId, [id], AS_OF));
  if (i > 0) single.push(performance.now() - started);
}
single.sort((a, b) => a - b);
const loadAfter = load();
const [check] = await db.query<{ n: number; ev: number; cpi: number }>(
  'SELECT count(*)::int AS n, avg(ev)::float8 AS ev, avg(cpi)::float8 AS cpi FROM project_financials WHERE org_id = $1',
  [orgId],
);

const result = {
  when: new Date().toISOString(),
  machine: `${os.cpus()[0]?.model ?? 'cpu'}, ${os.cpus().length} cores, Node ${process.version}`,
  database: url ? 'PostgreSQL' : 'PGlite (data directory)',
  counts,
  generateSeconds: Number(generateSeconds.toFixed(1)),
  nightly: {
    wallMs: Math.round(nightlyMs),
    cpuMs: Math.round(nightlyCpuMs),
    perProjectMs: Number((nightlyMs / PROJECTS).toFixed(2)),
  },
  singleProject: {
    runs: single.length,
    medianMs: Number(single[Math.floor(single.length / 2)].toFixed(1)),
    maxMs: Number(single[single.length - 1].toFixed(1)),
  },
  stored: check,
  loadBefore,
  loadAfter,
};
const suffix = url ? '-postgresql' : '';
writeFileSync(`bench/results/finance-refresh${suffix}.json`, `${JSON.stringify(result, null, 2)}\n`);
writeFileSync(
  `bench/results/finance-refresh${suffix}.md`,
  `# Stored financial figures: refresh benchmark

\`node --import tsx bench/finance/refresh-bench.ts\` on ${result.machine}, ${result.database}, ${result.when}
(load average ${loadBefore} before, ${loadAfter} after; 2 cores shared with other engineers).

${counts.projects} projects × ${TASKS} baselined tasks (${counts.tasks} tasks), ${counts.budget_lines} budget lines,
${counts.actual_costs} actual costs, ${counts.cost_forecast_lines} forecast lines (generated in ${result.generateSeconds} s). Status date ${AS_OF}.

\`\`\`
work                                         wall ms   CPU ms   per project ms
nightly refresh of every project (batches)  ${String(result.nightly.wallMs).padStart(8)} ${String(result.nightly.cpuMs).padStart(8)} ${String(result.nightly.perProjectMs).padStart(16)}
one project, as a write adds it (median)    ${String(result.singleProject.medianMs).padStart(8)}
one project, as a write adds it (max of ${result.singleProject.runs})  ${String(result.singleProject.maxMs).padStart(8)}
\`\`\`

${check.n} rows in project_financials after the run (mean EV ${Math.round(check.ev)}, mean CPI ${check.cpi.toFixed(3)}).
`,
);
console.log(JSON.stringify(result, null, 2));
await db.close();
if (dir) rmSync(dir, { recursive: true, force: true });
