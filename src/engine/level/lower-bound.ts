import type { CompiledProblem } from './problem.ts';

/**
 * Idle capacity-periods resource `r` must have in the first `limit` periods of any schedule,
 * when activity i cannot start before `head[i]`: at most q·min(d, t − head) of its work fits
 * before period t, so the best case still leaves cap·t minus that idle. Returns the worst such
 * idle and the period where it is reached. The work-by-t curve is piecewise linear, its slope
 * changes at head[i] and head[i] + d[i], so a difference array gives it in O(n + limit).
 */
function forcedIdle(
  p: CompiledProblem,
  r: number,
  head: Int32Array,
  limit: number,
  slopeChange: Float64Array,
): { idle: number; until: number } {
  const cap = p.capacity[r];
  slopeChange.fill(0, 0, limit + 1);
  for (let i = 0; i < p.count; i++) {
    for (let q = p.demStart[i]; q < p.demStart[i + 1]; q++) {
      if (p.demRes[q] !== r || p.duration[i] === 0) continue;
      const from = head[i];
      if (from >= limit) continue;
      slopeChange[from] += p.demAmt[q];
      const to = from + p.duration[i];
      if (to < limit) slopeChange[to] -= p.demAmt[q];
    }
  }
  let slope = 0;
  let work = 0;
  let idle = 0;
  let until = 0;
  for (let t = 0; t < limit; t++) {
    slope += slopeChange[t];
    work += slope;
    const forced = cap * (t + 1) - work;
    if (forced > idle) {
      idle = forced;
      until = t + 1;
    }
  }
  return { idle, until };
}

/**
 * A lower bound on the makespan from resource work (an energetic bound): each resource must do
 * its whole work Σ q·d at most `capacity` units per period, plus the capacity it is forced to
 * leave idle at the start (its activities are not yet released by their links) and at the end
 * (what remains after them). Never below the critical-path bound. Only for a capacity that is
 * the same in every period; otherwise it returns the critical-path bound.
 *
 * On heavily loaded multi-project instances it is far above the critical path, which tells how
 * much of a gap any schedule must keep.
 *
 * @example
 * resourceLowerBound(compileProblem(problem)); // e.g. 301 where the critical path says 119
 */
export function resourceLowerBound(p: CompiledProblem): number {
  const N = p.count;
  let cp = 0;
  for (let i = 0; i < N; i++) cp = Math.max(cp, p.earlyStart[i] + p.duration[i]);
  if (!p.uniformCapacity) return cp;
  // Tail: least time between an activity's finish and the end of any schedule, by the links.
  const tail = new Int32Array(N);
  const order = new Int32Array(N);
  for (let i = 0; i < N; i++) order[p.topoRank[i]] = i;
  const { succStart, succIdx, succDelta } = p.forward;
  let longest = 0;
  for (let k = N - 1; k >= 0; k--) {
    const i = order[k];
    let t = 0;
    for (let a = succStart[i]; a < succStart[i + 1]; a++) {
      const j = succIdx[a];
      t = Math.max(t, succDelta[a] - p.duration[i] + p.duration[j] + tail[j]);
    }
    tail[i] = t;
    longest = Math.max(longest, p.duration[i] + t);
  }
  const limit = Math.max(cp, longest);
  const slopeChange = new Float64Array(limit + 1);
  const work = new Float64Array(p.resourceCount);
  for (let i = 0; i < N; i++) {
    for (let q = p.demStart[i]; q < p.demStart[i + 1]; q++) work[p.demRes[q]] += p.demAmt[q] * p.duration[i];
  }
  let bound = cp;
  for (let r = 0; r < p.resourceCount; r++) {
    const cap = p.capacity[r];
    if (cap === 0 || work[r] === 0) continue;
    const head = forcedIdle(p, r, p.earlyStart, limit, slopeChange);
    const end = forcedIdle(p, r, tail, limit, slopeChange);
    const alone = Math.ceil((work[r] + Math.max(head.idle, end.idle)) / cap);
    // Head and tail idle only add up when their windows cannot overlap in a schedule this long.
    const both = head.until + end.until <= alone ? Math.ceil((work[r] + head.idle + end.idle) / cap) : alone;
    bound = Math.max(bound, both);
  }
  return bound;
}
