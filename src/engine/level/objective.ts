import { resourceLowerBound } from './lower-bound.ts';
import type { CompiledProblem } from './problem.ts';

/**
 * The search objective. Without priorities it is the makespan. With priority classes it is
 * lexicographic: the finish of the highest-priority class first, then the next class, …, then
 * the makespan — so higher-priority work keeps the earliest dates it can get.
 */
export function scoreLength(p: CompiledProblem): number {
  return p.classCount > 1 ? p.classCount + 1 : 1;
}

/** Writes the score of a schedule at `out[at…at+scoreLength)`. */
export function scoreSchedule(
  p: CompiledProblem,
  start: Int32Array,
  makespan: number,
  out: Int32Array,
  at: number,
): void {
  const K = p.classCount;
  if (K <= 1) {
    out[at] = makespan;
    return;
  }
  out.fill(0, at, at + K);
  for (let i = 0; i < p.count; i++) {
    const f = start[i] + p.duration[i];
    const c = at + p.priorityClass[i];
    if (f > out[c]) out[c] = f;
  }
  out[at + K] = makespan;
}

/**
 * A score no feasible schedule beats, so a schedule that reaches it is optimal and the search
 * can stop: the resource-unconstrained early schedule's, and for a plain makespan the larger
 * of the critical path and the resource bound ({@link resourceLowerBound}).
 */
export function scoreBound(p: CompiledProblem): Int32Array {
  let makespan = 0;
  for (let i = 0; i < p.count; i++) makespan = Math.max(makespan, p.earlyStart[i] + p.duration[i]);
  const out = new Int32Array(scoreLength(p));
  scoreSchedule(p, p.earlyStart, makespan, out, 0);
  if (out.length === 1) out[0] = Math.max(makespan, resourceLowerBound(p));
  return out;
}

/** Negative when score a (at ao) is better than score b (at bo). */
export function compareScores(a: Int32Array, ao: number, b: Int32Array, bo: number, length: number): number {
  for (let k = 0; k < length; k++) {
    const d = a[ao + k] - b[bo + k];
    if (d !== 0) return d;
  }
  return 0;
}

/** A cheap fingerprint of a schedule, to keep duplicate schedules out of a population. */
export function hashStarts(start: Int32Array, count: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < count; i++) h = Math.imul(h ^ start[i], 0x01000193);
  return h >>> 0;
}
