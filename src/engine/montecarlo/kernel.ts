import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import * as codes from '../schedule/network.ts';
import { finishFrom, startFromFinish } from '../schedule/passes.ts';
import type { CompiledSimulation } from './compile.ts';
import * as timeCode from './time-code.ts';

// Module-level copies: a live-binding import read in a hot loop costs a getter call per read under tsx.
const KIND_LEAF = codes.KIND_LEAF;
const KIND_SUMMARY_START = codes.KIND_SUMMARY_START;
const KIND_SUMMARY_FINISH = codes.KIND_SUMMARY_FINISH;
const LINK_FS = codes.LINK_FS;
const LINK_FF = codes.LINK_FF;
const LINK_SS = codes.LINK_SS;
const C_SNET = codes.C_SNET;
const C_FNET = codes.C_FNET;
const C_SNLT = codes.C_SNLT;
const C_FNLT = codes.C_FNLT;
const C_MSO = codes.C_MSO;
const C_MFO = codes.C_MFO;
const NEG = Number.NEGATIVE_INFINITY;
const K = timeCode.K;
const INV_K = timeCode.INV_K;
const START_OFFSET = timeCode.START_OFFSET;
const { decodeTime, encodeTime } = timeCode;

// Step codes per node; the leaf steps come first so one comparison picks the common case.
const STEP_LEAF = 0;
const STEP_SNET = 1;
const STEP_FNET = 2;
const STEP_SLOW = 3;
const STEP_SUMMARY_START = 4;
const STEP_SUMMARY_FINISH = 5;

/**
 * One iteration's forward pass over the compiled network, on time codes: the same rules as
 * the scheduler's forward pass (src/engine/schedule/passes.ts), so with fixed durations it
 * gives the scheduler's early dates to the minute. Most nodes take the arithmetic path; a
 * node with fixed dates, elapsed time or hard constraints, and an edge that crosses calendars,
 * take a detour through real dates with the scheduler's own functions.
 */
export class ForwardKernel {
  /**
   * Early finish codes of the nodes at [0, nodeCount) and early start codes at
   * [nodeCount, 2 nodeCount), both indexed by topological rank, so a node's predecessors are
   * read close to it and an edge reads its reference date with one index.
   */
  readonly times: Float64Array;
  readonly slotMax: Float64Array;
  /** Per finish slot: the rank of the first leaf finishing last, and how many finish with it. */
  readonly slotArg: Int32Array;
  readonly slotTies: Int32Array;
  private readonly c: CompiledSimulation;
  private readonly nodeCount: number;
  /** Per rank: task, step code. */
  private readonly rankTask: Int32Array;
  private readonly step: Uint8Array;
  private readonly rankStart: Float64Array;
  private readonly rankConstraint: Float64Array;
  /** In-edges by rank (CSR): where the reference date is in `times`, lag, start-type flag, edge id. */
  private readonly inOffsets: Int32Array;
  private readonly inRef: Int32Array;
  private readonly inLag: Int32Array;
  private readonly inStart: Uint8Array;
  /** Per rank: where its fast finish links and its slow links begin. */
  private readonly inFinish: Int32Array;
  private readonly inSlowFrom: Int32Array;
  private readonly inEdge: Int32Array;
  private readonly percentSlot: Int32Array;
  private readonly percentTaskSlot: Int32Array;
  private readonly rankMilestone: Uint8Array;
  private readonly scratch: Float64Array;
  /** Rank of each task's first node: where its duration goes in `runRanked`. */
  readonly taskSlot: Int32Array;
  readonly leafRanks: Int32Array;
  readonly leafRankSlot: Int32Array;

  constructor(c: CompiledSimulation) {
    this.c = c;
    const net = c.net;
    const nc = net.nodeCount;
    this.nodeCount = nc;
    this.times = new Float64Array(2 * nc);
    this.slotMax = new Float64Array(c.slotProject.length);
    this.slotArg = new Int32Array(c.slotProject.length);
    this.slotTies = new Int32Array(c.slotProject.length);
    this.rankTask = new Int32Array(nc);
    this.step = new Uint8Array(nc);
    this.rankStart = new Float64Array(nc);
    this.rankConstraint = new Float64Array(nc);
    this.inOffsets = new Int32Array(nc + 1);
    const m = net.edgeFrom.length;
    this.inRef = new Int32Array(m);
    this.inLag = new Int32Array(m);
    this.inStart = new Uint8Array(m);
    this.inFinish = new Int32Array(nc);
    this.inSlowFrom = new Int32Array(nc);
    this.inEdge = new Int32Array(m);
    const edgeSlot = new Int32Array(m).fill(-1);
    const keep = usefulEdges(c);
    const leaves: number[] = [];
    const leafSlots: number[] = [];
    let j = 0;
    for (let r = 0; r < nc; r++) {
      const v = net.order[r];
      const i = net.nodeTask[v];
      const kind = net.nodeKind[v];
      this.rankTask[r] = i;
      this.rankStart[r] = c.startCode[i];
      this.rankConstraint[r] = c.constraintCode[i];
      const con = net.constraint[i];
      if (kind === KIND_LEAF) {
        this.step[r] = c.slowTask[i]
          ? STEP_SLOW
          : con === C_SNET
            ? STEP_SNET
            : con === C_FNET
              ? STEP_FNET
              : STEP_LEAF;
        leaves.push(r);
        leafSlots.push(c.leafSlot[v]);
      } else this.step[r] = kind === KIND_SUMMARY_START ? STEP_SUMMARY_START : STEP_SUMMARY_FINISH;
      this.inOffsets[r] = j;
      // fast start links, then fast finish links, then the ones that need real dates
      const groups: number[][] = [[], [], []];
      for (let q = net.inOffsets[v]; q < net.inOffsets[v + 1]; q++) {
        const e = net.inEdges[q];
        if (!keep[e]) continue;
        const type = net.edgeType[e];
        groups[c.slowEdge[e] ? 2 : type === LINK_FS || type === LINK_SS ? 0 : 1].push(e);
      }
      for (let g = 0; g < 3; g++) {
        if (g === 1) this.inFinish[r] = j;
        if (g === 2) this.inSlowFrom[r] = j;
        for (const e of groups[g]) {
          const type = net.edgeType[e];
          const pr = net.rank[net.edgeFrom[e]];
          this.inRef[j] = type === LINK_FS || type === LINK_FF ? pr : nc + pr;
          this.inLag[j] = net.edgeLag[e];
          this.inStart[j] = type === LINK_FS || type === LINK_SS ? 1 : 0;
          this.inEdge[j] = e;
          edgeSlot[e] = j;
          j++;
        }
      }
    }
    this.inOffsets[nc] = j;
    this.percentSlot = Int32Array.from(c.percentEdges, (e) => edgeSlot[e]);
    this.taskSlot = Int32Array.from({ length: net.taskCount }, (_, i) => net.rank[net.taskNode[i]]);
    this.percentTaskSlot = Int32Array.from(c.percentTask, (i) => this.taskSlot[i]);
    this.rankMilestone = Uint8Array.from(this.rankTask, (i) => c.milestoneFlag[i]);
    this.scratch = new Float64Array(nc);
    this.leafRanks = Int32Array.from(leaves);
    this.leafRankSlot = Int32Array.from(leafSlots);
  }

  /** Early start code of node `v` (after `run`). */
  es(v: number): number {
    return this.times[this.nodeCount + this.c.net.rank[v]];
  }

  /** Early finish code of node `v` (after `run`). */
  ef(v: number): number {
    return this.times[this.c.net.rank[v]];
  }

  /** Schedules with task durations `dur` (working minutes, indexed by task). */
  run(dur: Float64Array): void {
    const ranked = this.scratch;
    for (let r = 0; r < this.nodeCount; r++) ranked[r] = dur[this.rankTask[r]];
    this.runRanked(ranked);
  }

  /**
   * Schedules with durations indexed by the rank of each node (`taskSlot` maps a task to its
   * first node's rank): the hot loop then reads them in sequence.
   */
  runRanked(dur: Float64Array): void {
    const c = this.c;
    const nc = this.nodeCount;
    const {
      times,
      rankTask,
      step,
      rankStart,
      rankConstraint,
      inOffsets,
      inRef,
      inLag,
      inStart,
      inFinish,
      inSlowFrom,
    } = this;
    const ps = this.percentSlot;
    for (let k = 0; k < ps.length; k++)
      inLag[ps[k]] = Math.round((dur[this.percentTaskSlot[k]] * c.percentValue[k]) / 100);
    const milestoneFlag = this.rankMilestone;
    for (let r = 0; r < nc; r++) {
      const st = step[r];
      let sc = st === STEP_SUMMARY_FINISH ? NEG : rankStart[r];
      let fc = NEG;
      const finishFrom = inFinish[r];
      const slowFrom = inSlowFrom[r];
      for (let j = inOffsets[r]; j < finishFrom; j++) {
        const ref = times[inRef[j]];
        const lag = inLag[j];
        const t = lag === 0 ? ref : (Math.floor(ref * INV_K) + lag) * K;
        if (t > sc) sc = t;
      }
      for (let j = finishFrom; j < slowFrom; j++) {
        const ref = times[inRef[j]];
        const lag = inLag[j];
        const t = lag === 0 ? ref : (Math.floor(ref * INV_K) + lag) * K;
        if (t > fc) fc = t;
      }
      for (let j = slowFrom, end = inOffsets[r + 1]; j < end; j++) {
        const t = this.slowEdgeTime(this.inEdge[j], times[inRef[j]], inLag[j]);
        if (inStart[j] === 1) {
          if (t > sc) sc = t;
        } else if (t > fc) fc = t;
      }
      if (st <= STEP_FNET) {
        if (st === STEP_SNET) {
          if (rankConstraint[r] > sc) sc = rankConstraint[r];
        } else if (st === STEP_FNET && rankConstraint[r] > fc) fc = rankConstraint[r];
        const d = dur[r];
        const ms = d === 0 || milestoneFlag[r] === 1;
        let finishDriven = false;
        if (fc !== NEG) {
          const fromFinish = ms ? fc : (Math.floor(fc * INV_K) - d) * K + START_OFFSET;
          if (fromFinish > sc) {
            sc = fromFinish;
            finishDriven = true;
          }
        }
        const startPos = Math.floor(sc * INV_K);
        const s = ms ? sc : startPos * K + START_OFFSET;
        let f = d === 0 ? s : (startPos + d) * K;
        // the scheduler keeps a finish-driven task's finish at the driving instant itself
        if (finishDriven && Math.floor(f * INV_K) === Math.floor(fc * INV_K)) f = fc;
        times[nc + r] = s;
        times[r] = f;
      } else if (st === STEP_SLOW) {
        this.slowLeaf(r, rankTask[r], sc, fc, dur[r]);
      } else if (st === STEP_SUMMARY_START) {
        const i = rankTask[r];
        const con = c.net.constraint[i];
        if (con === C_SNET || (con === C_MSO && !c.honor[c.net.project[i]])) {
          if (rankConstraint[r] > sc) sc = rankConstraint[r];
        } else if (con === C_MSO) sc = rankConstraint[r];
        times[nc + r] = sc;
        times[r] = sc;
      } else {
        times[nc + r] = fc;
        times[r] = fc;
      }
    }
    const { slotMax, slotArg, slotTies } = this;
    slotMax.fill(NEG);
    const { leafRanks, leafRankSlot } = this;
    for (let k = 0; k < leafRanks.length; k++) {
      const f = times[leafRanks[k]];
      const slot = leafRankSlot[k];
      if (f > slotMax[slot]) {
        slotMax[slot] = f;
        slotArg[slot] = leafRanks[k];
        slotTies[slot] = 1;
      } else if (f === slotMax[slot]) slotTies[slot]++;
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
    const slot = this.edgeSlotOf(e);
    const lag = slot < 0 ? this.c.net.edgeLag[e] : this.inLag[slot];
    if (this.c.slowEdge[e]) return this.slowEdgeTime(e, ref, lag);
    return lag === 0 ? ref : (Math.floor(ref * INV_K) + lag) * K;
  }

  private edgeSlotOf(e: number): number {
    const net = this.c.net;
    const r = net.rank[net.edgeTo[e]];
    for (let j = this.inOffsets[r]; j < this.inOffsets[r + 1]; j++) if (this.inEdge[j] === e) return j;
    return -1;
  }

  private slowEdgeTime(e: number, ref: number, lag: number): number {
    const c = this.c;
    const net = c.net;
    const from = c.calendars[net.calendar[net.nodeTask[net.edgeFrom[e]]]];
    const to = c.calendars[net.calendar[net.nodeTask[net.edgeTo[e]]]];
    let t = decodeTime(from, ref);
    if (lag !== 0) {
      if (net.edgeLagElapsed[e]) t += lag;
      else {
        const cal = c.calendars[net.edgeLagCalendar[e]];
        t = cal.finishAt(cal.workAt(t) + lag);
      }
    }
    return encodeTime(to, t);
  }

  /** The scheduler's leaf step in real dates (copied from passes.forwardNode), for the unusual tasks. */
  private slowLeaf(r: number, i: number, scCode: number, fcCode: number, dur: number): void {
    const c = this.c;
    const net = c.net;
    const cal = c.calendars[net.calendar[i]];
    let sc = decodeTime(cal, scCode);
    let fc = fcCode === NEG ? NEG : decodeTime(cal, fcCode);
    const el = net.elapsed[i];
    const ms = c.milestoneFlag[i] === 1 || dur === 0 ? 1 : 0;
    const honor = c.honor[net.project[i]];
    const con = net.constraint[i];
    const cd = net.constraintDate[i];
    if (con === C_SNET) sc = Math.max(sc, cd);
    else if (con === C_FNET) fc = Math.max(fc, cd);
    let finishDriven = false;
    if (fc !== NEG) {
      const fromFinish = ms ? fc : startFromFinish(cal, fc, dur, el);
      if (fromFinish > sc) {
        sc = fromFinish;
        finishDriven = true;
      }
    }
    let s = snapStart(cal, sc, ms, el);
    const linkStart = s;
    if (con === C_MSO) s = honor ? snapStart(cal, cd, ms, el) : Math.max(s, snapStart(cal, cd, ms, el));
    else if (con === C_MFO) {
      const fs = snapStart(cal, startFromFinish(cal, cd, dur, el), ms, el);
      s = honor ? fs : Math.max(s, fs);
    } else if (honor && con === C_SNLT && s > cd) s = snapStart(cal, cd, ms, el);
    else if (honor && con === C_FNLT) {
      const fs = snapStart(cal, startFromFinish(cal, cd, dur, el), ms, el);
      if (s > fs) s = fs;
    }
    const delay = net.levelingDelay[i];
    if (delay > 0) s = snapStart(cal, s + delay, ms, el);
    if (!Number.isNaN(net.manualStart[i])) s = net.manualStart[i];
    if (!Number.isNaN(net.actualStart[i])) s = net.actualStart[i];
    let f = finishFrom(cal, s, dur, el);
    if (finishDriven && s === linkStart && !el && cal.workAt(f) === cal.workAt(fc)) f = fc;
    if (!Number.isNaN(net.manualFinish[i])) f = net.manualFinish[i];
    if (!Number.isNaN(net.actualFinish[i])) f = net.actualFinish[i];
    this.times[this.nodeCount + r] = encodeTime(cal, s);
    this.times[r] = encodeTime(cal, f);
  }
}

/**
 * The edges that can change a finish. Most summaries have no links of their own: their start
 * is the project start, which the SS edges to their children cannot raise, and nothing reads
 * their finish, so the FF edges from the children are not needed. Dropping those hierarchy
 * edges halves the edges of a typical plan. Summary dates themselves are not reported.
 */
function usefulEdges(c: CompiledSimulation): Uint8Array {
  const net = c.net;
  const n = net.taskCount;
  const m = net.edgeFrom.length;
  const startNeeded = new Uint8Array(n);
  const finishNeeded = new Uint8Array(n);
  for (let e = 0; e < m; e++) {
    if (net.edgeHierarchy[e]) continue;
    const to = net.edgeTo[e];
    if (net.nodeKind[to] === KIND_SUMMARY_START) startNeeded[net.nodeTask[to]] = 1;
    const from = net.edgeFrom[e];
    if (net.nodeKind[from] === KIND_SUMMARY_FINISH) finishNeeded[net.nodeTask[from]] = 1;
  }
  for (let i = 0; i < n; i++) {
    const con = net.constraint[i];
    const p = net.parent[i];
    if (net.isSummary[i] && (con === C_SNET || con === C_MSO)) startNeeded[i] = 1;
    if (p >= 0 && net.project[p] !== net.project[i]) startNeeded[p] = 1;
  }
  // a summary passes its parent's start down and its finish up to its parent
  const depth = (i: number) => {
    let d = 0;
    for (let p = net.parent[i]; p >= 0; p = net.parent[p]) d++;
    return d;
  };
  const byDepth = Array.from({ length: n }, (_, i) => i).filter((i) => net.isSummary[i]);
  const depths = new Int32Array(n);
  for (const i of byDepth) depths[i] = depth(i);
  byDepth.sort((a, b) => depths[a] - depths[b]);
  for (const i of byDepth) {
    const p = net.parent[i];
    if (p >= 0 && startNeeded[p]) startNeeded[i] = 1;
    if (p >= 0 && finishNeeded[p]) finishNeeded[i] = 1;
  }
  const keep = new Uint8Array(m).fill(1);
  for (let e = 0; e < m; e++) {
    const to = net.edgeTo[e];
    const from = net.edgeFrom[e];
    if (net.nodeKind[to] === KIND_SUMMARY_FINISH && !finishNeeded[net.nodeTask[to]]) keep[e] = 0;
    else if (
      net.edgeHierarchy[e] &&
      net.nodeKind[from] === KIND_SUMMARY_START &&
      !startNeeded[net.nodeTask[from]] &&
      net.calendar[net.nodeTask[from]] === net.calendar[net.nodeTask[to]]
    )
      keep[e] = 0;
  }
  return keep;
}

function snapStart(cal: WorkingCalendar, t: number, milestone: number, elapsed: number): number {
  if (elapsed || milestone) return t;
  return cal.nextWorkingStart(t);
}
