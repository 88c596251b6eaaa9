import { checkSchedule } from '../../src/engine/level/feasibility.ts';
import { levelSchedule } from '../../src/engine/level/level-schedule.ts';
import { resourceLowerBound } from '../../src/engine/level/lower-bound.ts';
import { compileProblem } from '../../src/engine/level/problem.ts';
import { readMsProjectJsonFile } from '../../src/interop/msproject-json.ts';
import { insisocToProblem } from './insisoc-problem.ts';

export interface InsisocJob {
  readonly file: string;
  readonly budget: number;
  readonly seed: number;
  readonly maxTasks: number;
}

export interface InsisocOutcome {
  readonly file: string;
  readonly skipped: boolean;
  readonly tasks: number;
  readonly projects: number;
  readonly cpBound: number;
  /** Resource (energetic) lower bound, at least the critical path: no schedule finishes sooner. */
  readonly lowerBound: number;
  readonly makespan: number;
  readonly projectFinishes: number[];
  readonly schedules: number;
  readonly ms: number;
  readonly violations: string[];
  readonly warnings: string[];
  readonly starts: number[];
}

export function runInsisoc(job: InsisocJob): InsisocOutcome {
  const converted = insisocToProblem(readMsProjectJsonFile(job.file));
  const { problem } = converted;
  const n = problem.durations.length;
  if (n > job.maxTasks) {
    return {
      file: job.file,
      skipped: true,
      tasks: n,
      projects: converted.projectNames.length,
      cpBound: 0,
      lowerBound: 0,
      makespan: 0,
      projectFinishes: [],
      schedules: 0,
      ms: 0,
      violations: [],
      warnings: converted.warnings,
      starts: [],
    };
  }
  const t0 = performance.now();
  const result = levelSchedule(problem, { schedules: job.budget, seed: job.seed });
  const ms = performance.now() - t0;
  return {
    file: job.file,
    skipped: false,
    tasks: n,
    projects: converted.projectNames.length,
    cpBound: Math.max(...Array.from(result.unleveledProjectFinishes)),
    lowerBound: resourceLowerBound(compileProblem(problem)),
    makespan: result.makespan,
    projectFinishes: Array.from(result.projectFinishes),
    schedules: result.schedules,
    ms,
    violations: checkSchedule(problem, result.starts).map((v) => v.message),
    warnings: converted.warnings,
    starts: Array.from(result.starts),
  };
}

if (process.send) {
  process.on('message', (job: InsisocJob | { done: true }) => {
    if ('done' in job) process.exit(0);
    process.send?.(runInsisoc(job));
  });
}
