import type { ArcDirection, CompiledProblem } from './problem.ts';
import { BLOCK_SHIFT, refreshBlock, type Workspace } from './workspace.ts';

/** A schedule generator ran past the horizon: a bug, or an input the compiler let through. */
export class LevelingHorizonError extends Error {
  constructor(readonly activity: number) {
    super(`leveling: activity ${activity} found no slot within the horizon`);
    this.name = 'LevelingHorizonError';
  }
}

/**
 * Earliest start ≥ `t` and < `limit` where activity `j` (duration > 0, some demand) fits the
 * remaining capacity for its whole duration; -1 if there is none.
 *
 * Each candidate window is tested from its last period backwards, and periods already found to
 * fit are not tested again: a failing period u moves the candidate to u + 1, so a stretch of
 * busy periods costs one test per duration rather than one per period. After a failure it also
 * jumps over every following block of periods whose capacity bound is below the failing demand.
 */
export function findSlot(p: CompiledProblem, ws: Workspace, j: number, t: number, limit: number): number {
  const R = p.resourceCount;
  const H = p.horizon;
  const d = p.duration[j];
  const { demStart, demRes, demAmt } = p;
  const q0 = demStart[j];
  const q1 = demStart[j + 1];
  const avail = ws.avail;
  const { blockMax, blockStale } = ws;
  // Periods in [t, fitsUntil) are known to fit.
  let fitsUntil = t;
  for (;;) {
    if (t >= limit || t + d > H) return -1;
    let u = t + d - 1;
    let failed = -1;
    for (; u >= fitsUntil; u--) {
      const base = u * R;
      for (let q = q0; q < q1; q++) {
        if (avail[base + demRes[q]] < demAmt[q]) {
          failed = q;
          break;
        }
      }
      if (failed >= 0) break;
    }
    if (failed < 0) return t;
    fitsUntil = t + d;
    t = u + 1;
    const r = demRes[failed];
    const need = demAmt[failed];
    while (t < H) {
      const b = t >> BLOCK_SHIFT;
      if (blockStale[b * R + r]) refreshBlock(p, ws, b, r);
      if (blockMax[b * R + r] >= need) break;
      t = (b + 1) << BLOCK_SHIFT;
    }
    if (t > fitsUntil) fitsUntil = t;
  }
}

/** Takes activity `j`'s demand off the remaining capacity from period `t` on. */
export function allocate(p: CompiledProblem, ws: Workspace, j: number, t: number): void {
  const R = p.resourceCount;
  const d = p.duration[j];
  const { demStart, demRes, demAmt } = p;
  const avail = ws.avail;
  for (let q = demStart[j]; q < demStart[j + 1]; q++) {
    const r = demRes[q];
    const amount = demAmt[q];
    for (let u = t; u < t + d; u++) avail[u * R + r] -= amount;
    for (let b = t >> BLOCK_SHIFT; b <= (t + d - 1) >> BLOCK_SHIFT; b++) ws.blockStale[b * R + r] = 1;
  }
}

/**
 * Serial schedule generation: takes the activities in list order and starts each at the
 * earliest period that its (already scheduled) predecessors and the remaining capacity allow.
 * Works forwards with `p.forward` or backwards in reversed time with `p.reverse`; the caller
 * resets `ws.avail` for the direction first. Writes `start` and returns the makespan.
 *
 * @example
 * const p = compileProblem(problem);
 * const ws = createWorkspace(p);
 * const start = new Int32Array(p.count);
 * resetForward(p, ws);
 * const makespan = runSerialSgs(p, p.forward, list, start, ws);
 */
export function runSerialSgs(
  p: CompiledProblem,
  dir: ArcDirection,
  list: Int32Array,
  start: Int32Array,
  ws: Workspace,
): number {
  const N = p.count;
  const H = p.horizon;
  const dur = p.duration;
  const demStart = p.demStart;
  const { predStart, predIdx, predDelta } = dir;
  let makespan = 0;
  for (let k = 0; k < N; k++) {
    const j = list[k];
    let t = 0;
    for (let a = predStart[j]; a < predStart[j + 1]; a++) {
      const v = start[predIdx[a]] + predDelta[a];
      if (v > t) t = v;
    }
    const d = dur[j];
    if (d > 0 && demStart[j + 1] > demStart[j]) {
      t = findSlot(p, ws, j, t, H);
      if (t < 0) throw new LevelingHorizonError(j);
      allocate(p, ws, j, t);
    }
    start[j] = t;
    if (t + d > makespan) makespan = t + d;
  }
  if (makespan > ws.dirty) ws.dirty = makespan;
  return makespan;
}

/**
 * Serial generation that never starts an activity after its late start (leveling within
 * slack). An activity that finds no slot inside its window starts at its earliest start
 * anyway, over capacity, and is flagged in `overloaded` (1 = unresolved). Returns the number
 * of unresolved activities.
 *
 * @example
 * resetForward(p, ws);
 * const unresolved = runSerialSgsWithinSlack(p, list, start, overloaded, ws);
 */
export function runSerialSgsWithinSlack(
  p: CompiledProblem,
  list: Int32Array,
  start: Int32Array,
  overloaded: Uint8Array,
  ws: Workspace,
): number {
  const N = p.count;
  const dur = p.duration;
  const { demStart, lateStart } = p;
  const { predStart, predIdx, predDelta } = p.forward;
  let unresolved = 0;
  let makespan = 0;
  for (let k = 0; k < N; k++) {
    const j = list[k];
    let es = 0;
    for (let a = predStart[j]; a < predStart[j + 1]; a++) {
      const v = start[predIdx[a]] + predDelta[a];
      if (v > es) es = v;
    }
    const d = dur[j];
    let t = es;
    overloaded[j] = 0;
    if (d > 0 && demStart[j + 1] > demStart[j]) {
      t = findSlot(p, ws, j, es, lateStart[j] + 1);
      if (t < 0) {
        t = es;
        overloaded[j] = 1;
        unresolved++;
      }
      allocate(p, ws, j, t);
    }
    start[j] = t;
    if (t + d > makespan) makespan = t + d;
  }
  if (makespan > ws.dirty) ws.dirty = makespan;
  return unresolved;
}
