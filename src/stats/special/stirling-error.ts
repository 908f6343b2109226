import { logGamma } from "./log-gamma.js";

/** log(sqrt(2 pi)). */
export const LOG_SQRT_2PI = 0.9189385332046727;

/**
 * **Stirling's error term**: δ(n) = log Γ(n + 1) - [(n + 1/2) log n - n + log sqrt(2π)], the error
 * of Stirling's formula for n!, for real n > 0.
 *
 * It is the building block of Loader's saddle-point densities (see `saddle-point.ts`), which avoid
 * the cancellation of large log-gamma terms. For n >= 15 it is the asymptotic series
 * δ(n) = Σ_k B_2k / (2k (2k - 1) n^(2k - 1)) (B_2k the Bernoulli numbers) to the n^-11 term, whose
 * truncation error is below 3e-16 there; below 15 it is computed from `logGamma`, with an absolute
 * error of a few 1e-15.
 *
 * Source: C. Loader (2000), Fast and accurate computation of binomial probabilities,
 * https://www.r-project.org/doc/reports/CLoader-dbinom-2002.pdf
 *
 * @example
 * stirlingError(1); // => 0.08106146679532726 (= 1 - log sqrt(2 pi))
 */
export function stirlingError(n: number): number {
  if (n < 15) return logGamma(n + 1) - (n + 0.5) * Math.log(n) + n - LOG_SQRT_2PI;
  const inverseSquare = 1 / (n * n);
  // Bernoulli-number coefficients B_2k / (2k (2k - 1)) for k = 1..6.
  const series =
    1 / 12 -
    inverseSquare * (1 / 360 - inverseSquare * (1 / 1260 - inverseSquare * (1 / 1680 - inverseSquare * (1 / 1188 - (inverseSquare * 691) / 360360))));
  return series / n;
}
