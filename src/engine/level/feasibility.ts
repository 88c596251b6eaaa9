import { type LevelingProblem, LinkType } from './problem.ts';

/** One broken rule in a schedule. */
export type ScheduleViolation =
  | { readonly kind: 'start'; readonly activity: number; readonly message: string }
  | { readonly kind: 'release'; readonly activity: number; readonly message: string }
  | {
      readonly kind: 'precedence';
      readonly link: number;
      readonly from: number;
      readonly to: number;
      readonly message: string;
    }
  | {
      readonly kind: 'capacity';
      readonly resource: number;
      readonly period: number;
      readonly used: number;
      readonly capacity: number;
      readonly message: string;
    };

/**
 * Checks a schedule against the problem it claims to solve, independently of the schedule
 * generators (it reads the caller's problem, not the compiled form): integer starts ≥ 0,
 * release dates, every link by its own type and lag, and every resource period by period.
 * Returns the violations, at most `limit` of them; an empty list means feasible.
 *
 * @example
 * checkSchedule({ durations: [2, 2], capacities: [1], demands: [1, 1] }, [0, 1]);
 * // [{ kind: 'capacity', resource: 0, period: 1, used: 2, capacity: 1, … }]
 */
export function checkSchedule(
  problem: LevelingProblem,
  starts: ArrayLike<number>,
  options: { readonly ignoreCapacity?: boolean; readonly limit?: number } = {},
): ScheduleViolation[] {
  const limit = options.limit ?? 100;
  const out: ScheduleViolation[] = [];
  const n = problem.durations.length;
  const R = problem.capacities.length;
  const d = (i: number) => problem.durations[i];
  if (starts.length !== n) {
    out.push({ kind: 'start', activity: -1, message: `expected ${n} starts, got ${starts.length}` });
    return out;
  }
  let end = 0;
  for (let i = 0; i < n && out.length < limit; i++) {
    const s = starts[i];
    if (!Number.isInteger(s) || s < 0) {
      out.push({ kind: 'start', activity: i, message: `activity ${i} starts at ${s}` });
      continue;
    }
    const release = problem.releaseDates ? problem.releaseDates[i] : 0;
    if (s < release) {
      out.push({
        kind: 'release',
        activity: i,
        message: `activity ${i} starts at ${s} before its release ${release}`,
      });
    }
    end = Math.max(end, s + d(i));
  }
  if (out.length > 0) return out;

  const links = problem.links;
  for (let k = 0; links && k < links.from.length && out.length < limit; k++) {
    const i = links.from[k];
    const j = links.to[k];
    const type = links.type ? links.type[k] : LinkType.FS;
    const lag = links.lag ? links.lag[k] : 0;
    let ok: boolean;
    let rule: string;
    if (type === LinkType.FS) {
      ok = starts[j] >= starts[i] + d(i) + lag;
      rule = 'finish-to-start';
    } else if (type === LinkType.SS) {
      ok = starts[j] >= starts[i] + lag;
      rule = 'start-to-start';
    } else if (type === LinkType.FF) {
      ok = starts[j] + d(j) >= starts[i] + d(i) + lag;
      rule = 'finish-to-finish';
    } else {
      ok = starts[j] + d(j) >= starts[i] + lag;
      rule = 'start-to-finish';
    }
    if (!ok) {
      out.push({
        kind: 'precedence',
        link: k,
        from: i,
        to: j,
        message: `link ${k} (${rule}, lag ${lag}) from ${i} to ${j} broken: starts ${starts[i]} and ${starts[j]}`,
      });
    }
  }
  if (options.ignoreCapacity) return out;

  const used = new Float64Array(end * R);
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < R; r++) {
      const q = problem.demands[i * R + r];
      if (q === 0) continue;
      for (let t = starts[i]; t < starts[i] + d(i); t++) used[t * R + r] += q;
    }
  }
  const cap = new Float64Array(end * R);
  for (let t = 0; t < end; t++) for (let r = 0; r < R; r++) cap[t * R + r] = problem.capacities[r];
  const ch = problem.capacityChanges;
  for (let k = 0; ch && k < ch.resource.length; k++) {
    for (let t = ch.from[k]; t < Math.min(ch.to[k], end); t++) cap[t * R + ch.resource[k]] = ch.capacity[k];
  }
  for (let t = 0; t < end && out.length < limit; t++) {
    for (let r = 0; r < R && out.length < limit; r++) {
      if (used[t * R + r] > cap[t * R + r]) {
        out.push({
          kind: 'capacity',
          resource: r,
          period: t,
          used: used[t * R + r],
          capacity: cap[t * R + r],
          message: `resource ${r} in period ${t}: ${used[t * R + r]} used, ${cap[t * R + r]} available`,
        });
      }
    }
  }
  return out;
}
