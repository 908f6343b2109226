/**
 * Sample quantile by Hyndman and Fan's definition 7 (R's default `quantile(x, p, type = 7)`):
 * with the sorted values x(1) <= ... <= x(n), h = (n - 1) p + 1, the quantile is
 * x(floor h) + (h - floor h) (x(floor h + 1) - x(floor h)), linear interpolation between order
 * statistics. NaN for an empty input. Cost O(1) on sorted input.
 *
 * Reference: Hyndman, R. J., & Fan, Y. (1996). Sample quantiles in statistical packages. The American
 * Statistician 50(4), 361-365. doi:10.1080/00031305.1996.10473566
 *
 * @example
 * quantileType7Sorted([0, 0, 1, 1, 2], 0.9); // => 1.6
 */
export function quantileType7Sorted(sorted: ArrayLike<number>, probability: number): number {
  return quantileType7FromOrder((rank) => sorted[rank], sorted.length, probability);
}

/**
 * The type-7 quantile from any accessor of the order statistics (`orderStatistic(k)` = the k-th
 * smallest value, k from 0), for data kept as counts of distinct values (`DifferenceTally`).
 */
export function quantileType7FromOrder(orderStatistic: (rank: number) => number, count: number, probability: number): number {
  if (count === 0 || !(probability >= 0 && probability <= 1)) return Number.NaN;
  const h = (count - 1) * probability;
  const lower = Math.floor(h);
  const low = orderStatistic(lower);
  if (lower + 1 >= count) return low;
  const fraction = h - lower;
  if (fraction === 0) return low;
  const high = orderStatistic(lower + 1);
  return low + fraction * (high - low);
}
