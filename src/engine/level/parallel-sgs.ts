import type { CompiledProblem } from './problem.ts';
import { LevelingHorizonError } from './serial-sgs.ts';
import { heapPop, heapPush, type Workspace } from './workspace.ts';

/**
 * Parallel (time-incremental) schedule generation: at each decision period it starts, in
 * order of increasing `key`, every eligible activity that fits from that period on, then
 * moves to the next period where something finishes, becomes available or capacity changes.
 * Works forwards only; the caller resets `ws.avail` first. Writes `start`, returns the makespan.
 *
 * Parallel generation builds non-delay schedules, which often beat serial ones for a single
 * pass with a good rule (Kolisch 1996), though the optimum may not be among them.
 *
 * @example
 * resetForward(p, ws);
 * const makespan = runParallelSgs(p, priorityKeys(p, 'lft'), start, ws);
 */
export function runParallelSgs(
  p: CompiledProblem,
  key: ArrayLike<number>,
  start: Int32Array,
  ws: Workspace,
): number {
  const N = p.count;
  const R = p.resourceCount;
  const H = p.horizon;
  const dur = p.duration;
  const { demStart, demRes, demAmt, capacityEvents } = p;
  const { predStart, predIdx, predDelta, succStart, succIdx } = p.forward;
  const avail = ws.avail;
  const cnt = ws.counter;
  const eligible = ws.eligible;
  // Position of each eligible activity in `eligible`, for O(1) removal.
  const position = ws.mark;
  // Earliest precedence-feasible start of each eligible activity, kept in ws.key.
  const es = ws.key;
  let eligibleCount = 0;
  for (let i = 0; i < N; i++) {
    cnt[i] = predStart[i + 1] - predStart[i];
    if (cnt[i] === 0) {
      position[i] = eligibleCount;
      eligible[eligibleCount++] = i;
      es[i] = 0;
    }
  }
  let done = 0;
  let t = 0;
  let makespan = 0;
  let eventCursor = 0;
  while (done < N) {
    // Candidates at t in priority order (a heap, so each decision period costs E log E, not E²).
    let size = 0;
    for (let e = 0; e < eligibleCount; e++) {
      const j = eligible[e];
      if (es[j] <= t) size = heapPush(ws, size, j, key[j]);
    }
    while (size > 0) {
      const best = heapPop(ws, size);
      size--;
      const d = dur[best];
      const q0 = demStart[best];
      const q1 = demStart[best + 1];
      let fits = true;
      if (d > 0 && q1 > q0) {
        if (t + d > H) throw new LevelingHorizonError(best);
        for (let u = t; u < t + d && fits; u++) {
          const base = u * R;
          for (let q = q0; q < q1; q++) {
            if (avail[base + demRes[q]] < demAmt[q]) {
              fits = false;
              break;
            }
          }
        }
      }
      if (!fits) continue;
      if (d > 0) {
        for (let u = t; u < t + d; u++) {
          const base = u * R;
          for (let q = q0; q < q1; q++) avail[base + demRes[q]] -= demAmt[q];
        }
      }
      start[best] = t;
      if (t + d > makespan) makespan = t + d;
      done++;
      const last = eligible[--eligibleCount];
      eligible[position[best]] = last;
      position[last] = position[best];
      for (let a = succStart[best]; a < succStart[best + 1]; a++) {
        const j = succIdx[a];
        if (--cnt[j] === 0) {
          let e0 = 0;
          for (let b = predStart[j]; b < predStart[j + 1]; b++) {
            const v = start[predIdx[b]] + predDelta[b];
            if (v > e0) e0 = v;
          }
          es[j] = e0;
          position[j] = eligibleCount;
          eligible[eligibleCount++] = j;
          if (e0 <= t) size = heapPush(ws, size, j, key[j]);
        }
      }
    }
    if (done === N) break;
    // Next decision period: a finish, an eligible activity's earliest start, or a capacity change.
    let next = Number.MAX_SAFE_INTEGER;
    for (let e = 0; e < eligibleCount; e++) {
      const j = eligible[e];
      if (es[j] > t && es[j] < next) next = es[j];
    }
    // Every scheduled activity started at or before t, so remaining capacity can only rise
    // after t where one of them finishes (or where the capacity profile changes).
    let u = t + 1;
    const limit = Math.min(next, H);
    while (u < limit && !capacityRises(avail, R, u)) u++;
    while (eventCursor < capacityEvents.length && capacityEvents[eventCursor] <= t) eventCursor++;
    if (eventCursor < capacityEvents.length && capacityEvents[eventCursor] < u)
      u = capacityEvents[eventCursor];
    if (u >= H) throw new LevelingHorizonError(eligible[0]);
    t = u;
  }
  if (makespan > ws.dirty) ws.dirty = makespan;
  return makespan;
}

function capacityRises(avail: Int32Array, R: number, u: number): boolean {
  const base = u * R;
  for (let r = 0; r < R; r++) if (avail[base + r] > avail[base - R + r]) return true;
  return false;
}
