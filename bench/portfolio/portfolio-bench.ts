/**
 * Portfolio optimization benchmark (issue 8, point 4).
 *
 * 1. Exact: 60 candidates × 12 periods × 10 roles, several seeded instances, solved by the
 *    branch and bound (`method: 'exact'`); target under 5 s each. Optionally the same with
 *    start shifts of up to one period (`--shift-seeds`), reported with method and gap.
 * 2. Heuristic: 1,000 candidates × 12 × 10, greedy + local search with its gap to the LP or
 *    Lagrangean bound; target under 5 s each.
 *
 * Prints a table and writes `bench/results/portfolio.json` with the machine and its load
 * (the machines are shared: CPU time is recorded beside wall time).
 *
 *   npx tsx bench/portfolio/portfolio-bench.ts [--seeds 10] [--shift-seeds 3] [--heuristic-seeds 3]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { type SelectionOptions, selectPortfolio } from '../../src/engine/portfolio/index.ts';
import { generatePortfolioInstance, type InstanceShape } from './generate-instance.ts';

function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
}

const seeds = Number(arg('seeds', '10'));
const shiftSeeds = Number(arg('shift-seeds', '3'));
const heuristicSeeds = Number(arg('heuristic-seeds', '3'));
const outDir = fileURLToPath(new URL('../results/', import.meta.url));

interface Row {
  case: string;
  seed: number;
  candidates: number;
  method: string;
  score: number;
  bound: number;
  gapPercent: number;
  nodes: number;
  selected: number;
  wallMs: number;
  cpuMs: number;
}

function run(label: string, shape: InstanceShape, seed: number, options: SelectionOptions): Row {
  const problem = generatePortfolioInstance(shape, seed);
  const cpu = process.cpuUsage();
  const start = performance.now();
  const r = selectPortfolio(problem, options);
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return {
    case: label,
    seed,
    candidates: shape.candidates,
    method: r.method,
    score: r.totalScore,
    bound: Math.round(r.bound * 100) / 100,
    gapPercent: Math.round(r.gap * 10000) / 100,
    nodes: r.nodes,
    selected: r.selected.length,
    wallMs: Math.round(wallMs),
    cpuMs: Math.round((used.user + used.system) / 1000),
  };
}

const loadBefore = os.loadavg();
const rows: Row[] = [];
const exactShape = { candidates: 60, periods: 12, roles: 10 };
for (let seed = 1; seed <= seeds; seed++) {
  rows.push(run('exact 60x12x10', exactShape, seed, { method: 'exact', maxNodes: 1_000_000 }));
  process.stderr.write('.');
}
for (let seed = 1; seed <= shiftSeeds; seed++) {
  // Shifts triple nothing but the search: a node budget keeps this case bounded.
  rows.push(
    run('exact 60x12x10 shift<=1', { ...exactShape, maxShift: 1 }, seed, {
      method: 'exact',
      maxNodes: 20_000,
    }),
  );
  process.stderr.write('.');
}
const heuristicShape = { candidates: 1000, periods: 12, roles: 10 };
for (let seed = 1; seed <= heuristicSeeds; seed++) {
  rows.push(run('heuristic 1000x12x10', heuristicShape, seed, { method: 'heuristic' }));
  process.stderr.write('.');
}
process.stderr.write('\n');

const columns: (keyof Row)[] = [
  'case',
  'seed',
  'method',
  'score',
  'bound',
  'gapPercent',
  'nodes',
  'selected',
  'wallMs',
  'cpuMs',
];
const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
const line = (cells: string[]) =>
  cells.map((cell, k) => (k === 0 || k === 2 ? cell.padEnd(widths[k]) : cell.padStart(widths[k]))).join('  ');
console.log(line(columns.map(String)));
for (const r of rows) console.log(line(columns.map((c) => String(r[c]))));

const summary = (label: string) => {
  const of = rows.filter((r) => r.case === label);
  if (of.length === 0) return null;
  const wall = of.map((r) => r.wallMs).sort((a, b) => a - b);
  return {
    case: label,
    instances: of.length,
    allExact: of.every((r) => r.method === 'exact'),
    maxWallMs: wall[wall.length - 1],
    medianWallMs: wall[Math.floor(wall.length / 2)],
    maxCpuMs: Math.max(...of.map((r) => r.cpuMs)),
    maxGapPercent: Math.max(...of.map((r) => r.gapPercent)),
  };
};
const summaries = ['exact 60x12x10', 'exact 60x12x10 shift<=1', 'heuristic 1000x12x10']
  .map(summary)
  .filter(Boolean);
console.log();
for (const s of summaries) console.log(JSON.stringify(s));

mkdirSync(outDir, { recursive: true });
writeFileSync(
  `${outDir}portfolio.json`,
  `${JSON.stringify(
    {
      benchmark: 'portfolio selection (bench/portfolio/portfolio-bench.ts)',
      date: new Date().toISOString(),
      machine: {
        cpu: os.cpus()[0]?.model ?? 'unknown',
        cores: os.cpus().length,
        node: process.version,
        platform: `${os.platform()} ${os.release()}`,
        loadAverageBefore: loadBefore,
        loadAverageAfter: os.loadavg(),
      },
      instances:
        'generatePortfolioInstance (bench/portfolio/generate-instance.ts): budget 40% and capacity 45% of the average load',
      summaries,
      rows,
    },
    null,
    2,
  )}\n`,
);
console.log(`\nwrote ${outDir}portfolio.json`);
