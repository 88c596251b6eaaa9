import { readFileSync } from 'node:fs';
import { checkSchedule } from '../../src/engine/level/feasibility.ts';
import { levelSchedule } from '../../src/engine/level/level-schedule.ts';
import { parsePsplibSm, psplibToProblem } from '../../src/interop/psplib.ts';

/** What the benchmark asks a worker to level, and what it sends back per instance. */
export interface LevelJob {
  readonly file: string;
  readonly budget: number;
  readonly seed: number;
}

export interface LevelOutcome {
  readonly file: string;
  readonly makespan: number;
  readonly starts: number[];
  readonly schedules: number;
  readonly ms: number;
  readonly violations: string[];
}

export function runJob(job: LevelJob): LevelOutcome {
  const problem = psplibToProblem(parsePsplibSm(readFileSync(job.file, 'utf8'), job.file));
  const t0 = performance.now();
  const result = levelSchedule(problem, { schedules: job.budget, seed: job.seed });
  const ms = performance.now() - t0;
  const violations = checkSchedule(problem, result.starts).map((v) => v.message);
  return {
    file: job.file,
    makespan: result.makespan,
    starts: Array.from(result.starts),
    schedules: result.schedules,
    ms,
    violations,
  };
}

// As a forked child: level each job it is sent and answer with the outcome.
if (process.send) {
  process.on('message', (job: LevelJob | { done: true }) => {
    if ('done' in job) process.exit(0);
    process.send?.(runJob(job));
  });
}
