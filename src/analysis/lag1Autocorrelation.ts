import { CompensatedSum } from "./compensatedSum.js";
import { successivePairs, type PairOptions } from "./successivePairs.js";
import type { SuccessivePairs } from "./types.js";

/** Means and centred cross-products of the pairs (two passes, compensated sums). */
export function pairMoments(pairs: SuccessivePairs): { meanFirst: number; meanSecond: number; sxx: number; syy: number; sxy: number } {
  const sumFirst = new CompensatedSum();
  const sumSecond = new CompensatedSum();
  for (let i = 0; i < pairs.count; i++) {
    sumFirst.add(pairs.first[i]);
    sumSecond.add(pairs.second[i]);
  }
  const meanFirst = sumFirst.value / pairs.count;
  const meanSecond = sumSecond.value / pairs.count;
  const sxx = new CompensatedSum();
  const syy = new CompensatedSum();
  const sxy = new CompensatedSum();
  for (let i = 0; i < pairs.count; i++) {
    const x = pairs.first[i] - meanFirst;
    const y = pairs.second[i] - meanSecond;
    sxx.add(x * x);
    syy.add(y * y);
    sxy.add(x * y);
  }
  return { meanFirst, meanSecond, sxx: sxx.value, syy: syy.value, sxy: sxy.value };
}

/** Lag-1 autocorrelation of pairs already formed; NaN for fewer than 3 pairs or a constant side. */
export function lag1AutocorrelationOfPairs(pairs: SuccessivePairs): number {
  if (pairs.count < 3) return Number.NaN;
  const { sxx, syy, sxy } = pairMoments(pairs);
  if (!(sxx > 0) || !(syy > 0)) return Number.NaN;
  return sxy / Math.sqrt(sxx * syy);
}

/**
 * Lag-1 autocorrelation (inertia): the Pearson correlation of x[b] with x[b+1] over the valid pairs
 * of the chosen policy (`adjacent` by default, so never across nights or missed prompts).
 *
 *     ac1 = sum (x[b] - mean_first)(x[b+1] - mean_second) / sqrt(sum (x[b] - mean_first)^2 * sum (x[b+1] - mean_second)^2)
 *
 * Each side is centred on its own mean, as R's `cor(first, second)`. NaN when there are fewer than 3
 * pairs or either side is constant (the `ac1` column of `cascade analyze` leaves it empty).
 *
 * Reference: Kuppens, P., Allen, N. B., & Sheeber, L. B. (2010). Emotional inertia and psychological
 * maladjustment. Psychological Science 21(7), 984-991. doi:10.1177/0956797610372634
 *
 * @example
 * lag1Autocorrelation([1, 2, 3, 4, 5]); // => 1
 * lag1Autocorrelation([1, 2, 1, 2]);    // => -1
 */
export function lag1Autocorrelation(values: ArrayLike<number>, options: PairOptions = {}): number {
  return lag1AutocorrelationOfPairs(successivePairs(values, options));
}
