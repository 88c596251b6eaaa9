import { describe, expect, it } from 'vitest';
import { checkSchedule } from '../../../src/engine/level/feasibility.ts';
import { levelSchedule } from '../../../src/engine/level/level-schedule.ts';
import {
  LevelingCycleError,
  LevelingInputError,
  type LevelingProblem,
  LinkType,
} from '../../../src/engine/level/problem.ts';

/** Two projects of three chained tasks each, all on one crane (capacity 1). */
function twoProjects(priorities: [number, number]): LevelingProblem {
  return {
    durations: [2, 3, 1, 2, 2, 2],
    capacities: [1],
    demands: [1, 1, 1, 1, 1, 1],
    links: { from: [0, 1, 3, 4], to: [1, 2, 4, 5] },
    projects: [0, 0, 0, 1, 1, 1],
    projectPriorities: priorities,
  };
}

describe('levelSchedule', () => {
  it('starts each successor only after its predecessor finishes', () => {
    const problem: LevelingProblem = {
      durations: [3, 2, 4, 1],
      capacities: [2],
      demands: [1, 1, 1, 1],
      links: { from: [0, 0, 1, 2], to: [1, 2, 3, 3] },
    };
    const r = levelSchedule(problem, { schedules: 50 });
    expect(r.starts[1]).toBeGreaterThanOrEqual(r.finishes[0]);
    expect(r.starts[2]).toBeGreaterThanOrEqual(r.finishes[0]);
    expect(r.starts[3]).toBeGreaterThanOrEqual(Math.max(r.finishes[1], r.finishes[2]));
    expect(checkSchedule(problem, r.starts)).toEqual([]);
  });

  it('never uses more of a resource than its capacity in any period', () => {
    const problem: LevelingProblem = {
      durations: [4, 4, 4, 2],
      capacities: [3, 2],
      demands: [2, 1, 2, 1, 1, 1, 3, 0],
      links: { from: [], to: [] },
    };
    const r = levelSchedule(problem, { schedules: 100 });
    expect(checkSchedule(problem, r.starts)).toEqual([]);
    // Tasks 0 and 1 cannot overlap (2 + 2 > 3 units of resource 0), nor can 3 with 0, 1 or 2.
    expect(r.starts[1] >= r.finishes[0] || r.starts[0] >= r.finishes[1]).toBe(true);
    expect(r.makespan).toBe(10);
  });

  it('delays one task when two need the only crane at once', () => {
    const r = levelSchedule({ durations: [3, 2], capacities: [1], demands: [1, 1] }, { schedules: 10 });
    expect(r.makespan).toBe(5);
    expect([
      [0, 3],
      [2, 0],
    ]).toContainEqual(Array.from(r.delays));
  });

  it('gives the shared resource to the higher-priority project first', () => {
    for (const budget of [1, 200]) {
      const high0 = levelSchedule(twoProjects([500, 100]), { schedules: budget });
      expect(high0.projectFinishes[0]).toBe(6);
      expect(high0.projectFinishes[1]).toBe(12);
      const high1 = levelSchedule(twoProjects([100, 500]), { schedules: budget });
      expect(high1.projectFinishes[1]).toBe(6);
      expect(high1.projectFinishes[0]).toBe(12);
    }
  });

  it('orders tasks of one project by task priority', () => {
    const problem: LevelingProblem = {
      durations: [2, 2, 2],
      capacities: [1],
      demands: [1, 1, 1],
      taskPriorities: [0, 900, 500],
    };
    const r = levelSchedule(problem, { schedules: 60 });
    expect(Array.from(r.starts)).toEqual([4, 0, 2]);
  });

  it('never extends any project finish when leveling within slack', () => {
    const problem: LevelingProblem = {
      durations: [4, 1, 1, 2, 3],
      capacities: [2],
      demands: [1, 1, 1, 0, 1],
      links: { from: [0, 3], to: [4, 4] },
      projects: [0, 0, 0, 1, 1],
    };
    const r = levelSchedule(problem, { mode: 'within-slack', schedules: 100 });
    for (let p = 0; p < 2; p++)
      expect(r.projectFinishes[p]).toBeLessThanOrEqual(r.unleveledProjectFinishes[p]);
    // Tasks 1 and 2 fit before task 4 starts, one after the other, so nothing is left over capacity.
    expect(checkSchedule(problem, r.starts)).toEqual([]);
    expect(r.unresolved.length).toBe(0);
  });

  it('lists the tasks it cannot level within slack and leaves them at their early start', () => {
    const problem: LevelingProblem = { durations: [3, 3], capacities: [1], demands: [1, 1] };
    const r = levelSchedule(problem, { mode: 'within-slack', schedules: 20 });
    expect(r.makespan).toBe(3);
    expect(r.unresolved.length).toBe(1);
    expect(r.delays[r.unresolved[0]]).toBe(0);
    const allowed = levelSchedule(problem, { schedules: 20 });
    expect(allowed.makespan).toBe(6);
  });

  it('reports the delay of each task against its unconstrained early start and each project finish', () => {
    const r = levelSchedule(twoProjects([500, 100]), { schedules: 50 });
    expect(Array.from(r.earlyStarts)).toEqual([0, 2, 5, 0, 2, 4]);
    expect(Array.from(r.delays)).toEqual([0, 0, 0, 6, 6, 6]);
    expect(Array.from(r.unleveledProjectFinishes)).toEqual([6, 6]);
    expect(Array.from(r.projectFinishes)).toEqual([6, 12]);
  });

  it('starts no task before its release date', () => {
    const problem: LevelingProblem = {
      durations: [2, 2, 2],
      capacities: [1],
      demands: [1, 1, 1],
      releaseDates: [5, 0, 1],
    };
    const r = levelSchedule(problem, { schedules: 100 });
    expect(r.starts[0]).toBeGreaterThanOrEqual(5);
    expect(r.starts[2]).toBeGreaterThanOrEqual(1);
    expect(checkSchedule(problem, r.starts)).toEqual([]);
    expect(r.makespan).toBe(7);
  });

  it('respects start-to-start, finish-to-finish and start-to-finish links with lags', () => {
    const problem: LevelingProblem = {
      durations: [5, 2, 4, 3],
      capacities: [1],
      demands: [1, 0, 0, 1],
      links: {
        from: [0, 0, 1, 2],
        to: [1, 2, 3, 3],
        type: [LinkType.SS, LinkType.FF, LinkType.SF, LinkType.FS],
        lag: [2, 1, 4, -1],
      },
    };
    const r = levelSchedule(problem, { schedules: 100 });
    expect(checkSchedule(problem, r.starts)).toEqual([]);
    expect(r.starts[1]).toBeGreaterThanOrEqual(r.starts[0] + 2);
    expect(r.finishes[2]).toBeGreaterThanOrEqual(r.finishes[0] + 1);
    expect(r.finishes[3]).toBeGreaterThanOrEqual(r.starts[1] + 4);
  });

  it('works around a period where a resource is away', () => {
    const problem: LevelingProblem = {
      durations: [3, 2],
      capacities: [1],
      demands: [1, 1],
      capacityChanges: { resource: [0], from: [1], to: [4], capacity: [0] },
    };
    const r = levelSchedule(problem, { schedules: 50 });
    expect(checkSchedule(problem, r.starts)).toEqual([]);
    expect(r.makespan).toBe(9);
  });

  it('ranks a program by late dates against its common end, so the project that sets the finish goes first', () => {
    // Project 0: one 2-period crane job. Project 1: a 3-period crane job, then 10 periods without it.
    // Against each project's own finish project 0 looks more urgent (late finish 2 against 3) and
    // the program ends at 15; against the common end (13) it has 11 periods of slack.
    const result = levelSchedule(
      {
        durations: [2, 3, 10],
        capacities: [1],
        demands: [1, 1, 0],
        links: { from: [1], to: [2] },
        projects: [0, 1, 1],
      },
      { schedules: 1 },
    );
    expect(result.makespan).toBe(13);
    expect(Array.from(result.starts)).toEqual([3, 0, 3]);
  });

  it('returns the same schedule for the same seed', () => {
    const problem = twoProjects([0, 0]);
    const a = levelSchedule(problem, { schedules: 300, seed: 42 });
    const b = levelSchedule(problem, { schedules: 300, seed: 42 });
    expect(Array.from(a.starts)).toEqual(Array.from(b.starts));
  });

  it('leaves its input unchanged', () => {
    const durations = Int32Array.from([2, 3, 1, 2, 2, 2]);
    const demands = Int32Array.from([1, 1, 1, 1, 1, 1]);
    const problem: LevelingProblem = {
      durations,
      capacities: [1],
      demands,
      links: { from: [0, 1], to: [1, 2] },
      releaseDates: [0, 0, 0, 3, 0, 0],
    };
    const before = JSON.stringify(problem, (_, v) =>
      ArrayBuffer.isView(v) ? Array.from(v as Int32Array) : v,
    );
    levelSchedule(problem, { schedules: 200 });
    levelSchedule(problem, { mode: 'within-slack', schedules: 20 });
    const after = JSON.stringify(problem, (_, v) =>
      ArrayBuffer.isView(v) ? Array.from(v as Int32Array) : v,
    );
    expect(after).toBe(before);
  });

  it('rejects a cycle and names the tasks in it', () => {
    const problem: LevelingProblem = {
      durations: [1, 1, 1],
      capacities: [1],
      demands: [1, 1, 1],
      links: { from: [0, 1, 2], to: [1, 2, 1] },
      names: ['Dig', 'Pour', 'Cure'],
    };
    expect(() => levelSchedule(problem)).toThrow(LevelingCycleError);
    expect(() => levelSchedule(problem)).toThrow(/Pour → Cure|Cure → Pour/);
  });

  it('rejects a demand above the capacity and names the task and resource', () => {
    const problem: LevelingProblem = { durations: [1], capacities: [2], demands: [3], names: ['Lift'] };
    expect(() => levelSchedule(problem)).toThrow(LevelingInputError);
    expect(() => levelSchedule(problem)).toThrow(/Lift needs 3 units of resource 0/);
  });

  it('rejects a negative duration and a link to a missing task', () => {
    expect(() => levelSchedule({ durations: [1, -2], capacities: [], demands: [] })).toThrow(
      /durations\[1\]/,
    );
    expect(() =>
      levelSchedule({ durations: [1], capacities: [], demands: [], links: { from: [0], to: [4] } }),
    ).toThrow(/links.to\[0\]: no activity 4/);
  });

  it('levels an empty problem to an empty schedule', () => {
    const r = levelSchedule({ durations: [], capacities: [1], demands: [] });
    expect(r.makespan).toBe(0);
    expect(r.starts.length).toBe(0);
  });
});
