import { extremeComposition } from "./extremeComposition.js";

/**
 * The largest sample variance (denominator n - 1) that n values with mean M can have on the scale
 * [a, b]: Mestdagh et al.'s (2018) published formula,
 *
 *     n_b = floor(n (M - a) / (b - a)),  n_a = n - 1 - n_b,  m = n M - n_a a - n_b b,
 *     V_max = [ n_a (a - M)^2 + n_b (b - M)^2 + (M - m)^2 ] / (n - 1).
 *
 * It is 0 when M is at a bound. NaN when n < 2, a >= b, or M lies outside [a, b]. Cost O(1).
 *
 * Reference: Mestdagh, M., Pe, M., Pestman, W., Verdonck, S., Kuppens, P., & Tuerlinckx, F. (2018).
 * Psychological Methods 23(4), 690-707. doi:10.1037/met0000153
 *
 * @example
 * maximumVariance(2.5, 1, 5, 4); // => 3.6666666666666665 (the values 1, 1, 3, 5)
 */
export function maximumVariance(mean: number, min: number, max: number, n: number): number {
  if (!(n >= 2)) return Number.NaN;
  const composition = extremeComposition(mean, min, max, n);
  if (composition === undefined) return Number.NaN;
  const { nMin, nMax, middle, mean: m } = composition;
  if (m === min || m === max) return 0;
  return (nMin * (min - m) ** 2 + nMax * (max - m) ** 2 + (m - middle) ** 2) / (n - 1);
}
