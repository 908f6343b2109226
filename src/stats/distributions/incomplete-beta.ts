import { betaKernel } from "../special/saddle-point.js";
import { continuedFraction } from "./continued-fraction.js";

/** Both tails of the regularised incomplete beta function, each accurate in relative terms. */
export interface TailPair {
  /** The lower tail, I_x(a, b). */
  lower: number;
  /** The upper tail, 1 - I_x(a, b), computed directly when it is the small one. */
  upper: number;
}

/**
 * Both tails of the regularised incomplete beta function at x, with y = 1 - x passed separately so
 * that callers who know y more precisely than 1 - x (the t and F distributions) keep that precision.
 * See `regularizedIncompleteBeta` for the method. Internal.
 */
export function incompleteBetaTails(x: number, y: number, a: number, b: number): TailPair {
  if (Number.isNaN(x) || Number.isNaN(y) || !(a > 0) || !(b > 0)) return { lower: Number.NaN, upper: Number.NaN };
  if (x <= 0) return { lower: 0, upper: 1 };
  if (y <= 0) return { lower: 1, upper: 0 };
  if (x < (a + 1) / (a + b + 2)) {
    const lower = betaContinuedFraction(x, y, a, b);
    return { lower, upper: 1 - lower };
  }
  const upper = betaContinuedFraction(y, x, b, a);
  return { lower: 1 - upper, upper };
}

/**
 * I_x(a, b) by its continued fraction, for x below the mean region where it converges fast.
 *
 * DLMF 8.17.22 gives I_x(a, b) = x^a y^b / (a B(a, b)) / (1 + d_1 / (1 + d_2 / (1 + ...))) with
 *   d_(2m+1) = -(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)),  d_(2m) = m (b - m) x / ((a + 2m - 1)(a + 2m)).
 * Evaluated as written, 1 + d_(2m+1) nearly cancels when a is large and x is close to a / (a + b)
 * (the centre of a t distribution with many df), losing about a/2 ulps: 1e-10 at df = 1e6. We
 * evaluate instead its odd contraction (the convergents 1, 3, 5, ... of the same fraction),
 *   S_0 - d_1 d_2 / (S_1 - d_3 d_4 / (S_2 - ...)),  S_m = 1 + d_(2m) + d_(2m+1),
 * where each S_m may also be written in terms of y = 1 - x (substitute x = 1 - y and simplify):
 *   S_0 = ((1 - b) + (a + b) y) / (a + 1),
 *   S_m = (2m (a + m) + (a - 1)(1 - b)) / ((A - 1)(A + 1)) - y g_m,  A = a + 2m,
 *   g_m = (m (b - m)(A + 1) - (a + m)(a + b + m)(A - 1)) / ((A - 1) A (A + 1)).
 * For each S_m we use whichever form adds the smaller terms, so that neither cancels badly. With
 * this the t distribution function at df = 1e6 is accurate to a few 1e-15 (checked against 50-digit
 * arithmetic during development, and against R's `pt` in the tests).
 */
function betaContinuedFraction(x: number, y: number, a: number, b: number): number {
  const front = betaKernel(a, b, x, y);
  if (front === 0) return 0;
  const d = (j: number): number => {
    const m = Math.floor(j / 2);
    if (j % 2 === 1) return (-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
    return (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m));
  };
  const pairSum = (m: number): number => {
    const even = m === 0 ? 0 : d(2 * m);
    const odd = d(2 * m + 1);
    const inX = 1 + even + odd;
    const largestInX = Math.max(1, Math.abs(even), Math.abs(odd));
    let constant: number;
    let slope: number;
    if (m === 0) {
      constant = (1 - b) / (a + 1);
      slope = -(a + b) / (a + 1);
    } else {
      const shifted = a + 2 * m;
      constant = (2 * m * (a + m) + (a - 1) * (1 - b)) / ((shifted - 1) * (shifted + 1));
      slope = (m * (b - m) * (shifted + 1) - (a + m) * (a + b + m) * (shifted - 1)) / ((shifted - 1) * shifted * (shifted + 1));
    }
    const largestInY = Math.max(Math.abs(constant), Math.abs(y * slope));
    return largestInY < largestInX ? constant - y * slope : inX;
  };
  const maxTerms = 1000 + Math.ceil(20 * Math.sqrt(a + b));
  const fraction = continuedFraction(pairSum(0), (j) => -d(2 * j - 1) * d(2 * j), pairSum, maxTerms);
  return front / fraction;
}

/**
 * **Regularised incomplete beta function** I_x(a, b) = B(x; a, b) / B(a, b), the beta distribution
 * function, with `lowerTail = false` giving 1 - I_x(a, b) accurately even when it is tiny.
 *
 * Method: the continued fraction of DLMF 8.17.22 (in its odd contraction, written to avoid
 * cancellation; see `betaContinuedFraction`), evaluated by the modified Lentz algorithm, for
 * x < (a + 1) / (a + b + 2), and the symmetry I_x(a, b) = 1 - I_(1-x)(b, a) otherwise, so that the
 * fraction always converges quickly (within O(sqrt(a + b)) terms) and the tail it returns is the
 * small one. The factor x^a (1-x)^b / (a B(a, b)) in front is computed in Loader's saddle-point form
 * (`betaKernel`), which keeps full relative accuracy for large a and b. Agrees with R's `pbeta` to a
 * relative 1e-13 or better on the test grid (a, b from 0.5 to 1e4, x from 1e-10 to 0.999, both tails).
 *
 * Source: https://dlmf.nist.gov/8.17#v
 *
 * @param x the point, in [0, 1]
 * @param a first shape parameter, > 0
 * @param b second shape parameter, > 0
 * @param lowerTail true (default) for I_x(a, b), false for 1 - I_x(a, b)
 * @returns the probability; NaN for a or b <= 0 or NaN input; 0 or 1 outside [0, 1]
 * @example
 * regularizedIncompleteBeta(0.5, 2, 3); // => 0.6875
 */
export function regularizedIncompleteBeta(x: number, a: number, b: number, lowerTail = true): number {
  const tails = incompleteBetaTails(x, 1 - x, a, b);
  return lowerTail ? tails.lower : tails.upper;
}
