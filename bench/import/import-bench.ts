/**
 * MSPDI import end to end on PGlite: a generated plan of 10,000 and 100,000 tasks (written by the
 * MSPDI writer) imported through `importMspdiPlan` into a fresh PGlite data directory each.
 * Prints where the time goes (parse and check, write, schedule and write-back) and writes
 * `bench/results/import.json`. Run: `node --import tsx bench/import/import-bench.ts [sizes…]`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { type Database, openDatabase, type Queryable } from '../../src/db/connection.ts';
import { migrate } from '../../src/db/migrate.ts';
import { readMspdi } from '../../src/interop/mspdi/index.ts';
import { writeMspdi } from '../../src/interop/mspdi-write/index.ts';
import { type ImportPhase, importMspdiPlan } from '../../src/services/plan-import.ts';
import { makeOrganization, makeProject } from '../../test/support/factories.ts';
import { generatePlan } from './generate-plan.ts';

/**
 * Times every statement the import runs, summed by its first words, to show where the database time
 * goes. With `copy` false the driver's COPY and superuser session are hidden, so the rows go through
 * the INSERT fallback with foreign keys checked (what PostgreSQL servers get), to compare in one run.
 */
function timed(db: Database, sums: Map<string, number>, copy: boolean): Database {
  const wrap = (q: Queryable): Queryable => ({
    exec: (sql) => q.exec(sql),
    ...(copy && q.copyCsv
      ? {
          superuser: q.superuser,
          async copyCsv(table: string, columns: readonly string[], csv: string) {
            const started = performance.now();
            try {
              return await q.copyCsv?.(table, columns, csv);
            } finally {
              const key = `COPY ${table}`;
              sums.set(key, (sums.get(key) ?? 0) + performance.now() - started);
            }
          },
        }
      : {}),
    async query<Row>(sql: string, params?: readonly unknown[]) {
      const started = performance.now();
      try {
        return await q.query<Row>(sql, params);
      } finally {
        const key = sql.replace(/\s+/g, ' ').trim().slice(0, 48);
        sums.set(key, (sums.get(key) ?? 0) + performance.now() - started);
      }
    },
  });
  return {
    ...wrap(db),
    kind: db.kind,
    close: () => db.close(),
    transaction: (work) => db.transaction((tx) => work(wrap(tx))),
  };
}

const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const targets: Record<number, number> = { 10000: 2, 100000: 20 };
const results = [];
// Each size imports through COPY; 10,000 also through the INSERT fallback, for the ratio between them.
const runs = (sizes.length ? sizes : [10_000, 100_000]).flatMap((size) =>
  size <= 10_000
    ? [
        { size, copy: true },
        { size, copy: false },
      ]
    : [{ size, copy: true }],
);
for (const { size, copy } of runs) {
  const plan = generatePlan(size);
  const xml = writeMspdi(plan);
  const links = plan.tasks.reduce((n, t) => n + t.predecessors.length, 0);
  const dir = mkdtempSync(join(os.tmpdir(), 'orrery-import-bench-'));
  try {
    const parseStarted = performance.now();
    readMspdi(xml, 'bench.xml');
    const parseSeconds = (performance.now() - parseStarted) / 1000;
    const sums = new Map<string, number>();
    const db = timed(await openDatabase({ dataDir: dir }), sums, copy);
    await migrate(db);
    const { orgId, system } = await makeOrganization(db);
    const project = await makeProject(db, orgId);
    const marks: Partial<Record<ImportPhase | 'end', number>> = {};
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const summary = await importMspdiPlan(db, system, project.id, xml, `bench-${size}.xml`, (phase) => {
      marks[phase] = performance.now();
    });
    marks.end = performance.now();
    const cpu = process.cpuUsage(cpuBefore);
    const seconds = (marks.end - started) / 1000;
    const phase = (from: ImportPhase | 'end', to: ImportPhase | 'end') =>
      Math.round(((marks[to] ?? 0) - (marks[from] ?? 0)) / 10) / 100;
    results.push({
      rows: copy ? 'COPY' : 'INSERT',
      tasks: summary.tasks,
      links: summary.links,
      xmlMB: Math.round(Buffer.byteLength(xml) / 1e5) / 10,
      seconds: Math.round(seconds * 100) / 100,
      // PGlite runs in this process, so this is the database's CPU as well as ours; steadier than wall time on a loaded machine
      cpuSeconds: Math.round((cpu.user + cpu.system) / 1e4) / 100,
      readSeconds: phase('read', 'schedule'),
      // readMspdi alone (XML parse and field checks), measured before the import
      parseSeconds: Math.round(parseSeconds * 100) / 100,
      // the plan is scheduled in memory before it is written, dates included
      scheduleSeconds: phase('schedule', 'write'),
      writeSeconds: phase('write', 'end'),
      targetSeconds: targets[size] ?? null,
      rssMB: Math.round(process.memoryUsage().rss / 1e6),
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1e3),
      computedFinish: summary.computedFinish,
      // PGlite runs one statement at a time, so statements issued together (Promise.all) include their wait
      slowestStatements: [...sums]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 8)
        .map(([sql, ms]) => ({ sql, seconds: Math.round(ms / 10) / 100 })),
    });
    if (summary.links !== links) throw new Error(`imported ${summary.links} links of ${links}`);
    await db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const header = [
  'rows by',
  'tasks',
  'links',
  'XML MB',
  'total s',
  'CPU s',
  'read s',
  'parse s',
  'write s',
  'schedule s',
  'target s',
  'RSS MB',
  'peak MB',
];
const rows = results.map((r) => [
  r.rows,
  r.tasks.toLocaleString('en'),
  r.links.toLocaleString('en'),
  r.xmlMB.toFixed(1),
  r.seconds.toFixed(2),
  r.cpuSeconds.toFixed(2),
  r.readSeconds.toFixed(2),
  r.parseSeconds.toFixed(2),
  r.writeSeconds.toFixed(2),
  r.scheduleSeconds.toFixed(2),
  r.targetSeconds === null ? '-' : String(r.targetSeconds),
  String(r.rssMB),
  String(r.peakRssMB),
]);
const widths = header.map((h, k) => Math.max(h.length, ...rows.map((row) => row[k].length)));
const line = (cells: string[]) =>
  cells.map((c, k) => (k === 0 ? c.padEnd(widths[k]) : c.padStart(widths[k]))).join('  ');
const machine = { cpu: os.cpus()[0].model, cores: os.cpus().length, node: process.version };
console.log(
  `MSPDI import on PGlite: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, load ${os.loadavg()[0].toFixed(2)}`,
);
console.log(line(header));
for (const row of rows) console.log(line(row));
for (const r of results) {
  console.log(`\n${r.tasks.toLocaleString('en')} tasks (${r.rows}), slowest statements:`);
  for (const s of r.slowestStatements) console.log(`  ${s.seconds.toFixed(2).padStart(6)} s  ${s.sql}`);
}
mkdirSync(new URL('../results/', import.meta.url), { recursive: true });
writeFileSync(
  new URL('../results/import.json', import.meta.url),
  `${JSON.stringify({ date: new Date().toISOString(), machine, loadAverage: os.loadavg()[0], results }, null, 2)}\n`,
);
