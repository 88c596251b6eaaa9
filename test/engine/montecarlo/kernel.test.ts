import { describe, expect, it } from 'vitest';
import { compileSimulation } from '../../../src/engine/montecarlo/compile.ts';
import { ForwardKernel } from '../../../src/engine/montecarlo/kernel.ts';
import { Xoshiro128 } from '../../../src/engine/montecarlo/random.ts';
import { decodeTime } from '../../../src/engine/montecarlo/time-code.ts';
import type { ScheduleInput, ScheduleTask } from '../../../src/engine/schedule/index.ts';
import { scheduleProject } from '../../../src/engine/schedule/index.ts';
import { at, DAY, plan } from '../schedule/helpers.ts';

/** Every leaf's early dates from the kernel, as dates, for durations `dur` (by task). */
function kernelDates(schedule: ScheduleInput, dur: Float64Array) {
  const c = compileSimulation(schedule, {
    iterations: 1,
    seed: 1,
    defaultSpread: { distribution: 'uniform', optimisticPercent: 0, pessimisticPercent: 0 },
  });
  const kernel = new ForwardKernel(c);
  kernel.run(dur);
  const cal = c.calendars[0];
  return schedule.tasks.map((_, i) => {
    const v = c.net.taskNode[i];
    return [decodeTime(cal, kernel.es(v)), decodeTime(cal, kernel.ef(v))];
  });
}

describe('ForwardKernel: no-later-than constraints on the arithmetic path', () => {
  it.each([true, false])('gives the scheduler early dates (constraints honoured: %s)', (honor) => {
    // a chain whose links push some constrained tasks past their dates and leave others early
    const constrained = (k: number): Partial<ScheduleTask> =>
      k % 4 === 1
        ? { constraintType: 'FNLT', constraintDate: at('2024-01-15T17:00') }
        : k % 4 === 2
          ? {
              constraintType: 'SNLT',
              constraintDate: at(k % 8 === 2 ? '2024-01-13T10:00' : '2024-01-17T09:30'),
            }
          : {};
    const tasks: ScheduleTask[] = Array.from({ length: 24 }, (_, k) => ({
      id: `T${k}`,
      duration: DAY,
      milestone: k % 6 === 5,
      ...constrained(k),
    }));
    const links = tasks.slice(1).map((t, k) => ({
      predecessorId: tasks[k % 3 === 0 ? k : Math.max(0, k - 2)].id,
      successorId: t.id,
      type: k % 5 === 4 ? ('FF' as const) : ('FS' as const),
    }));
    const rng = new Xoshiro128(3);
    let compared = 0;
    for (let round = 0; round < 40; round++) {
      const dur = Float64Array.from(tasks, (t) => (t.milestone ? 0 : Math.round(rng.next() * 3 * DAY)));
      const schedule = plan(
        tasks.map((t, i) => ({ ...t, duration: dur[i] })),
        links,
        { honorConstraints: honor },
      );
      const expected = scheduleProject(schedule);
      const got = kernelDates(schedule, dur);
      got.forEach(([s, f], i) => {
        expect([s, f], String(tasks[i].id)).toEqual([expected.earlyStart[i], expected.earlyFinish[i]]);
        compared++;
      });
    }
    expect(compared).toBe(40 * 24);
  });
});
