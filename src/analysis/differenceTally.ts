import { quantileType7FromOrder } from "./quantileType7.js";

/**
 * Exact counts of distinct values, for quantiles over more values than one wants to keep: the pooled
 * PAC cutoff is the 90th percentile of |difference| over every person's valid pairs, which a
 * streaming analysis sees one person at a time.
 *
 * Memory grows with the number of DISTINCT values, not with the number of values: differences of
 * items on a response scale take few distinct values (a 1-7 item: at most 7), so a file of any size
 * needs a few hundred bytes. Continuous data (for example latent states) keep one entry per distinct
 * value; the quantile is exact in every case.
 *
 * @example
 * const tally = new DifferenceTally();
 * for (const d of [0, 1, 0, 2, 1]) tally.add(d);
 * tally.quantile(0.9); // => 1.6, as R's quantile(c(0, 1, 0, 2, 1), 0.9)
 */
export class DifferenceTally {
  private readonly counts = new Map<number, number>();
  private total = 0;

  /** Adds one value (NaN is ignored). */
  add(value: number): void {
    if (Number.isNaN(value)) return;
    const key = value === 0 ? 0 : value; // -0 and 0 are the same value
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.total++;
  }

  /** Adds every value counted by another tally. */
  merge(other: DifferenceTally): void {
    for (const [value, count] of other.counts) {
      this.counts.set(value, (this.counts.get(value) ?? 0) + count);
      this.total += count;
    }
  }

  /** Number of values added. */
  get count(): number {
    return this.total;
  }

  /** Number of distinct values kept. */
  get distinct(): number {
    return this.counts.size;
  }

  /** The type-7 quantile (R's default) of the values added; NaN when none. Cost O(d log d), d distinct values. */
  quantile(probability: number): number {
    const values = [...this.counts.keys()].sort((a, b) => a - b);
    const cumulative: number[] = [];
    let running = 0;
    for (const value of values) {
      running += this.counts.get(value) ?? 0;
      cumulative.push(running);
    }
    const orderStatistic = (rank: number): number => {
      let low = 0;
      let high = cumulative.length - 1;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (cumulative[middle] > rank) high = middle;
        else low = middle + 1;
      }
      return values[low];
    };
    return quantileType7FromOrder(orderStatistic, this.total, probability);
  }
}
