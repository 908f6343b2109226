/**
 * Quantile function of the beta distribution, for drawing beta-distributed person parameters by
 * inversion (so that they can be correlated through a Gaussian copula).
 */
import { regularizedIncompleteBeta } from "../stats/distributions/incomplete-beta.js";
import { logBeta } from "../stats/special/log-beta.js";

/**
 * The quantile of Beta(a, b): the x in [0, 1] with I_x(a, b) = p.
 *
 * Safeguarded Newton iteration: Newton steps on I_x(a, b) - p (the derivative is the beta density)
 * inside a bisection bracket that every step narrows; a step that would leave the bracket is replaced
 * by bisection. Converges to a relative 1e-13 in x; checked against R's `qbeta` in
 * tests/engine-population.test.ts. NaN for p outside [0, 1] or non-positive shapes.
 *
 * @example betaQuantile(0.5, 2, 2) // => 0.5
 */
export function betaQuantile(p: number, a: number, b: number): number {
  if (!(p >= 0 && p <= 1) || !(a > 0) || !(b > 0)) return Number.NaN;
  if (p === 0) return 0;
  if (p === 1) return 1;
  const logNormaliser = logBeta(a, b);
  let low = 0;
  let high = 1;
  let x = a / (a + b);
  for (let iteration = 0; iteration < 300; iteration++) {
    const error = regularizedIncompleteBeta(x, a, b) - p;
    if (error === 0) return x;
    if (error < 0) low = x;
    else high = x;
    const logDensity = (a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - logNormaliser;
    let next = x - error / Math.exp(logDensity);
    if (!(next > low && next < high)) next = 0.5 * (low + high);
    if (Math.abs(next - x) <= 1e-13 * x || high - low <= 1e-15) return next;
    x = next;
  }
  return x;
}
