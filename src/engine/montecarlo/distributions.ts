import type { DistributionKind } from './types.ts';

export const DIST_UNIFORM = 0;
export const DIST_TRIANGULAR = 1;
export const DIST_PERT = 2;
export const DIST_CODES: Record<DistributionKind, number> = {
  uniform: DIST_UNIFORM,
  triangular: DIST_TRIANGULAR,
  pert: DIST_PERT,
};

/** Points of a PERT quantile table; values between them are interpolated linearly. */
export const PERT_STEPS = 512;
/** PERT shapes are cached per mode position rounded to this many steps of the range. */
const SHAPE_STEPS = 1024;

/**
 * Quantile at `u` of the triangular distribution on [a, b] with mode m (closed form).
 *
 * @example triangularQuantile(0.5, 0, 5, 10) // 5
 */
export function triangularQuantile(u: number, a: number, m: number, b: number): number {
  const range = b - a;
  if (range <= 0) return m;
  const fc = (m - a) / range;
  return u < fc ? a + Math.sqrt(u * range * (m - a)) : b - Math.sqrt((1 - u) * range * (b - m));
}

/**
 * Quantile tables of PERT-beta distributions on [0, 1], one per mode position: sampling is
 * then a table lookup instead of a gamma sampler per draw. A table is built once per shape
 * by integrating the beta density on a fine grid.
 */
export class PertTables {
  private readonly byShape = new Map<number, number>();
  private readonly tables: Float64Array[] = [];

  /** The table's index for the mode at `(m - a) / (b - a)`. */
  tableFor(a: number, m: number, b: number): number {
    const shape = Math.round(((m - a) / (b - a)) * SHAPE_STEPS);
    let k = this.byShape.get(shape);
    if (k === undefined) {
      k = this.tables.length;
      this.tables.push(pertQuantileTable(shape / SHAPE_STEPS));
      this.byShape.set(shape, k);
    }
    return k;
  }

  /** All tables back to back, `PERT_STEPS + 1` values each. */
  flat(): Float64Array {
    const out = new Float64Array(this.tables.length * (PERT_STEPS + 1));
    this.tables.forEach((t, k) => {
      out.set(t, k * (PERT_STEPS + 1));
    });
    return out;
  }
}

/**
 * Quantiles at u = 0, 1/PERT_STEPS, …, 1 of Beta(1 + 4r, 1 + 4(1 - r)), the PERT
 * distribution on [0, 1] with mode r.
 */
export function pertQuantileTable(r: number): Float64Array {
  const alpha = 1 + 4 * r;
  const beta = 1 + 4 * (1 - r);
  const grid = 16_384;
  const cdf = new Float64Array(grid + 1);
  const density = (x: number) => x ** (alpha - 1) * (1 - x) ** (beta - 1);
  // trapezoid rule on the midpoints' neighbours; the density is bounded since alpha, beta >= 1
  let prev = density(0);
  for (let k = 1; k <= grid; k++) {
    const next = density(k / grid);
    cdf[k] = cdf[k - 1] + (prev + next) / 2;
    prev = next;
  }
  const total = cdf[grid];
  const table = new Float64Array(PERT_STEPS + 1);
  let k = 0;
  for (let s = 1; s < PERT_STEPS; s++) {
    const target = (s / PERT_STEPS) * total;
    while (cdf[k + 1] < target) k++;
    const span = cdf[k + 1] - cdf[k];
    table[s] = (k + (span > 0 ? (target - cdf[k]) / span : 0)) / grid;
  }
  table[PERT_STEPS] = 1;
  return table;
}
