import { successivePairs, type PairOptions } from "./successivePairs.js";
import type { SuccessivePairs } from "./types.js";

/**
 * Which changes count as acute: `absolute` (default) counts |x[b+1] - x[b]| >= c; `worsening`
 * counts only increases x[b+1] - x[b] >= c (for items where higher is worse, such as negative affect).
 */
export type PacDirection = "absolute" | "worsening";

/** Options of `pac`. */
export interface PacOptions extends PairOptions {
  /** The cutoff c. Required: see `pooledPacCutoff` for the default pooled 90th percentile. */
  cutoff: number;
  /** Which changes count. Default `absolute`. */
  direction?: PacDirection;
}

/** PAC of pairs already formed; NaN when there is no pair or the cutoff is NaN. */
export function pacOfPairs(pairs: SuccessivePairs, cutoff: number, direction: PacDirection = "absolute"): number {
  if (pairs.count === 0 || Number.isNaN(cutoff)) return Number.NaN;
  let acute = 0;
  for (let i = 0; i < pairs.count; i++) {
    const difference = pairs.second[i] - pairs.first[i];
    if ((direction === "absolute" ? Math.abs(difference) : difference) >= cutoff) acute++;
  }
  return acute / pairs.count;
}

/**
 * Probability of acute change (PAC): the share of valid pairs whose change is at least c.
 *
 *     PAC = #{ pairs : |x[b+1] - x[b]| >= c } / #pairs
 *
 * The convention of `cascade analyze` (SCIENCE.md) takes c as the pooled 90th percentile (R quantile
 * type 7) of |difference| over all persons' valid pairs of the variable (`pooledPacCutoff`); a fixed
 * c or c from a reference group are options. Pairs follow the policy (`adjacent` by default). NaN
 * when there is no valid pair.
 *
 * References: Jahng, S., Wood, P. K., & Trull, T. J. (2008). Psychological Methods 13(4), 354-375.
 * doi:10.1037/a0014173. Trull, T. J., Solhan, M. B., Tragesser, S. L., et al. (2008). Affective
 * instability: Measuring a core feature of borderline personality disorder with ecological momentary
 * assessment. Journal of Abnormal Psychology 117(3), 647-661. doi:10.1037/a0012532
 *
 * @example
 * pac([1, 3, 2, 2], { cutoff: 2 });                         // => 0.3333333333333333
 * pac([3, 1, 2, 2], { cutoff: 1, direction: "worsening" }); // => 0.3333333333333333 (only 1 -> 2)
 */
export function pac(values: ArrayLike<number>, options: PacOptions): number {
  return pacOfPairs(successivePairs(values, options), options.cutoff, options.direction);
}
