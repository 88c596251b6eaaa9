import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { conformanceFiles, DATA_DIR, loadPlan } from '../../../bench/schedule/conformance-lib.ts';
import { compileSimulation } from '../../../src/engine/montecarlo/compile.ts';
import { simulateSchedule } from '../../../src/engine/montecarlo/index.ts';
import { ForwardKernel } from '../../../src/engine/montecarlo/kernel.ts';
import { Xoshiro128 } from '../../../src/engine/montecarlo/random.ts';
import { decodeTime } from '../../../src/engine/montecarlo/time-code.ts';
import type { ScheduleInput } from '../../../src/engine/schedule/index.ts';
import { scheduleProject } from '../../../src/engine/schedule/index.ts';
import { mspdiToScheduleInput } from '../../../src/interop/mspdi/to-schedule-input.ts';

const files = existsSync(DATA_DIR) ? conformanceFiles() : [];

function load(file: string): ScheduleInput {
  return mspdiToScheduleInput(loadPlan(file), file).input;
}

/**
 * The key correctness check: the simulation's forward pass is a re-implementation of the
 * scheduler's on time codes, so on MS Project plans (calendars, constraints, progress,
 * summaries, lags of every kind, cross-project links) it must give the scheduler's dates.
 */
describe.skipIf(files.length === 0)('simulation on real plans', () => {
  it('finishes every iteration on the deterministic finish when estimates are degenerate', () => {
    let checked = 0;
    for (const file of files) {
      const schedule = load(file);
      const det = scheduleProject(schedule);
      const parents = new Set(schedule.tasks.map((t) => t.parentId));
      const estimates = schedule.tasks
        .filter((t) => !parents.has(t.id))
        .map((t) => ({
          taskId: t.id,
          distribution: 'pert' as const,
          optimistic: t.duration,
          mostLikely: t.duration,
          pessimistic: t.duration,
        }));
      if (estimates.length === 0) continue;
      const r = simulateSchedule({ schedule, estimates, iterations: 3, seed: 1, keepSamples: true });
      expect(Array.from(r.samples!), file).toEqual([det.projectFinish, det.projectFinish, det.projectFinish]);
      det.projects.forEach((p, k) => {
        if (det.projects.length > 1) expect(r.projects[k].max.date, file).toBe(p.finish);
      });
      checked++;
    }
    expect(checked).toBeGreaterThan(200);
  });

  it('gives every leaf the scheduler early dates for randomly changed durations', () => {
    const rng = new Xoshiro128(2024);
    let compared = 0;
    for (const file of files) {
      const schedule = load(file);
      const c = compileSimulation(schedule, {
        iterations: 1,
        seed: 1,
        defaultSpread: { distribution: 'uniform', optimisticPercent: 0, pessimisticPercent: 0 },
      });
      const dur = Float64Array.from(c.baseDuration);
      const tasks = schedule.tasks.map((t, i) => {
        if (c.net.isSummary[i] || !(t.duration > 0)) return t;
        dur[i] = Math.round(t.duration * (0.3 + 1.5 * rng.next()));
        return { ...t, duration: dur[i] };
      });
      const expected = scheduleProject({ ...schedule, tasks });
      const kernel = new ForwardKernel(c);
      kernel.run(dur);
      for (let i = 0; i < c.net.taskCount; i++) {
        if (c.net.isSummary[i]) continue;
        const cal = c.calendars[c.net.calendar[i]];
        const v = c.net.taskNode[i];
        expect(decodeTime(cal, kernel.es(v)), `${file} task ${c.net.taskIds[i]} start`).toBe(
          expected.earlyStart[i],
        );
        expect(decodeTime(cal, kernel.ef(v)), `${file} task ${c.net.taskIds[i]} finish`).toBe(
          expected.earlyFinish[i],
        );
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(10_000);
  });
});
