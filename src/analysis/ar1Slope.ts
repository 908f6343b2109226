import { pairMoments } from "./lag1Autocorrelation.js";
import { successivePairs, type PairOptions } from "./successivePairs.js";
import type { SuccessivePairs } from "./types.js";

/** AR(1) slope of pairs already formed; NaN for fewer than 3 pairs or a constant predictor. */
export function ar1SlopeOfPairs(pairs: SuccessivePairs): number {
  if (pairs.count < 3) return Number.NaN;
  const { sxx, sxy } = pairMoments(pairs);
  return sxx > 0 ? sxy / sxx : Number.NaN;
}

/**
 * AR(1) slope (inertia): the least-squares slope of x[b+1] on person-centred x[b] over the valid
 * pairs (with an intercept), the per-person version of the within-person autoregressive effect of
 * multilevel AR(1) models.
 *
 *     slope = sum (x[b] - mean_first)(x[b+1] - mean_second) / sum (x[b] - mean_first)^2
 *
 * Person-centring the predictor moves only the intercept of a per-person regression, so the slope is
 * that of x[b+1] on x[b]. For an Ornstein-Uhlenbeck process sampled every d hours the slope estimates
 * exp(-theta d), which is how `cascade analyze` puts it beside the true `thetaA` of simulated persons.
 * NaN for fewer than 3 pairs or a constant x[b].
 *
 * Reference: Kuppens, P., Allen, N. B., & Sheeber, L. B. (2010). Psychological Science 21(7),
 * 984-991. doi:10.1177/0956797610372634
 *
 * @example
 * ar1Slope([1, 2, 3, 5]); // => 1.5
 */
export function ar1Slope(values: ArrayLike<number>, options: PairOptions = {}): number {
  return ar1SlopeOfPairs(successivePairs(values, options));
}
