import { countObserved } from "./countObserved.js";
import { maximumVariance } from "./maximumVariance.js";
import { meanOfObserved } from "./meanOfObserved.js";
import { sampleStandardDeviation } from "./sampleStandardDeviation.js";
import type { ScaleBounds } from "./types.js";

/**
 * Relative standard deviation (Mestdagh et al. 2018): the SD divided by the largest SD that the
 * person's answered values could have given their mean, the scale bounds and their number,
 *
 *     relative SD = SD / sqrt(V_max(M, a, b, n_obs))    (see `maximumVariance`)
 *
 * On a bounded scale variability rises mechanically as the mean moves away from the bounds; the
 * relative index takes that out, in [0, 1]. NaN when fewer than two values were answered, the mean
 * is at a bound (V_max = 0), or a value lies outside the bounds.
 *
 * Reference: Mestdagh, M., Pe, M., Pestman, W., Verdonck, S., Kuppens, P., & Tuerlinckx, F. (2018).
 * Psychological Methods 23(4), 690-707. doi:10.1037/met0000153
 *
 * @example
 * relativeStandardDeviation([1, 1, 3, 5], { min: 1, max: 5 }); // => 1 (already the most variable)
 */
export function relativeStandardDeviation(values: ArrayLike<number>, bounds: ScaleBounds): number {
  const n = countObserved(values);
  const mean = meanOfObserved(values);
  const largest = maximumVariance(mean, bounds.min, bounds.max, n);
  if (!(largest > 0) || outsideBounds(values, bounds)) return Number.NaN;
  return sampleStandardDeviation(values) / Math.sqrt(largest);
}

/** Whether any answered value lies outside the bounds. */
export function outsideBounds(values: ArrayLike<number>, bounds: ScaleBounds): boolean {
  for (let i = 0; i < values.length; i++) if (values[i] < bounds.min || values[i] > bounds.max) return true;
  return false;
}
