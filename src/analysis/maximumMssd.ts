import { extremeComposition } from "./extremeComposition.js";

/** Most runs (maximal blocks of equal values) that x values of one kind and y of another can form. */
function mostRuns(x: number, y: number): number {
  return x === y ? 2 * x : 2 * Math.min(x, y) + 1;
}

/**
 * The largest MSSD that n successive values with mean M can have on the scale [a, b] (one series,
 * pairs between consecutive values, denominator n - 1), found by an exact search.
 *
 * Why it is exact:
 * 1. MSSD is a convex function of the values, so its maximum over { x in [a, b]^n : mean(x) = M } is
 *    at a vertex: n_a values at a, n_b at b and one value m between them (`extremeComposition`, the
 *    same counts as the maximum variance).
 * 2. What remains is the ORDER of that multiset. With D = b - a, every a-b neighbourhood adds D^2;
 *    m adds (m - a)^2 or (b - m)^2 for each neighbour. Where m sits decides what the a/b sequence
 *    around it may look like, and the sequence then has at most as many a-b changes as its runs
 *    allow (x values of one kind and y of the other form at most 2 min(x, y) + 1 runs, 2x if x = y):
 *    - m at an end beside an `a`: the a/b sequence must end in `a`;
 *    - m between two `a`s: the sequence needs a run of at least two `a`s;
 *    - the same with `b`; and m between an `a` and a `b`, which costs one change.
 *    The largest of these candidates is the maximum. Cost O(1).
 *
 * A test checks this against brute-force enumeration of every sequence on integer grids, and
 * against a dynamic program over all orders.
 *
 * Mestdagh et al. (2018) give a search over candidate patterns for the same quantity (their R code,
 * `maximumMSSD`); this is a derivation of ours with a proof, not a port of theirs. The relative MSSD of
 * `cascade analyze` divides the MSSD of the chosen pair policy by this maximum with n = n_obs.
 *
 * Returns NaN when n < 2, a >= b, or M is outside [a, b]; 0 when M is at a bound.
 *
 * Reference: Mestdagh, M., Pe, M., Pestman, W., Verdonck, S., Kuppens, P., & Tuerlinckx, F. (2018).
 * Psychological Methods 23(4), 690-707. doi:10.1037/met0000153
 *
 * @example
 * maximumMssd(3, 1, 5, 3); // => 10 (the series 5, 1, 3: (16 + 4) / 2)
 */
export function maximumMssd(mean: number, min: number, max: number, n: number): number {
  if (!(n >= 2)) return Number.NaN;
  const composition = extremeComposition(mean, min, max, n);
  if (composition === undefined) return Number.NaN;
  let { nMin, nMax } = composition;
  const { middle } = composition;
  if (composition.mean === min || composition.mean === max) return 0;
  const range = max - min;
  const squaredRange = range * range;
  const belowMiddle = (middle - min) ** 2;
  const aboveMiddle = (max - middle) ** 2;
  if (belowMiddle === 0 || aboveMiddle === 0) {
    // m coincides with a bound: the multiset is nMin + nMax + 1 values at the bounds.
    if (belowMiddle === 0) nMin += 1;
    else nMax += 1;
    return (squaredRange * (mostRuns(nMin, nMax) - 1)) / (n - 1);
  }
  let best = 0;
  const consider = (changes: number, middleTerms: number): void => {
    const total = squaredRange * changes + middleTerms;
    if (total > best) best = total;
  };
  // m at an end, beside a value of kind x (the a/b sequence ends in x): at most 2 min(n_x, n_y) + 1
  // runs with x at both ends when n_x > n_y, otherwise 2 n_x runs.
  const changesEndingIn = (x: number, y: number): number => (x >= y + 1 ? 2 * y : 2 * x - 1);
  if (nMin >= 1) consider(changesEndingIn(nMin, nMax), belowMiddle);
  if (nMax >= 1) consider(changesEndingIn(nMax, nMin), aboveMiddle);
  // m between two values of the same kind: that kind needs a run of length >= 2.
  if (nMin >= 2) consider(mostRuns(nMin - 1, nMax) - 1, 2 * belowMiddle);
  if (nMax >= 2) consider(mostRuns(nMax - 1, nMin) - 1, 2 * aboveMiddle);
  // m between an a and a b: one a-b change is split.
  if (nMin >= 1 && nMax >= 1) consider(mostRuns(nMin, nMax) - 2, belowMiddle + aboveMiddle);
  return best / (n - 1);
}
