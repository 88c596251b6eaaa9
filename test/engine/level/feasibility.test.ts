import { describe, expect, it } from 'vitest';
import { checkSchedule } from '../../../src/engine/level/feasibility.ts';
import { type LevelingProblem, LinkType } from '../../../src/engine/level/problem.ts';

const chain: LevelingProblem = {
  durations: [3, 2],
  capacities: [1],
  demands: [1, 1],
  links: { from: [0], to: [1] },
};

describe('checkSchedule', () => {
  it('accepts a schedule that respects links and capacity', () => {
    expect(checkSchedule(chain, [0, 3])).toEqual([]);
  });

  it('reports a successor that starts before its predecessor finishes', () => {
    const v = checkSchedule(chain, [0, 2], { ignoreCapacity: true });
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ kind: 'precedence', link: 0, from: 0, to: 1 });
  });

  it('reports each over-used period with the units used and available', () => {
    const problem: LevelingProblem = { durations: [3, 2], capacities: [1], demands: [1, 1] };
    const v = checkSchedule(problem, [0, 1]);
    expect(v.map((x) => (x.kind === 'capacity' ? [x.period, x.used, x.capacity] : null))).toEqual([
      [1, 2, 1],
      [2, 2, 1],
    ]);
  });

  it('checks capacity against changes over time', () => {
    const problem: LevelingProblem = {
      durations: [2],
      capacities: [1],
      demands: [1],
      capacityChanges: { resource: [0], from: [1], to: [2], capacity: [0] },
    };
    expect(checkSchedule(problem, [0])).toHaveLength(1);
    expect(checkSchedule(problem, [2])).toEqual([]);
  });

  it('checks every link type by its own rule', () => {
    const problem: LevelingProblem = {
      durations: [4, 2],
      capacities: [],
      demands: [],
      links: {
        from: [0, 0, 0],
        to: [1, 1, 1],
        type: [LinkType.SS, LinkType.FF, LinkType.SF],
        lag: [1, 0, 3],
      },
    };
    expect(checkSchedule(problem, [0, 2])).toEqual([]);
    expect(checkSchedule(problem, [0, 1]).map((v) => (v.kind === 'precedence' ? v.link : -1))).toEqual([1]);
    expect(checkSchedule(problem, [2, 0]).map((v) => (v.kind === 'precedence' ? v.link : -1))).toEqual([
      0, 1, 2,
    ]);
  });

  it('reports starts before a release date, negative or missing', () => {
    const problem: LevelingProblem = { durations: [1, 1], capacities: [], demands: [], releaseDates: [2, 0] };
    expect(checkSchedule(problem, [1, 0])[0]).toMatchObject({ kind: 'release', activity: 0 });
    expect(checkSchedule(problem, [2, -1])[0]).toMatchObject({ kind: 'start', activity: 1 });
    expect(checkSchedule(problem, [2])[0]).toMatchObject({ kind: 'start' });
  });
});
