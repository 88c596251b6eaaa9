/**
 * xoshiro128** seeded through splitmix32: a fast 32-bit generator whose whole state lives in
 * four integers, so a simulation is reproducible from its seed and never touches Math.random.
 *
 * @example
 * const rng = new Xoshiro128(42);
 * rng.next(); // the same value in (0, 1) on every run
 */
export class Xoshiro128 {
  /** The state, public so a hot loop can keep it in locals and write it back. */
  a: number;
  b: number;
  c: number;
  d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const split = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = split();
    this.b = split();
    this.c = split();
    this.d = split();
  }

  /** Uniform in the open interval (0, 1): never 0 or 1, so inverse CDFs stay finite. */
  next(): number {
    const r = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return (r + 0.5) / 4294967296;
  }

  /** Takes another generator's state. */
  copyFrom(other: Xoshiro128): void {
    this.a = other.a;
    this.b = other.b;
    this.c = other.c;
    this.d = other.d;
  }

  /** Advances the state as `steps` calls of `next` would, given `jumpMatrix(steps)`, in 128 word operations. */
  jump(matrix: Uint32Array): void {
    let a = 0;
    let b = 0;
    let c = 0;
    let d = 0;
    const words = [this.a, this.b, this.c, this.d];
    for (let bit = 0; bit < 128; bit++) {
      if (((words[bit >>> 5] >>> (bit & 31)) & 1) === 0) continue;
      const col = bit * 4;
      a ^= matrix[col];
      b ^= matrix[col + 1];
      c ^= matrix[col + 2];
      d ^= matrix[col + 3];
    }
    this.a = a | 0;
    this.b = b | 0;
    this.c = c | 0;
    this.d = d | 0;
  }
}

/**
 * The state transition of xoshiro128** is linear over GF(2) (xors, shifts and a rotation), so
 * `steps` transitions are one 128 × 128 bit matrix: its column for each state bit is where
 * that bit alone ends up. Lets a caller draw numbers that come later in the stream first.
 */
export function jumpMatrix(steps: number): Uint32Array {
  const matrix = new Uint32Array(128 * 4);
  const g = new Xoshiro128(0);
  for (let bit = 0; bit < 128; bit++) {
    g.a = 0;
    g.b = 0;
    g.c = 0;
    g.d = 0;
    const word = 1 << (bit & 31);
    if (bit < 32) g.a = word;
    else if (bit < 64) g.b = word;
    else if (bit < 96) g.c = word;
    else g.d = word;
    for (let k = 0; k < steps; k++) g.next();
    matrix.set([g.a, g.b, g.c, g.d], bit * 4);
  }
  return matrix;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * Inverse of the standard normal CDF (Acklam's rational approximation, relative error
 * below 1.2e-9).
 *
 * @example normalQuantile(0.975) // 1.95996...
 */
export function normalQuantile(p: number): number {
  const plow = 0.02425;
  if (p < plow) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((-7.784894002430293e-3 * q - 3.223964580411365e-1) * q - 2.400758277161838) * q -
        2.549732539343734) *
        q +
        4.374664141464968) *
        q +
        2.938163982698783) /
      ((((7.784695709041462e-3 * q + 3.224671290700398e-1) * q + 2.445134137142996) * q + 3.754408661907416) *
        q +
        1)
    );
  }
  if (p > 1 - plow) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((-3.969683028665376e1 * r + 2.209460984245205e2) * r - 2.759285104469687e2) * r +
      1.38357751867269e2) *
      r -
      3.066479806614716e1) *
      r +
      2.506628277459239) *
      q) /
    (((((-5.447609879822406e1 * r + 1.615858368580409e2) * r - 1.556989798598866e2) * r +
      6.680131188771972e1) *
      r -
      1.328068155288572e1) *
      r +
      1)
  );
}

/**
 * Standard normal CDF through erfc (Numerical Recipes' Chebyshev fit, error below 1.2e-7),
 * clamped inside (0, 1) so it can feed an inverse CDF.
 *
 * @example normalCdf(0) // 0.5
 */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const erfc =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  const p = x >= 0 ? 1 - 0.5 * erfc : 0.5 * erfc;
  return Math.min(Math.max(p, 1e-12), 1 - 1e-12);
}
