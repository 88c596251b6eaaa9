import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { branchAndBound } from '../../../src/engine/portfolio/branch-and-bound.ts';
import {
  computeEfficientFrontier,
  DependencyCycleError,
  InfeasibleMandatoryError,
  PortfolioInputError,
  type PortfolioProblem,
  SelectionLimitError,
  type SelectionResult,
  selectPortfolio,
} from '../../../src/engine/portfolio/index.ts';
import { buildSelectionModel } from '../../../src/engine/portfolio/problem.ts';
import { bruteForceBest } from './brute-force.ts';

/** Checks a result against the problem independently of the engine's own model. */
function expectSatisfies(problem: PortfolioProblem, result: SelectionResult): void {
  const byId = new Map(problem.candidates.map((c) => [c.id, c]));
  const chosen = new Map(result.selected.map((s) => [s.id, s.shift]));
  const cost = new Array<number>(problem.periods).fill(0);
  const demand: Record<string, number[]> = {};
  for (const c of problem.candidates) {
    if (c.mandatory) expect(chosen.has(c.id), `mandatory ${c.id} selected`).toBe(true);
    if (c.excluded) expect(chosen.has(c.id), `excluded ${c.id} not selected`).toBe(false);
  }
  let score = 0;
  for (const [id, shift] of chosen) {
    const c = byId.get(id)!;
    score += c.score;
    expect(shift).toBeGreaterThanOrEqual(0);
    expect(shift).toBeLessThanOrEqual(problem.maxShift ?? 0);
    for (const r of c.requires ?? []) expect(chosen.has(r), `${id} needs ${r}`).toBe(true);
    c.cost.forEach((v, t) => {
      if (v === 0) return;
      expect(t + shift, `${id} stays in the horizon`).toBeLessThan(problem.periods);
      cost[t + shift] += v;
    });
    for (const [role, series] of Object.entries(c.demand ?? {})) {
      demand[role] ??= new Array<number>(problem.periods).fill(0);
      series.forEach((v, t) => {
        if (v === 0) return;
        expect(t + shift).toBeLessThan(problem.periods);
        demand[role][t + shift] += v;
      });
    }
  }
  expect(result.totalScore).toBeCloseTo(score, 9);
  cost.forEach((v, t) => {
    const limit = problem.budget?.[t];
    if (limit !== null && limit !== undefined) expect(v).toBeLessThanOrEqual(limit + 1e-9);
  });
  if (problem.totalBudget != null)
    expect(cost.reduce((s, v) => s + v, 0)).toBeLessThanOrEqual(problem.totalBudget + 1e-9);
  for (const [role, series] of Object.entries(demand)) {
    series.forEach((v, t) => {
      const limit = problem.capacity?.[role]?.[t];
      if (limit !== null && limit !== undefined) expect(v).toBeLessThanOrEqual(limit + 1e-9);
    });
  }
  expect(result.bound).toBeGreaterThanOrEqual(result.totalScore - 1e-9);
}

/** Random problems: a few periods and two roles, with dependencies, mandatory and excluded flags. */
const problemArbitrary = (maxCandidates: number, maxShift: number) =>
  fc
    .record({
      periods: fc.integer({ min: 1, max: 4 }),
      shift: fc.integer({ min: 0, max: maxShift }),
      seedCandidates: fc.array(
        fc.record({
          score: fc.integer({ min: 0, max: 30 }),
          cost: fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 4, maxLength: 4 }),
          dev: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 4, maxLength: 4 }),
          ops: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 4, maxLength: 4 }),
          flag: fc.constantFrom('none', 'none', 'none', 'none', 'none', 'none', 'mandatory', 'excluded'),
          requires: fc.option(fc.nat(), { nil: undefined }),
        }),
        { minLength: 1, maxLength: maxCandidates },
      ),
      budget: fc.array(fc.integer({ min: 5, max: 30 }), { minLength: 4, maxLength: 4 }),
      devCap: fc.array(fc.integer({ min: 2, max: 8 }), { minLength: 4, maxLength: 4 }),
      opsCap: fc.array(fc.option(fc.integer({ min: 2, max: 8 }), { nil: null }), {
        minLength: 4,
        maxLength: 4,
      }),
      total: fc.option(fc.integer({ min: 10, max: 80 }), { nil: undefined }),
    })
    .map(
      ({ periods, shift, seedCandidates, budget, devCap, opsCap, total }): PortfolioProblem => ({
        periods,
        maxShift: shift,
        budget: budget.slice(0, periods),
        totalBudget: total,
        capacity: { dev: devCap.slice(0, periods), ops: opsCap.slice(0, periods) },
        candidates: seedCandidates.map((c, i) => ({
          id: `c${i}`,
          score: c.score,
          cost: c.cost.slice(0, periods),
          demand: { dev: c.dev.slice(0, periods), ops: c.ops.slice(0, periods) },
          mandatory: c.flag === 'mandatory',
          excluded: c.flag === 'excluded',
          // Only earlier candidates, so no cycles.
          requires: i > 0 && c.requires !== undefined ? [`c${c.requires % i}`] : [],
        })),
      }),
    );

function solveOrNull(problem: PortfolioProblem, options = {}): SelectionResult | null {
  try {
    return selectPortfolio(problem, options);
  } catch (error) {
    if (error instanceof InfeasibleMandatoryError) return null;
    throw error;
  }
}

describe('selectPortfolio', () => {
  it('picks the pair that beats the single best candidate (hand-checked optimum)', () => {
    const r = selectPortfolio({
      periods: 2,
      budget: [100, 100],
      candidates: [
        { id: 'crm', score: 8, cost: [60, 40] },
        { id: 'erp', score: 9, cost: [80, 80] },
        { id: 'web', score: 5, cost: [30, 50], requires: ['crm'] },
      ],
    });
    expect(r.selected.map((s) => s.id)).toEqual(['crm', 'web']);
    expect(r.totalScore).toBe(13);
    expect(r.method).toBe('exact');
    expect(r.optimal).toBe(true);
    expect(r.gap).toBe(0);
    expect(r.costPerPeriod).toEqual([90, 90]);
  });

  it('solves a 0-1 knapsack with a known optimum (Martello & Toth textbook instance, capacity 50)', () => {
    // Weights 10, 20, 30 with values 60, 100, 120: the optimum takes items 2 and 3 for 220.
    const r = selectPortfolio({
      periods: 1,
      budget: [50],
      candidates: [
        { id: 'i1', score: 60, cost: [10] },
        { id: 'i2', score: 100, cost: [20] },
        { id: 'i3', score: 120, cost: [30] },
      ],
    });
    expect(r.selected.map((s) => s.id)).toEqual(['i2', 'i3']);
    expect(r.totalScore).toBe(220);
  });

  it('delays a candidate’s start to fit the capacity when shifts are allowed', () => {
    const problem: PortfolioProblem = {
      periods: 3,
      capacity: { dev: [2, 2, 2] },
      candidates: [
        { id: 'a', score: 5, cost: [0, 0, 0], demand: { dev: [2, 0, 0] } },
        { id: 'b', score: 4, cost: [0, 0, 0], demand: { dev: [2, 0, 0] } },
      ],
    };
    expect(selectPortfolio(problem).totalScore).toBe(5);
    const shifted = selectPortfolio({ ...problem, maxShift: 1 });
    expect(shifted.totalScore).toBe(9);
    expect(shifted.selected).toEqual([
      { id: 'a', shift: 0, score: 5 },
      { id: 'b', shift: 1, score: 4 },
    ]);
    expect(shifted.demandPerRole.dev).toEqual([2, 2, 0]);
  });

  it('never shifts work past the end of the horizon', () => {
    const r = selectPortfolio({
      periods: 2,
      maxShift: 3,
      capacity: { dev: [1, 1] },
      candidates: [
        { id: 'a', score: 5, cost: [0, 0], demand: { dev: [1, 1] } },
        { id: 'b', score: 4, cost: [0, 0], demand: { dev: [0, 1] } },
      ],
    });
    expect(r.selected.map((s) => s.id)).toEqual(['a']);
  });

  it('equals brute-force enumeration on random instances of up to 14 candidates (property)', () => {
    fc.assert(
      fc.property(problemArbitrary(14, 0), (problem) => {
        const truth = bruteForceBest(problem);
        const r = solveOrNull(problem);
        expect(r?.totalScore ?? null).toBe(truth);
        if (r) {
          expect(r.method).toBe('exact');
          expectSatisfies(problem, r);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('equals brute force with start shifts of up to 2 periods (property)', () => {
    fc.assert(
      fc.property(problemArbitrary(7, 2), (problem) => {
        const r = solveOrNull(problem);
        expect(r?.totalScore ?? null).toBe(bruteForceBest(problem));
        if (r) expectSatisfies(problem, r);
      }),
      { numRuns: 150 },
    );
  });

  it('finds the optimum by branch and bound alone, without the heuristic incumbent (property)', () => {
    fc.assert(
      fc.property(problemArbitrary(12, 1), (problem) => {
        const { model, logicalConflicts } = buildSelectionModel(problem);
        const truth = bruteForceBest(problem);
        if (logicalConflicts.length > 0) {
          expect(truth).toBeNull();
          return;
        }
        const search = branchAndBound(model, null, 1_000_000, true);
        expect(search.complete).toBe(true);
        expect(search.best?.score ?? null).toBe(truth);
      }),
      { numRuns: 100 },
    );
  });

  it('returns only selections that satisfy every constraint, exact or heuristic (property)', () => {
    fc.assert(
      fc.property(
        problemArbitrary(14, 2),
        fc.constantFrom('exact', 'heuristic') as fc.Arbitrary<'exact' | 'heuristic'>,
        (problem, method) => {
          const r = solveOrNull(problem, { method });
          if (!r) return;
          expectSatisfies(problem, r);
          if (method === 'heuristic') {
            expect(r.method).toBe('heuristic');
            expect(r.gap).toBeGreaterThanOrEqual(0);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('reports a bound no lower than the true optimum when the heuristic or a cut-short search answers (property)', () => {
    fc.assert(
      fc.property(problemArbitrary(12, 1), fc.constantFrom(0, 1, 3), (problem, maxNodes) => {
        const truth = bruteForceBest(problem);
        for (const options of [{ method: 'heuristic' as const }, { maxNodes }]) {
          let r: SelectionResult | null = null;
          try {
            r = selectPortfolio(problem, options);
          } catch (error) {
            if (!(error instanceof InfeasibleMandatoryError || error instanceof SelectionLimitError))
              throw error;
          }
          if (!r) continue;
          expect(truth).not.toBeNull();
          expect(r.bound).toBeGreaterThanOrEqual(truth! - 1e-9);
          expect(r.totalScore).toBeLessThanOrEqual(truth! + 1e-9);
          expect(r.gap).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 120 },
    );
  });

  it('reports the node limit, the best selection so far and its gap when the search is cut short', () => {
    const candidates = Array.from({ length: 24 }, (_, i) => ({
      id: `p${i}`,
      score: 10 + ((i * 7) % 13),
      cost: [5 + ((i * 5) % 11), 5 + ((i * 3) % 7)],
    }));
    const r = selectPortfolio({ periods: 2, budget: [60, 40], candidates }, { maxNodes: 2 });
    expect(r.method).toBe('branch-and-bound-limit');
    expect(r.optimal).toBe(false);
    expect(r.bound).toBeGreaterThanOrEqual(r.totalScore);
    expect(r.gap).toBeCloseTo((r.bound - r.totalScore) / r.bound, 12);
    const full = selectPortfolio({ periods: 2, budget: [60, 40], candidates });
    expect(full.method).toBe('exact');
    expect(full.totalScore).toBeLessThanOrEqual(r.bound + 1e-9);
  });

  it('stops at the time budget measured with the clock it is given', () => {
    const candidates = Array.from({ length: 24 }, (_, i) => ({
      id: `p${i}`,
      score: 10 + ((i * 7) % 13),
      cost: [5 + ((i * 5) % 11), 5 + ((i * 3) % 7)],
    }));
    // A fake clock that advances 1 ms per reading: deterministic.
    let t = 0;
    const r = selectPortfolio(
      { periods: 2, budget: [60, 40], candidates },
      { timeLimitMs: 2, now: () => t++ },
    );
    expect(r.method).toBe('branch-and-bound-limit');
    expect(r.bound).toBeGreaterThanOrEqual(r.totalScore);
    expect(() => selectPortfolio({ periods: 1, candidates: [] }, { timeLimitMs: 5 })).toThrow(
      expect.objectContaining({ field: 'timeLimitMs' }),
    );
  });

  it('uses the heuristic beyond the exact limit and says so', () => {
    const candidates = Array.from({ length: 30 }, (_, i) => ({
      id: `p${i}`,
      score: 1 + (i % 5),
      cost: [1 + (i % 3)],
    }));
    const r = selectPortfolio({ periods: 1, budget: [20], candidates }, { exactLimit: 10 });
    expect(r.method).toBe('heuristic');
    expect(r.boundMethod).not.toBe('search');
    expect(r.bound).toBeGreaterThanOrEqual(r.totalScore);
  });
});

describe('selectPortfolio errors', () => {
  it('names the candidates of a dependency cycle', () => {
    const call = () =>
      selectPortfolio({
        periods: 1,
        candidates: [
          { id: 'a', score: 1, cost: [1], requires: ['c'] },
          { id: 'b', score: 1, cost: [1], requires: ['a'] },
          { id: 'c', score: 1, cost: [1], requires: ['b'] },
          { id: 'd', score: 1, cost: [1] },
        ],
      });
    expect(call).toThrow(DependencyCycleError);
    try {
      call();
    } catch (error) {
      expect([...(error as DependencyCycleError).cycle].sort()).toEqual(['a', 'b', 'c']);
      expect((error as Error).message).toMatch(/a → c → b → a|a → b → c → a/);
    }
  });

  it('explains which period, role or budget the mandatory candidates break, and by how much', () => {
    const call = () =>
      selectPortfolio({
        periods: 2,
        budget: [100, 100],
        capacity: { dev: [3, 3] },
        candidates: [
          { id: 'run1', score: 1, cost: [70, 20], demand: { dev: [2, 1] }, mandatory: true },
          { id: 'run2', score: 1, cost: [50, 20], demand: { dev: [1, 4] }, mandatory: true },
          { id: 'idea', score: 9, cost: [10, 10] },
        ],
      });
    expect(call).toThrow(InfeasibleMandatoryError);
    try {
      call();
    } catch (error) {
      const e = error as InfeasibleMandatoryError;
      expect(e.mandatory).toEqual(['run1', 'run2']);
      expect(e.conflicts).toEqual([
        { kind: 'budget', period: 0, limit: 100, required: 120, excess: 20 },
        { kind: 'capacity', role: 'dev', period: 1, limit: 3, required: 5, excess: 2 },
      ]);
      expect(e.message).toMatch(/budget in period 0: needs 120, limit 100 \(over by 20\)/);
    }
  });

  it('accepts mandatory candidates that only fit after a shift, and says when no shift helps', () => {
    const problem: PortfolioProblem = {
      periods: 3,
      capacity: { dev: [1, 1, 1] },
      candidates: [
        { id: 'a', score: 1, cost: [0, 0, 0], demand: { dev: [1, 0, 0] }, mandatory: true },
        { id: 'b', score: 1, cost: [0, 0, 0], demand: { dev: [1, 0, 0] }, mandatory: true },
      ],
    };
    expect(selectPortfolio({ ...problem, maxShift: 1 }).selected.map((s) => s.shift)).toEqual([0, 1]);
    const third = { id: 'c', score: 1, cost: [0, 0, 0], demand: { dev: [1, 1, 0] }, mandatory: true };
    expect(() =>
      selectPortfolio({ ...problem, maxShift: 1, candidates: [...problem.candidates, third] }),
    ).toThrow(/no start shift of up to 1 periods fits/);
  });

  it('does not call mandatory candidates infeasible when the search for their shifts was cut short', () => {
    // First fit puts "a" in period 1, where "b" needs it; shifting "a" to period 2 works.
    const problem: PortfolioProblem = {
      periods: 3,
      maxShift: 1,
      capacity: { dev: [1, 1, 1] },
      candidates: [
        { id: 'a', score: 1, cost: [0, 0, 0], demand: { dev: [0, 1, 0] }, mandatory: true },
        { id: 'b', score: 1, cost: [0, 0, 0], demand: { dev: [1, 1, 0] }, mandatory: true },
      ],
    };
    expect(() => selectPortfolio(problem, { maxNodes: 0 })).toThrow(SelectionLimitError);
    expect(selectPortfolio(problem).selected).toEqual([
      { id: 'a', shift: 1, score: 1 },
      { id: 'b', shift: 0, score: 1 },
    ]);
  });

  it('refuses a mandatory candidate that needs an excluded one', () => {
    expect(() =>
      selectPortfolio({
        periods: 1,
        candidates: [
          { id: 'base', score: 1, cost: [1], excluded: true },
          { id: 'top', score: 1, cost: [1], mandatory: true, requires: ['base'] },
        ],
      }),
    ).toThrow(/"top" is mandatory but needs "base", which is excluded/);
  });

  it('names the candidate, field, role and period of malformed input', () => {
    const base = { periods: 2, capacity: { dev: [1, 1] } };
    expect(() => selectPortfolio({ ...base, candidates: [{ id: 'a', score: -1, cost: [1, 1] }] })).toThrow(
      expect.objectContaining({ field: 'score', candidate: 'a' }),
    );
    expect(() => selectPortfolio({ ...base, candidates: [{ id: 'a', score: 1, cost: [1] }] })).toThrow(
      /cost of candidate "a" must have 2 entries/,
    );
    expect(() =>
      selectPortfolio({
        ...base,
        candidates: [{ id: 'a', score: 1, cost: [1, 1], demand: { dev: [0, Number.NaN] } }],
      }),
    ).toThrow(expect.objectContaining({ field: 'demand', candidate: 'a', role: 'dev', period: 1 }));
    expect(() =>
      selectPortfolio({ ...base, candidates: [{ id: 'a', score: 1, cost: [1, 1], demand: { qa: [1, 0] } }] }),
    ).toThrow(/demands role "qa", which has no capacity entry/);
    expect(() =>
      selectPortfolio({ ...base, candidates: [{ id: 'a', score: 1, cost: [1, 1], requires: ['z'] }] }),
    ).toThrow(PortfolioInputError);
  });
});

describe('computeEfficientFrontier', () => {
  const problem: PortfolioProblem = {
    periods: 1,
    candidates: [
      { id: 'i1', score: 60, cost: [10] },
      { id: 'i2', score: 100, cost: [20] },
      { id: 'i3', score: 120, cost: [30] },
      { id: 'run', score: 5, cost: [5], mandatory: true },
    ],
  };

  it('gives the optimal score and selection at each budget level, in increasing order', () => {
    const points = computeEfficientFrontier(problem, [65, 0, 35, 15]);
    expect(points.map((p) => p.budget)).toEqual([0, 15, 35, 65]);
    expect(points[0]).toMatchObject({ feasible: false });
    expect(points.slice(1).map((p) => (p.feasible ? [p.totalScore, p.selected] : null))).toEqual([
      [65, ['i1', 'run']],
      [165, ['i1', 'i2', 'run']],
      [285, ['i1', 'i2', 'i3', 'run']],
    ]);
  });

  it('never loses score as the budget grows (property)', () => {
    fc.assert(
      fc.property(
        problemArbitrary(9, 0),
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 2, maxLength: 5 }),
        (p, levels) => {
          let previous = Number.NEGATIVE_INFINITY;
          for (const point of computeEfficientFrontier(p, levels)) {
            if (!point.feasible) continue;
            expect(point.totalScore).toBeGreaterThanOrEqual(previous);
            expect(point.totalCost).toBeLessThanOrEqual(point.budget + 1e-9);
            previous = point.totalScore;
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('worthless candidates', () => {
  it('leaves out a zero-score candidate nobody needs, but keeps one a chosen candidate needs', () => {
    const result = selectPortfolio({
      periods: 1,
      budget: [100],
      candidates: [
        { id: 'idle', score: 0, cost: [10] },
        { id: 'base', score: 0, cost: [10] },
        { id: 'app', score: 5, cost: [10], requires: ['base'] },
      ],
    });
    expect(result.selected.map((s) => s.id)).toEqual(['base', 'app']);
    expect(result.costPerPeriod).toEqual([20]);
    expect(result.totalScore).toBe(5);
  });
});
