/**
 * How an ICC becomes an emotion-differentiation score: `one-minus-icc` (ED = 1 - ICC, the default) or
 * `fisher-z` (ED = -atanh(ICC), the Fisher-z transformed ICC with its sign reversed).
 */
export type DifferentiationIndex = "one-minus-icc" | "fisher-z";

/** What to do with a negative ICC: `missing` (default, emodiff's recommendation) or `keep`. */
export type NegativeIccPolicy = "missing" | "keep";

/** Options of `emotionDifferentiation`. */
export interface DifferentiationOptions {
  /** Default `one-minus-icc`. */
  index?: DifferentiationIndex;
  /** Default `missing`. */
  negative?: NegativeIccPolicy;
}

/**
 * Emotion differentiation (ED) from a person's consistency ICC across negative-emotion items (see
 * `iccConsistency`): a high ICC means the items move together (low differentiation), so ED reverses
 * it. A negative ICC (items moving against each other, usually noise with few occasions) is set to
 * missing by default, as the emodiff package recommends, or kept.
 *
 *     one-minus-icc:  ED = 1 - ICC
 *     fisher-z:       ED = -atanh(ICC) = -0.5 ln((1 + ICC) / (1 - ICC))   (NaN for |ICC| >= 1)
 *
 * NaN when the ICC is NaN, or negative under the `missing` policy.
 *
 * References: Fisher, R. A. (1915). Frequency distribution of the values of the correlation
 * coefficient in samples from an indefinitely large population. Biometrika 10(4), 507-521.
 * doi:10.2307/2331838. Kalokerinos, E. K., Erbas, Y., Ceulemans, E., & Kuppens, P. (2019).
 * Psychological Science 30(6), 863-879. doi:10.1177/0956797619838763
 *
 * @example
 * emotionDifferentiation(0.8);                        // => 0.19999999999999996
 * emotionDifferentiation(0.5, { index: "fisher-z" }); // => -0.5493061443340548
 * emotionDifferentiation(-0.1);                       // => NaN
 */
export function emotionDifferentiation(icc: number, options: DifferentiationOptions = {}): number {
  if (Number.isNaN(icc)) return Number.NaN;
  if (icc < 0 && (options.negative ?? "missing") === "missing") return Number.NaN;
  if ((options.index ?? "one-minus-icc") === "one-minus-icc") return 1 - icc;
  return Math.abs(icc) >= 1 ? Number.NaN : -Math.atanh(icc);
}
