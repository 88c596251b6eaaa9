import { InfeasibleMandatoryError, type MandatoryConflict, PortfolioInputError } from './errors.ts';
import type { PortfolioProblem } from './problem.ts';
import { type SelectionOptions, type SelectionResult, selectPortfolio } from './select.ts';

export type FrontierPoint =
  | {
      /** Total budget over the horizon at this level. */
      readonly budget: number;
      readonly feasible: true;
      readonly totalScore: number;
      /** What the selection actually spends (≤ budget). */
      readonly totalCost: number;
      readonly selected: string[];
      readonly method: SelectionResult['method'];
      readonly gap: number;
    }
  | {
      readonly budget: number;
      readonly feasible: false;
      /** Why the mandatory candidates do not fit at this level. */
      readonly conflicts: MandatoryConflict[];
    };

/**
 * The efficient frontier: for each total budget level (summed over the horizon, on top of
 * the problem's own per-period budget and capacity), the best score and the selection
 * reaching it. Levels are returned in increasing order; a level too low for the mandatory
 * candidates is reported as infeasible with its conflicts rather than thrown.
 *
 * @example
 * ```ts
 * const points = computeEfficientFrontier(problem, [500, 1000, 1500]);
 * points.map((p) => (p.feasible ? p.totalScore : null)); // e.g. [40, 71, 88]
 * ```
 */
export function computeEfficientFrontier(
  problem: PortfolioProblem,
  budgetLevels: readonly number[],
  options: SelectionOptions = {},
): FrontierPoint[] {
  budgetLevels.forEach((level, k) => {
    if (typeof level !== 'number' || !Number.isFinite(level) || level < 0) {
      throw new PortfolioInputError(`budget level ${k} must be a finite number ≥ 0, got ${String(level)}`, {
        field: 'budgetLevels',
        value: level,
      });
    }
  });
  const levels = [...new Set(budgetLevels)].sort((a, b) => a - b);
  return levels.map((budget): FrontierPoint => {
    const bounded = {
      ...problem,
      totalBudget: Math.min(budget, problem.totalBudget ?? Number.POSITIVE_INFINITY),
    };
    try {
      const r = selectPortfolio(bounded, options);
      return {
        budget,
        feasible: true,
        totalScore: r.totalScore,
        totalCost: r.costPerPeriod.reduce((s, v) => s + v, 0),
        selected: r.selected.map((s) => s.id),
        method: r.method,
        gap: r.gap,
      };
    } catch (error) {
      if (error instanceof InfeasibleMandatoryError)
        return { budget, feasible: false, conflicts: error.conflicts };
      throw error;
    }
  });
}
