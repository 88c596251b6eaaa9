import * as codes from '../schedule/network.ts';
import type { CompiledSimulation } from './compile.ts';
import { DateSteps } from './date-steps.ts';
import * as steps from './forward-pass.ts';
import { forwardPass } from './forward-pass.ts';
import type { Xoshiro128 } from './random.ts';
import type { DurationPlan } from './sampler.ts';
import * as timeCode from './time-code.ts';
import { usefulEdges } from './useful-edges.ts';

// Module-level copies: a live-binding import read in a hot loop costs a getter call per read under tsx.
const KIND_LEAF = codes.KIND_LEAF;
const KIND_SUMMARY_START = codes.KIND_SUMMARY_START;
const LINK_FS = codes.LINK_FS;
const LINK_FF = codes.LINK_FF;
const LINK_SS = codes.LINK_SS;
const C_SNET = codes.C_SNET;
const C_FNET = codes.C_FNET;
const C_SNLT = codes.C_SNLT;
const C_FNLT = codes.C_FNLT;
const C_MSO = codes.C_MSO;
const NEG = Number.NEGATIVE_INFINITY;
const K = timeCode.K;
const INV_K = timeCode.INV_K;
const { decodeTime } = timeCode;

const {
  STEP_LEAF,
  STEP_SNET,
  STEP_FNET,
  STEP_SNLT,
  STEP_FNLT,
  STEP_SLOW,
  STEP_SUMMARY_START,
  STEP_SUMMARY_FINISH,
} = steps;

/**
 * One iteration's forward pass over the compiled network, on time codes: the same rules as
 * the scheduler's forward pass (src/engine/schedule/passes.ts), so with fixed durations it
 * gives the scheduler's early dates to the minute. Most nodes take the arithmetic path; a
 * node with fixed dates, elapsed time or hard constraints, and an edge that crosses calendars,
 * take a detour through real dates (date-steps.ts).
 *
 * Nodes are held in "slots": the nodes whose dates can change, in topological order, then the
 * summary nodes whose dates never do (a summary start with no links is the project start, a
 * summary finish nobody reads has none), which are set once here and skipped by every pass.
 */
export class ForwardKernel {
  /**
   * Early finish codes at [0, nodeCount) and early start codes at [nodeCount, 2 nodeCount),
   * both by slot, so a node's predecessors are read close to it and an edge reads its
   * reference date with one index.
   */
  readonly times: Float64Array;
  readonly slotMax: Float64Array;
  /** Per finish slot: the slot of the first leaf finishing last, and how many finish with it. */
  readonly slotArg: Int32Array;
  readonly slotTies: Int32Array;
  readonly nodeCount: number;
  /** Slots [0, moving) are recomputed by each pass; the rest hold constants. */
  readonly moving: number;
  readonly slotOfNode: Int32Array;
  readonly nodeAt: Int32Array;
  /** Slot of each task's first node: where its duration goes in `runBySlot`. */
  readonly taskSlot: Int32Array;
  readonly leafSlots: Int32Array;
  readonly leafFinishSlot: Int32Array;
  /** Per slot: the finish slot a leaf counts in, -1 for summary nodes. */
  readonly finishSlotOf: Int32Array;
  readonly c: CompiledSimulation;
  readonly dates: DateSteps;
  readonly slotTask: Int32Array;
  readonly step: Uint8Array;
  readonly slotStart: Float64Array;
  readonly slotConstraint: Float64Array;
  readonly slotMilestone: Uint8Array;
  /** In-edges by slot (CSR): where the reference date is in `times`, lag, start-type flag, edge id. */
  readonly inOffsets: Int32Array;
  readonly inRef: Int32Array;
  readonly inLag: Int32Array;
  readonly inStart: Uint8Array;
  /** 1 when the edge needs real dates (see CompiledSimulation.slowEdge). */
  readonly inSlow: Uint8Array;

  /**
   * Per slot, where its groups of in-edges begin after the start links without lag: start
   * links with a fixed lag, finish links, then the rest (real dates or percent lags). Each
   * group's loop then has no branch on the lag that a mix of edges would mispredict.
   */
  readonly inLagged: Int32Array;
  readonly inFinish: Int32Array;
  readonly inSlowFrom: Int32Array;
  readonly inEdge: Int32Array;
  readonly edgeSlot: Int32Array;
  readonly percentSlot: Int32Array;
  readonly percentTaskSlot: Int32Array;
  /** Percent lags by the slot of their predecessor (CSR over indices into percentSlot). */
  readonly percentOffsets: Int32Array;
  readonly percentOrder: Int32Array;
  private fixed: DurationPlan | null = null;

  constructor(c: CompiledSimulation) {
    this.c = c;
    const net = c.net;
    const nc = net.nodeCount;
    this.nodeCount = nc;
    this.dates = new DateSteps(c);
    const keep = usefulEdges(c);
    const keptIn = new Int32Array(nc);
    for (let e = 0; e < keep.length; e++) if (keep[e]) keptIn[net.edgeTo[e]]++;
    const moves = (v: number) => {
      const kind = net.nodeKind[v];
      if (kind === KIND_LEAF || keptIn[v] > 0) return true;
      const con = net.constraint[net.nodeTask[v]];
      return kind === KIND_SUMMARY_START && (con === C_SNET || con === C_MSO);
    };
    this.slotOfNode = new Int32Array(nc);
    this.nodeAt = new Int32Array(nc);
    let moving = 0;
    for (let r = 0; r < nc; r++) if (moves(net.order[r])) this.nodeAt[moving++] = net.order[r];
    this.moving = moving;
    let still = moving;
    for (let r = 0; r < nc; r++) if (!moves(net.order[r])) this.nodeAt[still++] = net.order[r];
    for (let s = 0; s < nc; s++) this.slotOfNode[this.nodeAt[s]] = s;

    this.times = new Float64Array(2 * nc);
    this.slotMax = new Float64Array(c.slotProject.length);
    this.slotArg = new Int32Array(c.slotProject.length);
    this.slotTies = new Int32Array(c.slotProject.length);
    this.slotTask = Int32Array.from(this.nodeAt, (v) => net.nodeTask[v]);
    this.slotStart = Float64Array.from(this.slotTask, (i) => c.startCode[i]);
    this.slotConstraint = Float64Array.from(this.slotTask, (i) => c.constraintCode[i]);
    this.slotMilestone = Uint8Array.from(this.slotTask, (i) => c.milestoneFlag[i]);
    this.step = new Uint8Array(nc);
    this.inOffsets = new Int32Array(nc + 1);
    const m = net.edgeFrom.length;
    this.inRef = new Int32Array(m);
    this.inLag = new Int32Array(m);
    this.inStart = new Uint8Array(m);
    this.inSlow = new Uint8Array(m);

    this.inLagged = new Int32Array(nc);
    this.inFinish = new Int32Array(nc);
    this.inSlowFrom = new Int32Array(nc);
    this.inEdge = new Int32Array(m);
    this.edgeSlot = new Int32Array(m).fill(-1);
    const leaves: number[] = [];
    const leafFinish: number[] = [];
    let j = 0;
    const percent = new Set(c.percentEdges);
    for (let s = 0; s < nc; s++) {
      const v = this.nodeAt[s];
      const i = net.nodeTask[v];
      const kind = net.nodeKind[v];
      const con = net.constraint[i];
      if (kind === KIND_LEAF) {
        this.step[s] = c.slowTask[i]
          ? STEP_SLOW
          : con === C_SNET
            ? STEP_SNET
            : con === C_FNET
              ? STEP_FNET
              : con === C_SNLT && c.honor[net.project[i]]
                ? STEP_SNLT
                : con === C_FNLT && c.honor[net.project[i]]
                  ? STEP_FNLT
                  : STEP_LEAF;
        leaves.push(s);
        leafFinish.push(c.leafSlot[v]);
      } else this.step[s] = kind === KIND_SUMMARY_START ? STEP_SUMMARY_START : STEP_SUMMARY_FINISH;
      this.inOffsets[s] = j;
      if (s >= moving) {
        // a summary start that nothing moves stays at the project start; an unread finish stays unset
        const still = kind === KIND_SUMMARY_START ? this.slotStart[s] : NEG;
        this.times[s] = still;
        this.times[nc + s] = still;
        this.inLagged[s] = j;
        this.inFinish[s] = j;
        this.inSlowFrom[s] = j;
        continue;
      }
      const groups: number[][] = [[], [], [], []];
      for (let q = net.inOffsets[v]; q < net.inOffsets[v + 1]; q++) {
        const e = net.inEdges[q];
        if (!keep[e]) continue;
        const type = net.edgeType[e];
        const startLink = type === LINK_FS || type === LINK_SS;
        const group =
          c.slowEdge[e] || (startLink && percent.has(e)) ? 3 : !startLink ? 2 : net.edgeLag[e] !== 0 ? 1 : 0;
        groups[group].push(e);
      }
      for (let g = 0; g < 4; g++) {
        if (g === 1) this.inLagged[s] = j;
        if (g === 2) this.inFinish[s] = j;
        if (g === 3) this.inSlowFrom[s] = j;
        for (const e of groups[g]) {
          const type = net.edgeType[e];
          const ps = this.slotOfNode[net.edgeFrom[e]];
          this.inRef[j] = type === LINK_FS || type === LINK_FF ? ps : nc + ps;
          this.inLag[j] = net.edgeLag[e];
          this.inStart[j] = type === LINK_FS || type === LINK_SS ? 1 : 0;
          this.inSlow[j] = c.slowEdge[e];
          this.inEdge[j] = e;
          this.edgeSlot[e] = j;
          j++;
        }
      }
    }
    this.inOffsets[nc] = j;
    this.percentSlot = Int32Array.from(c.percentEdges, (e) => this.edgeSlot[e]);
    this.taskSlot = Int32Array.from({ length: net.taskCount }, (_, i) => this.slotOfNode[net.taskNode[i]]);
    this.percentTaskSlot = Int32Array.from(c.percentTask, (i) => this.taskSlot[i]);
    this.leafSlots = Int32Array.from(leaves);
    this.leafFinishSlot = Int32Array.from(leafFinish);
    this.finishSlotOf = new Int32Array(nc).fill(-1);
    leaves.forEach((s, k) => {
      this.finishSlotOf[s] = leafFinish[k];
    });
    const byPredecessor = Array.from(this.percentTaskSlot, (_, k) => k).sort(
      (x, y) => this.percentTaskSlot[x] - this.percentTaskSlot[y] || x - y,
    );
    this.percentOrder = Int32Array.from(byPredecessor);
    this.percentOffsets = new Int32Array(nc + 1);
    for (const k of byPredecessor) this.percentOffsets[this.percentTaskSlot[k] + 1]++;
    for (let s = 0; s < nc; s++) this.percentOffsets[s + 1] += this.percentOffsets[s];
  }

  /** Early start code of node `v` (after `run`). */
  es(v: number): number {
    return this.times[this.nodeCount + this.slotOfNode[v]];
  }

  /** Early finish code of node `v` (after `run`). */
  ef(v: number): number {
    return this.times[this.slotOfNode[v]];
  }

  /** Schedules with task durations `dur` (working minutes, indexed by task). */
  run(dur: Float64Array): void {
    const bySlot = new Float64Array(this.nodeCount);
    for (let s = 0; s < this.nodeCount; s++) bySlot[s] = dur[this.slotTask[s]];
    this.runBySlot(bySlot);
  }

  /** Schedules with fixed durations indexed by slot (`taskSlot` maps a task to its first node's slot). */
  runBySlot(dur: Float64Array): void {
    const n = this.nodeCount;
    this.fixed ??= {
      source: new Uint8Array(n),
      base: dur,
      dur: new Float64Array(n),
      low: new Float64Array(n),
      span: new Float64Array(n),
      table: new Int32Array(n),
      done: new Float64Array(n),
      tables: new Float64Array(2),
      other: () => {
        throw new Error('fixed durations have no other source');
      },
    };
    this.runPlan({ ...this.fixed, base: dur }, null);
  }

  /**
   * Schedules one iteration: each leaf's duration comes from `plan` as the pass reaches it
   * (drawing from `rng` for the sampled ones, see DurationSampler).
   */
  runPlan(plan: DurationPlan, rng: Xoshiro128 | null): void {
    const { percentSlot, percentTaskSlot, inLag } = this;
    const percentValue = this.c.percentValue;
    for (let k = 0; k < percentSlot.length; k++)
      inLag[percentSlot[k]] = Math.round((plan.base[percentTaskSlot[k]] * percentValue[k]) / 100);
    this.slotMax.fill(NEG);
    forwardPass(this, plan, rng);
  }

  /** A varying predecessor's percent lags, once the pass has its duration. */
  setPercentLags(s: number, d: number): void {
    const percentValue = this.c.percentValue;
    for (let q = this.percentOffsets[s]; q < this.percentOffsets[s + 1]; q++) {
      const k = this.percentOrder[q];
      this.inLag[this.percentSlot[k]] = Math.round((d * percentValue[k]) / 100);
    }
  }

  /** Each project's finish (epoch minutes) after `run`, written into `out`. */
  projectFinishes(out: Float64Array): void {
    const c = this.c;
    out.fill(NEG);
    for (let s = 0; s < this.slotMax.length; s++) {
      const date = decodeTime(c.calendars[c.slotCalendar[s]], this.slotMax[s]);
      const p = c.slotProject[s];
      if (date > out[p]) out[p] = date;
    }
    // a project without leaves finishes where it starts, as in the scheduler
    for (let p = 0; p < out.length; p++) if (out[p] === NEG) out[p] = c.projectStart[p];
  }

  /** The time code an edge gives its successor (after `run`, for the driving-path walk). */
  edgeTime(e: number): number {
    const net = this.c.net;
    const type = net.edgeType[e];
    const p = net.edgeFrom[e];
    const ref = type === LINK_FS || type === LINK_FF ? this.ef(p) : this.es(p);
    const j = this.edgeSlot[e];
    const lag = j < 0 ? net.edgeLag[e] : this.inLag[j];
    if (this.c.slowEdge[e]) return this.dates.edgeTime(e, ref, lag);
    return lag === 0 ? ref : (Math.floor(ref * INV_K) + lag) * K;
  }
}
