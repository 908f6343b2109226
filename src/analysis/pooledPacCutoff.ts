import { DifferenceTally } from "./differenceTally.js";
import { successivePairs, type PairOptions } from "./successivePairs.js";
import type { PacDirection } from "./pac.js";
import type { SuccessivePairs } from "./types.js";

/** Adds the pairs' changes (|difference|, or the signed difference for `worsening`) to a tally. */
export function tallyPairChanges(tally: DifferenceTally, pairs: SuccessivePairs, direction: PacDirection = "absolute"): void {
  for (let i = 0; i < pairs.count; i++) {
    const difference = pairs.second[i] - pairs.first[i];
    tally.add(direction === "absolute" ? Math.abs(difference) : difference);
  }
}

/**
 * The pooled PAC cutoff: the `probability` quantile (default 0.9, R type 7) of |difference| over the
 * valid pairs of every series given (every person's series of one variable, or a reference group's).
 * With `worsening` the quantile is taken over the signed differences. NaN when there is no pair.
 *
 * Streaming code adds persons one at a time to a `DifferenceTally` with `tallyPairChanges` instead.
 *
 * Reference: the convention of `../shared/reference/make_reference.R`; Jahng et al. (2008)
 * doi:10.1037/a0014173 and Trull et al. (2008) doi:10.1037/a0012532 use a fixed clinical cutoff
 * instead, which the `cutoff` option of `pac` takes.
 *
 * @example
 * pooledPacCutoff([[1, 2, 4], [5, 5, 6]]); // => 1.7 (|differences| 1, 2, 0, 1)
 */
export function pooledPacCutoff(
  series: ReadonlyArray<({ values: ArrayLike<number> } & PairOptions) | ArrayLike<number>>,
  options: { probability?: number; direction?: PacDirection; pairs?: PairOptions["pairs"] } = {},
): number {
  const tally = new DifferenceTally();
  for (const entry of series) {
    const plain = Array.isArray(entry) || ArrayBuffer.isView(entry);
    const withIndex: { values: ArrayLike<number> } & PairOptions = plain ? { values: entry as ArrayLike<number> } : (entry as { values: ArrayLike<number> } & PairOptions);
    const pairs = successivePairs(withIndex.values, { ...withIndex, pairs: options.pairs ?? withIndex.pairs });
    tallyPairChanges(tally, pairs, options.direction);
  }
  return tally.quantile(options.probability ?? 0.9);
}
