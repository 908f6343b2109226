/**
 * The quantile of a distribution symmetric about 0, from a solver for its lower tail.
 *
 * Works with the smaller tail q = min(p, 1 - p) so that `lowerTail = false` keeps the precision of
 * tiny upper-tail probabilities, calls `solveLowerTail(q)` (which returns the negative x with
 * P(X <= x) = q, for 0 < q < 1/2) and reflects the result when it lies above the median. Returns
 * ±Infinity at p = 0 or 1, 0 at p = 1/2 and NaN for p outside [0, 1]. Internal to the normal and t
 * quantile functions.
 */
export function symmetricQuantile(p: number, lowerTail: boolean, solveLowerTail: (q: number) => number): number {
  if (!(p >= 0 && p <= 1)) return Number.NaN;
  const smallerTail = p <= 0.5 ? p : 1 - p;
  // Above the median: a lower-tail p above 1/2, or an upper-tail p at most 1/2.
  const aboveMedian = (p <= 0.5) !== lowerTail;
  if (smallerTail === 0) return aboveMedian ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  if (smallerTail === 0.5) return 0;
  const quantile = solveLowerTail(smallerTail);
  return aboveMedian ? -quantile : quantile;
}
