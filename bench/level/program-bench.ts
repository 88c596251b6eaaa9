/**
 * Leveling speed on a large program (issue 5, Performance): a generated 10,000-task program
 * (100 projects × 100 tasks, 30 shared resources, cross-project links, release dates and
 * project priorities) leveled with a budget of 1,000 schedules; the yardstick is ten seconds.
 *
 *   npx tsx bench/level/program-bench.ts [--projects 100] [--tasks 100] [--schedules 1000]
 *
 * Writes `bench/results/level-program.json`.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { checkSchedule } from '../../src/engine/level/feasibility.ts';
import { levelSchedule } from '../../src/engine/level/level-schedule.ts';
import type { LevelingProblem } from '../../src/engine/level/problem.ts';
import { createRandom } from '../../src/engine/level/random.ts';

function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
}
const projects = Number(arg('projects', '100'));
const perProject = Number(arg('tasks', '100'));
const schedules = Number(arg('schedules', '1000'));
const R = 30;

function generate(): LevelingProblem {
  const rng = createRandom(2026);
  const n = projects * perProject;
  const durations = new Int32Array(n);
  const demands = new Int32Array(n * R);
  const capacities = Array.from({ length: R }, () => 4 + rng.int(6));
  const from: number[] = [];
  const to: number[] = [];
  const projectOf = new Int32Array(n);
  const releaseDates = new Int32Array(n);
  for (let p = 0; p < projects; p++) {
    const release = rng.int(60);
    for (let k = 0; k < perProject; k++) {
      const i = p * perProject + k;
      projectOf[i] = p;
      durations[i] = 1 + rng.int(10);
      releaseDates[i] = release;
      const uses = 1 + rng.int(2);
      for (let u = 0; u < uses; u++) {
        const r = rng.int(R);
        demands[i * R + r] = 1 + rng.int(Math.min(3, capacities[r]));
      }
      const preds = k === 0 ? 0 : 1 + rng.int(3);
      for (let q = 0; q < preds; q++) {
        from.push(p * perProject + Math.max(0, k - 1 - rng.int(10)));
        to.push(i);
      }
    }
    if (p > 0 && rng.next() < 0.3) {
      // A cross-project link: an earlier project's deliverable feeds this one.
      const q = rng.int(p);
      from.push(q * perProject + perProject - 1 - rng.int(10));
      to.push(p * perProject + rng.int(perProject));
    }
  }
  return {
    durations,
    capacities,
    demands,
    links: { from, to },
    releaseDates,
    projects: projectOf,
    projectPriorities: Array.from({ length: projects }, () => rng.int(1000)),
  };
}

const problem = generate();
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const result = levelSchedule(problem, { schedules, seed: 1 });
const seconds = (performance.now() - t0) / 1000;
// The machine is shared: CPU time of this process says more than wall time under load.
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const violations = checkSchedule(problem, result.starts).length;
const unleveled = Math.max(...Array.from(result.unleveledProjectFinishes));
const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  node: process.version,
  loadAverage: os.loadavg().map((x) => Math.round(x * 10) / 10),
};
const rows = [
  [
    'tasks',
    'links',
    'resources',
    'schedules',
    'unleveled finish',
    'leveled finish',
    'infeasible',
    'seconds',
    'CPU seconds',
  ],
  [
    String(problem.durations.length),
    String(problem.links?.from.length ?? 0),
    String(R),
    String(result.schedules),
    String(unleveled),
    String(result.makespan),
    String(violations),
    seconds.toFixed(2),
    cpuSeconds.toFixed(2),
  ],
];
const width = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
process.stdout.write(`${rows.map((r) => r.map((v, c) => v.padStart(width[c])).join('  ')).join('\n')}\n`);
const date = new Date().toISOString();
writeFileSync(
  fileURLToPath(new URL('../results/level-program.json', import.meta.url)),
  `${JSON.stringify({ machine, date, projects, perProject, resources: R, schedules: result.schedules, unleveled, makespan: result.makespan, violations, seconds, cpuSeconds }, null, 2)}\n`,
);
writeFileSync(
  fileURLToPath(new URL('../results/level-program.md', import.meta.url)),
  [
    '# Leveling a large program',
    '',
    `Machine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}; load average ${machine.loadAverage.join(' / ')} at the end (shared machine: wall time is inflated by other work, CPU time much less); ${date}.`,
    `Generated program: ${projects} projects × ${perProject} tasks, ${R} shared resources, release dates, project priorities, cross-project links; budget ${schedules} schedules, seed 1. Yardstick: under 10 s.`,
    '',
    `| ${rows[0].join(' | ')} |`,
    `| ${rows[0].map(() => '---').join(' | ')} |`,
    `| ${rows[1].join(' | ')} |`,
    '',
  ].join('\n'),
);
