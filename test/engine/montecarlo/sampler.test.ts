import { describe, expect, it } from 'vitest';
import { compileSimulation } from '../../../src/engine/montecarlo/compile.ts';
import {
  DIST_PERT,
  DIST_UNIFORM,
  PERT_STEPS,
  triangularQuantile,
} from '../../../src/engine/montecarlo/distributions.ts';
import { ForwardKernel } from '../../../src/engine/montecarlo/kernel.ts';
import { normalCdf, normalQuantile, Xoshiro128 } from '../../../src/engine/montecarlo/random.ts';
import { DurationSampler } from '../../../src/engine/montecarlo/sampler.ts';
import type { SimulationOptions } from '../../../src/engine/montecarlo/types.ts';
import { DAY, plan } from '../schedule/helpers.ts';

/**
 * The order the random stream is spent in, written out plainly: the correlation groups' common
 * factors, one number per sampled task in network order, then the risk events. The forward
 * pass draws the tasks as it reaches them and the risks first from a jumped generator; it must
 * give exactly these durations, so a seed keeps meaning the same simulation.
 */
function durationsInStreamOrder(c: ReturnType<typeof compileSimulation>, rng: Xoshiro128): Float64Array {
  const dur = Float64Array.from(c.baseDuration);
  const z = Array.from({ length: c.groupCount }, () => normalQuantile(rng.next()));
  const s = c.sampled;
  for (let j = 0; j < s.count; j++) {
    let u = rng.next();
    const g = s.group[j];
    if (g >= 0) {
      const rho = c.groupLoading[g];
      u = normalCdf(Math.sqrt(rho) * z[g] + Math.sqrt(1 - rho) * normalQuantile(u));
    }
    let x: number;
    if (s.kind[j] === DIST_PERT) {
      const pos = u * PERT_STEPS;
      const at = s.table[j] * (PERT_STEPS + 1) + (pos | 0);
      const t = c.pertTables;
      x = s.low[j] + (t[at] + (t[at + 1] - t[at]) * (pos - (pos | 0))) * (s.high[j] - s.low[j]);
    } else if (s.kind[j] === DIST_UNIFORM) x = s.low[j] + u * (s.high[j] - s.low[j]);
    else x = triangularQuantile(u, s.low[j], s.mode[j], s.high[j]);
    dur[s.task[j]] = s.done[j] + Math.round(x);
  }
  const r = c.risks;
  for (let k = 0; k < r.count; k++) {
    if (!(rng.next() < r.probability[k])) continue;
    for (let q = r.offsets[k]; q < r.offsets[k + 1]; q++) {
      const t = r.task[q];
      dur[t] += Math.max(-dur[t], Math.round(triangularQuantile(rng.next(), r.low[q], r.mode[q], r.high[q])));
    }
  }
  return dur;
}

describe('DurationSampler in the forward pass', () => {
  it('spends the random stream as drawing everything up front would', () => {
    const ids = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];
    const schedule = plan(
      ids.map((id, k) => ({ id, duration: (k + 2) * DAY })),
      ids
        .slice(1)
        .map((id, k) => ({ predecessorId: ids[k], successorId: id, ...(k === 3 ? { lagPercent: 50 } : {}) })),
    );
    const options: SimulationOptions = {
      iterations: 1,
      seed: 11,
      estimates: [
        {
          taskId: 'B',
          distribution: 'triangular',
          optimistic: DAY,
          mostLikely: 3 * DAY,
          pessimistic: 9 * DAY,
        },
        { taskId: 'C', distribution: 'uniform', optimistic: DAY, mostLikely: 2 * DAY, pessimistic: 5 * DAY },
      ],
      defaultSpread: { distribution: 'pert', optimisticPercent: -20, pessimisticPercent: 60 },
      correlations: [{ taskIds: ['D', 'E', 'F'], coefficient: 0.7 }],
      risks: [
        {
          id: 'R1',
          probability: 0.5,
          impacts: [{ taskId: 'E', optimistic: DAY, mostLikely: 2 * DAY, pessimistic: 4 * DAY }],
        },
        {
          id: 'R2',
          probability: 0.6,
          impacts: [
            { taskId: 'G', optimistic: -9 * DAY, mostLikely: -8 * DAY, pessimistic: -7 * DAY },
            { taskId: 'E', optimistic: -DAY, mostLikely: 0, pessimistic: DAY },
          ],
        },
      ],
    };
    const c = compileSimulation(schedule, options);
    const kernel = new ForwardKernel(c);
    const sampler = new DurationSampler(c, kernel);
    const fixed = new ForwardKernel(c);
    const fused = new Xoshiro128(11);
    const plain = new Xoshiro128(11);
    let opportunityFloored = false;
    for (let it = 0; it < 300; it++) {
      sampler.start(fused);
      kernel.runPlan(sampler, fused);
      sampler.finish(fused);
      const expected = durationsInStreamOrder(c, plain);
      for (let i = 0; i < ids.length; i++) expect(sampler.dur[kernel.taskSlot[i]]).toBe(expected[i]);
      // and the dates, percent lag included, are those of a pass with the durations given
      fixed.run(expected);
      for (let i = 0; i < ids.length; i++) {
        const v = c.net.taskNode[i];
        expect([kernel.es(v), kernel.ef(v)]).toEqual([fixed.es(v), fixed.ef(v)]);
      }
      if (expected[6] === 0) opportunityFloored = true;
    }
    // both generators end each iteration in the same place
    expect(fused.next()).toBe(plain.next());
    expect(opportunityFloored).toBe(true);
  });
});
