import { meanOfObserved } from "./meanOfObserved.js";
import { sampleStandardDeviation } from "./sampleStandardDeviation.js";

/** Summary statistics of one group. */
export interface GroupSummary {
  n: number;
  mean: number;
  sd: number;
}

/** Result of `hedgesG`. */
export interface HedgesG {
  /** Bias-corrected standardised mean difference (group minus reference). */
  g: number;
  /** Cohen's d before the small-sample correction. */
  d: number;
  /** Standard error of g. */
  standardError: number;
  /** Lower and upper bounds of the confidence interval. */
  lower: number;
  upper: number;
  /** The correction factor J. */
  correction: number;
}

/** Two-sided standard normal quantile for 95%: qnorm(0.975). */
const Z_975 = 1.959963984540054;

/**
 * Hedges' g from two groups' summaries (n, mean, SD), with its confidence interval:
 *
 *     s_p = sqrt(((n1 - 1) s1^2 + (n2 - 1) s2^2) / (n1 + n2 - 2)),   d = (M1 - M2) / s_p
 *     J = 1 - 3 / (4 (n1 + n2 - 2) - 1),                            g = J d
 *     V_d = (n1 + n2) / (n1 n2) + d^2 / (2 (n1 + n2)),             V_g = J^2 V_d
 *     CI = g -/+ z * sqrt(V_g),  z = 1.959964 for 95%
 *
 * (the large-sample variance of Hedges & Olkin, as given by Borenstein et al. 2009, chapter 4,
 * equations 4.20-4.24). `z` may be passed for another level. NaN when a group has fewer than 2 persons
 * or the pooled SD is 0.
 *
 * References: Hedges, L. V. (1981). Distribution theory for Glass's estimator of effect size and
 * related estimators. Journal of Educational Statistics 6(2), 107-128. doi:10.3102/10769986006002107.
 * Borenstein, M., Hedges, L. V., Higgins, J. P. T., & Rothstein, H. R. (2009). Introduction to
 * Meta-Analysis, chapter 4. Wiley. doi:10.1002/9780470743386
 *
 * @example
 * hedgesGFromSummaries({ n: 20, mean: 1, sd: 1 }, { n: 20, mean: 0, sd: 1 }).g; // => 0.9801324503311258
 */
export function hedgesGFromSummaries(group: GroupSummary, reference: GroupSummary, z: number = Z_975): HedgesG {
  const { n: n1, mean: m1, sd: s1 } = group;
  const { n: n2, mean: m2, sd: s2 } = reference;
  const undefinedResult: HedgesG = { g: Number.NaN, d: Number.NaN, standardError: Number.NaN, lower: Number.NaN, upper: Number.NaN, correction: Number.NaN };
  if (!(n1 >= 2) || !(n2 >= 2)) return undefinedResult;
  const df = n1 + n2 - 2;
  const pooled = Math.sqrt(((n1 - 1) * s1 * s1 + (n2 - 1) * s2 * s2) / df);
  if (!(pooled > 0)) return undefinedResult;
  const d = (m1 - m2) / pooled;
  const correction = 1 - 3 / (4 * df - 1);
  const g = correction * d;
  const varianceD = (n1 + n2) / (n1 * n2) + (d * d) / (2 * (n1 + n2));
  const standardError = Math.sqrt(correction * correction * varianceD);
  return { g, d, standardError, lower: g - z * standardError, upper: g + z * standardError, correction };
}

/**
 * Hedges' g of `group` against `reference` from raw values (NaN values are dropped), with its 95%
 * confidence interval; see `hedgesGFromSummaries` for the formulas and sources.
 *
 * @example
 * hedgesG([2, 3, 4], [1, 2, 3]).g; // => 0.8 (d = 1, J = 1 - 3/15)
 */
export function hedgesG(group: ArrayLike<number>, reference: ArrayLike<number>, z: number = Z_975): HedgesG {
  const summarise = (values: ArrayLike<number>): GroupSummary => {
    let n = 0;
    for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) n++;
    return { n, mean: meanOfObserved(values), sd: sampleStandardDeviation(values) };
  };
  return hedgesGFromSummaries(summarise(group), summarise(reference), z);
}
