/**
 * Compensated (Kahan-Babuska-Neumaier) summation.
 *
 * Adding many numbers of different magnitude in floating point loses the low-order digits of the
 * small ones; the compensated sum carries the lost part in a second variable and adds it back at the
 * end, so the error does not grow with the number of terms. Used by every mean, variance and MSSD in
 * this folder. Cost: O(n), about four times a naive sum.
 *
 * Reference: Neumaier, A. (1974). Rundungsfehleranalyse einiger Verfahren zur Summation endlicher
 * Summen. ZAMM 54(1), 39-51. doi:10.1002/zamm.19740540106
 *
 * @example
 * compensatedSum([1e16, 1, -1e16]); // => 1 (a naive sum gives 0)
 */
export class CompensatedSum {
  private sum = 0;
  private compensation = 0;

  /** Adds one term. */
  add(value: number): void {
    const total = this.sum + value;
    if (Math.abs(this.sum) >= Math.abs(value)) this.compensation += this.sum - total + value;
    else this.compensation += value - total + this.sum;
    this.sum = total;
  }

  /** The sum of the terms added so far. */
  get value(): number {
    return this.sum + this.compensation;
  }

  /** Forgets every term. */
  reset(): void {
    this.sum = 0;
    this.compensation = 0;
  }
}

/** Compensated sum of the finite and non-finite numbers in `values` (NaN propagates). */
export function compensatedSum(values: ArrayLike<number>): number {
  const accumulator = new CompensatedSum();
  for (let i = 0; i < values.length; i++) accumulator.add(values[i]);
  return accumulator.value;
}
