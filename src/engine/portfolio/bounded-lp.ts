/** Result of {@link solveBoundedLp}. */
export interface BoundedLpResult {
  /** Objective value of the final primal solution (optimal unless `optimal` is false). */
  readonly value: number;
  /**
   * A valid upper bound on the LP optimum whatever happened: the Lagrangean bound
   * y·b + Σ max(0, c_j − y·A_j) at the final duals clamped to y ≥ 0. Equals `value` at the
   * optimum (up to rounding), and stays valid if the iteration limit stopped the solve.
   */
  readonly bound: number;
  readonly x: Float64Array;
  /** Dual price of each row (≥ 0). */
  readonly duals: Float64Array;
  /** c_j − y·A_j at the clamped duals: forcing x_j to 1 costs at most −min(0, r_j) of the bound, to 0 max(0, r_j). */
  readonly reduced: Float64Array;
  readonly optimal: boolean;
  readonly iterations: number;
}

const EPS = 1e-9;

/**
 * Solves max c·x subject to A x ≤ b and 0 ≤ x ≤ 1, with b ≥ 0 (so x = 0 is feasible and no
 * phase 1 is needed), by a dense bounded-variable primal simplex: variables at their upper
 * bound are complemented instead of carrying an explicit x ≤ 1 row. Dantzig pricing, with
 * Bland's rule after a run of degenerate pivots to rule out cycling.
 *
 * @param a the m × n matrix, row-major.
 * @example
 * ```ts
 * // max 3x + 2y st x + y ≤ 1.5, 0 ≤ x, y ≤ 1 → x = 1, y = 0.5, value 4
 * const r = solveBoundedLp(1, 2, Float64Array.of(1, 1), Float64Array.of(1.5), Float64Array.of(3, 2));
 * r.value; // 4
 * ```
 */
export function solveBoundedLp(
  m: number,
  n: number,
  a: Float64Array,
  b: Float64Array,
  c: Float64Array,
  maxIterations = 50 * (m + n) + 1000,
): BoundedLpResult {
  const w = n + m + 1;
  const rhs = w - 1;
  const t = new Float64Array((m + 1) * w);
  const z = m * w; // objective row offset: reduced costs d_j, and −objective at rhs
  for (let i = 0; i < m; i++) {
    const row = i * w;
    for (let j = 0; j < n; j++) t[row + j] = a[i * n + j];
    t[row + n + i] = 1;
    t[row + rhs] = b[i];
  }
  for (let j = 0; j < n; j++) t[z + j] = c[j];
  const basis = new Int32Array(m);
  for (let i = 0; i < m; i++) basis[i] = n + i;
  const isBasic = new Uint8Array(n + m);
  for (let i = 0; i < m; i++) isBasic[n + i] = 1;
  const flipped = new Uint8Array(n + m);
  const upper = (j: number) => (j < n ? 1 : Number.POSITIVE_INFINITY);
  const nzIndex = new Int32Array(w);
  const nzValue = new Float64Array(w);

  let iterations = 0;
  let degenerateRun = 0;
  let optimal = false;
  while (iterations < maxIterations) {
    iterations++;
    const bland = degenerateRun > 30;
    let q = -1;
    let best = EPS;
    for (let j = 0; j < n + m; j++) {
      if (isBasic[j]) continue;
      const d = t[z + j];
      if (d > best) {
        q = j;
        if (bland) break;
        best = d;
      }
    }
    if (q < 0) {
      optimal = true;
      break;
    }
    // Ratio test, bounded variables: basic variables may fall to 0 or rise to their bound.
    let theta = upper(q);
    let p = -1;
    let pToUpper = false;
    let pivotSize = 0;
    for (let i = 0; i < m; i++) {
      const aiq = t[i * w + q];
      let ratio: number;
      let toUpper = false;
      if (aiq > EPS) {
        ratio = t[i * w + rhs] / aiq;
      } else if (aiq < -EPS && basis[i] < n) {
        ratio = (1 - t[i * w + rhs]) / -aiq;
        toUpper = true;
      } else continue;
      if (ratio < 0) ratio = 0;
      const size = Math.abs(aiq);
      if (
        ratio < theta - EPS ||
        (ratio <= theta + EPS && p >= 0 && (bland ? basis[i] < basis[p] : size > pivotSize))
      ) {
        theta = ratio;
        p = i;
        pToUpper = toUpper;
        pivotSize = size;
      }
    }
    if (theta === Number.POSITIVE_INFINITY) break; // cannot happen with bounded structurals
    degenerateRun = theta <= EPS ? degenerateRun + 1 : 0;
    if (p < 0) {
      // Bound flip: q goes to its upper bound without a basis change.
      const u = upper(q);
      for (let i = 0; i <= m; i++) {
        const row = i * w;
        t[row + rhs] -= t[row + q] * u;
        t[row + q] = -t[row + q];
      }
      flipped[q] ^= 1;
      continue;
    }
    const pr = p * w;
    if (pToUpper) {
      // The leaving variable leaves at its upper bound: complement it first (x = 1 − x').
      const k = basis[p];
      for (let j = 0; j < w; j++) if (j !== k) t[pr + j] = -t[pr + j];
      t[pr + rhs] += 1;
      flipped[k] ^= 1;
    }
    const pivot = t[pr + q];
    // The pivot row is usually sparse: update only its non-zero columns.
    let nz = 0;
    for (let j = 0; j < w; j++) {
      const v = t[pr + j];
      if (v !== 0) {
        const scaled = v / pivot;
        t[pr + j] = scaled;
        nzIndex[nz] = j;
        nzValue[nz++] = scaled;
      }
    }
    for (let i = 0; i <= m; i++) {
      if (i === p) continue;
      const row = i * w;
      const f = t[row + q];
      if (f === 0) continue;
      for (let k = 0; k < nz; k++) t[row + nzIndex[k]] -= f * nzValue[k];
      t[row + q] = 0;
    }
    isBasic[basis[p]] = 0;
    basis[p] = q;
    isBasic[q] = 1;
  }

  const x = new Float64Array(n);
  for (let j = 0; j < n; j++) if (!isBasic[j] && flipped[j]) x[j] = 1;
  for (let i = 0; i < m; i++) {
    const j = basis[i];
    if (j >= n) continue;
    const v = t[i * w + rhs];
    x[j] = Math.min(1, Math.max(0, flipped[j] ? 1 - v : v));
  }
  const duals = new Float64Array(m);
  for (let i = 0; i < m; i++) duals[i] = Math.max(0, -t[z + n + i]);
  let value = 0;
  for (let j = 0; j < n; j++) value += c[j] * x[j];
  const reduced = Float64Array.from(c);
  let bound = 0;
  for (let i = 0; i < m; i++) {
    const yi = duals[i];
    if (yi === 0) continue;
    bound += yi * b[i];
    const row = i * n;
    for (let j = 0; j < n; j++) reduced[j] -= yi * a[row + j];
  }
  for (let j = 0; j < n; j++) if (reduced[j] > 0) bound += reduced[j];
  return { value, bound, x, duals, reduced, optimal, iterations };
}
