/** The extreme values of `extremeComposition`. */
export interface ExtremeComposition {
  n: number;
  min: number;
  max: number;
  mean: number;
  /** Number of values at `min`. */
  nMin: number;
  /** Number of values at `max`. */
  nMax: number;
  /** The one value in between (equal to a bound in degenerate cases). */
  middle: number;
}

/**
 * The values that make the variability of n values with mean M on the scale [min, max] largest:
 * n_max values at max, n_min at min and at most one value m in between (Mestdagh et al. 2018).
 *
 * Why: variance and MSSD are convex functions of the values, so their maximum over the polytope
 * { x in [min, max]^n : mean(x) = M } lies at a vertex, and a vertex of that polytope has at least
 * n - 1 coordinates at a bound. The mean then fixes the counts:
 *
 *     n_max = floor(n (M - min) / (max - min)),  n_min = n - 1 - n_max,
 *     m = n M - n_min min - n_max max  (in [min, max]).
 *
 * Returns undefined when the question has no answer: n < 1, min >= max, or M outside [min, max]
 * (beyond a tolerance of 1e-9 of the range, which absorbs rounding of a mean at a bound).
 *
 * Reference: Mestdagh, M., Pe, M., Pestman, W., Verdonck, S., Kuppens, P., & Tuerlinckx, F. (2018).
 * Sidelining the mean: The relative variability index as a generic mean-corrected variability
 * measure for bounded variables. Psychological Methods 23(4), 690-707. doi:10.1037/met0000153
 *
 * @example
 * extremeComposition(2.5, 1, 5, 4); // => { n: 4, min: 1, max: 5, mean: 2.5, nMin: 2, nMax: 1, middle: 3 }
 */
export function extremeComposition(mean: number, min: number, max: number, n: number): ExtremeComposition | undefined {
  const range = max - min;
  if (!(n >= 1) || !(range > 0) || Number.isNaN(mean)) return undefined;
  const tolerance = 1e-9 * range;
  if (mean < min - tolerance || mean > max + tolerance) return undefined;
  const clamped = Math.min(max, Math.max(min, mean));
  let nMax = Math.floor((n * (clamped - min)) / range + 1e-9);
  if (nMax > n - 1) nMax = n - 1;
  if (nMax < 0) nMax = 0;
  const nMin = n - 1 - nMax;
  let middle = n * clamped - nMin * min - nMax * max;
  middle = Math.min(max, Math.max(min, middle));
  return { n, min, max, mean: clamped, nMin, nMax, middle };
}
