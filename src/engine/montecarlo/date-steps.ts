import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import * as codes from '../schedule/network.ts';
import { finishFrom, startFromFinish } from '../schedule/passes.ts';
import type { CompiledSimulation } from './compile.ts';
import * as timeCode from './time-code.ts';

const C_SNET = codes.C_SNET;
const C_FNET = codes.C_FNET;
const C_SNLT = codes.C_SNLT;
const C_FNLT = codes.C_FNLT;
const C_MSO = codes.C_MSO;
const C_MFO = codes.C_MFO;
const NEG = Number.NEGATIVE_INFINITY;
const { decodeTime, encodeTime } = timeCode;

/**
 * The forward pass's steps that leave time codes for real dates, with the scheduler's own
 * functions: edges across calendars or with elapsed lag, leaves with fixed dates, elapsed
 * time, leveling delays or hard constraints, and constrained summary starts.
 */
export class DateSteps {
  private readonly fromCalendar: Int32Array;
  private readonly toCalendar: Int32Array;

  constructor(private readonly c: CompiledSimulation) {
    const net = c.net;
    this.fromCalendar = Int32Array.from(net.edgeFrom, (v) => net.calendar[net.nodeTask[v]]);
    this.toCalendar = Int32Array.from(net.edgeTo, (v) => net.calendar[net.nodeTask[v]]);
  }

  /** The code, on the successor's calendar, that edge `e` gives from reference code `ref`. */
  edgeTime(e: number, ref: number, lag: number): number {
    const c = this.c;
    const net = c.net;
    let t = decodeTime(c.calendars[this.fromCalendar[e]], ref);
    if (lag !== 0) {
      if (net.edgeLagElapsed[e]) t += lag;
      else {
        const cal = c.calendars[net.edgeLagCalendar[e]];
        t = cal.finishAt(cal.workAt(t) + lag);
      }
    }
    return encodeTime(c.calendars[this.toCalendar[e]], t);
  }

  /** A summary start under its own constraint. */
  summaryStart(i: number, sc: number, constraintCode: number): number {
    const c = this.c;
    const con = c.net.constraint[i];
    if (con === C_SNET || (con === C_MSO && !c.honor[c.net.project[i]])) return Math.max(constraintCode, sc);
    return con === C_MSO ? constraintCode : sc;
  }

  /**
   * The scheduler's leaf step in real dates (as passes.forwardNode), for the unusual tasks:
   * writes the finish code at `times[finishAt]` and the start code at `times[startAt]`.
   */
  leaf(
    times: Float64Array,
    startAt: number,
    finishAt: number,
    i: number,
    scCode: number,
    fcCode: number,
    dur: number,
  ): void {
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
    times[startAt] = encodeTime(cal, s);
    times[finishAt] = encodeTime(cal, f);
  }
}

function snapStart(cal: WorkingCalendar, t: number, milestone: number, elapsed: number): number {
  if (elapsed || milestone) return t;
  return cal.nextWorkingStart(t);
}
