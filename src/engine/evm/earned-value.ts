import { computeEarnedSchedule, type EarnedSchedule } from './earned-schedule.ts';
import { assertAmount, assertAmounts, EvmInputError } from './errors.ts';
import { accumulate } from './planned-value.ts';

/**
 * Inputs of an earned-value analysis, all per period (amounts added in that period, not
 * running totals). Periods are 0-based; period t ends at actual time t + 1.
 */
export interface EarnedValueInput {
  /**
   * Planned value per period over the baseline horizon. Its sum is the budget at completion
   * (BAC). Reported periods past the end of this array plan nothing more (a late project).
   */
  readonly plannedValue: readonly number[];
  /** Earned value per reported period. */
  readonly earnedValue: readonly number[];
  /** Actual cost per reported period; must have as many entries as `earnedValue`. */
  readonly actualCost: readonly number[];
  /**
   * Bottom-up estimate to complete at the end of each reported period (`null` where none
   * was made). When given, it must have as many entries as `earnedValue`.
   */
  readonly estimateToComplete?: readonly (number | null)[];
}

/** One figure per EAC method; `null` where the method is undefined (see {@link computeEarnedValue}). */
export interface ByMethod {
  /** AC + (BAC − EV) / CPI, which equals BAC / CPI. */
  readonly cpi: number | null;
  /** AC + (BAC − EV) / (CPI × SPI). */
  readonly cpiSpi: number | null;
  /** AC + BAC − EV: remaining work done at the budgeted rate. */
  readonly budgetedRate: number | null;
  /** AC + the bottom-up ETC supplied for that period. */
  readonly bottomUp: number | null;
}

/** Variances and indices for a span of time (one period, or cumulative to date). */
export interface EarnedValueFigures {
  readonly pv: number;
  readonly ev: number;
  readonly ac: number;
  /** EV − PV. */
  readonly sv: number;
  /** EV − AC. */
  readonly cv: number;
  /** EV / PV; `null` when PV = 0. */
  readonly spi: number | null;
  /** EV / AC; `null` when AC = 0. */
  readonly cpi: number | null;
}

export interface EarnedValuePeriod {
  /** 0-based index of the reported period. */
  readonly period: number;
  /** Figures of this period alone. */
  readonly current: EarnedValueFigures;
  /** Figures to date (end of this period); the ones forecasts use. */
  readonly cumulative: EarnedValueFigures;
  readonly eac: ByMethod;
  /** EAC − AC per method. */
  readonly etc: ByMethod;
  /** BAC − EAC per method. */
  readonly vac: ByMethod;
  readonly tcpi: {
    /** (BAC − EV) / (BAC − AC); `null` when the budget is spent (BAC − AC ≤ 0). */
    readonly toBac: number | null;
    /** (BAC − EV) / (EAC − AC) per EAC method; `null` when that EAC is undefined or EAC ≤ AC. */
    readonly toEac: ByMethod;
  };
  readonly schedule: EarnedSchedule;
}

export interface EarnedValueAnalysis {
  /** Budget at completion: the sum of planned value. */
  readonly bac: number;
  /** Planned duration in periods: through the last period with planned value. */
  readonly plannedDuration: number;
  /** Cumulative planned value at the end of each baseline period. */
  readonly plannedCumulative: number[];
  readonly periods: EarnedValuePeriod[];
}

// Subnormal denominators overflow to Infinity: anything not finite is reported as undefined.
function finite(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : finite(numerator / denominator);
}

function figures(pv: number, ev: number, ac: number): EarnedValueFigures {
  return { pv, ev, ac, sv: ev - pv, cv: ev - ac, spi: ratio(ev, pv), cpi: ratio(ev, ac) };
}

function mapMethods(eac: ByMethod, f: (value: number) => number | null): ByMethod {
  const apply = (value: number | null) => (value === null ? null : f(value));
  return {
    cpi: apply(eac.cpi),
    cpiSpi: apply(eac.cpiSpi),
    budgetedRate: apply(eac.budgetedRate),
    bottomUp: apply(eac.bottomUp),
  };
}

// Relative tolerance for "EV exceeds BAC": sums of floating-point increments drift slightly.
const EPS = 1e-9;

/**
 * Computes earned-value figures per period and to date: PV, EV, AC, SV, CV, SPI, CPI, EAC by
 * four methods, ETC, VAC, TCPI (to BAC and to each EAC) and earned schedule (ES, SV(t),
 * SPI(t), IEAC(t), forecast finish period).
 *
 * Undefined figures are `null`, never `Infinity` or `NaN`: SPI when PV = 0, CPI when AC = 0,
 * an index-based EAC when its index is `null` or 0 (no performance to extrapolate from) —
 * except that once EV = BAC every EAC is AC, since nothing remains to forecast. A TCPI is
 * `null` when its denominator is 0 or negative (the budget or estimate is already spent, so
 * no efficiency can meet it). Any ratio that would overflow to a non-finite number (a
 * subnormal denominator) is `null` too.
 *
 * @example
 * ```ts
 * // A 4-day fence, $1,000 a side; status at the end of day 3 (Mulcahy, PMP Exam Prep).
 * const a = computeEarnedValue({
 *   plannedValue: [1000, 1000, 1000, 1000],
 *   earnedValue: [1000, 1000, 500],
 *   actualCost: [1000, 1200, 600],
 * });
 * const s = a.periods[2];
 * s.cumulative.cpi; // 0.892857…
 * s.eac.cpi; // 4480
 * s.schedule.es; // 2.5 (periods)
 * ```
 */
export function computeEarnedValue(input: EarnedValueInput): EarnedValueAnalysis {
  const pv = assertAmounts(input.plannedValue, 'plannedValue');
  const ev = assertAmounts(input.earnedValue, 'earnedValue');
  const ac = assertAmounts(input.actualCost, 'actualCost');
  if (ac.length !== ev.length) {
    throw new EvmInputError(
      `actualCost has ${ac.length} periods but earnedValue has ${ev.length}: both cover the reported periods`,
      { field: 'actualCost', value: ac.length },
    );
  }
  const etcInput = input.estimateToComplete;
  if (etcInput !== undefined) {
    if (!Array.isArray(etcInput) || etcInput.length !== ev.length) {
      throw new EvmInputError(
        `estimateToComplete must have ${ev.length} entries (one per reported period, null where none)`,
        { field: 'estimateToComplete', value: Array.isArray(etcInput) ? etcInput.length : etcInput },
      );
    }
    etcInput.forEach((value, t) => {
      if (value !== null) assertAmount(value, 'estimateToComplete', t);
    });
  }

  const plannedCumulative = accumulate(pv);
  const bac = plannedCumulative.length === 0 ? 0 : plannedCumulative[plannedCumulative.length - 1];
  let plannedDuration = pv.length;
  while (plannedDuration > 0 && pv[plannedDuration - 1] === 0) plannedDuration--;

  const periods: EarnedValuePeriod[] = [];
  let cumPv = 0;
  let cumEv = 0;
  let cumAc = 0;
  for (let t = 0; t < ev.length; t++) {
    const pvT = t < pv.length ? pv[t] : 0;
    cumPv += pvT;
    cumEv += ev[t];
    cumAc += ac[t];
    if (cumEv > bac * (1 + EPS) + EPS) {
      throw new EvmInputError(`earnedValue to date at period ${t} (${cumEv}) exceeds the BAC (${bac})`, {
        field: 'earnedValue',
        period: t,
        value: cumEv,
      });
    }
    const current = figures(pvT, ev[t], ac[t]);
    const cumulative = figures(cumPv, cumEv, cumAc);
    const remaining = Math.max(0, bac - cumEv);
    const done = remaining <= bac * EPS;
    const cpi = cumulative.cpi;
    const spi = cumulative.spi;
    const etcT = etcInput?.[t] ?? null;
    const eac: ByMethod = {
      cpi: done ? cumAc : cpi === null || cpi === 0 ? null : finite(cumAc + remaining / cpi),
      cpiSpi: done
        ? cumAc
        : cpi === null || spi === null || cpi * spi === 0
          ? null
          : finite(cumAc + remaining / (cpi * spi)),
      budgetedRate: cumAc + remaining,
      bottomUp: etcT === null ? null : cumAc + etcT,
    };
    const budgetLeft = bac - cumAc;
    periods.push({
      period: t,
      current,
      cumulative,
      eac,
      etc: mapMethods(eac, (value) => value - cumAc),
      vac: mapMethods(eac, (value) => bac - value),
      tcpi: {
        toBac: budgetLeft > 0 ? finite(remaining / budgetLeft) : null,
        toEac: mapMethods(eac, (value) => (value - cumAc > 0 ? finite(remaining / (value - cumAc)) : null)),
      },
      schedule: computeEarnedSchedule(plannedCumulative, plannedDuration, cumEv, t + 1),
    });
  }
  return { bac, plannedDuration, plannedCumulative, periods };
}
