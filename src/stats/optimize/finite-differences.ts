/**
 * Numerical first and second derivatives by central differences with Richardson extrapolation, the
 * method of R's numDeriv package (Gilbert & Varadhan): steps h, h/2, h/4, ... with h = d |x_j|
 * (1e-4 where x_j is near 0), whose O(h²) error terms are cancelled by Richardson's scheme
 * R(k, j) = (4^j R(k, j-1) - R(k-1, j-1)) / (4^j - 1). numDeriv's defaults are d = 0.1 with 4
 * levels (error O(d⁸)); lmerTest uses them for the Satterthwaite degrees of freedom of mixed models.
 */

/** Step settings: the relative initial step d and the number of Richardson levels. */
export interface FiniteDifferenceOptions {
  /** d in h = d |x|. Default 0.1 (numDeriv's). */
  relativeStep?: number;
  /** Number of step sizes h, h/2, ... combined by Richardson extrapolation. Default 4 (numDeriv's). */
  levels?: number;
}

/** numDeriv's initial step for coordinate value x: d |x|, or 1e-4 when |x| is below ~1.8e-5. */
function initialStep(x: number, relativeStep: number): number {
  return Math.abs(x) < 1.7800500000000002e-5 ? 1e-4 : relativeStep * Math.abs(x);
}

/** Richardson extrapolation of estimates at steps h, h/2, h/4, ... with O(h²) leading errors. */
function extrapolate(estimates: number[]): number {
  let row = [...estimates];
  for (let level = 1; row.length > 1; level++) {
    const factor = 4 ** level;
    const next: number[] = [];
    for (let k = 1; k < row.length; k++) next.push((factor * row[k] - row[k - 1]) / (factor - 1));
    row = next;
  }
  return row[0];
}

/** Hessian of a scalar function at x (symmetric, row-major n x n). Cost: 1 + 2n L + 2n(n-1) L evaluations for L levels. */
export function numericalHessian(f: (x: readonly number[]) => number, x: readonly number[], options: FiniteDifferenceOptions = {}): Float64Array {
  const n = x.length;
  const relativeStep = options.relativeStep ?? 0.1;
  const levels = options.levels ?? 4;
  const hessian = new Float64Array(n * n);
  const center = f(x);
  const at = (changes: [number, number][]): number => {
    const point = [...x];
    for (const [index, delta] of changes) point[index] += delta;
    return f(point);
  };
  for (let i = 0; i < n; i++) {
    const estimates: number[] = [];
    for (let level = 0; level < levels; level++) {
      const h = initialStep(x[i], relativeStep) / 2 ** level;
      estimates.push((at([[i, h]]) - 2 * center + at([[i, -h]])) / (h * h));
    }
    hessian[i * n + i] = extrapolate(estimates);
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const estimates: number[] = [];
      for (let level = 0; level < levels; level++) {
        const hi = initialStep(x[i], relativeStep) / 2 ** level;
        const hj = initialStep(x[j], relativeStep) / 2 ** level;
        const value =
          (at([[i, hi], [j, hj]]) - at([[i, hi], [j, -hj]]) - at([[i, -hi], [j, hj]]) + at([[i, -hi], [j, -hj]])) / (4 * hi * hj);
        estimates.push(value);
      }
      hessian[i * n + j] = extrapolate(estimates);
      hessian[j * n + i] = hessian[i * n + j];
    }
  }
  return hessian;
}

/**
 * Jacobian of a vector function at x: entry [k][m] is d f_m / d x_k (one row per coordinate).
 * Cost: 2 n L evaluations for L levels.
 */
export function numericalJacobian(
  f: (x: readonly number[]) => ArrayLike<number>,
  x: readonly number[],
  options: FiniteDifferenceOptions = {},
): number[][] {
  const relativeStep = options.relativeStep ?? 0.1;
  const levels = options.levels ?? 4;
  return x.map((value, k) => {
    const perLevel: ArrayLike<number>[] = [];
    for (let level = 0; level < levels; level++) {
      const h = initialStep(value, relativeStep) / 2 ** level;
      const plus = [...x];
      const minus = [...x];
      plus[k] += h;
      minus[k] -= h;
      const upper = f(plus);
      const lower = f(minus);
      perLevel.push(Array.from(upper, (u, m) => (u - lower[m]) / (2 * h)));
    }
    const size = perLevel[0].length;
    return Array.from({ length: size }, (_, m) => extrapolate(perLevel.map((estimates) => estimates[m])));
  });
}
