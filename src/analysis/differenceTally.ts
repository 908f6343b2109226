import { quantileType7FromOrder } from "./quantileType7.js";

/** Whole numbers from -SMALL_OFFSET to SMALL_OFFSET - 1 are counted in an array rather than a map (faster). */
const SMALL_OFFSET = 512;

/**
 * Exact counts of distinct values, for quantiles over more values than one wants to keep: the pooled
 * PAC cutoff is the 90th percentile of |difference| over every person's valid pairs, which a
 * streaming analysis sees one person at a time.
 *
 * Memory grows with the number of DISTINCT values, not with the number of values: differences of
 * items on a response scale take few distinct values (a 1-7 item: at most 7), so a file of any size
 * needs a few hundred bytes (plus a fixed 8 KB array that counts whole numbers from -512 to 511
 * without a map lookup). Continuous data (for example latent states) keep one entry per distinct
 * value; the quantile is exact in every case.
 *
 * @example
 * const tally = new DifferenceTally();
 * for (const d of [0, 1, 0, 2, 1]) tally.add(d);
 * tally.quantile(0.9); // => 1.6, as R's quantile(c(0, 1, 0, 2, 1), 0.9)
 */
export class DifferenceTally {
  /** Counts of the whole numbers -SMALL_OFFSET .. SMALL_OFFSET - 1 (the usual differences of scale items), by value + SMALL_OFFSET. */
  private readonly small = new Float64Array(2 * SMALL_OFFSET);
  /** Counts of every other value. */
  private readonly counts = new Map<number, number>();
  private total = 0;

  /** Adds one value (NaN is ignored). */
  add(value: number): void {
    if (Number.isNaN(value)) return;
    const slot = value + SMALL_OFFSET; // -0 and 0 share a slot
    if (slot >= 0 && slot < 2 * SMALL_OFFSET && Number.isInteger(value)) this.small[slot]++;
    else this.counts.set(value, (this.counts.get(value) ?? 0) + 1);
    this.total++;
  }

  /** Adds every value counted by another tally. */
  merge(other: DifferenceTally): void {
    for (let slot = 0; slot < other.small.length; slot++) this.small[slot] += other.small[slot];
    for (const [value, count] of other.counts) this.counts.set(value, (this.counts.get(value) ?? 0) + count);
    this.total += other.total;
  }

  /** Number of values added. */
  get count(): number {
    return this.total;
  }

  /** Number of distinct values kept. */
  get distinct(): number {
    let distinct = this.counts.size;
    for (let slot = 0; slot < this.small.length; slot++) if (this.small[slot] > 0) distinct++;
    return distinct;
  }

  /** The distinct values with their counts, in increasing order. */
  private sortedCounts(): { values: number[]; counts: number[] } {
    const entries: [number, number][] = [...this.counts];
    for (let slot = 0; slot < this.small.length; slot++) if (this.small[slot] > 0) entries.push([slot - SMALL_OFFSET, this.small[slot]]);
    entries.sort((a, b) => a[0] - b[0]);
    return { values: entries.map((entry) => entry[0]), counts: entries.map((entry) => entry[1]) };
  }

  /** The type-7 quantile (R's default) of the values added; NaN when none. Cost O(d log d), d distinct values. */
  quantile(probability: number): number {
    const { values, counts } = this.sortedCounts();
    const cumulative: number[] = [];
    let running = 0;
    for (const count of counts) {
      running += count;
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
