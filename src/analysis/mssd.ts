import { CompensatedSum } from "./compensatedSum.js";
import { successivePairs, type PairOptions } from "./successivePairs.js";
import type { SuccessivePairs } from "./types.js";

/**
 * Mean square successive difference (MSSD) of the pairs already formed: the mean of
 * (second - first)^2 over the valid pairs. Under the `psych` policy the sum is divided by
 * n_obs - 1 instead of the number of pairs, as psych::mssd does. NaN when there is no pair
 * (psych: fewer than two observations).
 */
export function mssdOfPairs(pairs: SuccessivePairs): number {
  const sum = new CompensatedSum();
  for (let i = 0; i < pairs.count; i++) {
    const difference = pairs.second[i] - pairs.first[i];
    sum.add(difference * difference);
  }
  if (pairs.policy === "psych") return pairs.observed < 2 ? Number.NaN : sum.value / (pairs.observed - 1);
  return pairs.count === 0 ? Number.NaN : sum.value / pairs.count;
}

/**
 * Mean square successive difference (MSSD), the standard ESM index of instability: the mean of the
 * squared differences between successive values, over the pairs of the chosen policy (`adjacent` by
 * default: beep b and b + 1 of the same day, both answered; see `successivePairs`).
 *
 *     MSSD = (1 / P) * sum over valid pairs (x[b+1] - x[b])^2
 *
 * For a stationary series with variance sigma^2 and lag-1 autocorrelation rho1, E[MSSD] =
 * 2 sigma^2 (1 - rho1): it mixes variability and inertia. Unchanged when a constant is added to every
 * value; multiplied by c^2 when every value is multiplied by c. Returns NaN when there is no valid
 * pair. Cost O(n).
 *
 * Conventions differ between packages on the same data (SCIENCE.md): for x = (1, NA, 3, 4),
 * `adjacent` gives 1, `bridge` gives (4 + 1) / 2 = 2.5, `psych` gives 1 / (3 - 1) = 0.5.
 *
 * References: von Neumann, J., Kent, R. H., Bellinson, H. R., & Hart, B. I. (1941). The mean square
 * successive difference. Annals of Mathematical Statistics 12(2), 153-162.
 * doi:10.1214/aoms/1177731746. Jahng, S., Wood, P. K., & Trull, T. J. (2008). Analysis of affective
 * instability in ecological momentary assessment: Indices using successive difference and group
 * comparison via multilevel modeling. Psychological Methods 13(4), 354-375. doi:10.1037/a0014173
 *
 * @example
 * mssd([1, NaN, 3, 4]);                     // => 1
 * mssd([1, NaN, 3, 4], { pairs: "bridge" }); // => 2.5
 * mssd([1, NaN, 3, 4], { pairs: "psych" });  // => 0.5
 * mssd([1, 2, 4], { day: [1, 2, 2] });       // => 4 (the overnight pair 1 -> 2 is not formed)
 */
export function mssd(values: ArrayLike<number>, options: PairOptions = {}): number {
  return mssdOfPairs(successivePairs(values, options));
}
