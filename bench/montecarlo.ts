/**
 * Monte Carlo benchmark: 10,000 iterations of generated networks of 1,000 and 10,000 leaf
 * tasks (WBS summaries, about 1.5 links per task, FS/SS/FF/SF with lags, constraints; see
 * bench/schedule/generate-network.ts) on one calendar and on the generator's two calendars,
 * and of the largest real plan in the shared data (INSISOC multi-project instance), with a
 * PERT default spread of -10 % / +25 %, a correlation group and risk events. One core: the
 * simulation is one JavaScript thread with no workers, and `--single-threaded` keeps V8's
 * compiler and garbage collector on that thread too, so the CPU time is one core's work.
 * Reports the whole call's wall and CPU time, the iterations' share, iterations per second,
 * and the ratio of one iteration to one deterministic scheduleProject run in the same process.
 *
 *   node --single-threaded --import tsx bench/montecarlo.ts [--iterations 10000] [--sizes 1000,10000]
 *
 * Writes bench/results/montecarlo.json and the table of bench/results/montecarlo.md (keeping
 * the notes by hand below it).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { simulateSchedule } from '../src/engine/montecarlo/index.ts';
import type { RiskEvent } from '../src/engine/montecarlo/types.ts';
import { scheduleProject } from '../src/engine/schedule/schedule-project.ts';
import type { ScheduleInput } from '../src/engine/schedule/types.ts';
import { mspdiToScheduleInput } from '../src/interop/mspdi/to-schedule-input.ts';
import { DATA_DIR, loadPlan } from './schedule/conformance-lib.ts';
import { generateNetwork, prng } from './schedule/generate-network.ts';

const REAL_PLAN = 'msproject/insisoc_mpsplib/31_mp_j90_a20_nr1.json.gz';

interface Row {
  network: string;
  tasks: number;
  links: number;
  iterations: number;
  compileMs: number;
  simulateMs: number;
  /** Wall and CPU time of the whole simulateSchedule call (compile, iterations, analysis); on a shared machine the CPU time is the one to compare. */
  totalWallMs: number;
  totalCpuMs: number;
  /** CPU of the iterations alone: the total less that of a one-iteration run. */
  iterationsCpuMs: number;
  analyseMs: number;
  iterationsPerSecond: number;
  scheduleProjectMs: number;
  /** How many iterations cost as much as one full deterministic schedule. */
  iterationsPerSchedule: number;
  p50: string;
  p90: string;
  criticalTasks: number;
}

function oneCalendar(input: ScheduleInput): ScheduleInput {
  return { ...input, tasks: input.tasks.map((t) => ({ ...t, calendarId: null })) };
}

/** A handful of risks and one correlation group over the first leaves, so those paths run too. */
function extras(input: ScheduleInput) {
  const parents = new Set(input.tasks.map((t) => t.parentId));
  const leaves = input.tasks.filter((t) => !parents.has(t.id) && t.duration > 0).map((t) => t.id);
  const rnd = prng(99);
  const risks: RiskEvent[] = Array.from({ length: 20 }, (_, k) => ({
    id: `R${k}`,
    probability: 0.1 + rnd() * 0.4,
    impacts: Array.from({ length: 3 }, () => ({
      taskId: leaves[Math.floor(rnd() * leaves.length)],
      optimistic: 240,
      mostLikely: 960,
      pessimistic: 2880,
    })),
  }));
  const correlations = [{ taskIds: leaves.slice(0, Math.min(50, leaves.length)), coefficient: 0.5 }];
  return { risks, correlations };
}

function measure(network: string, input: ScheduleInput, iterations: number): Row {
  // warm up both paths so the comparison is between optimised code
  simulateSchedule({ schedule: input, iterations: 50, seed: 1, defaultSpread: spread });
  let scheduleMs = Number.POSITIVE_INFINITY;
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    scheduleProject(input);
    scheduleMs = Math.min(scheduleMs, performance.now() - t);
  }
  const cpuOf = (n: number) => {
    const wall = performance.now();
    const cpu = process.cpuUsage();
    const result = simulateSchedule({
      schedule: input,
      iterations: n,
      seed: 2026,
      defaultSpread: spread,
      ...extras(input),
    });
    const used = process.cpuUsage(cpu);
    return { result, cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - wall };
  };
  // one iteration costs the compile, the deterministic schedule and the analysis: the rest is the iterations
  const overhead = cpuOf(1).cpuMs;
  const { result: r, cpuMs, wallMs } = cpuOf(iterations);
  return {
    network,
    tasks: input.tasks.length,
    links: input.links.length,
    iterations,
    compileMs: Math.round(r.timings.compileMs),
    simulateMs: Math.round(r.timings.simulateMs),
    totalWallMs: Math.round(wallMs),
    totalCpuMs: Math.round(cpuMs),
    iterationsCpuMs: Math.round(cpuMs - overhead),
    analyseMs: Math.round(r.timings.analyseMs),
    iterationsPerSecond: Math.round(iterations / (r.timings.simulateMs / 1000)),
    scheduleProjectMs: Math.round(scheduleMs * 10) / 10,
    iterationsPerSchedule: Math.round((scheduleMs / (r.timings.simulateMs / iterations)) * 10) / 10,
    p50: r.finish.percentiles.find((p) => p.p === 50)!.iso.slice(0, 16),
    p90: r.finish.percentiles.find((p) => p.p === 90)!.iso.slice(0, 16),
    criticalTasks: r.tasks.filter((t) => t.criticality > 0).length,
  };
}

const spread = { distribution: 'pert' as const, optimisticPercent: -10, pessimisticPercent: 25 };
const args = process.argv.slice(2);
const arg = (name: string) => {
  const k = args.indexOf(name);
  return k >= 0 ? args[k + 1] : undefined;
};
const iterations = Number(arg('--iterations') ?? 10_000);
const sizes = (arg('--sizes') ?? '1000,10000').split(',').map(Number);
const rows: Row[] = [];
for (const leaves of sizes) {
  const input = generateNetwork(leaves, 20_240_108);
  rows.push(measure(`generated ${leaves} one calendar`, oneCalendar(input), iterations));
  process.stderr.write(`done ${leaves} one calendar\n`);
  rows.push(measure(`generated ${leaves} two calendars`, input, iterations));
  process.stderr.write(`done ${leaves} two calendars\n`);
}
if (existsSync(join(DATA_DIR, REAL_PLAN))) {
  const { input } = mspdiToScheduleInput(loadPlan(REAL_PLAN), REAL_PLAN);
  rows.push(measure(`real ${REAL_PLAN.split('/').pop()}`, input, iterations));
}

const header = [
  'network',
  'tasks',
  'links',
  'iterations',
  'compile ms',
  'simulate ms',
  'total wall ms',
  'total cpu ms',
  'iterations cpu ms',
  'iter/s',
  'schedule ms',
  'iter per schedule',
  'P50',
  'P90',
  'ever critical',
];
const cells = rows.map((r) =>
  [
    r.network,
    r.tasks,
    r.links,
    r.iterations,
    r.compileMs,
    r.simulateMs,
    r.totalWallMs,
    r.totalCpuMs,
    r.iterationsCpuMs,
    r.iterationsPerSecond,
    r.scheduleProjectMs,
    r.iterationsPerSchedule,
    r.p50,
    r.p90,
    r.criticalTasks,
  ].map(String),
);
const widths = header.map((h, c) => Math.max(h.length, ...cells.map((r) => r[c].length)));
const line = (cs: string[]) =>
  cs.map((v, c) => (c === 0 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  ');
// A plain typed-array loop, to judge how busy the shared machine was while this ran.
const calibration = (() => {
  const a = new Float64Array(1_000_000);
  let sum = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let r = 0; r < 100; r++) for (let i = 0; i < a.length; i++) sum += a[i] += i;
  const c = process.cpuUsage(c0);
  return { ms: Math.round(performance.now() - t0), cpuMs: Math.round((c.user + c.system) / 1000), sum };
})();
const machine = {
  cpu: os.cpus()[0].model,
  cores: os.cpus().length,
  node: process.version,
  loadAverage: os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' '),
  flags: process.execArgv.filter((f) => f.startsWith('--') && f !== '--import').join(' '),
  calibrationLoopMs: calibration.ms,
  calibrationLoopCpuMs: calibration.cpuMs,
};
console.log([line(header), ...cells.map(line)].join('\n'));
console.log(
  `${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, load average ${machine.loadAverage}, 100M-step typed-array loop ${calibration.ms} ms wall / ${calibration.cpuMs} ms CPU`,
);
const table = [line(header), ...cells.map(line)].join('\n');
const NOTES = '\n## Reading these numbers';
const mdPath = 'bench/results/montecarlo.md';
const notes = existsSync(mdPath) ? readFileSync(mdPath, 'utf8').split(NOTES).slice(1).join(NOTES) : '';
writeFileSync(
  mdPath,
  `# Monte Carlo benchmark

\`node ${process.execArgv.join(' ')} bench/montecarlo.ts\` on ${new Date().toISOString().slice(0, 16)}Z, ${machine.cpu}, ${machine.cores} cores, Node ${machine.node} (load average while running: ${machine.loadAverage}; a plain 100M-step typed-array loop took ${calibration.ms} ms wall, ${calibration.cpuMs} ms CPU, as a gauge of how busy the shared machine was).

"total" is one whole \`simulateSchedule\` call (compile, the deterministic schedule, ${iterations.toLocaleString('en')} iterations, analysis); "iterations cpu ms" is that less a one-iteration call. Times in ms.

\`\`\`
${table}
\`\`\`
${notes ? NOTES + notes : ''}`,
);
writeFileSync(
  'bench/results/montecarlo.json',
  `${JSON.stringify({ date: new Date().toISOString(), machine, results: rows }, null, 2)}\n`,
);
