import { CompensatedSum } from "./compensatedSum.js";
import { meanOfObserved } from "./meanOfObserved.js";

/**
 * Sample variance of the answered values (denominator n - 1), NaN values skipped.
 *
 * Two passes (the mean first, then the squared deviations from it, with compensated sums), which
 * avoids the cancellation of the one-pass "sum of squares minus square of sum" formula. Returns NaN
 * for fewer than two answered values. R: `var(x, na.rm = TRUE)`.
 *
 * @example
 * sampleVarianceOfObserved([1, 2, NaN, 3, 4, 5]); // => 2.5
 */
export function sampleVarianceOfObserved(values: ArrayLike<number>): number {
  return sampleVarianceAround(values, meanOfObserved(values));
}

/** `sampleVarianceOfObserved` given the mean of the answered values (`meanOfObserved`), when the caller has it already. */
export function sampleVarianceAround(values: ArrayLike<number>, mean: number): number {
  const squares = new CompensatedSum();
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (Number.isNaN(value)) continue;
    squares.add((value - mean) * (value - mean));
    count++;
  }
  return count < 2 ? Number.NaN : squares.value / (count - 1);
}

/**
 * Sample standard deviation of the answered values (denominator n - 1), the `sd` column of
 * `cascade analyze`: the square root of `sampleVarianceOfObserved`. NaN for fewer than two values.
 * R: `sd(x, na.rm = TRUE)`.
 *
 * @example
 * sampleStandardDeviation([1, 2, NaN, 3, 4, 5]); // => 1.5811388300841898
 */
export function sampleStandardDeviation(values: ArrayLike<number>): number {
  return Math.sqrt(sampleVarianceOfObserved(values));
}
