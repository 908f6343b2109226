import type { DifferentiationOptions } from "./emotionDifferentiation.js";
import type { EarlyWarningOptions } from "./earlyWarningSignals.js";
import type { PacDirection } from "./pac.js";
import type { PairPolicy, ScaleBounds } from "./types.js";

/** Options of `analyzePerson` and `analyzeDataset`; every default is stated. */
export interface AnalysisOptions {
  /** The negative-affect items: analysed one by one, averaged into `na_mean`, and used for the ICC. */
  items: readonly string[];
  /** Further variables analysed one by one but not part of `na_mean` or the ICC (for example rumination, urge). */
  extraItems?: readonly string[];
  /** Pair policy of the successive-difference metrics. Default `adjacent`. */
  pairs?: PairPolicy;
  /** PAC: the cutoff and direction. */
  pac?: {
    /**
     * `pooled` (default): the `probability` quantile of |difference| over every person's valid pairs;
     * a number: a fixed cutoff for every variable; a record: a fixed cutoff per variable.
     */
    cutoff?: "pooled" | number | Readonly<Record<string, number>>;
    /** Quantile of the pooled cutoff. Default 0.9. */
    probability?: number;
    /** Take the pooled cutoff from this group's persons only (a reference group). */
    referenceGroup?: string;
    /** Default `absolute`. */
    direction?: PacDirection;
  };
  /** Time-adjusted MSSD exponent: a number, or `estimate` (default) for the pooled per-variable estimate. */
  lambda?: number | "estimate";
  /** Scale bounds per variable, for relative variability (no bounds: those columns are empty). */
  scales?: Readonly<Record<string, ScaleBounds>>;
  /** Emotion differentiation: which ICC the `ed` column reverses (default `average`, ICC(C,k)), index and negative policy. */
  differentiation?: DifferentiationOptions & { icc?: "average" | "single"; minimumOccasions?: number };
  /** Early-warning signals per person and variable; `false` to skip. Default: prompt windows of half the series. */
  ews?: Omit<EarlyWarningOptions, "day" | "beep" | "time"> | false;
  /** Column with event counts (for example `nssi`), summed per person into `events_reported`. */
  eventColumn?: string;
}

/** The variables analysed one by one, in output order: items, `na_mean`, extra items. */
export function analysedVariables(options: AnalysisOptions): string[] {
  return [...options.items, NA_MEAN, ...(options.extraItems ?? [])];
}

/** Name of the derived variable: the mean of the items at occasions where every item was answered. */
export const NA_MEAN = "na_mean";

/** Scale bounds of `na_mean`: those of the items when they all share one scale. */
export function naMeanBounds(options: AnalysisOptions): ScaleBounds | undefined {
  const scales = options.items.map((item) => options.scales?.[item]);
  const first = scales[0];
  if (first === undefined || scales.some((s) => s === undefined || s.min !== first.min || s.max !== first.max)) return undefined;
  return first;
}
