import { normalCdf } from "./normal-cdf.js";
import { studentTTwoSidedTail } from "./student-t-cdf.js";

/**
 * **Two-sided p-value of a t or z statistic**: P(|T| >= |t|) for a Student t with `df` degrees of
 * freedom, or P(|Z| >= |z|) for a standard normal when df is Infinity (Wald z tests).
 *
 * Computed directly from the incomplete beta (or gamma) tail, never as 1 minus a probability, so
 * that tiny p-values keep their relative precision.
 *
 * @param statistic the t or z statistic
 * @param df degrees of freedom (> 0), Infinity for a normal reference
 * @returns the p-value in [0, 1]; NaN for a NaN statistic or df <= 0
 * @example
 * twoSidedPValue(1.959963984540054, Infinity); // => 0.05
 * twoSidedPValue(2.2281388519649385, 10); // => 0.05
 */
export function twoSidedPValue(statistic: number, df: number): number {
  if (Number.isNaN(statistic) || Number.isNaN(df) || !(df > 0)) return Number.NaN;
  if (df === Number.POSITIVE_INFINITY) return 2 * normalCdf(-Math.abs(statistic));
  return studentTTwoSidedTail(statistic, df).small;
}
