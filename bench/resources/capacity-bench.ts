/**
 * Capacity heatmap benchmark: a pool of 2,000 resources in 10 business units, 500 projects of 100
 * scheduled tasks each and 200,000 assignments spread over 2027; then the weekly capacity heatmap of
 * one business unit for the year (the target: under 500 ms), and for comparison the whole
 * organization's and a monthly one. Median and p95 of several runs, wall and CPU time.
 *
 *   node --import tsx bench/resources/capacity-bench.ts [--runs 9]
 *   DATABASE_URL=postgres://… node --import tsx bench/resources/capacity-bench.ts
 *
 * PGlite by default (a fresh data directory); PostgreSQL when DATABASE_URL is set (a throwaway schema).
 * Writes bench/results/capacity.json and capacity.md.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/db/connection.ts';
import { migrate } from '../../src/db/migrate.ts';
import { insertTasks, type NewTaskRow } from '../../src/db/repositories/plans.ts';
import { insertAssignmentRows, insertResourceRows } from '../../src/db/repositories/resource-bulk.ts';
import { uuidv7 } from '../../src/db/uuid.ts';
import {
  CalendarRegistry,
  formatLocalDateTime,
  parseLocalDateTime,
  standardWeek,
} from '../../src/engine/calendar/index.ts';
import { ensureOrganization, systemActor } from '../../src/services/access.ts';
import { capacityReport } from '../../src/services/capacity.ts';
import { createProject } from '../../src/services/projects.ts';
import { roleCatalog } from '../../src/services/resources.ts';
import { createBusinessUnit, createPortfolio } from '../../src/services/structure.ts';
import { prng } from '../schedule/generate-network.ts';

const RESOURCES = 2_000;
const PROJECTS = 500;
const TASKS_PER_PROJECT = 100;
const ASSIGNMENTS = 200_000;
const UNITS = 10;
const runsArgument = process.argv.indexOf('--runs');
const RUNS = runsArgument > 0 ? Number(process.argv[runsArgument + 1]) : 9;

const url = process.env.DATABASE_URL;
const dir = url ? null : mkdtempSync(join(os.tmpdir(), 'orrery-capacity-bench-'));
const db = await openDatabase(
  url ? { url, schema: `bench_capacity_${Date.now()}` } : { dataDir: dir as string },
);
await migrate(db);

const generateStarted = performance.now();
const orgId = await ensureOrganization(db, `Capacity bench ${Date.now()}`);
const system = systemActor(orgId, 'bench');
const random = prng(7);
const units: string[] = [];
for (let u = 0; u < UNITS; u++)
  units.push((await createBusinessUnit(db, system, { name: `Unit ${u}`, code: `U${u}` })).id);
const roles: string[] = [];
for (let r = 0; r < 20; r++) roles.push((await roleCatalog.create(db, system, { name: `Role ${r}` })).id);
const portfolio = await createPortfolio(db, system, { name: 'Everything', businessUnitId: units[0] });

const resourceIds = Array.from({ length: RESOURCES }, () => uuidv7());
await insertResourceRows(
  db,
  orgId,
  resourceIds.map((id, i) => ({
    id,
    code: `R${i}`,
    name: `Resource ${i}`,
    kind: 'person',
    roleId: roles[i % roles.length],
    businessUnitId: units[i % UNITS],
    maxUnits: 1,
  })),
);

// Tasks of one to fifteen working days, placed over 2027 at 8:00 on weekdays; the dates are written as
// a schedule would, so the benchmark measures the report, not scheduling.
const yearStart = parseLocalDateTime('2027-01-04T08:00');
const standard = new CalendarRegistry([{ id: 'standard', week: standardWeek() }]).get('standard');
const tasks: { id: string; projectId: string; start: number; days: number }[] = [];
for (let p = 0; p < PROJECTS; p++) {
  const project = await createProject(db, system, {
    code: `P${p}`,
    name: `Project ${p}`,
    businessUnitId: units[p % UNITS],
    portfolioId: portfolio.id,
  });
  const rows: NewTaskRow[] = [];
  for (let k = 0; k < TASKS_PER_PROJECT; k++) {
    const days = 1 + Math.floor(random() * 15);
    const week = Math.floor(random() * 50);
    const start = yearStart + (week * 7 + Math.floor(random() * 5)) * 1440;
    const finish = standard.addWorking(start, days * 480);
    const id = uuidv7();
    tasks.push({ id, projectId: project.id, start, days });
    rows.push({
      id,
      parentId: null,
      position: k,
      wbsCode: String(k + 1),
      name: `Task ${k}`,
      durationMinutes: days * 480,
      durationElapsed: false,
      milestone: false,
      constraintType: 'ASAP',
      constraintDate: null,
      deadline: null,
      actualStart: null,
      actualFinish: null,
      percentComplete: 0,
      calendarId: null,
      dates: {
        id,
        earlyStart: formatLocalDateTime(start),
        earlyFinish: formatLocalDateTime(finish),
        lateStart: formatLocalDateTime(start),
        lateFinish: formatLocalDateTime(finish),
        totalSlackMinutes: 0,
        freeSlackMinutes: 0,
        critical: false,
        isSummary: false,
      },
    });
  }
  await insertTasks(db, orgId, project.id, rows);
}

// Four assignments per task to distinct resources, at 25 % to 100 %.
const perTask = ASSIGNMENTS / tasks.length;
const batch = [];
for (const task of tasks) {
  const first = Math.floor(random() * RESOURCES);
  for (let a = 0; a < perTask; a++) {
    const unitsShare = 0.25 * (1 + Math.floor(random() * 4));
    batch.push({
      id: uuidv7(),
      taskId: task.id,
      projectId: task.projectId,
      resourceId: resourceIds[(first + a * 37) % RESOURCES],
      units: unitsShare,
      workMinutes: Math.round(unitsShare * task.days * 480),
      cost: 0,
    });
  }
  if (batch.length >= 10_000) await insertAssignmentRows(db, orgId, batch.splice(0));
}
await insertAssignmentRows(db, orgId, batch);
await db.query('ANALYZE');
const generateSeconds = (performance.now() - generateStarted) / 1000;

interface Row {
  report: string;
  rows: number;
  cells: number;
  medianMs: number;
  p95Ms: number;
  medianCpuMs: number;
  p95CpuMs: number;
}

const percentile = (values: number[], share: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)];
};
const round = (value: number) => Math.round(value * 10) / 10;

async function measure(report: string, query: Record<string, unknown>): Promise<Row> {
  const wall: number[] = [];
  const cpu: number[] = [];
  let rows = 0;
  let cells = 0;
  await capacityReport(db, system, query);
  for (let run = 0; run < RUNS; run++) {
    const cpuStart = process.cpuUsage();
    const started = performance.now();
    const result = await capacityReport(db, system, query);
    wall.push(performance.now() - started);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
    rows = result.rows.length;
    cells = rows * result.periods.length;
  }
  return {
    report,
    rows,
    cells,
    medianMs: round(percentile(wall, 0.5)),
    p95Ms: round(percentile(wall, 0.95)),
    medianCpuMs: round(percentile(cpu, 0.5)),
    p95CpuMs: round(percentile(cpu, 0.95)),
  };
}

const year = { from: '2027-01-01', to: '2027-12-31' };
const loadBefore = os.loadavg();
const results = [
  await measure('one unit, weekly, by resource', {
    ...year,
    period: 'week',
    businessUnitId: units[3],
    pageSize: 500,
  }),
  await measure('one unit, weekly, by role', {
    ...year,
    period: 'week',
    businessUnitId: units[3],
    groupBy: 'role',
  }),
  await measure('organization, weekly, by business unit', {
    ...year,
    period: 'week',
    groupBy: 'business_unit',
  }),
  await measure('organization, monthly, by role', { ...year, period: 'month', groupBy: 'role' }),
];
const loadAfter = os.loadavg();
await db.close();
if (dir) rmSync(dir, { recursive: true, force: true });

const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, Node ${process.version}`;
const database = url ? 'PostgreSQL (DATABASE_URL)' : 'PGlite (data directory)';
const load = (values: number[]) => values.map((v) => v.toFixed(1)).join(' ');
const header = ['report', 'rows', 'cells', 'median ms', 'p95 ms', 'median CPU ms', 'p95 CPU ms'];
const lines = results.map((r) =>
  [r.report, r.rows, r.cells, r.medianMs, r.p95Ms, r.medianCpuMs, r.p95CpuMs].map(String),
);
const widths = header.map((h, i) => Math.max(h.length, ...lines.map((line) => line[i].length)));
const table = [header, ...lines]
  .map((line) =>
    line.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '),
  )
  .join('\n');
console.log(table);
const summary = {
  date: new Date().toISOString(),
  machine,
  database,
  loadAverageBefore: loadBefore,
  loadAverageAfter: loadAfter,
  data: {
    resources: RESOURCES,
    projects: PROJECTS,
    tasks: tasks.length,
    assignments: ASSIGNMENTS,
    businessUnits: UNITS,
  },
  generateSeconds: round(generateSeconds),
  runs: RUNS,
  targetMs: 500,
  results,
};
writeFileSync(new URL('../results/capacity.json', import.meta.url), `${JSON.stringify(summary, null, 2)}\n`);
writeFileSync(
  new URL('../results/capacity.md', import.meta.url),
  `# Capacity heatmap benchmark

\`node --import tsx bench/resources/capacity-bench.ts\` on ${machine}, ${database}, ${summary.date}
(load average ${load(loadBefore)} before the timed runs, ${load(loadAfter)} after; 2 cores shared with other engineers).

${RESOURCES} resources in ${UNITS} business units, ${PROJECTS} projects × ${TASKS_PER_PROJECT} tasks, ${ASSIGNMENTS} assignments
over 2027 (generated in ${round(generateSeconds)} s). Each report for the year 2027, ${RUNS} timed runs after one warm-up.
Target: one business unit's weekly heatmap under ${summary.targetMs} ms.

\`\`\`
${table}
\`\`\`
`,
);
