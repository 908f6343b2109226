import { LOG_SQRT_2PI, stirlingError } from "./stirling-error.js";

/**
 * **Deviance term** bd0(x, m) = x log(x / m) + m - x (>= 0), computed without cancellation when x is
 * close to m by the series 2x Σ_j v^(2j+1) / (2j + 1) + (x - m) v with v = (x - m) / (x + m).
 *
 * Source: C. Loader (2000), Fast and accurate computation of binomial probabilities (see
 * `stirlingError`). Internal to the distribution functions.
 */
export function devianceTerm(x: number, mean: number): number {
  if (Math.abs(x - mean) < 0.1 * (x + mean)) {
    const ratio = (x - mean) / (x + mean);
    const ratioSquared = ratio * ratio;
    let sum = (x - mean) * ratio;
    let term = 2 * x * ratio;
    for (let j = 1; j < 1000; j++) {
      term *= ratioSquared;
      const next = sum + term / (2 * j + 1);
      if (next === sum) return next;
      sum = next;
    }
    return sum;
  }
  return x * Math.log(x / mean) + mean - x;
}

/**
 * **Poisson kernel** λ^a e^(-λ) / Γ(a + 1) for real a >= 0, λ >= 0, by Loader's saddle-point form
 * exp(-δ(a) - bd0(a, λ)) / sqrt(2π a), accurate to a few ulps even when a and λ are large.
 * This is the factor in front of the incomplete gamma series. Internal.
 */
export function poissonKernel(a: number, lambda: number): number {
  if (lambda === 0) return a === 0 ? 1 : 0;
  if (a === 0) return Math.exp(-lambda);
  if (!Number.isFinite(lambda)) return 0;
  return Math.exp(-stirlingError(a) - devianceTerm(a, lambda) - LOG_SQRT_2PI - 0.5 * Math.log(a));
}

/**
 * **Beta kernel** x^a y^b / (a B(a, b)) with y = 1 - x passed separately (so that it keeps its full
 * precision), for a, b > 0: the factor in front of the incomplete beta continued fraction.
 *
 * With n = a + b it equals b / n times the binomial density Γ(n + 1) / (Γ(a + 1) Γ(b + 1)) x^a y^b,
 * evaluated in Loader's saddle-point form
 * exp(δ(n) - δ(a) - δ(b) - bd0(a, n x) - bd0(b, n y)) sqrt(n / (2π a b)),
 * which has no cancellation between large log-gamma terms when a and b are large. Internal.
 */
export function betaKernel(a: number, b: number, x: number, y: number): number {
  if (x === 0 || y === 0) return 0;
  const n = a + b;
  const logDensity =
    stirlingError(n) - stirlingError(a) - stirlingError(b) - devianceTerm(a, n * x) - devianceTerm(b, n * y);
  return (b / n) * Math.exp(logDensity - LOG_SQRT_2PI + 0.5 * (Math.log(n) - Math.log(a) - Math.log(b)));
}
