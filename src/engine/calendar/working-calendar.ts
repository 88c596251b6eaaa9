import { CalendarRangeError } from './errors.ts';
import type { WorkingInterval } from './types.ts';

/** Local copy: an imported binding read in the hot path costs a getter call under tsx. */
const MINUTES_PER_DAY = 1440;
const BUCKET = 256;

/**
 * A compiled calendar: per day, an index into a small set of distinct day patterns, and the
 * cumulative working minutes before each day. "Working position" = working minutes since the
 * start of the table; converting an instant to a position is O(1) and back is a binary search,
 * which keeps add/subtract working time cheap on the scheduler's hot path.
 */
export class WorkingCalendar {
  private readonly dayCum: Float64Array;
  private readonly patStart: Int32Array;
  private readonly ivFrom: Int32Array;
  private readonly ivTo: Int32Array;
  private readonly patWork: Int32Array;
  private readonly patterns: WorkingInterval[][];
  /** For each block of 256 working minutes, the first day that reaches into it. */
  private readonly bucketDay: Int32Array;

  constructor(
    readonly id: string | number,
    readonly name: string,
    private readonly firstDay: number,
    private readonly dayPattern: Int32Array,
    patterns: WorkingInterval[][],
  ) {
    this.patterns = patterns;
    const total = patterns.reduce((s, p) => s + p.length, 0);
    this.patStart = new Int32Array(patterns.length + 1);
    this.ivFrom = new Int32Array(total);
    this.ivTo = new Int32Array(total);
    this.patWork = new Int32Array(patterns.length);
    let k = 0;
    patterns.forEach((p, i) => {
      this.patStart[i] = k;
      for (const iv of p) {
        this.ivFrom[k] = iv.from;
        this.ivTo[k] = iv.to;
        this.patWork[i] += iv.to - iv.from;
        k++;
      }
    });
    this.patStart[patterns.length] = k;
    const n = dayPattern.length;
    this.dayCum = new Float64Array(n + 1);
    for (let d = 0; d < n; d++) this.dayCum[d + 1] = this.dayCum[d] + this.patWork[dayPattern[d]];
    if (this.dayCum[n] === 0) throw new CalendarRangeError(id, 'has no working time at all');
    // Position-to-day index: turns the inverse lookup into a couple of steps instead of a binary search.
    const buckets = Math.floor(this.dayCum[n] / BUCKET) + 1;
    this.bucketDay = new Int32Array(buckets);
    let b = 0;
    for (let d = 0; d < n && b < buckets; d++) {
      while (b < buckets && b * BUCKET < this.dayCum[d + 1]) this.bucketDay[b++] = d;
    }
    while (b < buckets) this.bucketDay[b++] = n - 1;
  }

  /** Pattern index of a day number (used by calendars that inherit from this one). */
  patternIndexOfDay(day: number): number {
    return this.dayPattern[this.dayIndex(day * MINUTES_PER_DAY)];
  }

  patternIntervals(index: number): readonly WorkingInterval[] {
    return this.patterns[index];
  }

  /** Working intervals of the day containing `t` as absolute epoch minutes. */
  workingIntervalsOfDay(day: number): WorkingInterval[] {
    const base = day * MINUTES_PER_DAY;
    return this.patterns[this.patternIndexOfDay(day)].map((iv) => ({
      from: base + iv.from,
      to: base + iv.to,
    }));
  }

  private dayIndex(t: number): number {
    const k = Math.floor(t / MINUTES_PER_DAY) - this.firstDay;
    if (k < 0 || k >= this.dayPattern.length) {
      throw new CalendarRangeError(this.id, `date at minute ${t} is out of range`);
    }
    return k;
  }

  /** Working minutes from the start of the table to instant `t` (the working position of `t`). */
  workAt(t: number): number {
    const k = this.dayIndex(t);
    const m = t - (k + this.firstDay) * MINUTES_PER_DAY;
    let w = this.dayCum[k];
    const p = this.dayPattern[k];
    const end = this.patStart[p + 1];
    for (let i = this.patStart[p]; i < end; i++) {
      const from = this.ivFrom[i];
      if (m <= from) break;
      const to = this.ivTo[i];
      w += Math.min(m, to) - from;
    }
    return w;
  }

  /**
   * The earliest instant at working position `w`: for a position on a boundary this is the end
   * of the earlier working interval (17:00), which is where a finish belongs.
   */
  finishAt(w: number): number {
    const cum = this.dayCum;
    if (!(w > cum[0] && w <= cum[cum.length - 1])) {
      throw new CalendarRangeError(this.id, `working position ${w} is out of range`);
    }
    // smallest k with cum[k + 1] >= w
    let k = this.bucketDay[Math.floor((w - 1) / BUCKET)];
    while (cum[k + 1] < w) k++;
    let r = w - cum[k];
    const p = this.dayPattern[k];
    const end = this.patStart[p + 1];
    for (let i = this.patStart[p]; i < end; i++) {
      const len = this.ivTo[i] - this.ivFrom[i];
      if (r <= len) return (k + this.firstDay) * MINUTES_PER_DAY + this.ivFrom[i] + r;
      r -= len;
    }
    throw new CalendarRangeError(this.id, `working position ${w} not found`);
  }

  /**
   * The latest-starting instant at working position `w`: the start of the next working minute
   * (08:00 the next working day rather than 17:00), which is where a start belongs.
   */
  startAt(w: number): number {
    const cum = this.dayCum;
    if (!(w >= cum[0] && w < cum[cum.length - 1])) {
      throw new CalendarRangeError(this.id, `working position ${w} is out of range`);
    }
    // smallest k with cum[k + 1] > w
    let k = this.bucketDay[Math.floor(w / BUCKET)];
    while (cum[k + 1] <= w) k++;
    let r = w - cum[k];
    const p = this.dayPattern[k];
    const end = this.patStart[p + 1];
    for (let i = this.patStart[p]; i < end; i++) {
      const len = this.ivTo[i] - this.ivFrom[i];
      if (r < len) return (k + this.firstDay) * MINUTES_PER_DAY + this.ivFrom[i] + r;
      r -= len;
    }
    throw new CalendarRangeError(this.id, `working position ${w} not found`);
  }

  /**
   * Adds working minutes to an instant (negative subtracts). A positive result lands on the end
   * of a working interval when it can (a finish); a negative one on the start of one (a start).
   *
   * @example standard.addWorking(fri0800, 480) // Friday 17:00
   */
  addWorking(t: number, minutes: number): number {
    if (minutes === 0) return t;
    const w = this.workAt(t) + minutes;
    return minutes > 0 ? this.finishAt(w) : this.startAt(w);
  }

  /** Working minutes between two instants (negative when `b` is before `a`). */
  workingBetween(a: number, b: number): number {
    return this.workAt(b) - this.workAt(a);
  }

  /** The instant itself if working, otherwise the start of the next working interval. */
  nextWorkingStart(t: number): number {
    return this.startAt(this.workAt(t));
  }

  /** The instant itself if working, otherwise the end of the previous working interval. */
  previousWorkingFinish(t: number): number {
    return this.finishAt(this.workAt(t));
  }

  /** True when the minute starting at `t` is working time. */
  isWorking(t: number): boolean {
    return this.workAt(t + 1) > this.workAt(t);
  }
}
