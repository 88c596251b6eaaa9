/**
 * PSPLIB benchmark of the leveling engine (issue 5, point 5).
 *
 * Levels every j30 and j60 instance at budgets of 1, 1,000 and 5,000 generated schedules,
 * checks every schedule with the independent feasibility checker, and prints per set: mean
 * deviation from the optimum (j30), from the critical-path bound and from the best known
 * makespan, optima hit, and time per instance. Writes `bench/results/level-psplib-<budget>.json`
 * (each instance's makespan and starts) and `bench/results/level-psplib.md`; a `## Notes` section
 * written by hand at the end of the .md survives reruns.
 *
 * Budget counting, as in Kolisch & Hartmann's comparisons: every run of a schedule generator
 * counts one schedule — each priority-rule pass (parallel or serial), and in the genetic search
 * each decoding of an activity list and each justification pass (a child costs two: decode one
 * way, justify the other; a walk step the same). Turning a schedule into an activity list or
 * mirroring it in time generates nothing and counts nothing. The engine never spends more than
 * the budget and stops early when a schedule reaches a lower bound (critical path or resource
 * work), so easy instances report fewer schedules.
 *
 *   npx tsx bench/level/psplib-bench.ts [--budgets 1,1000,5000] [--sets j30,j60]
 *     [--workers 2] [--seed 1] [--every 1]
 */
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import cliProgress from 'cli-progress';
import { writeWithNotes } from './notes.ts';
import { type PsplibReference, readReferences } from './psplib-instances.ts';
import type { LevelJob, LevelOutcome } from './psplib-worker.ts';

function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
}

const budgets = arg('budgets', '1,1000,5000').split(',').map(Number);
const sets = arg('sets', 'j30,j60').split(',');
const workers = Number(arg('workers', '2'));
const seed = Number(arg('seed', '1'));
const every = Number(arg('every', '1'));
const outDir = fileURLToPath(new URL('../results/', import.meta.url));

const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
  /** The machine is shared: load average when the run started (1, 5, 15 minutes). */
  loadAverage: os.loadavg().map((x) => Math.round(x * 10) / 10),
};

async function runPool(jobs: LevelJob[], onDone: () => void): Promise<LevelOutcome[]> {
  const results = new Array<LevelOutcome>(jobs.length);
  let next = 0;
  const workerFile = fileURLToPath(new URL('./psplib-worker.ts', import.meta.url));
  await Promise.all(
    Array.from({ length: Math.min(workers, jobs.length) }, () => {
      const child = fork(workerFile, [], { execArgv: ['--import', 'tsx'] });
      return new Promise<void>((resolve, reject) => {
        let current = -1;
        const feed = () => {
          if (next >= jobs.length) {
            child.send({ done: true });
            return;
          }
          current = next++;
          child.send(jobs[current]);
        };
        child.on('message', (outcome: LevelOutcome) => {
          results[current] = outcome;
          onDone();
          feed();
        });
        child.on('exit', (code) =>
          code === 0 ? resolve() : reject(new Error(`worker exited with ${code}`)),
        );
        child.on('error', reject);
        feed();
      });
    }),
  );
  return results;
}

interface SetSummary {
  set: string;
  instances: number;
  infeasible: number;
  meanDevOptimum: number | null;
  meanDevCp: number;
  meanDevBest: number;
  optimaHit: number;
  provenOptimal: number;
  bestKnownReached: number;
  meanMs: number;
  maxMs: number;
  meanSchedules: number;
}

function summarize(set: string, refs: PsplibReference[], out: LevelOutcome[]): SetSummary {
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const withOpt = refs.map((r, k) => [r, out[k]] as const).filter(([r]) => r.optimum !== null);
  return {
    set,
    instances: refs.length,
    infeasible: out.filter((o) => o.violations.length > 0).length,
    meanDevOptimum:
      withOpt.length === refs.length
        ? 100 * mean(withOpt.map(([r, o]) => (o.makespan - (r.optimum as number)) / (r.optimum as number)))
        : null,
    meanDevCp: 100 * mean(refs.map((r, k) => (out[k].makespan - r.cpBound) / r.cpBound)),
    meanDevBest: 100 * mean(refs.map((r, k) => (out[k].makespan - r.bestKnown) / r.bestKnown)),
    optimaHit: refs.filter((r, k) => r.provenOptimal && out[k].makespan === r.bestKnown).length,
    provenOptimal: refs.filter((r) => r.provenOptimal).length,
    bestKnownReached: refs.filter((r, k) => out[k].makespan <= r.bestKnown).length,
    meanMs: mean(out.map((o) => o.ms)),
    maxMs: Math.max(...out.map((o) => o.ms)),
    meanSchedules: mean(out.map((o) => o.schedules)),
  };
}

function table(rows: string[][]): string {
  const width = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows
    .map((r) => r.map((v, c) => (c === 0 ? v.padEnd(width[c]) : v.padStart(width[c]))).join('  '))
    .join('\n');
}

const header = [
  'set',
  'budget',
  'n',
  'infeasible',
  'dev opt %',
  'dev CP %',
  'dev best %',
  'optima hit',
  'best reached',
  'ms/inst',
  'max ms',
  'wall s',
];
const rows: string[][] = [header];
const all = readReferences();
for (const budget of budgets) {
  const refs = all.filter((r) => sets.includes(r.set)).filter((_, k) => k % every === 0);
  const jobs = refs.map((r) => ({ file: r.file, budget, seed }));
  const bar = process.stderr.isTTY
    ? new cliProgress.SingleBar(
        { format: `budget ${budget} {bar} {value}/{total}` },
        cliProgress.Presets.shades_classic,
      )
    : null;
  bar?.start(jobs.length, 0);
  const t0 = performance.now();
  const out = await runPool(jobs, () => bar?.increment());
  const wall = (performance.now() - t0) / 1000;
  bar?.stop();
  const summaries: SetSummary[] = [];
  for (const set of sets) {
    const idx = refs.map((r, k) => (r.set === set ? k : -1)).filter((k) => k >= 0);
    if (idx.length === 0) continue;
    const s = summarize(
      set,
      idx.map((k) => refs[k]),
      idx.map((k) => out[k]),
    );
    summaries.push(s);
    rows.push([
      set,
      String(budget),
      String(s.instances),
      String(s.infeasible),
      s.meanDevOptimum === null ? '-' : s.meanDevOptimum.toFixed(3),
      s.meanDevCp.toFixed(2),
      s.meanDevBest.toFixed(3),
      `${s.optimaHit}/${s.provenOptimal}`,
      `${s.bestKnownReached}/${s.instances}`,
      s.meanMs.toFixed(1),
      s.maxMs.toFixed(0),
      wall.toFixed(1),
    ]);
  }
  for (const o of out) {
    if (o.violations.length > 0) process.stderr.write(`INFEASIBLE ${o.file}: ${o.violations[0]}\n`);
  }
  writeFileSync(
    `${outDir}level-psplib-${budget}.json`,
    `${JSON.stringify({
      budget,
      seed,
      workers,
      wallSeconds: wall,
      machine,
      date: new Date().toISOString(),
      summaries,
      instances: refs.map((r, k) => ({
        set: r.set,
        name: r.name,
        makespan: out[k].makespan,
        optimum: r.optimum,
        bestKnown: r.bestKnown,
        cpBound: r.cpBound,
        schedules: out[k].schedules,
        ms: Math.round(out[k].ms * 10) / 10,
        starts: out[k].starts,
      })),
    })}\n`,
  );
  process.stdout.write(`${table(rows.slice(0, 1).concat(rows.slice(-summaries.length)))}\n`);
}

const md = [
  '# Leveling on PSPLIB (j30, j60)',
  '',
  `Machine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, ${machine.platform}; load average ${machine.loadAverage.join(' / ')} at start (shared machine: times are inflated by other work); ${workers} worker processes; seed ${seed}; every ${every === 1 ? '' : `${every}th `}instance.`,
  '',
  'dev opt: mean deviation from the proven optimum (j30). dev CP: from the critical-path lower bound.',
  'dev best: from the best known makespan (PSPLIB j60hrs). optima hit: makespan equal to a proven optimum.',
  'ms/inst: time to level one instance in one worker process. Every schedule passed the feasibility checker',
  'unless the infeasible column says otherwise. Budget: every run of a schedule generator counts one schedule',
  '(priority-rule passes, each decoding and each justification pass in the search).',
  '',
  `| ${header.join(' | ')} |`,
  `| ${header.map(() => '---').join(' | ')} |`,
  ...rows.slice(1).map((r) => `| ${r.join(' | ')} |`),
  '',
];
writeWithNotes(`${outDir}level-psplib.md`, md.join('\n'));
process.stdout.write(`\n${table(rows)}\n`);
