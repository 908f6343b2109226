import { CompensatedSum } from "./compensatedSum.js";
import { successivePairs, type PairOptions } from "./successivePairs.js";
import type { SuccessivePairs } from "./types.js";

/** Options of `timeAdjustedMssd`. */
export interface TimeAdjustedOptions extends PairOptions {
  /** Time of each occasion in hours (required). */
  time: ArrayLike<number>;
  /** The exponent lambda: 0 is plain MSSD, 0.5 is diffusion scaling. See `estimateTimeLambda`. */
  lambda: number;
  /** The reference interval; default the median interval of the series' timed pairs. */
  referenceInterval?: number;
}

/** Time intervals (hours) of the pairs; NaN where a time is unknown. */
export function pairIntervals(pairs: SuccessivePairs, time: ArrayLike<number>): Float64Array {
  return pairIntervalsInto(pairs, time, new Float64Array(pairs.count));
}

/** `pairIntervals` written into the first `pairs.count` entries of `target` (for reused arrays). */
export function pairIntervalsInto(pairs: SuccessivePairs, time: ArrayLike<number>, target: Float64Array): Float64Array {
  const { firstIndex, secondIndex, count } = pairs;
  for (let i = 0; i < count; i++) target[i] = time[secondIndex[i]] - time[firstIndex[i]];
  return target;
}

/**
 * Median of the finite positive entries among the first `length` of `values`; NaN when none.
 * `scratch` (at least `length` long) is used for sorting when given, so nothing is allocated.
 */
export function medianPositive(values: ArrayLike<number>, length: number = values.length, scratch?: Float64Array): number {
  let count = 0;
  for (let i = 0; i < length; i++) if (values[i] > 0 && Number.isFinite(values[i])) count++;
  if (count === 0) return Number.NaN;
  const kept = scratch === undefined ? new Float64Array(count) : scratch.subarray(0, count);
  for (let i = 0, k = 0; i < length; i++) if (values[i] > 0 && Number.isFinite(values[i])) kept[k++] = values[i];
  kept.sort(); // typed arrays sort numerically
  const middle = count >> 1;
  return count % 2 === 1 ? kept[middle] : (kept[middle - 1] + kept[middle]) / 2;
}

/** Result of `timeAdjustedMssdOfPairs`. */
export interface TimeAdjustedMssd {
  /** The time-adjusted MSSD; NaN when no pair has a known positive interval. */
  value: number;
  /** Number of pairs with a known positive interval (the others are left out). */
  timedPairs: number;
  /** The reference interval used (hours). */
  referenceInterval: number;
}

/** Time-adjusted MSSD of pairs already formed, with their intervals. */
export function timeAdjustedMssdOfPairs(
  pairs: SuccessivePairs,
  intervals: ArrayLike<number>,
  lambda: number,
  referenceInterval: number = medianPositive(intervals, pairs.count),
): TimeAdjustedMssd {
  const sum = new CompensatedSum();
  let timed = 0;
  for (let i = 0; i < pairs.count; i++) {
    const interval = intervals[i];
    if (!(interval > 0) || !Number.isFinite(interval)) continue;
    const scaled = (pairs.second[i] - pairs.first[i]) / Math.pow(interval / referenceInterval, lambda);
    sum.add(scaled * scaled);
    timed++;
  }
  const value = timed === 0 || Number.isNaN(lambda) || !(referenceInterval > 0) ? Number.NaN : sum.value / timed;
  return { value, timedPairs: timed, referenceInterval };
}

/**
 * Time-adjusted MSSD: each successive difference is divided by (dt / median dt)^lambda before
 * squaring, so that pairs far apart in time do not inflate instability.
 *
 *     TA-MSSD = (1 / P) * sum over timed valid pairs [ (x[b+1] - x[b]) / (dt / median dt)^lambda ]^2
 *
 * lambda = 0 is the plain MSSD; lambda = 0.5 is diffusion scaling (for a random walk or an
 * Ornstein-Uhlenbeck process over intervals short against its time constant, E[d^2] grows linearly
 * with dt, and the adjusted MSSD no longer depends on the spacing). lambda is given, or estimated
 * from the data with the documented estimator `estimateTimeLambda` (never a spline smoothing
 * parameter). Pairs whose interval is unknown or not positive are left out and counted in
 * `n_pairs_timed`. NaN when no pair is timed.
 *
 * Reference: Jahng, S., Wood, P. K., & Trull, T. J. (2008). Psychological Methods 13(4), 354-375.
 * doi:10.1037/a0014173
 *
 * @example
 * timeAdjustedMssd([1, 3, 4], { time: [0, 1, 5], lambda: 0.5 }); // => 5.3125 (intervals 1 and 4, median 2.5)
 */
export function timeAdjustedMssd(values: ArrayLike<number>, options: TimeAdjustedOptions): number {
  const pairs = successivePairs(values, options);
  const intervals = pairIntervals(pairs, options.time);
  return timeAdjustedMssdOfPairs(pairs, intervals, options.lambda, options.referenceInterval ?? medianPositive(intervals)).value;
}
