import type { WorkingCalendar } from '../calendar/working-calendar.ts';

/**
 * Instants coded as numbers whose order is the instants' order and whose working-time
 * arithmetic is plain addition: `position * K + offset`, where position is the calendar's
 * working position (working minutes since the table start) and offset places the instant
 * among the non-working minutes at that position: 0 is the end of the earlier working period
 * (where a finish lands, `finishAt`) and K - 1 the start of the next one (where a start lands,
 * `startAt`). Adding working minutes to a start is then `(floor(x / K) + d) * K` with no
 * calendar lookup, which is what lets one iteration be a tight loop over typed arrays.
 * K is a power of two so the division is exact.
 */
export const K = 2_097_152;
export const INV_K = 1 / K;
export const START_OFFSET = K - 1;

/** The code of instant `t` on calendar `cal`. */
export function encodeTime(cal: WorkingCalendar, t: number): number {
  const w = cal.workAt(t);
  if (t === cal.startAt(w)) return w * K + START_OFFSET;
  return w * K + (t - cal.finishAt(w));
}

/** The instant a code stands for on calendar `cal`. */
export function decodeTime(cal: WorkingCalendar, x: number): number {
  const w = Math.floor(x * INV_K);
  const offset = x - w * K;
  return offset === START_OFFSET ? cal.startAt(w) : cal.finishAt(w) + offset;
}

/** Working position of a code. */
export function positionOf(x: number): number {
  return Math.floor(x * INV_K);
}
