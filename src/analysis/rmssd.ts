import { mssd } from "./mssd.js";
import type { PairOptions } from "./successivePairs.js";

/**
 * Root mean square successive difference (RMSSD): the square root of the MSSD (`mssd.ts`), on the
 * scale of the items. Same pair policies and conventions as `mssd`; NaN when there is no valid pair.
 *
 * Reference: Jahng, S., Wood, P. K., & Trull, T. J. (2008). Psychological Methods 13(4), 354-375.
 * doi:10.1037/a0014173
 *
 * @example
 * rmssd([1, 3, 2, 4]); // => 1.7320508075688772 (sqrt of (4 + 1 + 4) / 3)
 */
export function rmssd(values: ArrayLike<number>, options: PairOptions = {}): number {
  return Math.sqrt(mssd(values, options));
}
