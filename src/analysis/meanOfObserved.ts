import { CompensatedSum } from "./compensatedSum.js";

/**
 * Mean of the answered values of a series (NaN values, the missed prompts, are skipped).
 *
 * Sums with compensated summation (`compensatedSum.ts`). Returns NaN when no value was answered.
 * This is the `mean` column of `cascade analyze` (R: `mean(x, na.rm = TRUE)`).
 *
 * @example
 * meanOfObserved([1, NaN, 3, 4]); // => 2.6666666666666665
 * meanOfObserved([NaN]);          // => NaN
 */
export function meanOfObserved(values: ArrayLike<number>): number {
  const sum = new CompensatedSum();
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (Number.isNaN(value)) continue;
    sum.add(value);
    count++;
  }
  return count === 0 ? Number.NaN : sum.value / count;
}
