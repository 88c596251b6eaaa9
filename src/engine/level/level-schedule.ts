import { orderByKey } from './activity-order.ts';
import { searchGenetic } from './genetic-search.ts';
import { compareScores, scoreBound, scoreLength, scoreSchedule } from './objective.ts';
import { runParallelSgs } from './parallel-sgs.ts';
import {
  commonEndLateStart,
  PRIORITY_RULES,
  type PriorityRule,
  priorityKeys,
  sampleActivityList,
} from './priority-rules.ts';
import { type CompiledProblem, compileProblem, type LevelingProblem } from './problem.ts';
import { createRandom } from './random.ts';
import { runSerialSgs, runSerialSgsWithinSlack } from './serial-sgs.ts';
import { createWorkspace, resetForward } from './workspace.ts';

export interface LevelOptions {
  /** Budget of generated schedules (every schedule-generation pass counts). Default 1,000. */
  readonly schedules?: number;
  /** Seed of the pseudo-random search; the same seed gives the same result. Default 1. */
  readonly seed?: number;
  /**
   * `allow-delay` (default): delay tasks as needed, past the unconstrained finish if need be.
   * `within-slack`: never start a task after its late start, so no project finishes later
   * than it would unleveled; conflicts that cannot be solved that way stay, and are listed.
   */
  readonly mode?: 'allow-delay' | 'within-slack';
  /** Priority rule of the first pass and of the sampling. Default `lft` (`mslk` within slack). */
  readonly rule?: PriorityRule;
}

export interface LevelResult {
  readonly starts: Int32Array;
  readonly finishes: Int32Array;
  readonly makespan: number;
  /** Start minus the resource-unconstrained early start, per task. */
  readonly delays: Int32Array;
  /** Unconstrained early start per task (release dates and links only). */
  readonly earlyStarts: Int32Array;
  /** Finish of each project after leveling, and before (unconstrained). */
  readonly projectFinishes: Int32Array;
  readonly unleveledProjectFinishes: Int32Array;
  /** Tasks left over capacity (within-slack mode only; empty otherwise). */
  readonly unresolved: Int32Array;
  /** Schedules actually generated. */
  readonly schedules: number;
}

function report(p: CompiledProblem, start: Int32Array, unresolved: number[], schedules: number): LevelResult {
  const n = p.n;
  const starts = start.slice(0, n);
  const finishes = new Int32Array(n);
  const delays = new Int32Array(n);
  const projectFinishes = new Int32Array(p.projectCount);
  const unleveled = new Int32Array(p.projectCount);
  let makespan = 0;
  for (let i = 0; i < n; i++) {
    finishes[i] = starts[i] + p.duration[i];
    delays[i] = starts[i] - p.earlyStart[i];
    const pr = p.project[i];
    if (finishes[i] > projectFinishes[pr]) projectFinishes[pr] = finishes[i];
    const f0 = p.earlyStart[i] + p.duration[i];
    if (f0 > unleveled[pr]) unleveled[pr] = f0;
    if (finishes[i] > makespan) makespan = finishes[i];
  }
  return {
    starts,
    finishes,
    makespan,
    delays,
    earlyStarts: p.earlyStart.slice(0, n),
    projectFinishes,
    unleveledProjectFinishes: unleveled,
    unresolved: Int32Array.from(unresolved),
    schedules,
  };
}

function levelAllowingDelay(p: CompiledProblem, budget: number, seed: number, rule: PriorityRule) {
  const N = p.count;
  const L = scoreLength(p);
  const ws = createWorkspace(p);
  const best = new Int32Array(N);
  const bestScore = new Int32Array(L).fill(0x7fffffff);
  const score = new Int32Array(L);
  const seeds: Int32Array[] = [];
  let spent = 0;
  const keep = (start: Int32Array, makespan: number) => {
    spent++;
    seeds.push(start);
    scoreSchedule(p, start, makespan, score, 0);
    if (compareScores(score, 0, bestScore, 0, L) < 0) {
      best.set(start);
      bestScore.set(score);
    }
  };
  // Single passes first: parallel generation with the chosen rule (alone, usually the better
  // generator), then serial with it, then parallel with the other classic rules — minimum slack
  // is the multi-project favourite (Browning & Yassine 2010). They also seed the search. Late
  // dates run against the common end, which suits the makespan objective (commonEndLateStart);
  // for a program, passes on each project's own dates join the seeds after the others.
  const commonEnd = commonEndLateStart(p);
  const passes = [rule, ...PRIORITY_RULES.filter((r) => r !== rule && r !== 'spt')].map((r) => ({
    rule: r,
    late: commonEnd,
  }));
  if (p.projectCount > 1) passes.push({ rule, late: p.lateStart }, { rule: 'mslk', late: p.lateStart });
  for (let k = 0; k < passes.length && spent < budget; k++) {
    const keys = priorityKeys(p, passes[k].rule, passes[k].late);
    const start = new Int32Array(N);
    resetForward(p, ws);
    keep(start, runParallelSgs(p, keys, start, ws));
    if (k === 0 && spent < budget) {
      const list = new Int32Array(N);
      const serial = new Int32Array(N);
      orderByKey(p, p.forward, keys, list, ws);
      resetForward(p, ws);
      keep(serial, runSerialSgs(p, p.forward, list, serial, ws));
    }
    if (budget < 20) break; // small budgets: one or two passes, then justification below
  }
  // One search with the whole rest of the budget. Two independent half-length searches used to
  // do better, while the peak crossover read stale times; with that fixed and a larger
  // population, one search is better on j60 (5,000 schedules, seeds 1–4: 10.99% mean from the
  // critical path against 11.06%) and as good on j30.
  const share = budget - spent;
  if (share >= 2 && compareScores(bestScore, 0, scoreBound(p), 0, L) !== 0) {
    const found = searchGenetic(p, {
      budget: share,
      rng: createRandom(seed),
      seeds,
      sampleKeys: priorityKeys(p, 'lft', commonEnd),
    });
    spent += found.schedules;
    if (compareScores(found.score, 0, bestScore, 0, L) < 0) {
      best.set(found.start);
      bestScore.set(found.score);
    }
  }
  return { start: best, spent };
}

function levelWithinSlack(p: CompiledProblem, budget: number, seed: number, rule: PriorityRule) {
  const N = p.count;
  const ws = createWorkspace(p);
  const keys = priorityKeys(p, rule);
  const rng = createRandom(seed);
  const list = new Int32Array(N);
  const start = new Int32Array(N);
  const over = new Uint8Array(N);
  const best = new Int32Array(N);
  const bestOver = new Uint8Array(N);
  let bestUnresolved = Number.POSITIVE_INFINITY;
  let bestDelay = Number.POSITIVE_INFINITY;
  let spent = 0;
  while (spent < budget) {
    if (spent === 0) orderByKey(p, p.forward, keys, list, ws);
    else sampleActivityList(p, keys, rng, list, ws);
    resetForward(p, ws);
    const unresolved = runSerialSgsWithinSlack(p, list, start, over, ws);
    spent++;
    let delay = 0;
    for (let i = 0; i < N; i++) delay += start[i] - p.earlyStart[i];
    if (unresolved < bestUnresolved || (unresolved === bestUnresolved && delay < bestDelay)) {
      bestUnresolved = unresolved;
      bestDelay = delay;
      best.set(start);
      bestOver.set(over);
    }
    if (unresolved === 0 && delay === 0) break;
  }
  const unresolved: number[] = [];
  for (let i = 0; i < p.n; i++) if (bestOver[i]) unresolved.push(i);
  return { start: best, spent, unresolved };
}

/**
 * Levels a project, program or portfolio: resource-constrained scheduling of all activities
 * against shared renewable resources, honouring links, release dates and priorities, within
 * a budget of generated schedules. Deterministic for a given seed; the input is not modified.
 *
 * With a budget of 1 it is one parallel-generation pass with the priority rule; then a serial
 * pass, parallel passes with the other classic rules (from 20 schedules on), and a genetic
 * search over activity lists with justification, seeded with those passes. It stops early when
 * a schedule reaches a lower bound (critical path, resource work), which no schedule can beat.
 *
 * @example
 * // Two tasks that each need the single crane: one waits for the other.
 * const result = levelSchedule(
 *   { durations: [3, 2], capacities: [1], demands: [1, 1] },
 *   { schedules: 100, seed: 7 },
 * );
 * result.makespan; // 5
 * result.delays; // Int32Array [0, 3] (or [2, 0])
 */
export function levelSchedule(problem: LevelingProblem, options: LevelOptions = {}): LevelResult {
  const budget = options.schedules ?? 1000;
  if (!Number.isInteger(budget) || budget < 1) {
    throw new RangeError(`leveling: schedules must be a positive integer, got ${String(budget)}`);
  }
  const seed = options.seed ?? 1;
  const p = compileProblem(problem);
  if (options.mode === 'within-slack') {
    const found = levelWithinSlack(p, budget, seed, options.rule ?? 'mslk');
    return report(p, found.start, found.unresolved, found.spent);
  }
  const found = levelAllowingDelay(p, budget, seed, options.rule ?? 'lft');
  return report(p, found.start, [], found.spent);
}
