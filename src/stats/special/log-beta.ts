import { logGamma } from "./log-gamma.js";
import { LOG_SQRT_2PI, stirlingError } from "./stirling-error.js";

/**
 * **Log beta function** log B(a, b) = log Γ(a) + log Γ(b) - log Γ(a + b), for a, b > 0.
 *
 * When an argument is large the log-gamma terms are large and nearly cancel, so the difference is
 * formed from Stirling's formula log Γ(x) = (x - 1/2) log x - x + log sqrt(2π) + δ(x), with δ the
 * Stirling error term (`stirlingError`). With a <= b:
 * - both >= 10: log B = log sqrt(2π) + (a - 1/2) log(a / (a + b)) + (b - 1/2) log(b / (a + b))
 *   - (1/2) log(a + b) + δ(a) + δ(b) - δ(a + b);
 * - only b >= 10: log B = log Γ(a) + a - (b - 1/2) log1p(a / b) - a log(a + b) + δ(b) - δ(a + b)
 *   (the t distribution's B(df/2, 1/2) for large df).
 * Every term is then of modest size, so the result keeps a relative accuracy of about 1e-15.
 *
 * @example
 * logBeta(2, 3); // => -2.4849066497880004 (log 1/12)
 */
export function logBeta(a: number, b: number): number {
  if (!(a > 0) || !(b > 0)) return Number.NaN;
  const small = Math.min(a, b);
  const large = Math.max(a, b);
  if (small >= 10) {
    const sum = a + b;
    return (
      LOG_SQRT_2PI +
      (small - 0.5) * Math.log(small / sum) +
      (large - 0.5) * Math.log1p(-small / sum) -
      0.5 * Math.log(sum) +
      stirlingError(small) +
      stirlingError(large) -
      stirlingError(sum)
    );
  }
  if (large >= 10) {
    const sum = small + large;
    return (
      logGamma(small) +
      small -
      (large - 0.5) * Math.log1p(small / large) -
      small * Math.log(sum) +
      stirlingError(large) -
      stirlingError(sum)
    );
  }
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}
