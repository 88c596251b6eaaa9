import type { ArcDirection, CompiledProblem } from './problem.ts';
import type { Workspace } from './workspace.ts';

/** A schedule generator ran past the horizon: a bug, or an input the compiler let through. */
export class LevelingHorizonError extends Error {
  constructor(readonly activity: number) {
    super(`leveling: activity ${activity} found no slot within the horizon`);
    this.name = 'LevelingHorizonError';
  }
}

/**
 * Serial schedule generation: takes the activities in list order and starts each at the
 * earliest period that its (already scheduled) predecessors and the remaining capacity allow.
 * Works forwards with `p.forward` or backwards in reversed time with `p.reverse`; the caller
 * resets `ws.avail` for the direction first. Writes `start` and returns the makespan.
 *
 * The slot search walks periods once: it counts consecutive periods that fit and restarts the
 * count after a period that does not, so no period is tested twice.
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
  const R = p.resourceCount;
  const H = p.horizon;
  const dur = p.duration;
  const { demStart, demRes, demAmt } = p;
  const { predStart, predIdx, predDelta } = dir;
  const avail = ws.avail;
  let makespan = 0;
  for (let k = 0; k < N; k++) {
    const j = list[k];
    let t = 0;
    for (let a = predStart[j]; a < predStart[j + 1]; a++) {
      const v = start[predIdx[a]] + predDelta[a];
      if (v > t) t = v;
    }
    const d = dur[j];
    const q0 = demStart[j];
    const q1 = demStart[j + 1];
    if (d > 0 && q1 > q0) {
      let tau = t;
      let run = 0;
      while (run < d) {
        if (tau >= H) throw new LevelingHorizonError(j);
        const base = tau * R;
        let fits = true;
        for (let q = q0; q < q1; q++) {
          if (avail[base + demRes[q]] < demAmt[q]) {
            fits = false;
            break;
          }
        }
        tau++;
        if (fits) run++;
        else {
          run = 0;
          t = tau;
        }
      }
      for (let u = t; u < tau; u++) {
        const base = u * R;
        for (let q = q0; q < q1; q++) avail[base + demRes[q]] -= demAmt[q];
      }
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
  const R = p.resourceCount;
  const dur = p.duration;
  const { demStart, demRes, demAmt, lateStart } = p;
  const { predStart, predIdx, predDelta } = p.forward;
  const avail = ws.avail;
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
    const q0 = demStart[j];
    const q1 = demStart[j + 1];
    let t = es;
    overloaded[j] = 0;
    if (d > 0 && q1 > q0) {
      const last = lateStart[j];
      let tau = t;
      let run = 0;
      while (run < d && t <= last) {
        const base = tau * R;
        let fits = true;
        for (let q = q0; q < q1; q++) {
          if (avail[base + demRes[q]] < demAmt[q]) {
            fits = false;
            break;
          }
        }
        tau++;
        if (fits) run++;
        else {
          run = 0;
          t = tau;
        }
      }
      if (run < d) {
        t = es;
        overloaded[j] = 1;
        unresolved++;
      }
      for (let u = t; u < t + d; u++) {
        const base = u * R;
        for (let q = q0; q < q1; q++) avail[base + demRes[q]] -= demAmt[q];
      }
    }
    start[j] = t;
    if (t + d > makespan) makespan = t + d;
  }
  if (makespan > ws.dirty) ws.dirty = makespan;
  return unresolved;
}
