import type { WorkingCalendar } from '../calendar/index.ts';

/**
 * Index of the period holding instant `t`: the last i with bounds[i] <= t, or -1 before the first.
 * `bounds` is ascending.
 */
export function periodIndexOf(bounds: Float64Array, t: number): number {
  let lo = 0;
  let hi = bounds.length - 1;
  if (t < bounds[0]) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (bounds[mid] <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Working minutes of `calendar` in each period, times `units`, added into `into`: a resource's capacity.
 *
 * @example workingMinutesPerPeriod(standard, periodsBetween('2027-01-04', '2027-01-10', 'week').bounds) // [2400]
 */
export function workingMinutesPerPeriod(
  calendar: WorkingCalendar,
  bounds: Float64Array,
  units = 1,
  into = new Float64Array(bounds.length - 1),
): Float64Array {
  let previous = calendar.workAt(bounds[0]);
  for (let i = 0; i + 1 < bounds.length; i++) {
    const next = calendar.workAt(bounds[i + 1]);
    into[i] += (next - previous) * units;
    previous = next;
  }
  return into;
}

/**
 * Spreads `amount` evenly over the working time of `calendar` between `start` and `finish` (a flat
 * contour) and adds each period's share into `into`; the part outside the periods is dropped. Work on
 * an interval with no working time (a milestone) lands in the period of its start. Returns the amount
 * that fell inside the periods.
 *
 * @example // 2,400 minutes over Monday–Friday: 960 in a period ending Wednesday 00:00
 */
export function spreadFlat(
  calendar: WorkingCalendar,
  start: number,
  finish: number,
  amount: number,
  bounds: Float64Array,
  into: Float64Array,
): number {
  const last = bounds.length - 1;
  if (finish <= bounds[0] && start < bounds[0]) return 0;
  if (start >= bounds[last]) return 0;
  const from = calendar.workAt(start);
  const total = calendar.workAt(finish) - from;
  if (total <= 0) {
    const index = periodIndexOf(bounds, start);
    if (index < 0 || index >= last) return 0;
    into[index] += amount;
    return amount;
  }
  let inside = 0;
  let index = Math.max(0, periodIndexOf(bounds, start));
  let previous = Math.max(from, calendar.workAt(bounds[index]));
  for (; index < last; index++) {
    const periodEnd = bounds[index + 1];
    const position = calendar.workAt(Math.min(periodEnd, finish));
    const share = ((position - previous) / total) * amount;
    into[index] += share;
    inside += share;
    previous = position;
    if (periodEnd >= finish) break;
  }
  return inside;
}
