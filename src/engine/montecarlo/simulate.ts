import { scheduleProject } from '../schedule/schedule-project.ts';
import type { TaskId } from '../schedule/types.ts';
import { type CompiledSimulation, compileSimulation } from './compile.ts';
import { DrivingPath } from './driving-path.ts';
import { ForwardKernel } from './kernel.ts';
import { Xoshiro128 } from './random.ts';
import { DurationSampler } from './sampler.ts';
import { averageRanks, describeFinishes, FinishScale, pearson } from './statistics.ts';
import type { SimulationInput, SimulationResult, TaskRisk } from './types.ts';

/**
 * Monte Carlo schedule risk: samples task durations (three-point estimates or a default
 * spread, correlation groups, risk events), reschedules the network each iteration and
 * reports the finish distribution, the probability of meeting a date, each task's
 * criticality index and sensitivity. Pure and seeded: the same input gives the same result.
 *
 * @example
 * const r = simulateSchedule({ schedule, iterations: 10_000, seed: 1,
 *   defaultSpread: { distribution: 'pert', optimisticPercent: -10, pessimisticPercent: 25 } });
 * r.finish.percentiles.find((p) => p.p === 80)?.iso // '2025-03-14T17:00:00'
 */
export function simulateSchedule(input: SimulationInput): SimulationResult {
  const t0 = performance.now();
  const c = compileSimulation(input.schedule, input);
  const deterministic = scheduleProject(input.schedule);
  const t1 = performance.now();
  const run = runIterations(c, input);
  const t2 = performance.now();
  const net = c.net;
  const n = net.taskCount;
  const N = input.iterations;

  const mainCalendar = c.calendars[c.projectCalendar[0]];
  const start = Math.min(...c.projectStart);
  const scale = new FinishScale(mainCalendar, start);
  const target = input.targetDate ?? null;
  const bins = input.histogramBins ?? 40;
  const finish = describeFinishes(run.finishes, scale, deterministic.projectFinish, target, bins);
  const projects =
    c.projectIds.length > 1
      ? c.projectIds.map((id, p) => {
          const own = new FinishScale(c.calendars[c.projectCalendar[p]], c.projectStart[p]);
          return {
            id,
            ...describeFinishes(run.projectFinishes[p], own, deterministic.projects[p].finish, target, bins),
          };
        })
      : [];

  const sensitivity = sensitivities(c, run);
  const tasks: TaskRisk[] = [];
  for (let i = 0; i < n; i++) {
    tasks.push({
      taskId: net.taskIds[i],
      name: net.taskName(i),
      criticality: run.critical[i] / N,
      sensitivity: sensitivity[i],
      meanDuration: meanDuration(run, i, c.baseDuration[i]),
    });
  }
  const ranking: TaskId[] = tasks
    .map((t, i) => ({ i, s: Math.abs(t.sensitivity) }))
    .filter((x) => x.s > 0)
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .map((x) => net.taskIds[x.i]);
  const t3 = performance.now();
  return {
    iterations: N,
    seed: input.seed,
    calendarId: mainCalendar.id,
    start: scale.point(start),
    finish,
    projects,
    tasks,
    sensitivityRanking: ranking,
    sensitivitySample: run.rows,
    uncertainTasks: run.columns,
    timings: { compileMs: t1 - t0, simulateMs: t2 - t1, analyseMs: t3 - t2 },
    ...(input.keepSamples ? { samples: run.finishes, projectSamples: run.projectFinishes } : {}),
  };
}

interface IterationRecord {
  readonly finishes: Float64Array;
  readonly projectFinishes: Float64Array[];
  /** Iterations on the driving path, per task. */
  readonly critical: Float64Array;
  /** Column of each task in the duration samples, or -1 when its duration never varies. */
  readonly column: Int32Array;
  readonly columns: number;
  readonly rows: number;
  /** rows × columns task durations of the sensitivity subsample, and the finish of each row. */
  readonly durationRows: Float32Array;
  readonly rowFinish: Float64Array;
}

/** The iterations: sample, schedule, record. */
export function runIterations(c: CompiledSimulation, input: SimulationInput): IterationRecord {
  const net = c.net;
  const n = net.taskCount;
  const N = input.iterations;
  const pc = c.projectIds.length;
  const kernel = new ForwardKernel(c);
  const path = new DrivingPath(c, kernel);
  const rng = new Xoshiro128(input.seed);
  const sampler = new DurationSampler(c, kernel);
  // durations by slot, as the pass left them
  const slot = kernel.taskSlot;
  const dur = sampler.dur;
  const finishes = new Float64Array(N);
  const projectFinishes = Array.from({ length: pc }, () => new Float64Array(N));
  const pf = new Float64Array(pc);
  const critical = new Float64Array(n);

  const s = c.sampled;
  const r = c.risks;
  const column = new Int32Array(n).fill(-1);
  let columns = 0;
  for (let j = 0; j < s.count; j++) column[s.task[j]] = columns++;
  for (let k = 0; k < r.task.length; k++) if (column[r.task[k]] < 0) column[r.task[k]] = columns++;
  const varying = new Int32Array(columns);
  for (let i = 0; i < n; i++) if (column[i] >= 0) varying[column[i]] = slot[i];
  const rows = Math.min(N, Math.max(0, Math.floor(input.sensitivitySample ?? 1000)));
  const durationRows = new Float32Array(rows * columns);
  const rowFinish = new Float64Array(rows);
  let row = 0;
  let nextRow = 0;

  for (let it = 0; it < N; it++) {
    sampler.start(rng);
    kernel.runPlan(sampler, rng);
    sampler.finish(rng);
    kernel.projectFinishes(pf);
    let f = pf[0];
    for (let p = 0; p < pc; p++) {
      projectFinishes[p][it] = pf[p];
      if (pf[p] > f) f = pf[p];
    }
    finishes[it] = f;
    path.mark(f, it + 1, critical);
    if (row < rows && it === nextRow) {
      const off = row * columns;
      for (let k = 0; k < columns; k++) durationRows[off + k] = dur[varying[k]];
      rowFinish[row] = f;
      row++;
      nextRow = Math.floor((row * N) / rows);
    }
  }
  return {
    finishes,
    projectFinishes,
    critical,
    column,
    columns,
    rows,
    durationRows,
    rowFinish,
  };
}

/** A task's mean duration over the subsample of iterations (its fixed duration if it never varies). */
function meanDuration(run: IterationRecord, i: number, fixed: number): number {
  const col = run.column[i];
  if (col < 0 || run.rows === 0) return fixed;
  let sum = 0;
  for (let k = 0; k < run.rows; k++) sum += run.durationRows[k * run.columns + col];
  return sum / run.rows;
}

/**
 * Spearman rank correlation of each task's duration with the finish, on the subsample of
 * iterations. Only tasks that were ever on the driving path get one: a task off every driving
 * path cannot move the finish (outside correlation with tasks that do), and skipping them
 * keeps the ranking cheap on large networks.
 */
function sensitivities(c: CompiledSimulation, run: IterationRecord): Float64Array {
  const out = new Float64Array(c.net.taskCount);
  const { rows, columns } = run;
  if (rows < 3) return out;
  const finishRanks = new Float64Array(rows);
  averageRanks(run.rowFinish, finishRanks);
  const values = new Float64Array(rows);
  const ranks = new Float64Array(rows);
  for (let i = 0; i < c.net.taskCount; i++) {
    const col = run.column[i];
    if (col < 0 || run.critical[i] === 0) continue;
    for (let k = 0; k < rows; k++) values[k] = run.durationRows[k * columns + col];
    averageRanks(values, ranks);
    out[i] = pearson(ranks, finishRanks);
  }
  return out;
}
