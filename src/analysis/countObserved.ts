/**
 * Number of observations: how many values of a series were answered (are not NaN).
 *
 * This is the `n_obs` column of `cascade analyze`. Missed prompts are NaN (or absent) and not counted.
 *
 * @example
 * countObserved([1, NaN, 3, 4]); // => 3
 */
export function countObserved(values: ArrayLike<number>): number {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) count++;
  return count;
}
