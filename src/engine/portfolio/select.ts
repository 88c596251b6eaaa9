import { branchAndBound } from './branch-and-bound.ts';
import { InfeasibleMandatoryError, PortfolioInputError, SelectionLimitError } from './errors.ts';
import {
  greedyFill,
  greedyOrder,
  improveByDropAndRefill,
  lagrangeanSubgradientBound,
  type Placement,
  placeMandatory,
} from './heuristic.ts';
import { FREE, NOT_SELECTED, solveNodeRelaxation } from './node-lp.ts';
import {
  buildSelectionModel,
  findViolations,
  type PortfolioProblem,
  type SelectionModel,
} from './problem.ts';

export interface SelectionOptions {
  /** `auto` (default): exact up to `exactLimit` candidates, heuristic beyond. */
  readonly method?: 'auto' | 'exact' | 'heuristic';
  /** Largest candidate count `auto` solves exactly (default 100). */
  readonly exactLimit?: number;
  /**
   * Branch-and-bound node budget (default 20,000: a few seconds to tens of seconds at 60
   * candidates); past it the best selection is returned with its gap. Deterministic.
   */
  readonly maxNodes?: number;
  /**
   * Optional time budget in milliseconds, measured with `now` (the engine reads no clock of
   * its own). Past it the search stops as at the node budget; results then depend on speed.
   */
  readonly timeLimitMs?: number;
  /** Clock for `timeLimitMs`, in milliseconds (for example `performance.now`). */
  readonly now?: () => number;
  /** Drop-and-refill trials of the local search (default 20 × candidates). */
  readonly localSearchTrials?: number;
}

export interface SelectedCandidate {
  readonly id: string;
  /** Periods its start is delayed (0 = as planned). */
  readonly shift: number;
  readonly score: number;
}

export interface SelectionResult {
  /**
   * `exact`: branch and bound finished, the selection is optimal. `branch-and-bound-limit`:
   * it stopped at the node or time budget. `heuristic`: greedy plus local search.
   */
  readonly method: 'exact' | 'branch-and-bound-limit' | 'heuristic';
  readonly optimal: boolean;
  readonly totalScore: number;
  /** Upper bound on the optimal score (equal to `totalScore` when optimal). */
  readonly bound: number;
  /** (bound − totalScore) / bound; 0 when optimal. */
  readonly gap: number;
  /** How the bound was obtained. */
  readonly boundMethod: 'search' | 'lp-relaxation' | 'lagrangean';
  /** Selected candidates in input order. */
  readonly selected: SelectedCandidate[];
  readonly rejected: string[];
  readonly costPerPeriod: number[];
  readonly demandPerRole: Record<string, number[]>;
  /** Branch-and-bound nodes explored (0 for the heuristic). */
  readonly nodes: number;
}

function summarize(
  problem: PortfolioProblem,
  model: SelectionModel,
  best: Placement,
): Pick<SelectionResult, 'selected' | 'rejected' | 'costPerPeriod' | 'demandPerRole' | 'totalScore'> {
  const costPerPeriod = new Array<number>(problem.periods).fill(0);
  const demandPerRole: Record<string, number[]> = {};
  const selected: SelectedCandidate[] = [];
  const rejected: string[] = [];
  let totalScore = 0;
  problem.candidates.forEach((c, i) => {
    const o = best.chosen[i];
    if (o < 0) {
      rejected.push(c.id);
      return;
    }
    const shift = model.optShift[o];
    selected.push({ id: c.id, shift, score: c.score });
    totalScore += c.score;
    c.cost.forEach((v, t) => {
      if (v > 0) costPerPeriod[t + shift] += v;
    });
    for (const [role, series] of Object.entries(c.demand ?? {})) {
      demandPerRole[role] ??= new Array<number>(problem.periods).fill(0);
      series.forEach((v, t) => {
        if (v > 0) demandPerRole[role][t + shift] += v;
      });
    }
  });
  return { selected, rejected, costPerPeriod, demandPerRole, totalScore };
}

/**
 * Drops chosen items worth nothing (score 0) that are neither mandatory nor needed by another chosen
 * item: they change no score but would spend budget and capacity, and a reader would take them for
 * the optimizer's choice. Dropping only frees resources, so the selection stays feasible.
 */
function dropIdleItems(model: SelectionModel, chosen: Int32Array): void {
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = 0; i < model.n; i++) {
      if (chosen[i] < 0 || model.score[i] > 0 || model.mandatory[i]) continue;
      if (model.dependents[i].some((d) => chosen[d] >= 0)) continue;
      chosen[i] = NOT_SELECTED;
      changed = true;
    }
  }
}

/** Finds a placement of the mandatory items, or throws InfeasibleMandatoryError explaining why none exists. */
function placeMandatoryOrExplain(model: SelectionModel, maxNodes: number): Placement | null {
  const first = placeMandatory(model);
  if (first) return first;
  const mandatory = model.ids.filter((_, i) => model.mandatory[i]);
  const atPlannedStart = new Int32Array(model.n).fill(NOT_SELECTED);
  for (let i = 0; i < model.n; i++) if (model.mandatory[i]) atPlannedStart[i] = model.optStart[i];
  if (model.maxShift > 0) {
    // Shifts may still make them fit: search over the mandatory items alone.
    const excluded = Uint8Array.from(model.excluded);
    for (let i = 0; i < model.n; i++) if (!model.mandatory[i]) excluded[i] = 1;
    const onlyMandatory = { ...model, excluded, score: new Float64Array(model.n) };
    const search = branchAndBound(onlyMandatory, null, maxNodes, true);
    if (search.best) {
      const score = search.best.chosen.reduce((s, o, i) => s + (o >= 0 ? model.score[i] : 0), 0);
      return { ...search.best, score };
    }
    if (!search.complete) return null;
  }
  throw new InfeasibleMandatoryError(mandatory, findViolations(model, atPlannedStart), model.maxShift);
}

/**
 * Chooses the candidates that maximise total score under a budget per period, an optional
 * total budget and a capacity per role per period, with mandatory and excluded candidates,
 * dependencies ("B needs A") and optional start shifts of up to `maxShift` periods.
 *
 * Exact by LP-based branch and bound up to `exactLimit` candidates (within `maxNodes` and the
 * optional `timeLimitMs`; cut short, it reports `branch-and-bound-limit` and the gap);
 * beyond, greedy plus drop-and-refill local search, with the gap to an LP or Lagrangean
 * bound. Deterministic: no clock, no randomness.
 *
 * @throws DependencyCycleError when candidates need each other in a loop.
 * @throws InfeasibleMandatoryError when the mandatory candidates cannot all fit.
 * @throws PortfolioInputError for malformed input (names the candidate, role and period).
 * @throws SelectionLimitError when, with shifts, no placement of the mandatory candidates was
 *   found within `maxNodes`.
 * @example
 * ```ts
 * const r = selectPortfolio({
 *   periods: 2,
 *   budget: [100, 100],
 *   candidates: [
 *     { id: 'crm', score: 8, cost: [60, 40] },
 *     { id: 'erp', score: 9, cost: [80, 80] },
 *     { id: 'web', score: 5, cost: [30, 50], requires: ['crm'] },
 *   ],
 * });
 * r.selected.map((s) => s.id); // ['crm', 'web']  (score 13 beats erp's 9)
 * r.method; // 'exact'
 * ```
 */
export function selectPortfolio(problem: PortfolioProblem, options: SelectionOptions = {}): SelectionResult {
  const { model, logicalConflicts } = buildSelectionModel(problem);
  if (logicalConflicts.length > 0) {
    throw new InfeasibleMandatoryError(
      model.ids.filter((_, i) => model.mandatory[i]),
      logicalConflicts,
      model.maxShift,
    );
  }
  const maxNodes = options.maxNodes ?? 20_000;
  const { timeLimitMs, now } = options;
  if (timeLimitMs !== undefined && (typeof now !== 'function' || !(timeLimitMs >= 0))) {
    throw new PortfolioInputError('timeLimitMs needs a clock (now) and must be ≥ 0', {
      field: 'timeLimitMs',
      value: timeLimitMs,
    });
  }
  const deadline = timeLimitMs !== undefined && now ? now() + timeLimitMs : Number.POSITIVE_INFINITY;
  const outOfTime = now && deadline !== Number.POSITIVE_INFINITY ? () => now() > deadline : () => false;
  const method = options.method ?? 'auto';
  const exact = method === 'exact' || (method === 'auto' && model.n <= (options.exactLimit ?? 100));
  // Local search trials grow with the size but are capped: each costs a greedy refill.
  const trials = options.localSearchTrials ?? Math.min(20 * model.n, 3000);
  const scoresAreIntegers = model.score.every((s) => Number.isInteger(s));

  const base = placeMandatoryOrExplain(model, maxNodes);
  const greedy = (order: Int32Array): Placement | null => {
    if (!base) return null;
    const p = { chosen: Int32Array.from(base.chosen), used: Float64Array.from(base.used), score: base.score };
    greedyFill(model, p, order);
    return p;
  };
  const better = (a: Placement | null, b: Placement | null) => (!a ? b : !b ? a : b.score > a.score ? b : a);
  const defaultOrder = greedyOrder(model);
  const incumbent = greedy(defaultOrder);
  if (exact && incumbent) improveByDropAndRefill(model, incumbent, defaultOrder, trials);

  let best: Placement | null;
  let bound: number;
  let boundMethod: SelectionResult['boundMethod'];
  let nodes = 0;
  let resultMethod: SelectionResult['method'];
  if (exact) {
    const search = branchAndBound(model, incumbent, maxNodes, scoresAreIntegers, outOfTime);
    best = better(incumbent, search.best);
    bound = search.bound;
    nodes = search.nodes;
    resultMethod = search.complete ? 'exact' : 'branch-and-bound-limit';
    boundMethod = search.complete ? 'search' : 'lp-relaxation';
    if (!Number.isFinite(bound)) {
      // Cut short before the root LP was solved: fall back to the Lagrangean bound.
      bound = lagrangeanSubgradientBound(model, best?.score ?? 0, 100).bound;
      boundMethod = 'lagrangean';
    }
    if (search.complete && !best) {
      throw new InfeasibleMandatoryError(
        model.ids.filter((_, i) => model.mandatory[i]),
        findViolations(
          model,
          Int32Array.from({ length: model.n }, (_, i) => (model.mandatory[i] ? model.optStart[i] : -1)),
        ),
        model.maxShift,
      );
    }
  } else {
    resultMethod = 'heuristic';
    const status = new Int32Array(model.n).fill(FREE);
    for (let i = 0; i < model.n; i++) if (model.excluded[i]) status[i] = NOT_SELECTED;
    const columns = model.optItem.length;
    let multiOption = 0;
    for (let i = 0; i < model.n; i++) if (model.optStart[i + 1] - model.optStart[i] > 1) multiOption++;
    const roughRows = model.m + multiOption + model.prereq.reduce((s, p) => s + p.length, 0);
    // The LP treats mandatory items as optional and the Lagrangean drops dependencies: both
    // bound the optimum, so the smaller one is kept. The dense LP only runs while small
    // (at 1,000 candidates it costs seconds for a bound within 1% of the Lagrangean's).
    let lpBound = Number.POSITIVE_INFINITY;
    let price: Float64Array | undefined;
    if ((roughRows + 1) * (columns + roughRows) <= 100_000) {
      const relax = solveNodeRelaxation(model, status, new Float64Array(model.m), 0);
      lpBound = relax.bound;
      price = relax.rowPrice;
    }
    const lagrange = lagrangeanSubgradientBound(model, incumbent?.score ?? 0, 300, price);
    const pricedOrder = greedyOrder(model, price ?? lagrange.price);
    const priced = greedy(pricedOrder);
    const start = better(incumbent, priced);
    if (start) improveByDropAndRefill(model, start, start === priced ? pricedOrder : defaultOrder, trials);
    best = start;
    bound = Math.min(lpBound, lagrange.bound);
    boundMethod = lpBound <= lagrange.bound ? 'lp-relaxation' : 'lagrangean';
  }
  if (!best) {
    // Only reachable when the node budget ran out before any mandatory placement was found.
    throw new SelectionLimitError(maxNodes);
  }
  const chosen = Int32Array.from(best.chosen);
  dropIdleItems(model, chosen);
  const summary = summarize(problem, model, { ...best, chosen });
  const finalBound = Math.max(bound, summary.totalScore);
  const gap = finalBound <= 0 ? 0 : (finalBound - summary.totalScore) / finalBound;
  return {
    method: resultMethod,
    optimal: resultMethod === 'exact',
    bound: finalBound,
    gap: resultMethod === 'exact' ? 0 : gap,
    boundMethod,
    nodes,
    ...summary,
  };
}
