import type { CompiledSimulation } from './compile.ts';
import * as distributions from './distributions.ts';
import type { ForwardKernel } from './kernel.ts';
import * as random from './random.ts';
import { jumpMatrix, Xoshiro128 } from './random.ts';

const { DIST_PERT, DIST_UNIFORM, PERT_STEPS, triangularQuantile } = distributions;
const { normalCdf, normalQuantile } = random;

/** What the forward pass reads a leaf's duration from (by slot); see DurationSampler. */
export interface DurationPlan {
  readonly source: Uint8Array;
  readonly base: Float64Array;
  /** Written by the pass: the duration each leaf got. */
  readonly dur: Float64Array;
  readonly low: Float64Array;
  readonly span: Float64Array;
  readonly table: Int32Array;
  readonly done: Float64Array;
  readonly tables: Float64Array;
  other(s: number, rng: Xoshiro128): number;
}

/** How the forward pass gets a leaf's duration (see DurationSampler.source). */
export const SRC_FIXED = 0;
export const SRC_PERT = 1;
export const SRC_UNIFORM = 2;
/** Anything else (triangular, correlated, hit by a risk, feeding a percent lag): `other`. */
export const SRC_OTHER = 3;

/**
 * Each leaf's duration for one iteration, drawn by the forward pass when it reaches the leaf:
 * the sampled tasks are in slot order, so drawing them in the pass takes the generator's
 * numbers in the same order as drawing them all beforehand, with no pass of its own. The
 * common draws (PERT, uniform) are inlined in the pass from the per-slot arrays here; the
 * rest go through `other`.
 *
 * Risk events come after the task draws in the stream: `drawRisks` reads them first from a
 * copy of the generator jumped past the task draws, so the forward pass can add their
 * impacts as it goes, and leaves the generator where the old order left it.
 */
export class DurationSampler implements DurationPlan {
  /** Per slot: one of the SRC_ codes. */
  readonly source: Uint8Array;
  /** Per slot: the fixed duration, or the sampled one after a pass. */
  readonly base: Float64Array;
  readonly dur: Float64Array;
  readonly low: Float64Array;
  readonly span: Float64Array;
  /** Per slot: where its PERT quantile table starts in `tables`. */
  readonly table: Int32Array;
  readonly done: Float64Array;
  readonly tables: Float64Array;
  private readonly kind: Uint8Array;
  private readonly mode: Float64Array;
  private readonly high: Float64Array;
  private readonly group: Int32Array;
  private readonly sampled: Uint8Array;
  /** Risk impacts by slot (CSR), in the order the risks apply them. */
  private readonly impactOffsets: Int32Array;
  private readonly impacts: Int32Array;
  /** This iteration's rounded impact of each risk impact, NaN when its risk did not occur. */
  private readonly extra: Float64Array;
  private readonly groupZ: Float64Array;
  private readonly groupA: Float64Array;
  private readonly groupB: Float64Array;
  private readonly jump: Uint32Array;
  private readonly riskRng = new Xoshiro128(0);

  constructor(
    private readonly c: CompiledSimulation,
    kernel: ForwardKernel,
  ) {
    const nc = kernel.nodeCount;
    const slot = kernel.taskSlot;
    this.base = Float64Array.from(kernel.nodeAt, (v) => c.baseDuration[c.net.nodeTask[v]]);
    this.dur = new Float64Array(nc);
    this.source = new Uint8Array(nc);
    this.low = new Float64Array(nc);
    this.span = new Float64Array(nc);
    this.table = new Int32Array(nc);
    this.done = new Float64Array(nc);
    this.kind = new Uint8Array(nc);
    this.mode = new Float64Array(nc);
    this.high = new Float64Array(nc);
    this.group = new Int32Array(nc).fill(-1);
    this.sampled = new Uint8Array(nc);
    this.tables = c.pertTables;
    const s = c.sampled;
    for (let j = 0; j < s.count; j++) {
      const at = slot[s.task[j]];
      this.sampled[at] = 1;
      this.kind[at] = s.kind[j];
      this.low[at] = s.low[j];
      this.mode[at] = s.mode[j];
      this.high[at] = s.high[j];
      this.span[at] = s.high[j] - s.low[j];
      this.done[at] = s.done[j];
      this.table[at] = s.table[j] * (PERT_STEPS + 1);
      this.group[at] = s.group[j];
      const plain = s.group[j] < 0 && (s.kind[j] === DIST_PERT || s.kind[j] === DIST_UNIFORM);
      this.source[at] = !plain ? SRC_OTHER : s.kind[j] === DIST_PERT ? SRC_PERT : SRC_UNIFORM;
    }
    const r = c.risks;
    const order = Array.from(r.task, (_, q) => q).sort((x, y) => slot[r.task[x]] - slot[r.task[y]] || x - y);
    this.impacts = Int32Array.from(order);
    this.impactOffsets = new Int32Array(nc + 1);
    for (const q of order) this.impactOffsets[slot[r.task[q]] + 1]++;
    for (let k = 0; k < nc; k++) this.impactOffsets[k + 1] += this.impactOffsets[k];
    this.extra = new Float64Array(r.task.length);
    for (const q of order) this.source[slot[r.task[q]]] = SRC_OTHER;
    // a varying predecessor of a percent lag: the kernel recomputes the lag from its duration
    for (let k = 0; k < c.percentTask.length; k++) {
      const at = slot[c.percentTask[k]];
      if (this.source[at] !== SRC_FIXED) this.source[at] = SRC_OTHER;
    }
    this.groupZ = new Float64Array(c.groupCount);
    this.groupA = Float64Array.from(c.groupLoading, (rho) => Math.sqrt(rho));
    this.groupB = Float64Array.from(c.groupLoading, (rho) => Math.sqrt(1 - rho));
    this.jump = r.count > 0 ? jumpMatrix(s.count) : new Uint32Array(0);
  }

  /**
   * Draws what comes before and after the task durations in the stream: the correlation
   * groups' common factors, then (from a jumped copy) the risk events. The pass then draws
   * the durations from `rng`; `finish` moves it past the risks.
   */
  start(rng: Xoshiro128): void {
    const z = this.groupZ;
    for (let g = 0; g < z.length; g++) z[g] = normalQuantile(rng.next());
    const r = this.c.risks;
    if (r.count === 0) return;
    const later = this.riskRng;
    later.copyFrom(rng);
    later.jump(this.jump);
    for (let k = 0; k < r.count; k++) {
      const occurs = later.next() < r.probability[k];
      for (let q = r.offsets[k]; q < r.offsets[k + 1]; q++)
        this.extra[q] = occurs
          ? Math.round(triangularQuantile(later.next(), r.low[q], r.mode[q], r.high[q]))
          : Number.NaN;
    }
  }

  /** After the pass: the generator continues after the risk draws. */
  finish(rng: Xoshiro128): void {
    if (this.c.risks.count > 0) rng.copyFrom(this.riskRng);
  }

  /** The duration of slot `s` for the cases the pass does not inline. */
  other(s: number, rng: Xoshiro128): number {
    let d = this.base[s];
    if (this.sampled[s]) {
      let u = rng.next();
      const g = this.group[s];
      if (g >= 0) u = normalCdf(this.groupA[g] * this.groupZ[g] + this.groupB[g] * normalQuantile(u));
      const lo = this.low[s];
      const k = this.kind[s];
      let x: number;
      if (k === DIST_PERT) {
        const pos = u * PERT_STEPS;
        const step = pos | 0;
        const at = this.table[s] + step;
        const t = this.tables;
        x = lo + (t[at] + (t[at + 1] - t[at]) * (pos - step)) * this.span[s];
      } else if (k === DIST_UNIFORM) x = lo + u * this.span[s];
      else x = triangularQuantile(u, lo, this.mode[s], this.high[s]);
      d = this.done[s] + Math.round(x);
    }
    for (let j = this.impactOffsets[s]; j < this.impactOffsets[s + 1]; j++) {
      const x = this.extra[this.impacts[j]];
      // an opportunity cannot take a task below zero
      if (!Number.isNaN(x)) d += Math.max(-d, x);
    }
    return d;
  }
}
