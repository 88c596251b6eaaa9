/**
 * Multi-project leveling on the INSISOC MPSPLIB instances (issue 5, point 5): several projects
 * sharing resources, read from the MS Project dumps in `data/msproject/insisoc_mpsplib/` with
 * `src/interop/msproject-json.ts`, leveled in working days (see `insisoc-problem.ts` for the
 * modelling), every schedule checked, and the total makespan (TMS: last finish, in working days
 * from the plan start) compared with what the published P-SGS/MINSLK heuristic reached inside
 * MS Project (`data/leveling/insisoc_psgs_minslk_tms.csv`).
 *
 *   npx tsx bench/level/insisoc-bench.ts [--budget 5000] [--seed 1] [--max-tasks 100000] [--workers 2]
 *
 * Writes `bench/results/level-insisoc.json` and `bench/results/level-insisoc.md` (a hand-written
 * `## Notes` section at the end of the .md survives reruns). The budget is 5,000 schedules, counted
 * as in `psplib-bench.ts` (every schedule-generator run counts one); at that budget the slowest
 * instance takes about 15 s on a loaded 2-core machine. "lower bound" is `resourceLowerBound`:
 * the critical path or, when larger, the work of the busiest resource plus the capacity it must
 * leave idle at the start and end; a published TMS below it cannot be matched by any schedule
 * of this model.
 */
import { fork } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InsisocJob, InsisocOutcome } from './insisoc-worker.ts';
import { writeWithNotes } from './notes.ts';

const DATA = '/work/shared/data';
function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
}
const budget = Number(arg('budget', '5000'));
const seed = Number(arg('seed', '1'));
const maxTasks = Number(arg('max-tasks', '100000'));
const workers = Number(arg('workers', '2'));
const outDir = fileURLToPath(new URL('../results/', import.meta.url));

const published = new Map<string, { tms: number; cpu: number }>();
for (const line of readFileSync(join(DATA, 'leveling', 'insisoc_psgs_minslk_tms.csv'), 'utf8')
  .trim()
  .split(/\r?\n/)
  .slice(1)) {
  const [seq, instance, tms, cpu] = line.split(',');
  published.set(`${seq}_${instance}`, { tms: Number(tms), cpu: Number(cpu) });
}
const dir = join(DATA, 'msproject', 'insisoc_mpsplib');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json.gz'))
  .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10));

async function runPool(jobs: InsisocJob[]): Promise<InsisocOutcome[]> {
  const results = new Array<InsisocOutcome>(jobs.length);
  let next = 0;
  const workerFile = fileURLToPath(new URL('./insisoc-worker.ts', import.meta.url));
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
        child.on('message', (outcome: InsisocOutcome) => {
          results[current] = outcome;
          process.stderr.write(`${outcome.file}: TMS ${outcome.makespan}\n`);
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

const jobs = files.map((f) => ({ file: join(dir, f), budget, seed, maxTasks }));
const t0 = performance.now();
const out = (await runPool(jobs)).filter((o) => !o.skipped);
const wall = (performance.now() - t0) / 1000;

const rows: string[][] = [
  [
    'instance',
    'projects',
    'tasks',
    'CP days',
    'lower bound',
    'published TMS',
    'Orrery TMS',
    'diff',
    'infeasible',
    'seconds',
  ],
];
let better = 0;
let equalAtBound = 0;
let equal = 0;
let worse = 0;
let belowBound = 0;
let compared = 0;
const worseList: string[] = [];
const belowList: string[] = [];
for (const o of out) {
  const key = o.file.replace(/^.*\//, '').replace(/\.json\.gz$/, '');
  const ref = published.get(key);
  const diff = ref ? o.makespan - ref.tms : null;
  if (ref && diff !== null) {
    compared++;
    if (ref.tms < o.lowerBound) belowBound++;
    if (diff < 0) better++;
    else if (diff === 0 && ref.tms === o.lowerBound) equalAtBound++;
    else if (diff === 0) equal++;
    else worse++;
    if (diff >= 0 && ref.tms > o.lowerBound) worseList.push(`${key} (${diff > 0 ? `+${diff}` : '0'})`);
    if (ref.tms < o.lowerBound) belowList.push(`${key} (published ${ref.tms}, bound ${o.lowerBound})`);
  }
  rows.push([
    key,
    String(o.projects),
    String(o.tasks),
    String(o.cpBound),
    String(o.lowerBound),
    ref ? String(ref.tms) : '-',
    String(o.makespan),
    diff === null ? '-' : diff > 0 ? `+${diff}` : String(diff),
    String(o.violations.length),
    (o.ms / 1000).toFixed(1),
  ]);
}
const width = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
const text = rows.map((r) =>
  r.map((v, c) => (c === 0 ? v.padEnd(width[c]) : v.padStart(width[c]))).join('  '),
);
const summary = [
  `${out.length} instances leveled (${compared} with a published TMS): better on ${better},`,
  `equal on ${equalAtBound + equal} (${equalAtBound} of them at the lower bound, unbeatable), worse on ${worse};`,
  `${belowBound} published TMS below our lower bound, unreachable in this model${belowList.length ? `: ${belowList.join(', ')}` : ''};`,
  `not better where the published TMS is above the lower bound: ${worseList.length ? worseList.join(', ') : 'none'};`,
  `${out.filter((o) => o.violations.length > 0).length} infeasible; wall ${wall.toFixed(0)} s`,
].join(' ');
process.stdout.write(`${text.join('\n')}\n${summary}\n`);
const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
  /** The machine is shared: load average when the run started (1, 5, 15 minutes). */
  loadAverage: os.loadavg().map((x) => Math.round(x * 10) / 10),
};
writeFileSync(
  `${outDir}level-insisoc.json`,
  `${JSON.stringify({ budget, seed, workers, maxTasks, wallSeconds: wall, machine, date: new Date().toISOString(), summary, instances: out })}\n`,
);
writeWithNotes(
  `${outDir}level-insisoc.md`,
  [
    '# Multi-project leveling on INSISOC MPSPLIB instances',
    '',
    `Machine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, load average ${machine.loadAverage.join(' / ')} at start; budget ${budget} schedules, seed ${seed}, ${workers} workers.`,
    'Periods are working days of the split-shift calendar; TMS = last finish in working days from the plan start.',
    'Published TMS: P-SGS/MINSLK heuristic run inside MS Project (INSISOC, CC BY-NC, figures only).',
    '',
    summary,
    '',
    `| ${rows[0].join(' | ')} |`,
    `| ${rows[0].map(() => '---').join(' | ')} |`,
    ...rows.slice(1).map((r) => `| ${r.join(' | ')} |`),
    '',
  ].join('\n'),
);
