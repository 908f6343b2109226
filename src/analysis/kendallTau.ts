/**
 * Kendall's rank correlation tau-b between x and y, with the correction for ties of Kendall (1945),
 * as R's `cor(x, y, method = "kendall")`:
 *
 *     tau_b = (n_c - n_d) / sqrt((n_0 - n_1)(n_0 - n_2)),  n_0 = n (n - 1) / 2,
 *
 * n_c and n_d the concordant and discordant pairs, n_1 and n_2 the pairs tied in x and in y. Used
 * for the trend of early-warning indicators over rolling windows (a positive tau: the indicator
 * rises over time). Pairs where either value is NaN are dropped first. NaN for fewer than 2 pairs or
 * when x or y is constant.
 *
 * Computed in O(n log n) by Knight's (1966) method: sort by (x, y), count the ties, then count the
 * discordant pairs as the exchanges of a merge sort of y.
 *
 * References: Kendall, M. G. (1945). The treatment of ties in ranking problems. Biometrika 33(3),
 * 239-251. doi:10.1093/biomet/33.3.239. Knight, W. R. (1966). A computer method for calculating
 * Kendall's tau with ungrouped data. Journal of the American Statistical Association 61(314),
 * 436-439. doi:10.1080/01621459.1966.10480879
 *
 * @example
 * kendallTau([1, 2, 3, 4], [1, 3, 2, 4]); // => 0.6666666666666666
 * kendallTau([1, 2, 3], [3, 2, 1]);       // => -1
 */
export function kendallTau(x: ArrayLike<number>, y: ArrayLike<number>): number {
  return kendallTauOfFirst(x, y, Math.min(x.length, y.length));
}

/** `kendallTau` of the first `length` entries of x and y (for arrays reused with room to spare). */
export function kendallTauOfFirst(x: ArrayLike<number>, y: ArrayLike<number>, length: number): number {
  let n = 0;
  let increasing = true;
  let previous = -Infinity;
  for (let i = 0; i < length; i++) {
    if (Number.isNaN(x[i]) || Number.isNaN(y[i])) continue;
    if (!(x[i] > previous)) increasing = false;
    previous = x[i];
    n++;
  }
  if (n < 2) return Number.NaN;
  if (increasing) return tauAgainstOrder(x, y, length, n);
  const keep = new Int32Array(n);
  for (let i = 0, k = 0; i < length; i++) if (!Number.isNaN(x[i]) && !Number.isNaN(y[i])) keep[k++] = i;
  keep.sort((a, b) => x[a] - x[b] || y[a] - y[b]);
  let tiedX = 0;
  let tiedBoth = 0;
  let runX = 1;
  let runBoth = 1;
  for (let i = 1; i <= n; i++) {
    const sameX = i < n && x[keep[i - 1]] === x[keep[i]];
    const sameBoth = sameX && y[keep[i - 1]] === y[keep[i]];
    if (sameX) runX++;
    else {
      tiedX += (runX * (runX - 1)) / 2;
      runX = 1;
    }
    if (sameBoth) runBoth++;
    else {
      tiedBoth += (runBoth * (runBoth - 1)) / 2;
      runBoth = 1;
    }
  }
  const values = new Float64Array(n);
  for (let k = 0; k < n; k++) values[k] = y[keep[k]];
  const exchanges = mergeSortCountingExchanges(values, new Float64Array(n), 0, n);
  const tiedY = tiedPairsOfSorted(values, n);
  const total = (n * (n - 1)) / 2;
  const denominator = Math.sqrt((total - tiedX) * (total - tiedY));
  if (!(denominator > 0)) return Number.NaN;
  // n_c - n_d = n_0 - n_1 - n_2 + n_3 - 2 n_d (Knight 1966)
  return (total - tiedX - tiedY + tiedBoth - 2 * exchanges) / denominator;
}

/** Pairs of equal values among the first n entries of sorted `values` (sum of t (t - 1) / 2 over runs). */
function tiedPairsOfSorted(values: Float64Array, n: number): number {
  let tied = 0;
  let run = 1;
  for (let i = 1; i <= n; i++) {
    if (i < n && values[i - 1] === values[i]) run++;
    else {
      tied += (run * (run - 1)) / 2;
      run = 1;
    }
  }
  return tied;
}

/** Scratch arrays of `tauAgainstOrder`, grown as needed and reused (no allocation per call). */
let scratchValues = new Float64Array(256);
let scratchBuffer = new Float64Array(256);

/**
 * tau-b when x increases strictly (no ties in x), as for a statistic against window ends: then
 * n_1 = n_3 = 0, and n_c - n_d = n_0 - n_2 - 2 n_d with n_d the strictly inverted pairs of y in x
 * order, counted by a merge sort of y in O(n log n) (Knight 1966) on reused scratch arrays. Every
 * count is an integer, so the result is exactly that of counting sign(y_j - y_i) over all pairs.
 */
function tauAgainstOrder(x: ArrayLike<number>, y: ArrayLike<number>, length: number, n: number): number {
  if (scratchValues.length < n) {
    scratchValues = new Float64Array(2 * n);
    scratchBuffer = new Float64Array(2 * n);
  }
  const values = scratchValues;
  let k = 0;
  for (let i = 0; i < length; i++) if (!Number.isNaN(x[i]) && !Number.isNaN(y[i])) values[k++] = y[i];
  const exchanges = mergeSortCountingExchanges(values, scratchBuffer, 0, n);
  const tiedY = tiedPairsOfSorted(values, n);
  const total = (n * (n - 1)) / 2;
  const denominator = Math.sqrt(total * (total - tiedY));
  return denominator > 0 ? (total - tiedY - 2 * exchanges) / denominator : Number.NaN;
}

/**
 * Sorts values[start, end) ascending by a bottom-up merge sort; returns the number of strictly
 * inverted pairs (the exchanges of Knight's method).
 */
function mergeSortCountingExchanges(values: Float64Array, buffer: Float64Array, start: number, end: number): number {
  let exchanges = 0;
  let source = values;
  let target = buffer;
  for (let width = 1; width < end - start; width *= 2) {
    for (let left = start; left < end; left += 2 * width) {
      const middle = Math.min(left + width, end);
      const right = Math.min(left + 2 * width, end);
      let i = left;
      let j = middle;
      let out = left;
      while (i < middle && j < right) {
        if (source[i] <= source[j]) target[out++] = source[i++];
        else {
          exchanges += middle - i;
          target[out++] = source[j++];
        }
      }
      while (i < middle) target[out++] = source[i++];
      while (j < right) target[out++] = source[j++];
    }
    const swap = source;
    source = target;
    target = swap;
  }
  if (source !== values) values.set(source.subarray(start, end), start);
  return exchanges;
}
