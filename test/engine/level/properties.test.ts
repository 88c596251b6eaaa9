import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderByKey } from '../../../src/engine/level/activity-order.ts';
import { checkSchedule } from '../../../src/engine/level/feasibility.ts';
import { createJustifyScratch, justifyTwice } from '../../../src/engine/level/justification.ts';
import { levelSchedule } from '../../../src/engine/level/level-schedule.ts';
import { runParallelSgs } from '../../../src/engine/level/parallel-sgs.ts';
import { compileProblem, type LevelingProblem } from '../../../src/engine/level/problem.ts';
import { runSerialSgs } from '../../../src/engine/level/serial-sgs.ts';
import { createWorkspace, resetForward } from '../../../src/engine/level/workspace.ts';

/** Small random problems: a DAG of links of every type with lags, release dates, vacations. */
const problems = (options: { generalLinks: boolean; vacations: boolean }) =>
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
function criticalPathBound(p: LevelingProblem): number {
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

describe('leveling properties', () => {
  it('every leveled schedule passes the feasibility checker and is no shorter than the critical path', () => {
    fc.assert(
      fc.property(
        problems({ generalLinks: true, vacations: true }),
        fc.integer({ min: 1, max: 60 }),
        (p, budget) => {
          const r = levelSchedule(p, { schedules: budget, seed: budget });
          expect(checkSchedule(p, r.starts)).toEqual([]);
          expect(r.makespan).toBeGreaterThanOrEqual(criticalPathBound(p));
          expect(r.schedules).toBeLessThanOrEqual(budget);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('serial generation on any precedence-feasible list and parallel generation on any keys are feasible', () => {
    fc.assert(
      fc.property(
        problems({ generalLinks: true, vacations: true }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 11, maxLength: 11 }),
        (problem, random) => {
          const p = compileProblem(problem);
          const ws = createWorkspace(p);
          const list = new Int32Array(p.count);
          const start = new Int32Array(p.count);
          orderByKey(p, p.forward, random, list, ws);
          resetForward(p, ws);
          runSerialSgs(p, p.forward, list, start, ws);
          expect(checkSchedule(problem, start.subarray(0, p.n))).toEqual([]);
          resetForward(p, ws);
          runParallelSgs(p, random, start, ws);
          expect(checkSchedule(problem, start.subarray(0, p.n))).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('double justification keeps a schedule feasible and never lengthens it', () => {
    fc.assert(
      fc.property(
        problems({ generalLinks: false, vacations: true }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 11, maxLength: 11 }),
        (problem, random) => {
          const p = compileProblem(problem);
          const ws = createWorkspace(p);
          const list = new Int32Array(p.count);
          const start = new Int32Array(p.count);
          orderByKey(p, p.forward, random, list, ws);
          resetForward(p, ws);
          const before = runSerialSgs(p, p.forward, list, start, ws);
          const after = justifyTwice(p, start, before, ws, createJustifyScratch(p));
          expect(checkSchedule(problem, start.subarray(0, p.n))).toEqual([]);
          expect(after).toBeLessThanOrEqual(before);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('leveling within slack never moves a project finish past its unleveled finish', () => {
    fc.assert(
      fc.property(problems({ generalLinks: true, vacations: false }), (p) => {
        const r = levelSchedule(p, { schedules: 20, mode: 'within-slack' });
        expect(checkSchedule(p, r.starts, { ignoreCapacity: true })).toEqual([]);
        for (let k = 0; k < r.projectFinishes.length; k++) {
          expect(r.projectFinishes[k]).toBeLessThanOrEqual(r.unleveledProjectFinishes[k]);
        }
        if (r.unresolved.length === 0) expect(checkSchedule(p, r.starts)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});
