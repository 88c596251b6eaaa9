import { DependencyCycleError, type MandatoryConflict, PortfolioInputError } from './errors.ts';

/** A proposal or running project competing for budget and capacity. */
export interface PortfolioCandidate {
  readonly id: string;
  /** Value of selecting it (for example its weighted score); finite and ≥ 0. */
  readonly score: number;
  /** Cost in each period of the horizon at its planned start (one entry per period). */
  readonly cost: readonly number[];
  /** Demand per role in each period at its planned start (one entry per period). */
  readonly demand?: Readonly<Record<string, readonly number[]>>;
  /** Must be selected (running projects, regulatory work). Its prerequisites become mandatory too. */
  readonly mandatory?: boolean;
  /** Must not be selected; neither can anything that needs it. */
  readonly excluded?: boolean;
  /** Ids of candidates this one needs ("B needs A": B lists A). B is selectable only with A. */
  readonly requires?: readonly string[];
}

/** A selection problem over a horizon of `periods` periods. */
export interface PortfolioProblem {
  readonly periods: number;
  readonly candidates: readonly PortfolioCandidate[];
  /** Budget per period; `null` (or a missing entry) means no limit in that period. */
  readonly budget?: readonly (number | null)[];
  /** One limit on the summed cost over the horizon (used by the efficient frontier). */
  readonly totalBudget?: number | null;
  /** Capacity per role per period; `null` means no limit. Every demanded role must appear here. */
  readonly capacity?: Readonly<Record<string, readonly (number | null)[]>>;
  /**
   * How many periods a candidate's start may be delayed to fit (default 0). A shift that
   * would push any of its cost or demand past the horizon is not allowed.
   */
  readonly maxShift?: number;
}

/** What a constraint row limits; used to explain infeasibility. */
export type RowLabel =
  | { readonly kind: 'budget'; readonly period: number }
  | { readonly kind: 'total-budget' }
  | { readonly kind: 'capacity'; readonly role: string; readonly period: number };

/**
 * The problem in flat arrays. Each item (candidate) has options, one per allowed shift; each
 * option has a sparse usage vector over the constraint rows. Rows are only the limited ones.
 */
export interface SelectionModel {
  readonly n: number;
  readonly ids: string[];
  readonly score: Float64Array;
  readonly mandatory: Uint8Array;
  readonly excluded: Uint8Array;
  /** Options of item i are optStart[i] .. optStart[i + 1] − 1. */
  readonly optStart: Int32Array;
  readonly optItem: Int32Array;
  readonly optShift: Int32Array;
  /** Usage of option o: rows useRow[useStart[o] .. useStart[o + 1] − 1] with amounts useAmt. */
  readonly useStart: Int32Array;
  readonly useRow: Int32Array;
  readonly useAmt: Float64Array;
  readonly m: number;
  readonly limit: Float64Array;
  readonly rows: RowLabel[];
  /** prereq[i]: items i needs; dependents[i]: items that need i. */
  readonly prereq: number[][];
  readonly dependents: number[][];
  /** Items ordered so that every item comes after its prerequisites. */
  readonly topo: Int32Array;
  readonly maxShift: number;
  readonly periods: number;
  readonly roles: string[];
}

function fail(message: string, details: ConstructorParameters<typeof PortfolioInputError>[1]): never {
  throw new PortfolioInputError(message, details);
}

function checkSeries(
  values: unknown,
  periods: number,
  field: string,
  candidate: string,
  role?: string,
): number[] {
  const what = role === undefined ? field : `${field} of role "${role}"`;
  if (!Array.isArray(values) || values.length !== periods) {
    fail(`${what} of candidate "${candidate}" must have ${periods} entries (one per period)`, {
      field,
      candidate,
      role,
      value: values,
    });
  }
  values.forEach((v, t) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      fail(
        `${what} of candidate "${candidate}" at period ${t} must be a finite number ≥ 0, got ${String(v)}`,
        {
          field,
          candidate,
          role,
          period: t,
          value: v,
        },
      );
    }
  });
  return values as number[];
}

function checkLimit(value: unknown, field: string, period?: number, role?: string): number {
  if (value === null || value === undefined) return Number.POSITIVE_INFINITY;
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
    const where = `${field}${role === undefined ? '' : ` of role "${role}"`}${period === undefined ? '' : ` at period ${period}`}`;
    fail(`${where} must be a number ≥ 0 or null (no limit), got ${String(value)}`, {
      field,
      period,
      role,
      value,
    });
  }
  return value;
}

/** Finds one dependency cycle (ids in order) or returns null. */
function findCycle(prereq: number[][], ids: string[]): string[] | null {
  const state = new Uint8Array(ids.length); // 0 new, 1 on stack, 2 done
  const stack: number[] = [];
  const visit = (v: number): string[] | null => {
    state[v] = 1;
    stack.push(v);
    for (const w of prereq[v]) {
      if (state[w] === 1) return stack.slice(stack.indexOf(w)).map((i) => ids[i]);
      if (state[w] === 0) {
        const found = visit(w);
        if (found) return found;
      }
    }
    stack.pop();
    state[v] = 2;
    return null;
  };
  for (let v = 0; v < ids.length; v++) {
    if (state[v] === 0) {
      const found = visit(v);
      if (found) return found;
    }
  }
  return null;
}

/**
 * Validates a problem and builds its flat model. Mandatory status spreads to prerequisites and
 * exclusion to dependents. Throws {@link PortfolioInputError} for bad fields,
 * {@link DependencyCycleError} for cycles; returns conflicts between mandatory and excluded
 * candidates for the caller to raise with the capacity conflicts.
 *
 * @example
 * ```ts
 * const { model } = buildSelectionModel({
 *   periods: 2,
 *   budget: [100, null],
 *   maxShift: 1,
 *   candidates: [{ id: 'a', score: 5, cost: [40, 0] }],
 * });
 * model.m; // 1: only period 0 has a budget
 * model.optStart[1] - model.optStart[0]; // 2 options: start as planned or one period later
 * ```
 */
export function buildSelectionModel(problem: PortfolioProblem): {
  model: SelectionModel;
  logicalConflicts: MandatoryConflict[];
} {
  const periods = problem.periods;
  if (!Number.isInteger(periods) || periods < 1) {
    fail(`periods must be a positive integer, got ${String(periods)}`, { field: 'periods', value: periods });
  }
  const maxShift = problem.maxShift ?? 0;
  if (!Number.isInteger(maxShift) || maxShift < 0) {
    fail(`maxShift must be a non-negative integer, got ${String(maxShift)}`, {
      field: 'maxShift',
      value: maxShift,
    });
  }
  if (!Array.isArray(problem.candidates)) fail('candidates must be an array', { field: 'candidates' });
  const cands = problem.candidates;
  const n = cands.length;
  const ids = cands.map((c) => c.id);
  const index = new Map<string, number>();
  ids.forEach((id, i) => {
    if (typeof id !== 'string' || id === '')
      fail(`candidate ${i} needs a non-empty id`, { field: 'id', value: id });
    if (index.has(id)) fail(`candidate "${id}" appears twice`, { field: 'id', candidate: id });
    index.set(id, i);
  });

  // Rows: budget per period, total budget, capacity per role per period (limited ones only).
  const rows: RowLabel[] = [];
  const limits: number[] = [];
  const budgetRow = new Int32Array(periods).fill(-1);
  if (problem.budget !== undefined) {
    if (!Array.isArray(problem.budget) || problem.budget.length > periods) {
      fail(`budget must be an array of at most ${periods} entries`, {
        field: 'budget',
        value: problem.budget,
      });
    }
    for (let t = 0; t < periods; t++) {
      const limit = checkLimit(problem.budget[t], 'budget', t);
      if (limit !== Number.POSITIVE_INFINITY) {
        budgetRow[t] = rows.length;
        rows.push({ kind: 'budget', period: t });
        limits.push(limit);
      }
    }
  }
  let totalRow = -1;
  const total = checkLimit(problem.totalBudget, 'totalBudget');
  if (total !== Number.POSITIVE_INFINITY) {
    totalRow = rows.length;
    rows.push({ kind: 'total-budget' });
    limits.push(total);
  }
  const capacity = problem.capacity ?? {};
  const roles = Object.keys(capacity);
  const capRow = new Map<string, Int32Array>();
  for (const role of roles) {
    const series = capacity[role];
    if (!Array.isArray(series) || series.length > periods) {
      fail(`capacity of role "${role}" must be an array of at most ${periods} entries`, {
        field: 'capacity',
        role,
        value: series,
      });
    }
    const rowOf = new Int32Array(periods).fill(-1);
    for (let t = 0; t < periods; t++) {
      const limit = checkLimit(series[t], 'capacity', t, role);
      if (limit !== Number.POSITIVE_INFINITY) {
        rowOf[t] = rows.length;
        rows.push({ kind: 'capacity', role, period: t });
        limits.push(limit);
      }
    }
    capRow.set(role, rowOf);
  }

  const score = new Float64Array(n);
  const mandatory = new Uint8Array(n);
  const excluded = new Uint8Array(n);
  const prereq: number[][] = [];
  const dependents: number[][] = Array.from({ length: n }, () => []);
  const optStart = new Int32Array(n + 1);
  const optItem: number[] = [];
  const optShift: number[] = [];
  const useStart: number[] = [0];
  const useRow: number[] = [];
  const useAmt: number[] = [];
  const logicalConflicts: MandatoryConflict[] = [];

  for (let i = 0; i < n; i++) {
    const c = cands[i];
    const id = c.id;
    if (typeof c.score !== 'number' || !Number.isFinite(c.score) || c.score < 0) {
      fail(`score of candidate "${id}" must be a finite number ≥ 0, got ${String(c.score)}`, {
        field: 'score',
        candidate: id,
        value: c.score,
      });
    }
    score[i] = c.score;
    mandatory[i] = c.mandatory ? 1 : 0;
    excluded[i] = c.excluded ? 1 : 0;
    if (c.mandatory && c.excluded) logicalConflicts.push({ kind: 'mandatory-and-excluded', candidate: id });
    const needs: number[] = [];
    for (const req of c.requires ?? []) {
      const j = index.get(req);
      if (j === undefined) {
        fail(`candidate "${id}" requires "${String(req)}", which is not a candidate`, {
          field: 'requires',
          candidate: id,
          value: req,
        });
      }
      if (!needs.includes(j)) needs.push(j);
      if (!dependents[j].includes(i)) dependents[j].push(i);
    }
    prereq.push(needs);

    // Usage per period at the planned start, as (row, period offset, amount) triples.
    const cost = checkSeries(c.cost, periods, 'cost', id);
    const usage: { t: number; amount: number }[] = [];
    let lastUsed = -1;
    for (let t = 0; t < periods; t++) {
      if (cost[t] > 0) {
        lastUsed = t;
        usage.push({ t, amount: cost[t] });
      }
    }
    const costSum = cost.reduce((s, v) => s + v, 0);
    const demandByRole: [string, number[]][] = [];
    for (const [role, series] of Object.entries(c.demand ?? {})) {
      const values = checkSeries(series, periods, 'demand', id, role);
      if (!capRow.has(role) && values.some((v) => v > 0)) {
        fail(`candidate "${id}" demands role "${role}", which has no capacity entry`, {
          field: 'demand',
          candidate: id,
          role,
        });
      }
      values.forEach((v, t) => {
        if (v > 0) lastUsed = Math.max(lastUsed, t);
      });
      demandByRole.push([role, values]);
    }
    optStart[i] = optItem.length;
    const shifts = Math.min(maxShift, periods - 1 - lastUsed);
    for (let s = 0; s <= (lastUsed < 0 ? 0 : shifts); s++) {
      const entries = new Map<number, number>();
      const add = (row: number, amount: number) => {
        if (row >= 0 && amount > 0) entries.set(row, (entries.get(row) ?? 0) + amount);
      };
      for (const u of usage) add(budgetRow[u.t + s], u.amount);
      if (totalRow >= 0) add(totalRow, costSum);
      for (const [role, values] of demandByRole) {
        const rowOf = capRow.get(role);
        if (!rowOf) continue;
        values.forEach((v, t) => {
          if (v > 0) add(rowOf[t + s], v);
        });
      }
      optItem.push(i);
      optShift.push(s);
      for (const [row, amount] of [...entries].sort((a, b) => a[0] - b[0])) {
        useRow.push(row);
        useAmt.push(amount);
      }
      useStart.push(useRow.length);
    }
  }
  optStart[n] = optItem.length;

  const cycle = findCycle(prereq, ids);
  if (cycle) throw new DependencyCycleError(cycle);

  // Topological order, prerequisites first (Kahn, ties by input order for determinism).
  const indegree = prereq.map((p) => p.length);
  const topo = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (let i = 0; i < n; i++) if (indegree[i] === 0) topo[tail++] = i;
  while (head < tail) {
    const v = topo[head++];
    for (const w of dependents[v]) if (--indegree[w] === 0) topo[tail++] = w;
  }

  // Mandatory spreads to prerequisites (reverse topological), exclusion to dependents.
  for (let k = n - 1; k >= 0; k--) {
    const v = topo[k];
    if (mandatory[v]) for (const p of prereq[v]) mandatory[p] = 1;
  }
  for (let k = 0; k < n; k++) {
    const v = topo[k];
    if (!excluded[v]) continue;
    for (const d of dependents[v]) {
      if (mandatory[d] && !excluded[d]) {
        logicalConflicts.push({ kind: 'excluded-prerequisite', candidate: ids[d], requires: ids[v] });
      }
      excluded[d] = 1;
    }
  }

  return {
    model: {
      n,
      ids,
      score,
      mandatory,
      excluded,
      optStart,
      optItem: Int32Array.from(optItem),
      optShift: Int32Array.from(optShift),
      useStart: Int32Array.from(useStart),
      useRow: Int32Array.from(useRow),
      useAmt: Float64Array.from(useAmt),
      m: rows.length,
      limit: Float64Array.from(limits),
      rows,
      prereq,
      dependents,
      topo,
      maxShift,
      periods,
      roles,
    },
    logicalConflicts,
  };
}

/** Checks a selection (item → chosen option) against every row; returns the broken ones. */
export function findViolations(
  model: SelectionModel,
  chosen: Int32Array,
  tolerance = 1e-9,
): MandatoryConflict[] {
  const used = new Float64Array(model.m);
  for (let i = 0; i < model.n; i++) {
    const o = chosen[i];
    if (o < 0) continue;
    for (let k = model.useStart[o]; k < model.useStart[o + 1]; k++) used[model.useRow[k]] += model.useAmt[k];
  }
  const conflicts: MandatoryConflict[] = [];
  for (let r = 0; r < model.m; r++) {
    const limit = model.limit[r];
    if (used[r] <= limit + tolerance * Math.max(1, limit)) continue;
    const label = model.rows[r];
    const base = { limit, required: used[r], excess: used[r] - limit };
    if (label.kind === 'budget') conflicts.push({ kind: 'budget', period: label.period, ...base });
    else if (label.kind === 'total-budget') conflicts.push({ kind: 'total-budget', ...base });
    else conflicts.push({ kind: 'capacity', role: label.role, period: label.period, ...base });
  }
  return conflicts;
}
