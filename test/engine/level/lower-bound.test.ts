import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resourceLowerBound } from '../../../src/engine/level/lower-bound.ts';
import { compileProblem, type LevelingProblem } from '../../../src/engine/level/problem.ts';
import { runSerialSgs } from '../../../src/engine/level/serial-sgs.ts';
import { createWorkspace, resetForward } from '../../../src/engine/level/workspace.ts';
import { criticalPathBound, problems } from './random-problems.ts';

/** The optimal makespan by serial generation of every precedence-feasible list (small n only). */
function optimum(problem: LevelingProblem): number {
  const p = compileProblem(problem);
  const ws = createWorkspace(p);
  const N = p.count;
  const list = new Int32Array(N);
  const start = new Int32Array(N);
  const used = new Uint8Array(N);
  let best = Number.POSITIVE_INFINITY;
  const extend = (k: number) => {
    if (k === N) {
      resetForward(p, ws);
      best = Math.min(best, runSerialSgs(p, p.forward, list, start, ws));
      return;
    }
    for (let j = 0; j < N; j++) {
      if (used[j]) continue;
      let ready = true;
      for (let a = p.forward.predStart[j]; a < p.forward.predStart[j + 1]; a++) {
        if (!used[p.forward.predIdx[a]]) ready = false;
      }
      if (!ready) continue;
      used[j] = 1;
      list[k] = j;
      extend(k + 1);
      used[j] = 0;
    }
  };
  extend(0);
  return best;
}

describe('resource lower bound', () => {
  it('never exceeds the optimal makespan and is never below the critical path', () => {
    fc.assert(
      fc.property(
        problems({ generalLinks: false, vacations: false }).filter((p) => p.durations.length <= 7),
        (problem) => {
          const bound = resourceLowerBound(compileProblem(problem));
          expect(bound).toBeGreaterThanOrEqual(criticalPathBound(problem));
          expect(bound).toBeLessThanOrEqual(optimum(problem));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('counts the whole work of a resource and the capacity left idle before its work is released', () => {
    // Three 4-period tasks need the only machine; the first is released at 2 (so the
    // machine idles two periods); the critical path alone says 6.
    const problem: LevelingProblem = {
      durations: [4, 4, 4],
      capacities: [1],
      demands: [1, 1, 1],
      releaseDates: [2, 2, 2],
    };
    expect(criticalPathBound(problem)).toBe(6);
    expect(resourceLowerBound(compileProblem(problem))).toBe(14);
  });

  it('adds the capacity left idle at the end, after the last work the resource can take', () => {
    // Two 3-period tasks need the only machine, both released at 2 and both followed by a
    // 2-period task that needs no machine: 2 idle periods before, 6 of work, 2 idle after.
    const problem: LevelingProblem = {
      durations: [3, 3, 2],
      capacities: [1],
      demands: [1, 1, 0],
      releaseDates: [2, 2, 0],
      links: { from: [0, 1], to: [2, 2] },
    };
    expect(criticalPathBound(problem)).toBe(7);
    expect(resourceLowerBound(compileProblem(problem))).toBe(10);
  });
});
