import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import type { Network } from './network.ts';
import * as codes from './network.ts';

// Module-level copies: a live-binding import read in a hot loop costs a getter call per read under tsx.
const C_FNET = codes.C_FNET;
const C_FNLT = codes.C_FNLT;
const C_MFO = codes.C_MFO;
const C_MSO = codes.C_MSO;
const C_SNET = codes.C_SNET;
const C_SNLT = codes.C_SNLT;
const KIND_LEAF = codes.KIND_LEAF;
const KIND_SUMMARY_FINISH = codes.KIND_SUMMARY_FINISH;
const KIND_SUMMARY_START = codes.KIND_SUMMARY_START;
const LINK_FF = codes.LINK_FF;
const LINK_FS = codes.LINK_FS;
const LINK_SS = codes.LINK_SS;
const isSharedFiller = codes.isSharedFiller;

/** Early and late dates per node, plus per-project start and finish. */
export interface PassState {
  readonly es: Float64Array;
  readonly ef: Float64Array;
  readonly ls: Float64Array;
  readonly lf: Float64Array;
  readonly projectStart: Float64Array;
  readonly projectFinish: Float64Array;
  readonly honor: Uint8Array;
}

/**
 * Finish of a task that starts at `start` and lasts `dur` minutes (working time on `cal`, or
 * wall-clock when `elapsed`).
 *
 * @example finishFrom(standard, monday0800, 480, 0) // Monday 17:00
 */
export function finishFrom(cal: WorkingCalendar, start: number, dur: number, elapsed: number): number {
  if (elapsed) return start + dur;
  if (dur === 0) return start;
  return cal.finishAt(cal.workAt(start) + dur);
}

/**
 * Start of a task that must finish at `finish` and lasts `dur` minutes.
 *
 * @example startFromFinish(standard, monday1700, 480, 0) // Monday 08:00
 */
export function startFromFinish(cal: WorkingCalendar, finish: number, dur: number, elapsed: number): number {
  if (elapsed) return finish - dur;
  if (dur === 0) return finish;
  return cal.startAt(cal.workAt(finish) - dur);
}

/**
 * Moves a link's reference date by its lag; working lag keeps the working position and lands
 * on the end of a working period.
 *
 * @example applyLag(standard, friday1700, 480, 0) // Monday 17:00
 */
export function applyLag(cal: WorkingCalendar, t: number, lag: number, elapsed: number): number {
  if (lag === 0) return t;
  if (elapsed) return t + lag;
  return cal.finishAt(cal.workAt(t) + lag);
}

/**
 * The backward pass takes a lag off a successor's late date and lands, like MS Project, on the
 * start of the next working period (09:00) rather than the end of the previous one.
 */
export function removeLag(cal: WorkingCalendar, t: number, lag: number, elapsed: number): number {
  if (lag === 0) return t;
  if (elapsed) return t - lag;
  return cal.startAt(cal.workAt(t) - lag);
}

/**
 * A task with duration starts on working time; a milestone stays where its driver put it when
 * that is working time or the end of a working period (MS Project shows a milestone after a
 * task finishing Friday 17:00 at Friday 17:00, not Monday 08:00).
 */
function snapStart(cal: WorkingCalendar, t: number, milestone: number, elapsed: number): number {
  if (elapsed) return t;
  if (milestone) return t;
  return cal.nextWorkingStart(t);
}

function snapFinish(cal: WorkingCalendar, t: number, milestone: number, elapsed: number): number {
  if (elapsed) return t;
  if (milestone) return t;
  return cal.previousWorkingFinish(t);
}

/** Computes a node's early dates from its predecessors; returns true when they changed. */
export function forwardNode(net: Network, st: PassState, v: number): boolean {
  const { es, ef } = st;
  const i = net.nodeTask[v];
  const kind = net.nodeKind[v];
  let sc = kind === KIND_SUMMARY_FINISH ? Number.NEGATIVE_INFINITY : st.projectStart[net.project[i]];
  let fc = Number.NEGATIVE_INFINITY;
  const inEdges = net.inEdges;
  for (let k = net.inOffsets[v], end = net.inOffsets[v + 1]; k < end; k++) {
    const e = inEdges[k];
    const p = net.edgeFrom[e];
    const type = net.edgeType[e];
    const ref = type === LINK_FS || type === LINK_FF ? ef[p] : es[p];
    const lag = net.edgeLag[e];
    const t =
      lag === 0 ? ref : applyLag(net.calendars[net.edgeLagCalendar[e]], ref, lag, net.edgeLagElapsed[e]);
    if (type === LINK_FS || type === LINK_SS) {
      if (t > sc) sc = t;
    } else if (t > fc) fc = t;
  }
  const oldS = es[v];
  const oldF = ef[v];
  const c = net.constraint[i];
  const cd = net.constraintDate[i];
  if (kind === KIND_SUMMARY_FINISH) {
    es[v] = fc;
    ef[v] = fc;
  } else if (kind === KIND_SUMMARY_START) {
    if (c === C_SNET || (c === C_MSO && !st.honor[net.project[i]])) sc = Math.max(sc, cd);
    else if (c === C_MSO) sc = cd;
    es[v] = sc;
    ef[v] = sc;
  } else {
    const cal = net.calendars[net.calendar[i]];
    const dur = net.duration[i];
    const el = net.elapsed[i];
    const ms = net.milestone[i];
    const honor = st.honor[net.project[i]];
    if (c === C_SNET) sc = Math.max(sc, cd);
    else if (c === C_FNET) fc = Math.max(fc, cd);
    let finishDriven = false;
    if (fc !== Number.NEGATIVE_INFINITY) {
      const fromFinish = ms ? fc : startFromFinish(cal, fc, dur, el);
      if (fromFinish > sc) {
        sc = fromFinish;
        finishDriven = true;
      }
    }
    // Common case: the working position of the snapped start is kept so the finish costs one lookup.
    let startPos = ms || el ? -1 : cal.workAt(sc);
    let s = startPos >= 0 ? cal.startAt(startPos) : snapStart(cal, sc, ms, el);
    const linkStart = s;
    if (c === C_MSO) s = honor ? snapStart(cal, cd, ms, el) : Math.max(s, snapStart(cal, cd, ms, el));
    else if (c === C_MFO) {
      const fs = snapStart(cal, startFromFinish(cal, cd, dur, el), ms, el);
      s = honor ? fs : Math.max(s, fs);
    } else if (honor && c === C_SNLT && s > cd) s = snapStart(cal, cd, ms, el);
    else if (honor && c === C_FNLT) {
      const fs = snapStart(cal, startFromFinish(cal, cd, dur, el), ms, el);
      if (s > fs) s = fs;
    }
    const delay = net.levelingDelay[i];
    if (delay > 0) s = snapStart(cal, s + delay, ms, el);
    if (!Number.isNaN(net.manualStart[i])) s = net.manualStart[i];
    if (!Number.isNaN(net.actualStart[i])) s = net.actualStart[i];
    if (s !== linkStart) startPos = -1;
    let f = startPos >= 0 ? (dur === 0 ? s : cal.finishAt(startPos + dur)) : finishFrom(cal, s, dur, el);
    // A finish-driven task finishes at the driving instant itself (08:00 Monday stays 08:00
    // Monday rather than becoming 17:00 Friday), as MS Project stores it.
    if (finishDriven && s === linkStart && !el && cal.workAt(f) === cal.workAt(fc)) f = fc;
    if (!Number.isNaN(net.manualFinish[i])) f = net.manualFinish[i];
    if (!Number.isNaN(net.actualFinish[i])) f = net.actualFinish[i];
    es[v] = s;
    ef[v] = f;
  }
  return es[v] !== oldS || ef[v] !== oldF;
}

/**
 * The network's leveling delays, or null when no task has one: the backward pass then skips two
 * scattered reads per link. Look it up once per pass, not per node.
 */
export function levelingDelays(net: Network): Float64Array | null {
  return isSharedFiller(net.levelingDelay) ? null : net.levelingDelay;
}

/**
 * Computes a node's late dates from its successors; returns true when they changed. `delays` is
 * {@link levelingDelays} of the network.
 */
export function backwardNode(net: Network, st: PassState, v: number, delays: Float64Array | null): boolean {
  const { ls, lf } = st;
  const i = net.nodeTask[v];
  const kind = net.nodeKind[v];
  let fc = kind === KIND_SUMMARY_START ? Number.POSITIVE_INFINITY : st.projectFinish[net.project[i]];
  let sc = Number.POSITIVE_INFINITY;
  const outEdges = net.outEdges;
  for (let k = net.outOffsets[v], end = net.outOffsets[v + 1]; k < end; k++) {
    const e = outEdges[k];
    const s = net.edgeTo[e];
    const type = net.edgeType[e];
    // A leveling delay sits between the links and the successor's start, in elapsed time.
    const ref =
      (type === LINK_FS || type === LINK_SS ? ls[s] : lf[s]) -
      (delays === null ? 0 : delays[net.nodeTask[s]]);
    const lag = net.edgeLag[e];
    const t =
      lag === 0 ? ref : removeLag(net.calendars[net.edgeLagCalendar[e]], ref, lag, net.edgeLagElapsed[e]);
    if (type === LINK_FS || type === LINK_FF) {
      if (t < fc) fc = t;
    } else if (t < sc) sc = t;
  }
  const oldS = ls[v];
  const oldF = lf[v];
  const c = net.constraint[i];
  const cd = net.constraintDate[i];
  const honor = st.honor[net.project[i]];
  if (kind === KIND_SUMMARY_START) {
    if (c === C_SNLT) sc = Math.min(sc, cd);
    ls[v] = sc;
    lf[v] = sc;
  } else if (kind === KIND_SUMMARY_FINISH) {
    if (c === C_FNLT) fc = Math.min(fc, cd);
    ls[v] = fc;
    lf[v] = fc;
  } else {
    const cal = net.calendars[net.calendar[i]];
    const dur = net.duration[i];
    const el = net.elapsed[i];
    const ms = net.milestone[i];
    if (c === C_SNLT) sc = Math.min(sc, cd);
    else if (c === C_FNLT) fc = Math.min(fc, cd);
    if (sc !== Number.POSITIVE_INFINITY) {
      const fromStart = finishFrom(cal, sc, dur, el);
      if (fromStart < fc) fc = fromStart;
    }
    // A manually scheduled task's late finish is its successor's late start as is (08:00 of the
    // next working day, not 17:00 of the previous one), as MS Project writes it.
    const manual = !Number.isNaN(net.manualStart[i]);
    let finishPos = ms || el || manual ? -1 : cal.workAt(fc);
    let f = finishPos >= 0 ? cal.finishAt(finishPos) : manual ? fc : snapFinish(cal, fc, ms, el);
    const linkFinish = f;
    if (c === C_MSO) {
      const mf = snapFinish(cal, finishFrom(cal, cd, dur, el), ms, el);
      f = honor ? mf : Math.min(f, mf);
    } else if (c === C_MFO) {
      const mf = snapFinish(cal, cd, ms, el);
      f = honor ? mf : Math.min(f, mf);
    }
    if (f !== linkFinish) finishPos = -1;
    lf[v] = f;
    ls[v] =
      finishPos >= 0 ? (dur === 0 ? f : cal.startAt(finishPos - dur)) : startFromFinish(cal, f, dur, el);
  }
  return ls[v] !== oldS || lf[v] !== oldF;
}

/** Forward pass over all nodes in topological order. */
export function forwardPass(net: Network, st: PassState): void {
  const order = net.order;
  for (let k = 0; k < order.length; k++) forwardNode(net, st, order[k]);
}

/** Backward pass over all nodes in reverse topological order. */
export function backwardPass(net: Network, st: PassState): void {
  const order = net.order;
  const delays = levelingDelays(net);
  for (let k = order.length - 1; k >= 0; k--) backwardNode(net, st, order[k], delays);
}

/** Each project's finish: the latest early finish of its tasks. */
export function projectFinishes(net: Network, st: PassState, out: Float64Array): void {
  out.fill(Number.NEGATIVE_INFINITY);
  for (let v = 0; v < net.nodeCount; v++) {
    if (net.nodeKind[v] !== KIND_LEAF) continue;
    const p = net.project[net.nodeTask[v]];
    if (st.ef[v] > out[p]) out[p] = st.ef[v];
  }
}

/** Each project's start when scheduled from its finish: the earliest late start of its tasks. */
export function projectStartsFromLate(net: Network, st: PassState, out: Float64Array): void {
  out.fill(Number.POSITIVE_INFINITY);
  for (let v = 0; v < net.nodeCount; v++) {
    if (net.nodeKind[v] !== KIND_LEAF) continue;
    const p = net.project[net.nodeTask[v]];
    if (st.ls[v] < out[p]) out[p] = st.ls[v];
  }
}
