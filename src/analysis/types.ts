/**
 * Types shared by the analysis layer: one person's ESM series, pair policies and analysis options.
 *
 * Everything in `src/analysis/` is pure (no `node:` imports) so that notebooks and the browser
 * explorer can call it on in-memory data. File import lives in `src/io/import*.ts`.
 */

/**
 * Which successive values form a pair (SCIENCE.md, "Successive differences"):
 * - `adjacent` (default): beep b and beep b + 1 of the same person and day, both answered. Overnight
 *   pairs are never formed (de Haan-Rietdijk et al. 2017 show the bias they cause).
 * - `bridge`: consecutive answered beeps within a day, skipping missed ones.
 * - `psych`: psych::mssd's row-order rule: consecutive rows of the person (sorted by day and beep),
 *   both answered, across nights and gaps; MSSD then divides by n_obs - 1 as psych does.
 */
export type PairPolicy = "adjacent" | "bridge" | "psych";

/** The pair policies, in the order the documentation lists them. */
export const PAIR_POLICIES: readonly PairPolicy[] = ["adjacent", "bridge", "psych"];

/**
 * Where each value of a series sits in the study. Arrays are parallel to the values and sorted by
 * (day, beep). Missing `day` means one day; missing `beep` means beeps 1, 2, ..., n; missing `time`
 * means times unknown (time-adjusted metrics are then NaN).
 */
export interface OccasionIndex {
  /** Study day of each occasion (any integer numbering). */
  day?: ArrayLike<number>;
  /** Beep number within the day (consecutive scheduled prompts differ by 1). */
  beep?: ArrayLike<number>;
  /** Time of each occasion in hours (any origin); NaN where unknown. */
  time?: ArrayLike<number>;
}

/** One person's ESM series: occasions sorted by (day, beep), values NaN where not answered. */
export interface PersonSeries {
  /** Person identifier as it appears in the data. */
  id: string;
  /** Value of the grouping column (for group summaries), if any. */
  group?: string;
  /** Study day of each occasion. */
  day: Float64Array;
  /** Beep number of each occasion within its day. */
  beep: Float64Array;
  /** Time of each occasion in hours since 1970-01-01 00:00 (wall-clock time when no zone was given); NaN where unknown. */
  time: Float64Array;
  /** Values by variable name (items, extra items, event counts); NaN where missing. */
  variables: Record<string, Float64Array>;
}

/** The successive-difference pairs of one series. */
export interface SuccessivePairs {
  /** Value at the earlier occasion of each pair. */
  first: Float64Array;
  /** Value at the later occasion of each pair. */
  second: Float64Array;
  /** Occasion index (into the series) of the earlier value of each pair. */
  firstIndex: Int32Array;
  /** Occasion index of the later value of each pair. */
  secondIndex: Int32Array;
  /** Number of pairs (the arrays may be longer). */
  count: number;
  /** The policy that formed them. */
  policy: PairPolicy;
  /** Number of answered values in the series (psych's MSSD divides by this minus 1). */
  observed: number;
}

/** Response-scale bounds of a variable, for relative variability. */
export interface ScaleBounds {
  min: number;
  max: number;
}
