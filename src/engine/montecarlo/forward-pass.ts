import * as distributions from './distributions.ts';
import type { ForwardKernel } from './kernel.ts';
import type { Xoshiro128 } from './random.ts';
import type { DurationPlan } from './sampler.ts';
import * as samplerCodes from './sampler.ts';
import * as timeCode from './time-code.ts';

// Step codes per slot; the leaf steps come first so one comparison picks the common case.
export const STEP_LEAF = 0;
export const STEP_SNET = 1;
export const STEP_FNET = 2;
/** Start or finish no later than, honoured: a cap on the start (milestones take the date path). */
export const STEP_SNLT = 3;
export const STEP_FNLT = 4;
export const STEP_SLOW = 5;
export const STEP_SUMMARY_START = 6;
export const STEP_SUMMARY_FINISH = 7;
const SRC_FIXED = samplerCodes.SRC_FIXED;
const SRC_PERT = samplerCodes.SRC_PERT;
const SRC_OTHER = samplerCodes.SRC_OTHER;

/**
 * The hot loop of an iteration, alone in its function: V8 compiles it on the stack while the
 * first long pass runs, and code after the loop that has not run yet would make that compiled
 * loop bail out on every later call. Each slot in topological order: the latest of its
 * predecessors' edge times, then for a leaf its duration (drawn here: xoshiro128** inlined as
 * in Xoshiro128.next, a PERT quantile table lookup as in DurationSampler.other) and its dates,
 * and the running latest finish per finish slot.
 */
export function forwardPass(k: ForwardKernel, plan: DurationPlan, rng: Xoshiro128 | null): void {
  const nc = k.nodeCount;
  const { times, step, slotStart, slotConstraint, slotMilestone, slotTask, dates } = k;
  const { inOffsets, inRef, inLag, inStart, inSlow, inLagged, inFinish, inSlowFrom, inEdge } = k;
  const { finishSlotOf, slotMax, slotArg, slotTies } = k;
  const { source, base, dur, low, span, table, done, tables } = plan;
  // module constants in locals: V8 reloads and rechecks a module binding on every use
  const scale = timeCode.K;
  const invScale = timeCode.INV_K;
  const startOffset = timeCode.START_OFFSET;
  const tableSteps = distributions.PERT_STEPS;
  const none = Number.NEGATIVE_INFINITY;
  let a = rng ? rng.a : 0;
  let b = rng ? rng.b : 0;
  let c = rng ? rng.c : 0;
  let d4 = rng ? rng.d : 0;
  for (let s = 0, end = k.moving; s < end; s++) {
    const st = step[s];
    let sc = st === STEP_SUMMARY_FINISH ? none : slotStart[s];
    let fc = none;
    const lagged = inLagged[s];
    const finishFrom = inFinish[s];
    const slowFrom = inSlowFrom[s];
    for (let j = inOffsets[s]; j < lagged; j++) {
      const t = times[inRef[j]];
      if (t > sc) sc = t;
    }
    for (let j = lagged; j < finishFrom; j++) {
      const t = (Math.floor(times[inRef[j]] * invScale) + inLag[j]) * scale;
      if (t > sc) sc = t;
    }
    for (let j = finishFrom; j < slowFrom; j++) {
      const ref = times[inRef[j]];
      const lag = inLag[j];
      const t = lag === 0 ? ref : (Math.floor(ref * invScale) + lag) * scale;
      if (t > fc) fc = t;
    }
    for (let j = slowFrom, last = inOffsets[s + 1]; j < last; j++) {
      const ref = times[inRef[j]];
      const lag = inLag[j];
      const t =
        inSlow[j] === 1
          ? dates.edgeTime(inEdge[j], ref, lag)
          : lag === 0
            ? ref
            : (Math.floor(ref * invScale) + lag) * scale;
      if (inStart[j] === 1) {
        if (t > sc) sc = t;
      } else if (t > fc) fc = t;
    }
    if (st <= STEP_SLOW) {
      const src = source[s];
      let d: number;
      if (src === SRC_FIXED) d = base[s];
      else if (src === SRC_OTHER) {
        const g = rng as Xoshiro128;
        g.a = a;
        g.b = b;
        g.c = c;
        g.d = d4;
        d = plan.other(s, g);
        k.setPercentLags(s, d);
        a = g.a;
        b = g.b;
        c = g.c;
        d4 = g.d;
      } else {
        const x = Math.imul(b, 5);
        const r = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
        const t = b << 9;
        c ^= a;
        d4 ^= b;
        b ^= c;
        a ^= d4;
        c ^= t;
        d4 = (d4 << 11) | (d4 >>> 21);
        const u = (r + 0.5) / 4294967296;
        let q: number;
        if (src === SRC_PERT) {
          const pos = u * tableSteps;
          const at = pos | 0;
          const i = table[s] + at;
          q = tables[i] + (tables[i + 1] - tables[i]) * (pos - at);
        } else q = u;
        // Math.round compiles to a branch that a random value mispredicts half the time; for
        // the non-negative values here floor(y + 0.5) is the same number without one
        d = done[s] + Math.floor(low[s] + q * span[s] + 0.5);
      }
      dur[s] = d;
      const ms = d === 0 || slotMilestone[s] === 1;
      if (st === STEP_SLOW || (ms && st >= STEP_SNLT)) dates.leaf(times, nc + s, s, slotTask[s], sc, fc, d);
      else {
        if (st === STEP_SNET) {
          if (slotConstraint[s] > sc) sc = slotConstraint[s];
        } else if (st === STEP_FNET && slotConstraint[s] > fc) fc = slotConstraint[s];
        let finishDriven = false;
        if (fc !== none) {
          const fromFinish = ms ? fc : (Math.floor(fc * invScale) - d) * scale + startOffset;
          if (fromFinish > sc) {
            sc = fromFinish;
            finishDriven = true;
          }
        }
        let startPos = Math.floor(sc * invScale);
        if (st >= STEP_SNLT) {
          // the latest start the constraint allows, as the date path's snapStart(startFromFinish(…))
          const cap = Math.floor(slotConstraint[s] * invScale) - (st === STEP_FNLT ? d : 0);
          if (startPos > cap) {
            startPos = cap;
            finishDriven = false;
          }
        }
        const start = ms ? sc : startPos * scale + startOffset;
        let f = d === 0 ? start : (startPos + d) * scale;
        // the scheduler keeps a finish-driven task's finish at the driving instant itself
        if (finishDriven && Math.floor(f * invScale) === Math.floor(fc * invScale)) f = fc;
        times[nc + s] = start;
        times[s] = f;
      }
      const f = times[s];
      const q = finishSlotOf[s];
      const latest = slotMax[q];
      if (f > latest) {
        slotMax[q] = f;
        slotArg[q] = s;
        slotTies[q] = 1;
      } else if (f === latest) slotTies[q]++;
    } else if (st === STEP_SUMMARY_START) {
      const start = dates.summaryStart(slotTask[s], sc, slotConstraint[s]);
      times[nc + s] = start;
      times[s] = start;
    } else {
      times[nc + s] = fc;
      times[s] = fc;
    }
  }
  if (rng) {
    rng.a = a;
    rng.b = b;
    rng.c = c;
    rng.d = d4;
  }
}
