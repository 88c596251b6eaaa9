import { formatLocalDateTime } from '../calendar/epoch.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import type { FinishDistribution, FinishPoint } from './types.ts';

export const PERCENTILES = [5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95];

/** Measures finishes in working minutes after `start` on one calendar. */
export class FinishScale {
  private readonly origin: number;

  constructor(
    readonly cal: WorkingCalendar,
    readonly start: number,
  ) {
    this.origin = cal.workAt(start);
  }

  minutes(date: number): number {
    return this.cal.workAt(date) - this.origin;
  }

  /** A finish at `workingMinutes` lands at the end of that working minute. */
  dateOf(workingMinutes: number): number {
    const w = this.origin + workingMinutes;
    return w <= 0 ? this.start : this.cal.finishAt(w);
  }

  point(date: number): FinishPoint {
    return { workingMinutes: this.minutes(date), date, iso: formatLocalDateTime(date) };
  }
}

/** Nearest-rank percentile of ascending `sorted`. */
export function percentile(sorted: Float64Array, p: number): number {
  const k = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[k];
}

/** Share of `sorted` at or below `x` (binary search). */
export function shareAtOrBelow(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo / sorted.length;
}

/**
 * Percentiles, moments, histogram and S-curve of finish dates.
 *
 * @example describeFinishes(finishes, scale, deterministic, null, 30).percentiles[5] // P50
 */
export function describeFinishes(
  finishes: Float64Array,
  scale: FinishScale,
  deterministic: number,
  target: number | null,
  bins: number,
): FinishDistribution {
  const sorted = Float64Array.from(finishes).sort();
  const n = sorted.length;
  const minutes = new Float64Array(n);
  let sum = 0;
  for (let k = 0; k < n; k++) {
    minutes[k] = scale.minutes(sorted[k]);
    sum += minutes[k];
  }
  const mean = sum / n;
  let sq = 0;
  for (let k = 0; k < n; k++) sq += (minutes[k] - mean) ** 2;
  const stdDev = n > 1 ? Math.sqrt(sq / (n - 1)) : 0;
  const lo = minutes[0];
  const hi = minutes[n - 1];
  const binCount = Math.max(1, Math.min(bins, hi - lo + 1));
  const width = Math.max(1, Math.ceil((hi - lo + 1) / binCount));
  const counts = new Array<number>(binCount).fill(0);
  for (let k = 0; k < n; k++) counts[Math.min(binCount - 1, Math.floor((minutes[k] - lo) / width))]++;
  const histogram = counts.map((count, b) => {
    const from = lo + b * width;
    const to = Math.min(hi, from + width - 1);
    return {
      from,
      to,
      fromIso: formatLocalDateTime(scale.dateOf(from)),
      toIso: formatLocalDateTime(scale.dateOf(to)),
      count,
    };
  });
  let seen = 0;
  const cumulative = histogram.map((b) => {
    seen += b.count;
    const date = scale.dateOf(b.to);
    return { ...scale.point(date), workingMinutes: b.to, probability: seen / n };
  });
  const meanDate = scale.dateOf(Math.round(mean));
  return {
    percentiles: PERCENTILES.map((p) => ({ p, ...scale.point(percentile(sorted, p)) })),
    mean: { workingMinutes: mean, date: meanDate, iso: formatLocalDateTime(meanDate) },
    stdDev,
    min: scale.point(sorted[0]),
    max: scale.point(sorted[n - 1]),
    histogram,
    cumulative,
    deterministic: { ...scale.point(deterministic), probability: shareAtOrBelow(sorted, deterministic) },
    target: target === null ? null : { ...scale.point(target), probability: shareAtOrBelow(sorted, target) },
  };
}

/** Ranks 1..n of `values` (ties share their average rank), written into `out`. */
export function averageRanks(values: ArrayLike<number>, out: Float64Array): void {
  const n = values.length;
  // value and position packed in one number so the native numeric sort needs no comparator
  const keys = new Float64Array(n);
  const scale = 2 ** Math.ceil(Math.log2(n + 1));
  for (let k = 0; k < n; k++) keys[k] = values[k] * scale + k;
  keys.sort();
  let k = 0;
  while (k < n) {
    const v = Math.floor(keys[k] / scale);
    let j = k + 1;
    while (j < n && Math.floor(keys[j] / scale) === v) j++;
    const rank = (k + j + 1) / 2;
    for (let q = k; q < j; q++) out[keys[q] - Math.floor(keys[q] / scale) * scale] = rank;
    k = j;
  }
}

/** Pearson correlation of two equally long arrays; 0 when either is constant. */
export function pearson(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let k = 0; k < n; k++) {
    mx += x[k];
    my += y[k];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let k = 0; k < n; k++) {
    const dx = x[k] - mx;
    const dy = y[k] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}
