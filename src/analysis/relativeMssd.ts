import { countObserved } from "./countObserved.js";
import { maximumMssd } from "./maximumMssd.js";
import { meanOfObserved } from "./meanOfObserved.js";
import { mssd } from "./mssd.js";
import { outsideBounds } from "./relativeStandardDeviation.js";
import type { PairOptions } from "./successivePairs.js";
import type { ScaleBounds } from "./types.js";

/**
 * Relative MSSD (Mestdagh et al. 2018): the MSSD divided by the largest MSSD that n_obs successive
 * values with the person's mean could have on the scale,
 *
 *     relative MSSD = MSSD / MSSD_max(M, a, b, n_obs)    (see `maximumMssd`, an exact search)
 *
 * The MSSD uses the chosen pair policy (`adjacent` by default); the maximum treats the answered
 * values as one series, as the authors' `relativeMSSD` does. NaN when the MSSD is undefined, the
 * maximum is 0 (mean at a bound), or a value lies outside the bounds.
 *
 * Reference: Mestdagh, M., Pe, M., Pestman, W., Verdonck, S., Kuppens, P., & Tuerlinckx, F. (2018).
 * Psychological Methods 23(4), 690-707. doi:10.1037/met0000153
 *
 * @example
 * relativeMssd([5, 1, 3], { min: 1, max: 5 }); // => 1
 */
export function relativeMssd(values: ArrayLike<number>, bounds: ScaleBounds, options: PairOptions = {}): number {
  const largest = maximumMssd(meanOfObserved(values), bounds.min, bounds.max, countObserved(values));
  if (!(largest > 0) || outsideBounds(values, bounds)) return Number.NaN;
  return mssd(values, options) / largest;
}
