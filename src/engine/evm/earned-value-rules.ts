import { assertAmount, EvmInputError } from './errors.ts';
import { accumulate } from './planned-value.ts';

/**
 * How progress turns into earned value.
 * - `percent-complete`: EV = budget × percent complete.
 * - `0/100`: nothing is earned until the item is complete, then the whole budget.
 * - `50/50`: half the budget when the item starts (percent complete > 0), the rest at completion.
 */
export type EarnedValueRule = 'percent-complete' | '0/100' | '50/50';

/** Progress of one task or assignment, reported per period. */
export interface ProgressItem {
  readonly id: string;
  /** Budget at completion of the item (≥ 0). */
  readonly budget: number;
  /**
   * Cumulative percent complete at the end of each reported period, as a fraction from 0 to 1.
   * Must not decrease: a correction should restate the history, not earn negative value.
   */
  readonly percentComplete: readonly number[];
  /** Overrides the rule passed to {@link buildEarnedValue} for this item. */
  readonly rule?: EarnedValueRule;
}

/** Earned value per reported period, with each item's share for traceability. */
export interface EarnedValueSeries {
  readonly perPeriod: number[];
  readonly cumulative: number[];
  readonly items: { readonly id: string; readonly perPeriod: number[] }[];
}

function earnedFraction(rule: EarnedValueRule, percent: number, item: string): number {
  switch (rule) {
    case 'percent-complete':
      return percent;
    case '0/100':
      return percent >= 1 ? 1 : 0;
    case '50/50':
      return percent >= 1 ? 1 : percent > 0 ? 0.5 : 0;
    default:
      throw new EvmInputError(`rule of item "${item}" must be percent-complete, 0/100 or 50/50`, {
        field: 'rule',
        item,
        value: rule,
      });
  }
}

/**
 * Turns per-period progress (cumulative percent complete) into earned value per period,
 * under the percent-complete, 0/100 or 50/50 rule.
 *
 * @example
 * ```ts
 * const ev = buildEarnedValue(
 *   [
 *     { id: 'a', budget: 1000, percentComplete: [0.4, 1, 1] },
 *     { id: 'b', budget: 1000, percentComplete: [0, 0.3, 0.6], rule: '50/50' },
 *   ],
 *   3,
 * );
 * ev.perPeriod; // [400, 1100, 0]
 * ```
 */
export function buildEarnedValue(
  items: readonly ProgressItem[],
  periods: number,
  rule: EarnedValueRule = 'percent-complete',
): EarnedValueSeries {
  if (!Number.isInteger(periods) || periods < 0) {
    throw new EvmInputError(`periods must be a non-negative integer, got ${String(periods)}`, {
      field: 'periods',
      value: periods,
    });
  }
  const perPeriod = new Array<number>(periods).fill(0);
  const traced: { id: string; perPeriod: number[] }[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    if (typeof item.id !== 'string' || item.id === '') {
      throw new EvmInputError('every progress item needs a non-empty id', { field: 'id', value: item.id });
    }
    if (seen.has(item.id)) {
      throw new EvmInputError(`progress item "${item.id}" appears twice`, { field: 'id', item: item.id });
    }
    seen.add(item.id);
    const budget = assertAmount(item.budget, 'budget', undefined, item.id);
    const pct = item.percentComplete;
    if (!Array.isArray(pct) || pct.length !== periods) {
      throw new EvmInputError(
        `percentComplete of item "${item.id}" must have ${periods} entries (one per reported period), got ${
          Array.isArray(pct) ? pct.length : typeof pct
        }`,
        { field: 'percentComplete', item: item.id, value: pct },
      );
    }
    const own = new Array<number>(periods).fill(0);
    let previousPct = 0;
    let previousEarned = 0;
    for (let t = 0; t < periods; t++) {
      const p = assertAmount(pct[t], 'percentComplete', t, item.id);
      if (p > 1) {
        throw new EvmInputError(
          `percentComplete of item "${item.id}" at period ${t} must be a fraction from 0 to 1, got ${p}`,
          { field: 'percentComplete', period: t, item: item.id, value: p },
        );
      }
      if (p < previousPct) {
        throw new EvmInputError(
          `percentComplete of item "${item.id}" decreases at period ${t} (${previousPct} → ${p})`,
          { field: 'percentComplete', period: t, item: item.id, value: p },
        );
      }
      const earned = budget * earnedFraction(item.rule ?? rule, p, item.id);
      own[t] = earned - previousEarned;
      perPeriod[t] += own[t];
      previousPct = p;
      previousEarned = earned;
    }
    traced.push({ id: item.id, perPeriod: own });
  }
  return { perPeriod, cumulative: accumulate(perPeriod), items: traced };
}
