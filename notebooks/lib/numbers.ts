/**
 * Small numeric helpers of the teaching notebooks, free of imports so that tests/notebooks.test.ts
 * averages exactly as the notebooks do (same order of additions) when it recomputes their numbers.
 */

/** Mean of the finite values (NaN when there are none), in the order given. */
export function meanOf(values: Iterable<number>): number {
  let sum = 0;
  let count = 0;
  for (const value of values) {
    if (Number.isFinite(value)) {
      sum += value;
      count += 1;
    }
  }
  return count === 0 ? Number.NaN : sum / count;
}
