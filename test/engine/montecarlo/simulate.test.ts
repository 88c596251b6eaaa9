import { describe, expect, it } from 'vitest';
import { SimulationInputError, simulateSchedule } from '../../../src/engine/montecarlo/index.ts';
import type { SimulationInput, TaskEstimate } from '../../../src/engine/montecarlo/types.ts';
import type { ScheduleInput, ScheduleLink, ScheduleTask } from '../../../src/engine/schedule/index.ts';
import { scheduleProject } from '../../../src/engine/schedule/index.ts';
import { DAY, plan } from '../schedule/helpers.ts';

const est = (
  taskId: string,
  optimistic: number,
  mostLikely: number,
  pessimistic: number,
  distribution: TaskEstimate['distribution'] = 'triangular',
): TaskEstimate => ({ taskId, distribution, optimistic, mostLikely, pessimistic });

const simulate = (schedule: ScheduleInput, options: Partial<SimulationInput> = {}) =>
  simulateSchedule({ schedule, iterations: 2000, seed: 42, keepSamples: true, ...options });

const minutesOf = (r: ReturnType<typeof simulate>) => {
  const start = r.start.workingMinutes;
  return r.finish.percentiles.map((p) => p.workingMinutes - start);
};

/** A chain A1 -> A2 -> … of `n` tasks of one day each. */
function chain(n: number, prefix = 'T'): { tasks: ScheduleTask[]; links: ScheduleLink[] } {
  const tasks = Array.from({ length: n }, (_, k) => ({ id: `${prefix}${k + 1}`, duration: DAY }));
  const links = tasks.slice(1).map((t, k) => ({ predecessorId: tasks[k].id, successorId: t.id }));
  return { tasks, links };
}

describe('simulateSchedule: distributions', () => {
  it('samples a triangular duration with its analytic mean and median', () => {
    const r = simulate(plan([{ id: 'A', duration: 20 * DAY }]), {
      iterations: 20_000,
      estimates: [est('A', 10 * DAY, 20 * DAY, 60 * DAY)],
    });
    // a single task starting on working time finishes `duration` working minutes later
    expect(r.tasks[0].meanDuration / DAY).toBeCloseTo(30, 0);
    expect(Math.abs(r.finish.mean.workingMinutes / DAY - 30)).toBeLessThan(0.3);
    // median of triangular(10, 20, 60): F(m) = 0.2 < 0.5, so b - sqrt(0.5 (b - a)(b - m))
    const median = 60 - Math.sqrt(0.5 * 50 * 40);
    const p50 = r.finish.percentiles.find((p) => p.p === 50)!.workingMinutes / DAY;
    expect(Math.abs(p50 - median)).toBeLessThan(0.4);
  });

  it('samples PERT with mean (a + 4m + b) / 6', () => {
    const r = simulate(plan([{ id: 'A', duration: 20 * DAY }]), {
      iterations: 20_000,
      estimates: [est('A', 10 * DAY, 20 * DAY, 60 * DAY, 'pert')],
    });
    expect(Math.abs(r.finish.mean.workingMinutes / DAY - (10 + 80 + 60) / 6)).toBeLessThan(0.2);
    // PERT variance is about ((b - a) / 6)^2 for a moderately skewed shape
    expect(r.finish.stdDev / DAY).toBeGreaterThan(7);
    expect(r.finish.stdDev / DAY).toBeLessThan(9.5);
  });

  it('samples a uniform duration evenly between its bounds', () => {
    const r = simulate(plan([{ id: 'A', duration: 20 * DAY }]), {
      iterations: 20_000,
      estimates: [est('A', 10 * DAY, 20 * DAY, 30 * DAY, 'uniform')],
    });
    expect(Math.abs(r.finish.mean.workingMinutes / DAY - 20)).toBeLessThan(0.2);
    const p10 = r.finish.percentiles.find((p) => p.p === 10)!.workingMinutes / DAY;
    const p90 = r.finish.percentiles.find((p) => p.p === 90)!.workingMinutes / DAY;
    expect(Math.abs(p10 - 12)).toBeLessThan(0.25);
    expect(Math.abs(p90 - 28)).toBeLessThan(0.25);
    expect(r.finish.min.workingMinutes).toBeGreaterThanOrEqual(10 * DAY);
    expect(r.finish.max.workingMinutes).toBeLessThanOrEqual(30 * DAY);
  });

  it('gives P(finish <= t) = (t / L)^2 for two independent uniform tasks in parallel', () => {
    const L = 100 * DAY;
    const r = simulate(
      plan([
        { id: 'A', duration: L / 2 },
        { id: 'B', duration: L / 2 },
      ]),
      {
        iterations: 40_000,
        estimates: [est('A', 0, L / 2, L, 'uniform'), est('B', 0, L / 2, L, 'uniform')],
      },
    );
    for (const { p, workingMinutes } of r.finish.percentiles) {
      // the p-th percentile of max(U1, U2) is L * sqrt(p)
      expect(Math.abs(workingMinutes / L - Math.sqrt(p / 100))).toBeLessThan(0.01);
    }
    for (const point of r.finish.cumulative) {
      const t = point.workingMinutes / L;
      expect(Math.abs(point.probability - Math.min(1, t) ** 2)).toBeLessThan(0.015);
    }
  });
});

describe('simulateSchedule: determinism', () => {
  const input = () => {
    const { tasks, links } = chain(6);
    return plan(tasks, links);
  };
  const spread = { distribution: 'pert' as const, optimisticPercent: -10, pessimisticPercent: 40 };

  it('gives identical results for the same seed', () => {
    const a = simulate(input(), { defaultSpread: spread, seed: 7 });
    const b = simulate(input(), { defaultSpread: spread, seed: 7 });
    expect(Array.from(a.samples!)).toEqual(Array.from(b.samples!));
    expect(a.finish.percentiles).toEqual(b.finish.percentiles);
    expect(a.tasks).toEqual(b.tasks);
  });

  it('gives different samples for different seeds', () => {
    const a = simulate(input(), { defaultSpread: spread, seed: 7 });
    const b = simulate(input(), { defaultSpread: spread, seed: 8 });
    expect(Array.from(a.samples!)).not.toEqual(Array.from(b.samples!));
  });

  it('does not change its input', () => {
    const schedule = input();
    const copy = structuredClone(schedule);
    simulate(schedule, { defaultSpread: spread });
    expect(schedule).toEqual(copy);
  });
});

describe('simulateSchedule: risk events', () => {
  const one = () => plan([{ id: 'A', duration: DAY }]);

  it('adds the impact of a risk that always occurs', () => {
    const r = simulate(one(), {
      estimates: [est('A', DAY, DAY, DAY)],
      risks: [
        {
          id: 'R1',
          probability: 1,
          impacts: [{ taskId: 'A', optimistic: DAY, mostLikely: DAY, pessimistic: DAY }],
        },
      ],
    });
    expect(new Set(minutesOf(r))).toEqual(new Set([2 * DAY]));
  });

  it('adds nothing for a risk that never occurs', () => {
    const r = simulate(one(), {
      estimates: [est('A', DAY, DAY, DAY)],
      risks: [
        {
          id: 'R1',
          probability: 0,
          impacts: [{ taskId: 'A', optimistic: DAY, mostLikely: DAY, pessimistic: DAY }],
        },
      ],
    });
    expect(new Set(minutesOf(r))).toEqual(new Set([DAY]));
  });

  it('takes time off for an opportunity, never below zero', () => {
    const r = simulate(one(), {
      estimates: [est('A', DAY, DAY, DAY)],
      risks: [
        {
          id: 'O1',
          probability: 1,
          impacts: [{ taskId: 'A', optimistic: -2 * DAY, mostLikely: -2 * DAY, pessimistic: -DAY / 2 }],
        },
      ],
    });
    const minutes = minutesOf(r);
    expect(Math.min(...minutes)).toBe(0);
    expect(Math.max(...minutes)).toBeLessThanOrEqual(DAY / 2);
  });

  it('occurs in about its probability of iterations', () => {
    const r = simulate(one(), {
      iterations: 10_000,
      estimates: [est('A', DAY, DAY, DAY)],
      risks: [
        {
          id: 'R1',
          probability: 0.3,
          impacts: [{ taskId: 'A', optimistic: DAY, mostLikely: DAY, pessimistic: DAY }],
        },
      ],
    });
    const late = Array.from(r.samples!).filter((f) => f > r.finish.deterministic.date).length / 10_000;
    expect(Math.abs(late - 0.3)).toBeLessThan(0.02);
    expect(r.finish.deterministic.probability).toBeCloseTo(1 - late, 5);
  });
});

describe('simulateSchedule: correlation', () => {
  it('widens the spread of a chain whose tasks are correlated', () => {
    const { tasks, links } = chain(10);
    const estimates = tasks.map((t) => est(String(t.id), 0.5 * DAY, DAY, 2 * DAY));
    const independent = simulate(plan(tasks, links), { estimates, iterations: 5000 });
    const correlated = simulate(plan(tasks, links), {
      estimates,
      iterations: 5000,
      correlations: [{ taskIds: tasks.map((t) => t.id), coefficient: 0.9 }],
    });
    // var(sum) grows from 10 s^2 to about (10 + 90 * 0.9) s^2: three times the deviation
    expect(correlated.finish.stdDev / independent.finish.stdDev).toBeGreaterThan(2.5);
    expect(
      Math.abs(correlated.finish.mean.workingMinutes - independent.finish.mean.workingMinutes),
    ).toBeLessThan(0.2 * DAY);
  });
});

describe('simulateSchedule: criticality and sensitivity', () => {
  it('puts every task of a single chain on the driving path in every iteration', () => {
    const { tasks, links } = chain(5);
    const r = simulate(plan(tasks, links), {
      defaultSpread: { distribution: 'triangular', optimisticPercent: -20, pessimisticPercent: 50 },
    });
    expect(r.tasks.map((t) => t.criticality)).toEqual([1, 1, 1, 1, 1]);
  });

  it('shares criticality between equal parallel branches and gives none to a short one', () => {
    // start -> (A | B | C) -> end; A and B alike, C much shorter
    const tasks = [
      { id: 'S', duration: DAY },
      { id: 'A', duration: 10 * DAY },
      { id: 'B', duration: 10 * DAY },
      { id: 'C', duration: 2 * DAY },
      { id: 'E', duration: DAY },
    ];
    const links = ['A', 'B', 'C'].flatMap((id) => [
      { predecessorId: 'S', successorId: id },
      { predecessorId: id, successorId: 'E' },
    ]);
    const r = simulate(plan(tasks, links), {
      iterations: 4000,
      estimates: [est('A', 8 * DAY, 10 * DAY, 14 * DAY), est('B', 8 * DAY, 10 * DAY, 14 * DAY)],
    });
    const crit = Object.fromEntries(r.tasks.map((t) => [t.taskId, t.criticality]));
    expect(crit.S).toBe(1);
    expect(crit.E).toBe(1);
    expect(crit.C).toBe(0);
    expect(Math.abs(crit.A - 0.5)).toBeLessThan(0.05);
    expect(crit.A + crit.B).toBeGreaterThanOrEqual(1);
    expect(crit.A + crit.B).toBeLessThan(1.05);
  });

  it('ranks the widest task of a chain first for sensitivity', () => {
    const { tasks, links } = chain(4);
    const r = simulate(plan(tasks, links), {
      estimates: [
        est('T1', 0.9 * DAY, DAY, 1.1 * DAY),
        est('T2', 0.5 * DAY, DAY, 5 * DAY),
        est('T3', 0.9 * DAY, DAY, 1.2 * DAY),
      ],
    });
    expect(r.sensitivityRanking[0]).toBe('T2');
    const s = Object.fromEntries(r.tasks.map((t) => [t.taskId, t.sensitivity]));
    expect(s.T2).toBeGreaterThan(0.9);
    expect(s.T4).toBe(0);
  });

  it('simulates a program: cross-project links and a finish per project', () => {
    const a = chain(3, 'A');
    const b = chain(3, 'B');
    const schedule: ScheduleInput = {
      ...plan([], []),
      tasks: [
        ...a.tasks.map((t) => ({ ...t, projectId: 'pa' })),
        ...b.tasks.map((t) => ({ ...t, projectId: 'pb' })),
      ],
      links: [...a.links, ...b.links, { predecessorId: 'A3', successorId: 'B2' }],
      projects: [
        { id: 'pa', calendarId: 'std', start: plan([]).projects[0].start },
        { id: 'pb', calendarId: 'std', start: plan([]).projects[0].start },
      ],
    };
    const r = simulate(schedule, { estimates: [est('A2', DAY, 3 * DAY, 6 * DAY)] });
    expect(r.projects.map((p) => p.id)).toEqual(['pa', 'pb']);
    const crit = Object.fromEntries(r.tasks.map((t) => [t.taskId, t.criticality]));
    // B1 never drives: A3 always ends after it
    expect(crit.B1).toBe(0);
    expect(crit.A2).toBe(1);
    expect(r.sensitivityRanking[0]).toBe('A2');
    const det = scheduleProject(schedule);
    expect(r.finish.deterministic.date).toBe(det.projectFinish);
    expect(r.projects[1].deterministic.date).toBe(det.projects[1].finish);
    expect(Math.max(...r.projectSamples![0])).toBeLessThanOrEqual(Math.max(...r.samples!));
  });

  it('gives the probability of meeting a target date', () => {
    const r = simulate(plan([{ id: 'A', duration: 10 * DAY }]), {
      iterations: 10_000,
      estimates: [est('A', 0, 10 * DAY, 20 * DAY, 'uniform')],
      targetDate: plan([]).projects[0].start! + 4 * 1440 + 9 * 60, // Friday 17:00: 5 working days
    });
    expect(Math.abs(r.finish.target!.probability - 0.25)).toBeLessThan(0.02);
  });
});

describe('simulateSchedule: progress', () => {
  it('samples only the remaining part of an in-progress task and keeps a finished one', () => {
    const start = plan([]).projects[0].start!;
    const schedule = plan(
      [
        { id: 'Done', duration: 2 * DAY, actualStart: start, actualFinish: start + 1440 + 540 },
        { id: 'Half', duration: 10 * DAY, actualStart: start + 2 * 1440, percentComplete: 50 },
      ],
      [{ predecessorId: 'Done', successorId: 'Half' }],
    );
    const r = simulate(schedule, {
      estimates: [
        est('Done', DAY, 2 * DAY, 9 * DAY, 'uniform'),
        est('Half', 10 * DAY, 10 * DAY, 20 * DAY, 'uniform'),
      ],
    });
    const done = r.tasks.find((t) => t.taskId === 'Done')!;
    expect(done.meanDuration).toBe(2 * DAY);
    // half of Half is done: its remaining 5 days become 5 to 10, so the whole task takes 10 to 15 days
    const minutes = minutesOf(r);
    const startOffset = 2 * DAY;
    expect(Math.min(...minutes) - startOffset).toBeGreaterThanOrEqual(10 * DAY);
    expect(Math.max(...minutes) - startOffset).toBeLessThanOrEqual(15 * DAY);
    expect(Math.max(...minutes) - startOffset).toBeGreaterThan(14 * DAY);
  });
});

describe('simulateSchedule: bad input', () => {
  const input = () =>
    plan([
      { id: 'A', duration: DAY },
      { id: 'S', duration: 0 },
      { id: 'C', parentId: 'S', duration: DAY },
    ]);
  const fails = (options: Partial<SimulationInput>, where: string, field: string) => {
    let error: unknown;
    try {
      simulate(input(), { estimates: [est('A', DAY, DAY, 2 * DAY)], ...options });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SimulationInputError);
    expect((error as SimulationInputError).where).toBe(where);
    expect((error as SimulationInputError).field).toBe(field);
  };

  it('rejects a probability outside 0..1', () =>
    fails({ risks: [{ id: 'R', probability: 1.5, impacts: [] }] }, 'risks[0] ("R")', 'probability'));
  it('rejects estimates out of order', () => {
    fails({ estimates: [est('A', 3 * DAY, DAY, 4 * DAY)] }, 'estimates[0]', 'optimistic');
    fails({ estimates: [est('A', DAY, 3 * DAY, 2 * DAY)] }, 'estimates[0]', 'mostLikely');
  });
  it('rejects negative durations', () =>
    fails({ estimates: [est('A', -1, DAY, 2 * DAY)] }, 'estimates[0]', 'optimistic'));
  it('rejects an estimate for an unknown task', () =>
    fails({ estimates: [est('X', 1, 2, 3)] }, 'estimates[0]', 'taskId'));
  it('rejects an estimate for a summary task', () =>
    fails({ estimates: [est('S', 1, 2, 3)] }, 'estimates[0]', 'taskId'));
  it('rejects zero iterations', () => fails({ iterations: 0 }, 'options', 'iterations'));
  it('rejects a simulation without estimates', () =>
    fails({ estimates: [], defaultSpread: null }, 'options', 'estimates'));
  it('rejects an unknown distribution', () =>
    fails(
      { estimates: [{ ...est('A', 1, 2, 3), distribution: 'normal' as 'pert' }] },
      'estimates[0]',
      'distribution',
    ));
  it('rejects a correlation coefficient above 1', () =>
    fails({ correlations: [{ taskIds: ['A'], coefficient: 2 }] }, 'correlations[0]', 'coefficient'));
  it('rejects a risk impact on an unknown task', () =>
    fails(
      {
        risks: [
          {
            id: 'R',
            probability: 0.5,
            impacts: [{ taskId: 'Z', optimistic: 0, mostLikely: 1, pessimistic: 2 }],
          },
        ],
      },
      'risks[0] ("R").impacts[0]',
      'taskId',
    ));
});
