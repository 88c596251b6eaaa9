import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderByKey, orderByLatestFinish } from '../../../src/engine/level/activity-order.ts';
import { levelSchedule } from '../../../src/engine/level/level-schedule.ts';
import { commonEndLateStart } from '../../../src/engine/level/priority-rules.ts';
import {
  type ArcDirection,
  type CompiledProblem,
  compileProblem,
} from '../../../src/engine/level/problem.ts';
import { allocate, findSlot } from '../../../src/engine/level/serial-sgs.ts';
import {
  createWorkspace,
  resetForward,
  resetReverse,
  type Workspace,
} from '../../../src/engine/level/workspace.ts';
import { problems, randomKeys, serialSchedule } from './random-problems.ts';

/** The slot search without shortcuts: try every start from `t` on, every period of the window. */
function naiveSlot(p: CompiledProblem, ws: Workspace, j: number, t: number, limit: number): number {
  const R = p.resourceCount;
  for (let s = t; s < limit && s + p.duration[j] <= p.horizon; s++) {
    let fits = true;
    for (let u = s; u < s + p.duration[j] && fits; u++) {
      for (let q = p.demStart[j]; q < p.demStart[j + 1]; q++) {
        if (ws.avail[u * R + p.demRes[q]] < p.demAmt[q]) fits = false;
      }
    }
    if (fits) return s;
  }
  return -1;
}

function respectsArcs(dir: ArcDirection, list: Int32Array): boolean {
  const position = new Int32Array(list.length);
  list.forEach((i, k) => {
    position[i] = k;
  });
  for (let i = 0; i < list.length; i++) {
    for (let a = dir.succStart[i]; a < dir.succStart[i + 1]; a++) {
      if (position[dir.succIdx[a]] < position[i]) return false;
    }
  }
  return true;
}

/** Two resources with long busy stretches and gaps, so the search must jump whole blocks. */
const crowded = fc.record({
  durations: fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 30, maxLength: 60 }),
  bookings: fc.array(
    fc.record({ resource: fc.integer({ min: 0, max: 1 }), at: fc.integer({ min: 0, max: 400 }) }),
    { minLength: 10, maxLength: 60 },
  ),
  vacation: fc.integer({ min: 0, max: 300 }),
  probe: fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 5, maxLength: 5 }),
});

describe('leveling building blocks', () => {
  it('the slot search finds the same earliest start as trying every period', () => {
    fc.assert(
      fc.property(crowded, ({ durations, bookings, vacation, probe }) => {
        const n = durations.length;
        const demands = durations.flatMap((_, i) => (i % 3 === 0 ? [2, 1] : i % 3 === 1 ? [1, 0] : [0, 2]));
        const p = compileProblem({
          durations,
          capacities: [2, 2],
          demands,
          capacityChanges: { resource: [1], from: [vacation], to: [vacation + 40], capacity: [1] },
        });
        const ws = createWorkspace(p);
        resetForward(p, ws);
        for (const { resource, at } of bookings) {
          // Book activities that use `resource`, wherever they fit from `at` on.
          const j = (at * 7 + resource) % n;
          const t = findSlot(p, ws, j, at, p.horizon);
          if (t >= 0) allocate(p, ws, j, t);
        }
        for (const [k, t] of probe.entries()) {
          const j = (k * 11) % n;
          expect(findSlot(p, ws, j, t, p.horizon)).toBe(naiveSlot(p, ws, j, t, p.horizon));
          expect(findSlot(p, ws, j, t, t + 20)).toBe(naiveSlot(p, ws, j, t, t + 20));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('the slot search stays exact on the reversed capacity profile of a backward pass', () => {
    const p = compileProblem({
      durations: [3, 4, 2, 5],
      capacities: [1],
      demands: [1, 1, 1, 1],
      capacityChanges: { resource: [0], from: [2], to: [30], capacity: [0] },
    });
    const ws = createWorkspace(p);
    resetReverse(p, ws, 40);
    for (const t of [0, 5, 9, 10, 11, 37]) {
      for (let j = 0; j < 4; j++)
        expect(findSlot(p, ws, j, t, p.horizon)).toBe(naiveSlot(p, ws, j, t, p.horizon));
    }
  });

  it('orders a schedule by start time into a precedence-feasible list, whatever the links', () => {
    fc.assert(
      fc.property(problems({ generalLinks: true, vacations: true }), randomKeys, (problem, random) => {
        const { p, ws, start } = serialSchedule(problem, random);
        const byStart = new Int32Array(p.count);
        orderByKey(p, p.forward, start, byStart, ws);
        expect([...byStart].sort((a, b) => a - b)).toEqual([...Array(p.count).keys()]);
        expect(respectsArcs(p.forward, byStart)).toBe(true);
        // Without negative lags every link goes forward in time: the list is sorted by start.
        const sorted = [...byStart].every((i, k) => k === 0 || start[byStart[k - 1]] <= start[i]);
        if (p.forward.predDelta.every((d) => d >= 0)) expect(sorted).toBe(true);
        const latest = new Int32Array(p.count);
        orderByLatestFinish(p, p.reverse, start, latest, ws);
        expect(respectsArcs(p.reverse, latest)).toBe(true);
        expect([...latest].sort((a, b) => a - b)).toEqual([...Array(p.count).keys()]);
      }),
      { numRuns: 300 },
    );
  });

  it('lists latest finish first, later start first among equal finishes', () => {
    const p = compileProblem({ durations: [2, 4, 1, 3], capacities: [1], demands: [0, 0, 0, 0] });
    const ws = createWorkspace(p);
    const out = new Int32Array(4);
    orderByLatestFinish(p, p.reverse, Int32Array.from([3, 1, 4, 0]), out, ws);
    expect(Array.from(out)).toEqual([2, 0, 1, 3]);
  });

  it('moves late starts to the latest finish of the same priority class, never earlier', () => {
    // Projects 0 and 1 share the top priority and end at 2 and 5; project 2 (lower) ends at 9.
    const p = compileProblem({
      durations: [2, 5, 9],
      capacities: [1],
      demands: [0, 0, 0],
      projects: [0, 1, 2],
      projectPriorities: [5, 5, 1],
    });
    expect(Array.from(p.lateStart)).toEqual([0, 0, 0]);
    expect(Array.from(commonEndLateStart(p))).toEqual([3, 0, 0]);
  });

  it('stops generating schedules once one reaches the critical-path bound', () => {
    const result = levelSchedule(
      { durations: [3, 2, 4], capacities: [2], demands: [1, 1, 1], links: { from: [0], to: [1] } },
      { schedules: 1000 },
    );
    expect(result.makespan).toBe(5);
    expect(result.schedules).toBeLessThan(10);
  });
});
