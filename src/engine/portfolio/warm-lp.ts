const EPS = 1e-9;

/**
 * A bounded-variable simplex tableau for max c·x, A x ≤ b, 0 ≤ x ≤ 1 (b ≥ 0) that a branch
 * and bound can clone and re-solve after fixing columns to 0 or 1: the parent's optimal basis
 * stays dual feasible, so a few dual simplex pivots restore primal feasibility instead of a
 * solve from scratch.
 *
 * Columns at their upper bound are complemented (x' = 1 − x), as in solveBoundedLp. A fixed
 * column is complemented to represent its value as x' = 0 and given range 0: it never enters
 * the basis, and if basic the dual simplex drives it out.
 */
export class WarmLp {
  readonly m: number;
  readonly n: number;
  private readonly w: number;
  private readonly a: Float64Array;
  private readonly b: Float64Array;
  private readonly c: Float64Array;
  private t: Float64Array;
  private basis: Int32Array;
  private isBasic: Uint8Array;
  private flipped: Uint8Array;
  /** −1 free, else the value the column is fixed at. */
  private fixedAt: Int8Array;
  private nzIndex: Int32Array;
  private nzValue: Float64Array;

  private constructor(m: number, n: number, a: Float64Array, b: Float64Array, c: Float64Array) {
    this.m = m;
    this.n = n;
    this.w = n + m + 1;
    this.a = a;
    this.b = b;
    this.c = c;
    this.t = new Float64Array((m + 1) * this.w);
    this.basis = new Int32Array(m);
    this.isBasic = new Uint8Array(n + m);
    this.flipped = new Uint8Array(n + m);
    this.fixedAt = new Int8Array(n).fill(-1);
    this.nzIndex = new Int32Array(this.w);
    this.nzValue = new Float64Array(this.w);
  }

  /** The slack-basis tableau of the LP (the matrix is row-major m × n and is not copied). */
  static create(m: number, n: number, a: Float64Array, b: Float64Array, c: Float64Array): WarmLp {
    const lp = new WarmLp(m, n, a, b, c);
    const { t, w } = lp;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) t[i * w + j] = a[i * n + j];
      t[i * w + n + i] = 1;
      t[i * w + w - 1] = b[i];
      lp.basis[i] = n + i;
      lp.isBasic[n + i] = 1;
    }
    for (let j = 0; j < n; j++) t[m * w + j] = c[j];
    return lp;
  }

  clone(): WarmLp {
    const copy = new WarmLp(this.m, this.n, this.a, this.b, this.c);
    copy.t.set(this.t);
    copy.basis.set(this.basis);
    copy.isBasic.set(this.isBasic);
    copy.flipped.set(this.flipped);
    copy.fixedAt.set(this.fixedAt);
    return copy;
  }

  isFixed(j: number): boolean {
    return this.fixedAt[j] >= 0;
  }

  private range(j: number): number {
    if (j >= this.n) return Number.POSITIVE_INFINITY;
    return this.fixedAt[j] >= 0 ? 0 : 1;
  }

  /** Complements column j (x ↔ 1 − x), whether basic or not. */
  private complement(j: number): void {
    const { t, w, m } = this;
    const rhs = w - 1;
    if (this.isBasic[j]) {
      let p = 0;
      while (this.basis[p] !== j) p++;
      const pr = p * w;
      for (let k = 0; k < w; k++) if (k !== j) t[pr + k] = -t[pr + k];
      t[pr + rhs] += 1;
    } else {
      for (let i = 0; i <= m; i++) {
        const row = i * w;
        t[row + rhs] -= t[row + j];
        t[row + j] = -t[row + j];
      }
    }
    this.flipped[j] ^= 1;
  }

  /** Fixes column j at 0 or 1 for this tableau and its future clones. */
  fix(j: number, value: 0 | 1): void {
    if (this.fixedAt[j] === value) return;
    if (this.fixedAt[j] >= 0) throw new Error(`column ${j} is already fixed at ${this.fixedAt[j]}`);
    if ((value === 1) !== (this.flipped[j] === 1)) this.complement(j);
    this.fixedAt[j] = value;
  }

  private pivot(p: number, q: number): void {
    const { t, w, m, nzIndex, nzValue } = this;
    const pr = p * w;
    const pivot = t[pr + q];
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
    this.isBasic[this.basis[p]] = 0;
    this.basis[p] = q;
    this.isBasic[q] = 1;
  }

  /**
   * Restores primal feasibility by dual simplex, then optimality by primal simplex.
   * Returns 'infeasible' when a violated row has no column that can repair it.
   */
  solve(maxIterations = 50 * (this.m + this.n) + 1000): 'optimal' | 'infeasible' | 'iteration-limit' {
    const { t, w, m, n } = this;
    const rhs = w - 1;
    const z = m * w;
    let iterations = 0;
    // Dual simplex.
    while (iterations < maxIterations) {
      let p = -1;
      let worst = EPS;
      for (let i = 0; i < m; i++) {
        const v = t[i * w + rhs];
        const u = this.range(this.basis[i]);
        const violation = v < 0 ? -v : v - u;
        if (violation > worst) {
          worst = violation;
          p = i;
        }
      }
      if (p < 0) break;
      iterations++;
      const leaving = this.basis[p];
      if (t[p * w + rhs] > 0 && this.range(leaving) === 1) this.complement(leaving);
      const increase = t[p * w + rhs] < 0;
      let q = -1;
      let bestRatio = Number.POSITIVE_INFINITY;
      let bestSize = 0;
      for (let j = 0; j < n + m; j++) {
        if (this.isBasic[j] || this.range(j) === 0) continue;
        const apj = t[p * w + j];
        if (increase ? apj >= -EPS : apj <= EPS) continue;
        const ratio = Math.max(0, -t[z + j]) / Math.abs(apj);
        const size = Math.abs(apj);
        if (ratio < bestRatio - EPS || (ratio <= bestRatio + EPS && size > bestSize)) {
          bestRatio = ratio;
          bestSize = size;
          q = j;
        }
      }
      if (q < 0) return 'infeasible';
      this.pivot(p, q);
    }
    // Primal simplex for any optimality lost to rounding (and the first solve).
    let degenerateRun = 0;
    while (iterations < maxIterations) {
      iterations++;
      const bland = degenerateRun > 30;
      let q = -1;
      let best = EPS;
      for (let j = 0; j < n + m; j++) {
        if (this.isBasic[j] || this.range(j) === 0) continue;
        const d = t[z + j];
        if (d > best) {
          q = j;
          if (bland) break;
          best = d;
        }
      }
      if (q < 0) return 'optimal';
      let theta = this.range(q);
      let p = -1;
      let pToUpper = false;
      let pivotSize = 0;
      for (let i = 0; i < m; i++) {
        const aiq = t[i * w + q];
        const u = this.range(this.basis[i]);
        let ratio: number;
        let toUpper = false;
        if (aiq > EPS) ratio = t[i * w + rhs] / aiq;
        else if (aiq < -EPS && u !== Number.POSITIVE_INFINITY) {
          ratio = (u - t[i * w + rhs]) / -aiq;
          toUpper = u > 0;
        } else continue;
        if (ratio < 0) ratio = 0;
        const size = Math.abs(aiq);
        if (
          ratio < theta - EPS ||
          (ratio <= theta + EPS && p >= 0 && (bland ? this.basis[i] < this.basis[p] : size > pivotSize))
        ) {
          theta = ratio;
          p = i;
          pToUpper = toUpper;
          pivotSize = size;
        }
      }
      if (theta === Number.POSITIVE_INFINITY) return 'iteration-limit';
      degenerateRun = theta <= EPS ? degenerateRun + 1 : 0;
      if (p < 0) {
        this.complement(q);
        continue;
      }
      if (pToUpper) this.complement(this.basis[p]);
      this.pivot(p, q);
    }
    return 'iteration-limit';
  }

  /** Column values of the current basic solution, clamped to [0, 1]. */
  values(): Float64Array {
    const { t, w, m, n } = this;
    const x = new Float64Array(n);
    for (let j = 0; j < n; j++) if (!this.isBasic[j] && this.flipped[j]) x[j] = 1;
    for (let i = 0; i < m; i++) {
      const j = this.basis[i];
      if (j >= n) continue;
      const v = t[i * w + w - 1];
      x[j] = Math.min(1, Math.max(0, this.flipped[j] ? 1 - v : v));
    }
    return x;
  }

  /** Row duals y ≥ 0 (clamped). */
  duals(): Float64Array {
    const y = new Float64Array(this.m);
    const z = this.m * this.w;
    for (let i = 0; i < this.m; i++) y[i] = Math.max(0, -this.t[z + this.n + i]);
    return y;
  }

  /**
   * The Lagrangean bound at the current duals, valid whatever the solve status:
   * y·b + Σ_free max(0, r_j) + Σ_fixed at 1 r_j, with r_j = c_j − y·A_j (returned too).
   */
  bound(y: Float64Array): { bound: number; reduced: Float64Array } {
    const { m, n, a, b, c } = this;
    const reduced = Float64Array.from(c);
    let bound = 0;
    for (let i = 0; i < m; i++) {
      const yi = y[i];
      if (yi === 0) continue;
      bound += yi * b[i];
      const row = i * n;
      for (let j = 0; j < n; j++) reduced[j] -= yi * a[row + j];
    }
    for (let j = 0; j < n; j++) {
      const fixedAt = this.fixedAt[j];
      if (fixedAt === 1) bound += reduced[j];
      else if (fixedAt < 0 && reduced[j] > 0) bound += reduced[j];
    }
    return { bound, reduced };
  }
}
