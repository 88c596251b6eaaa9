import { orderByKey } from './activity-order.ts';
import { createJustifyScratch, justifyTwice } from './justification.ts';
import { compareScores, hashStarts, scoreLength, scoreSchedule } from './objective.ts';
import { priorityKeys, sampleActivityList } from './priority-rules.ts';
import type { CompiledProblem } from './problem.ts';
import type { Random } from './random.ts';
import { runSerialSgs } from './serial-sgs.ts';
import { createWorkspace, resetForward } from './workspace.ts';

export interface GeneticOptions {
  /** Schedules the search may generate (every serial pass counts, justification passes too). */
  readonly budget: number;
  readonly rng: Random;
  /** Individuals kept per generation; by default grows with the budget. */
  readonly populationSize?: number;
  /** Probability of swapping each position with the next (when precedence allows). */
  readonly mutationRate?: number;
  /** Probability that a child also gets one activity moved to a random feasible position. */
  readonly shiftRate?: number;
}

export interface SearchOutcome {
  readonly start: Int32Array;
  readonly makespan: number;
  readonly score: Int32Array;
  readonly schedules: number;
}

function defaultPopulation(budget: number): number {
  return Math.max(8, Math.min(100, Math.round(Math.sqrt(budget / 3) * 1.1)));
}

/**
 * Genetic search over activity lists decoded by serial generation and improved by double
 * justification on every child (Hartmann 1998; Valls, Ballestín & Quintanilla 2005): two-point
 * order crossover, adjacent-swap mutation, (μ+λ) survival without duplicate schedules. Each
 * child is rewritten as the start-time order of its justified schedule, so good positions are
 * inherited.
 *
 * @example
 * const best = searchGenetic(compileProblem(problem), { budget: 5000, rng: createRandom(1) });
 * best.makespan;
 */
export function searchGenetic(p: CompiledProblem, options: GeneticOptions): SearchOutcome {
  const { budget, rng } = options;
  const N = p.count;
  const L = scoreLength(p);
  const P = Math.max(2, options.populationSize ?? defaultPopulation(budget)) & ~1;
  const pm = options.mutationRate ?? 0.05;
  const shiftRate = options.shiftRate ?? 0.5;
  const ws = createWorkspace(p);
  const scratch = createJustifyScratch(p);
  const start = new Int32Array(N);
  const score = new Int32Array(L);
  const best = new Int32Array(N);
  const bestScore = new Int32Array(L).fill(0x7fffffff);
  let bestMakespan = 0x7fffffff;
  let spent = 0;

  // Parents and children share one pool: [0, P) parents, [P, 2P) children.
  const lists = new Int32Array(2 * P * N);
  const scores = new Int32Array(2 * P * L);
  const hashes = new Float64Array(2 * P);
  const rankIdx: number[] = [];
  const tmpLists = new Int32Array(P * N);
  const tmpScores = new Int32Array(P * L);
  const tmpHashes = new Float64Array(P);
  const taken = new Int32Array(N);
  let takenStamp = 0;

  const consider = (makespan: number) => {
    scoreSchedule(p, start, makespan, score, 0);
    if (compareScores(score, 0, bestScore, 0, L) < 0) {
      bestScore.set(score);
      best.set(start);
      bestMakespan = makespan;
    }
  };

  /** Decodes the list at `slot`, justifies it, stores its score and standardized list. */
  const evaluate = (slot: number): void => {
    const list = lists.subarray(slot * N, slot * N + N);
    resetForward(p, ws);
    let makespan = runSerialSgs(p, p.forward, list, start, ws);
    spent++;
    consider(makespan);
    if (spent + 2 <= budget) {
      makespan = justifyTwice(p, start, makespan, ws, scratch);
      spent += 2;
      consider(makespan);
    }
    scoreSchedule(p, start, makespan, scores, slot * L);
    hashes[slot] = hashStarts(start, N);
    orderByKey(p, p.forward, start, list, ws);
  };

  const lft = priorityKeys(p, 'lft');
  let size = 0;
  while (size < P && spent < budget) {
    const list = lists.subarray(size * N, size * N + N);
    if (size === 0) orderByKey(p, p.forward, lft, list, ws);
    else sampleActivityList(p, lft, rng, list, ws);
    evaluate(size);
    size++;
  }

  const pick = (): number => {
    const a = rng.int(size);
    const b = rng.int(size);
    return compareScores(scores, a * L, scores, b * L, L) <= 0 ? a : b;
  };

  const isDirectPredecessor = (i: number, j: number): boolean => {
    const { succStart, succIdx } = p.forward;
    for (let a = succStart[i]; a < succStart[i + 1]; a++) if (succIdx[a] === j) return true;
    return false;
  };

  const crossover = (mother: number, father: number, child: number) => {
    const q1 = rng.int(N + 1);
    const q2 = q1 + rng.int(N + 1 - q1);
    const m = mother * N;
    const f = father * N;
    const c = child * N;
    takenStamp++;
    let k = 0;
    for (; k < q1; k++) {
      lists[c + k] = lists[m + k];
      taken[lists[m + k]] = takenStamp;
    }
    for (let x = 0; k < q2 && x < N; x++) {
      const j = lists[f + x];
      if (taken[j] !== takenStamp) {
        lists[c + k++] = j;
        taken[j] = takenStamp;
      }
    }
    for (let x = 0; k < N && x < N; x++) {
      const j = lists[m + x];
      if (taken[j] !== takenStamp) {
        lists[c + k++] = j;
        taken[j] = takenStamp;
      }
    }
    for (let x = 0; x + 1 < N; x++) {
      if (rng.next() < pm) {
        const a = lists[c + x];
        const b = lists[c + x + 1];
        if (!isDirectPredecessor(a, b)) {
          lists[c + x] = b;
          lists[c + x + 1] = a;
        }
      }
    }
    if (rng.next() < shiftRate) shift(c);
  };

  const position = new Int32Array(N);
  /** Moves one random activity to a random place between its last predecessor and first successor. */
  const shift = (c: number) => {
    for (let k = 0; k < N; k++) position[lists[c + k]] = k;
    const from = rng.int(N);
    const j = lists[c + from];
    let lo = 0;
    let hi = N - 1;
    const { predStart, predIdx, succStart, succIdx } = p.forward;
    for (let a = predStart[j]; a < predStart[j + 1]; a++) lo = Math.max(lo, position[predIdx[a]] + 1);
    for (let a = succStart[j]; a < succStart[j + 1]; a++) hi = Math.min(hi, position[succIdx[a]] - 1);
    if (hi <= lo) return;
    const to = lo + rng.int(hi - lo + 1);
    if (to < from) lists.copyWithin(c + to + 1, c + to, c + from);
    else if (to > from) lists.copyWithin(c + from, c + from + 1, c + to + 1);
    lists[c + to] = j;
  };

  while (spent < budget && size >= 2) {
    let children = 0;
    while (children < P && spent < budget) {
      const mother = pick();
      let father = pick();
      if (father === mother) father = (mother + 1 + rng.int(size - 1)) % size;
      crossover(mother, father, P + children);
      evaluate(P + children);
      children++;
      if (children < P && spent < budget) {
        crossover(father, mother, P + children);
        evaluate(P + children);
        children++;
      }
    }
    // (μ+λ) survival: best distinct schedules among parents and children; children win ties.
    rankIdx.length = 0;
    for (let s = 0; s < size; s++) rankIdx.push(s);
    for (let s = 0; s < children; s++) rankIdx.push(P + s);
    rankIdx.sort((a, b) => compareScores(scores, a * L, scores, b * L, L) || b - a);
    let kept = 0;
    for (let r = 0; r < rankIdx.length && kept < P; r++) {
      const s = rankIdx[r];
      let duplicate = false;
      for (let q = 0; q < kept && !duplicate; q++) {
        duplicate = tmpHashes[q] === hashes[s] && compareScores(tmpScores, q * L, scores, s * L, L) === 0;
      }
      if (duplicate) continue;
      tmpLists.set(lists.subarray(s * N, s * N + N), kept * N);
      tmpScores.set(scores.subarray(s * L, s * L + L), kept * L);
      tmpHashes[kept] = hashes[s];
      kept++;
    }
    lists.set(tmpLists.subarray(0, kept * N));
    scores.set(tmpScores.subarray(0, kept * L));
    hashes.set(tmpHashes.subarray(0, kept));
    size = kept;
    // Duplicates removed: refill with fresh samples so the population keeps its diversity.
    while (size < P && spent < budget) {
      sampleActivityList(p, lft, rng, lists.subarray(size * N, size * N + N), ws);
      evaluate(size);
      size++;
    }
  }

  return { start: best, makespan: bestMakespan, score: bestScore, schedules: spent };
}
