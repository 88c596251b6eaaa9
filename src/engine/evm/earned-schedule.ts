/**
 * Earned schedule (Lipke): the time at which the work performed to date was planned to be
 * performed. All times are in periods; the end of period t (0-based) is actual time t + 1.
 */
export interface EarnedSchedule {
  /** Earned schedule ES, in periods; `null` when nothing is planned (BAC = 0). */
  readonly es: number | null;
  /** Actual time AT: the number of periods elapsed. */
  readonly at: number;
  /** SV(t) = ES − AT, in periods (negative: behind schedule). */
  readonly svt: number | null;
  /** SPI(t) = ES / AT. */
  readonly spit: number | null;
  /** IEAC(t) = PD / SPI(t): forecast duration in periods; `null` while SPI(t) is 0 or undefined. */
  readonly ieac: number | null;
  /** 0-based index of the period in which the work is forecast to finish. */
  readonly forecastFinishPeriod: number | null;
}

/**
 * Computes the earned schedule at actual time `at` from the cumulative planned value curve
 * (value at the end of each baseline period) and the cumulative earned value.
 *
 * ES = C + (EV − PV(C)) / (PV(C + 1) − PV(C)), where C is the last whole period whose
 * cumulative PV the EV has reached. Once EV reaches BAC, ES is the planned duration.
 *
 * @example
 * ```ts
 * // PV 1000 per day for 4 days; EV 2,500 at the end of day 3.
 * computeEarnedSchedule([1000, 2000, 3000, 4000], 4, 2500, 3);
 * // { es: 2.5, at: 3, svt: -0.5, spit: 0.8333…, ieac: 4.8, forecastFinishPeriod: 4 }
 * ```
 */
export function computeEarnedSchedule(
  plannedCumulative: readonly number[],
  plannedDuration: number,
  earnedToDate: number,
  at: number,
): EarnedSchedule {
  if (plannedDuration === 0) {
    return { es: null, at, svt: null, spit: null, ieac: null, forecastFinishPeriod: null };
  }
  const bac = plannedCumulative[plannedDuration - 1];
  let es: number;
  if (earnedToDate >= bac * (1 - 1e-12)) {
    es = plannedDuration;
  } else {
    // pvAt(k): cumulative PV after k whole periods, pvAt(0) = 0. Find the largest C in
    // [0, PD − 1] with pvAt(C) ≤ EV by binary search (the curve never decreases).
    const pvAt = (k: number) => (k === 0 ? 0 : plannedCumulative[k - 1]);
    let lo = 0;
    let hi = plannedDuration - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (pvAt(mid) <= earnedToDate) lo = mid;
      else hi = mid - 1;
    }
    es = lo + (earnedToDate - pvAt(lo)) / (pvAt(lo + 1) - pvAt(lo));
  }
  const spit = es / at;
  const rawIeac = plannedDuration / spit;
  // A subnormal SPI(t) overflows the forecast: treat it like SPI(t) = 0 (no forecast yet).
  const ieac = spit > 0 && Number.isFinite(rawIeac) ? rawIeac : null;
  return {
    es,
    at,
    svt: es - at,
    spit,
    ieac,
    forecastFinishPeriod: ieac === null ? null : Math.max(0, Math.ceil(ieac - 1e-9) - 1),
  };
}
