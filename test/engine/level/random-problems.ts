import fc from 'fast-check';
import { orderByKey } from '../../../src/engine/level/activity-order.ts';
import { compileProblem, type LevelingProblem } from '../../../src/engine/level/problem.ts';
import { runSerialSgs } from '../../../src/engine/level/serial-sgs.ts';
import { createWorkspace, resetForward } from '../../../src/engine/level/workspace.ts';

/** Random priority keys for the up to 11 activities (with a source) of `problems`. */
export const randomKeys = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), {
  minLength: 11,
  maxLength: 11,
});

/** Compiles `problem` and decodes the list its keys order by serial generation. */
export function serialSchedule(problem: LevelingProblem, keys: number[]) {
  const p = compileProblem(problem);
  const ws = createWorkspace(p);
  const list = new Int32Array(p.count);
  const start = new Int32Array(p.count);
  orderByKey(p, p.forward, keys, list, ws);
  resetForward(p, ws);
  const makespan = runSerialSgs(p, p.forward, list, start, ws);
  return { p, ws, start, makespan };
}

/** Small random problems: a DAG of links of every type with lags, release dates, vacations. */
export const problems = (options: { generalLinks: boolean; vacations: boolean }) =>
  fc
    .record({
      n: fc.integer({ min: 1, max: 10 }),
      R: fc.integer({ min: 1, max: 3 }),
      seed: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 80, maxLength: 80 }),
    })
    .map(({ n, R, seed }): LevelingProblem => {
      let at = 0;
      const next = (bound: number) => seed[at++ % seed.length] % bound;
      const capacities = Array.from({ length: R }, () => 1 + next(5));
      const durations = Array.from({ length: n }, () => next(6));
      const demands = Array.from({ length: n * R }, (_, k) => next(capacities[k % R] + 1));
      const from: number[] = [];
      const to: number[] = [];
      const type: number[] = [];
      const lag: number[] = [];
      for (let j = 1; j < n; j++) {
        for (let i = 0; i < j; i++) {
          if (next(3) === 0) {
            from.push(i);
            to.push(j);
            type.push(options.generalLinks ? next(4) : 0);
            lag.push(options.generalLinks ? next(6) - 2 : 0);
          }
        }
      }
      const releaseDates = Array.from({ length: n }, () => (next(3) === 0 ? next(5) : 0));
      const vacation = options.vacations && next(2) === 0;
      return {
        durations,
        capacities,
        demands,
        links: { from, to, type, lag },
        releaseDates,
        capacityChanges: vacation
          ? { resource: [next(R)], from: [next(4)], to: [4 + next(4)], capacity: [0] }
          : undefined,
      };
    });

/** Length of the longest path over links and release dates, with no resource limits. */
export function criticalPathBound(p: LevelingProblem): number {
  const n = p.durations.length;
  const es = Array.from({ length: n }, (_, i) => p.releaseDates?.[i] ?? 0);
  const links = p.links;
  for (let round = 0; round < n && links; round++) {
    for (let k = 0; k < links.from.length; k++) {
      const i = links.from[k];
      const j = links.to[k];
      const di = p.durations[i];
      const dj = p.durations[j];
      const lag = links.lag?.[k] ?? 0;
      const t = links.type?.[k] ?? 0;
      const need =
        t === 0
          ? es[i] + di + lag
          : t === 1
            ? es[i] + lag
            : t === 2
              ? es[i] + di + lag - dj
              : es[i] + lag - dj;
      if (need > es[j]) es[j] = need;
    }
  }
  return Math.max(0, ...es.map((s, i) => s + p.durations[i]));
}
