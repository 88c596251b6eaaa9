import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSchedule } from '../../../src/engine/level/feasibility.ts';
import { searchGenetic } from '../../../src/engine/level/genetic-search.ts';
import { createJustifyScratch, justifyTwice } from '../../../src/engine/level/justification.ts';
import { levelSchedule } from '../../../src/engine/level/level-schedule.ts';
import { runParallelSgs } from '../../../src/engine/level/parallel-sgs.ts';
import { createRandom } from '../../../src/engine/level/random.ts';
import { resetForward } from '../../../src/engine/level/workspace.ts';
import { criticalPathBound, problems, randomKeys, serialSchedule } from './random-problems.ts';

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
      fc.property(problems({ generalLinks: true, vacations: true }), randomKeys, (problem, random) => {
        const { p, ws, start } = serialSchedule(problem, random);
        expect(checkSchedule(problem, start.subarray(0, p.n))).toEqual([]);
        resetForward(p, ws);
        runParallelSgs(p, random, start, ws);
        expect(checkSchedule(problem, start.subarray(0, p.n))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('double justification keeps a schedule feasible and never lengthens it', () => {
    fc.assert(
      fc.property(problems({ generalLinks: false, vacations: true }), randomKeys, (problem, random) => {
        const { p, ws, start, makespan: before } = serialSchedule(problem, random);
        const after = justifyTwice(p, start, before, ws, createJustifyScratch(p));
        expect(checkSchedule(problem, start.subarray(0, p.n))).toEqual([]);
        expect(after).toBeLessThanOrEqual(before);
      }),
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

describe('genetic search', () => {
  it('returns a feasible schedule no longer than the schedule it was seeded with, within its budget', () => {
    fc.assert(
      fc.property(
        problems({ generalLinks: true, vacations: true }),
        randomKeys,
        fc.integer({ min: 2, max: 120 }),
        (problem, random, budget) => {
          const { p, start, makespan } = serialSchedule(problem, random);
          const found = searchGenetic(p, { budget, rng: createRandom(budget), seeds: [start] });
          expect(checkSchedule(problem, found.start.subarray(0, p.n))).toEqual([]);
          expect(found.schedules).toBeLessThanOrEqual(budget);
          if (found.schedules >= 2) expect(found.makespan).toBeLessThanOrEqual(makespan);
          const again = searchGenetic(p, { budget, rng: createRandom(budget), seeds: [start] });
          expect(Array.from(again.start)).toEqual(Array.from(found.start));
        },
      ),
      { numRuns: 150 },
    );
  });
});
