import { poissonKernel } from "../special/saddle-point.js";
import { continuedFraction } from "./continued-fraction.js";
import type { TailPair } from "./incomplete-beta.js";

/**
 * Both tails of the regularised incomplete gamma function, P(a, x) (lower) and Q(a, x) = 1 - P
 * (upper), each accurate in relative terms. See `regularizedIncompleteGamma`. Internal.
 */
export function incompleteGammaTails(a: number, x: number): TailPair {
  if (Number.isNaN(x) || !(a > 0)) return { lower: Number.NaN, upper: Number.NaN };
  if (x <= 0) return { lower: 0, upper: 1 };
  if (x === Number.POSITIVE_INFINITY) return { lower: 1, upper: 0 };
  if (x < a + 1 && !(a < 1 && x >= 1)) {
    const lower = gammaSeries(a, x);
    return { lower, upper: 1 - lower };
  }
  const upper = gammaContinuedFraction(a, x);
  return { lower: 1 - upper, upper };
}

/** P(a, x) = x^a e^-x / Γ(a + 1) · Σ_n x^n / ((a + 1)(a + 2)...(a + n))  (DLMF 8.7.1). */
function gammaSeries(a: number, x: number): number {
  const front = poissonKernel(a, x);
  if (front === 0) return 0;
  let sum = 1;
  let term = 1;
  const maxTerms = 1000 + Math.ceil(20 * Math.sqrt(a));
  for (let n = 1; n <= maxTerms; n++) {
    term *= x / (a + n);
    sum += term;
    if (term < sum * 1e-17) return front * sum;
  }
  return Number.NaN;
}

/**
 * Q(a, x) = x^a e^-x / Γ(a) / (x + 1 - a - 1 (1 - a) / (x + 3 - a - 2 (2 - a) / (x + 5 - a - ...))),
 * Legendre's continued fraction (DLMF 8.9.2).
 */
function gammaContinuedFraction(a: number, x: number): number {
  const front = a * poissonKernel(a, x);
  if (front === 0) return 0;
  const maxTerms = 1000 + Math.ceil(20 * Math.sqrt(a));
  const fraction = continuedFraction(
    x + 1 - a,
    (j) => -j * (j - a),
    (j) => x + 2 * j + 1 - a,
    maxTerms,
  );
  return front / fraction;
}

/**
 * **Regularised incomplete gamma function** P(a, x) = γ(a, x) / Γ(a), the gamma distribution
 * function with shape a and scale 1; `lowerTail = false` gives Q(a, x) = 1 - P(a, x) accurately
 * even when it is tiny.
 *
 * Method: the power series (DLMF 8.7.1) for x < a + 1 and Legendre's continued fraction
 * (DLMF 8.9.2, modified Lentz) otherwise (and for x >= 1 when a < 1), each giving the small tail
 * directly; the factor x^a e^-x / Γ(a + 1) is computed in Loader's saddle-point form
 * (`poissonKernel`). Agrees with R's `pgamma` to a relative 1e-13 or better on the test grid.
 *
 * Source: https://dlmf.nist.gov/8.7 and https://dlmf.nist.gov/8.9
 *
 * @param a shape, > 0
 * @param x the point, >= 0
 * @param lowerTail true (default) for P(a, x), false for Q(a, x)
 * @returns the probability; NaN for a <= 0 or NaN input; 0 (lower) for x <= 0
 * @example
 * regularizedIncompleteGamma(1, 2); // => 0.8646647167633873 (1 - e^-2)
 */
export function regularizedIncompleteGamma(a: number, x: number, lowerTail = true): number {
  const tails = incompleteGammaTails(a, x);
  return lowerTail ? tails.lower : tails.upper;
}
