import { assertAmount, EvmInputError } from './errors.ts';

/**
 * How an item's budget is spread over its baseline periods.
 * - `flat`: the same amount in every period.
 * - `front-loaded`: linearly decreasing weights n, n−1, …, 1 (more spent early).
 * - `back-loaded`: linearly increasing weights 1, 2, …, n (more spent late).
 */
export type SpreadProfile = 'flat' | 'front-loaded' | 'back-loaded';

/** A task or assignment baseline: budget spread over periods `start..finish` (inclusive, 0-based). */
export interface BaselineItem {
  readonly id: string;
  /** Budget at completion of this item (≥ 0). */
  readonly budget: number;
  /** First baseline period (0-based index into the horizon). */
  readonly start: number;
  /** Last baseline period, inclusive (≥ start). */
  readonly finish: number;
  /** Defaults to `flat`. Ignored when `weights` is given. */
  readonly profile?: SpreadProfile;
  /**
   * Explicit relative weights, one per period from `start` to `finish` (for example an
   * assignment's baseline work per period). Normalised to sum to the budget.
   */
  readonly weights?: readonly number[];
}

/** A time-phased planned value curve. */
export interface PlannedValueCurve {
  /** Planned value added in each period of the horizon. */
  readonly perPeriod: number[];
  /** Cumulative planned value at the end of each period. */
  readonly cumulative: number[];
  /** Budget at completion: the sum of all items' budgets. */
  readonly bac: number;
  /** Each item's own spread, so a figure can be traced back to the items behind it. */
  readonly items: { readonly id: string; readonly perPeriod: number[] }[];
}

function spreadWeights(item: BaselineItem, span: number): readonly number[] {
  if (item.weights !== undefined) {
    if (!Array.isArray(item.weights) || item.weights.length !== span) {
      throw new EvmInputError(
        `weights of item "${item.id}" must have one entry per baseline period (${span}), got ${
          Array.isArray(item.weights) ? item.weights.length : typeof item.weights
        }`,
        { field: 'weights', item: item.id, value: item.weights },
      );
    }
    let sum = 0;
    for (let j = 0; j < span; j++) sum += assertAmount(item.weights[j], 'weights', item.start + j, item.id);
    if (sum === 0 && item.budget > 0) {
      throw new EvmInputError(`weights of item "${item.id}" are all zero but its budget is ${item.budget}`, {
        field: 'weights',
        item: item.id,
        value: item.weights,
      });
    }
    return item.weights;
  }
  const profile = item.profile ?? 'flat';
  const weights = new Array<number>(span);
  for (let j = 0; j < span; j++) {
    if (profile === 'flat') weights[j] = 1;
    else if (profile === 'front-loaded') weights[j] = span - j;
    else if (profile === 'back-loaded') weights[j] = j + 1;
    else {
      throw new EvmInputError(`profile of item "${item.id}" must be flat, front-loaded or back-loaded`, {
        field: 'profile',
        item: item.id,
        value: profile,
      });
    }
  }
  return weights;
}

function assertPeriodIndex(value: unknown, field: string, item: string, periods: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= periods) {
    throw new EvmInputError(
      `${field} of item "${item}" must be a period index from 0 to ${periods - 1}, got ${String(value)}`,
      { field, item, value },
    );
  }
  return value;
}

/**
 * Builds the time-phased planned value (PV) curve from task or assignment baselines. Each
 * item's budget is spread over its baseline periods, flat, front- or back-loaded, or by
 * explicit weights; the curve is the sum over items.
 *
 * @example
 * ```ts
 * const pv = buildPlannedValue(
 *   [
 *     { id: 'design', budget: 300, start: 0, finish: 2 },
 *     { id: 'build', budget: 600, start: 1, finish: 3, profile: 'back-loaded' },
 *   ],
 *   4,
 * );
 * pv.perPeriod; // [100, 200, 300, 300]  (build: 100, 200, 300)
 * pv.bac; // 900
 * ```
 */
export function buildPlannedValue(items: readonly BaselineItem[], periods: number): PlannedValueCurve {
  if (!Number.isInteger(periods) || periods < 1) {
    throw new EvmInputError(`periods must be a positive integer, got ${String(periods)}`, {
      field: 'periods',
      value: periods,
    });
  }
  const perPeriod = new Array<number>(periods).fill(0);
  const seen = new Set<string>();
  const traced: { id: string; perPeriod: number[] }[] = [];
  let bac = 0;
  for (const item of items) {
    if (typeof item.id !== 'string' || item.id === '') {
      throw new EvmInputError('every baseline item needs a non-empty id', { field: 'id', value: item.id });
    }
    if (seen.has(item.id)) {
      throw new EvmInputError(`baseline item "${item.id}" appears twice`, { field: 'id', item: item.id });
    }
    seen.add(item.id);
    const budget = assertAmount(item.budget, 'budget', undefined, item.id);
    const start = assertPeriodIndex(item.start, 'start', item.id, periods);
    const finish = assertPeriodIndex(item.finish, 'finish', item.id, periods);
    if (finish < start) {
      throw new EvmInputError(`finish of item "${item.id}" (${finish}) is before its start (${start})`, {
        field: 'finish',
        item: item.id,
        value: finish,
      });
    }
    const span = finish - start + 1;
    const weights = spreadWeights(item, span);
    let weightSum = 0;
    for (const w of weights) weightSum += w;
    const own = new Array<number>(periods).fill(0);
    for (let j = 0; j < span; j++) {
      const amount = weightSum === 0 ? 0 : (budget * weights[j]) / weightSum;
      own[start + j] = amount;
      perPeriod[start + j] += amount;
    }
    bac += budget;
    traced.push({ id: item.id, perPeriod: own });
  }
  return { perPeriod, cumulative: accumulate(perPeriod), bac, items: traced };
}

/**
 * Running sums of a per-period series.
 *
 * @example
 * ```ts
 * accumulate([100, 200, 50]); // [100, 300, 350]
 * ```
 */
export function accumulate(values: readonly number[]): number[] {
  const out = new Array<number>(values.length);
  let sum = 0;
  for (let t = 0; t < values.length; t++) {
    sum += values[t];
    out[t] = sum;
  }
  return out;
}
