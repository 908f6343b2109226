import { rollingWindows, RollingWorkspace, windowPositions } from "./earlyWarningSignals.js";
import { emotionDifferentiation } from "./emotionDifferentiation.js";
import { iccConsistencyOfColumns } from "./iccConsistency.js";
import { pairMoments } from "./lag1Autocorrelation.js";
import { maximumMssd } from "./maximumMssd.js";
import { maximumVariance } from "./maximumVariance.js";
import { meanOfObserved } from "./meanOfObserved.js";
import { momentaryNonDifferentiationOfColumns } from "./momentaryNonDifferentiation.js";
import { mssdOfPairs } from "./mssd.js";
import { mssdPsych } from "./mssdPsych.js";
import { naMean } from "./naMean.js";
import { analysedVariables, NA_MEAN, naMeanBounds, type AnalysisOptions } from "./options.js";
import { pacOfPairs } from "./pac.js";
import type { PooledStatistics } from "./pooledStatistics.js";
import { outsideBounds } from "./relativeStandardDeviation.js";
import { sampleVarianceAround } from "./sampleStandardDeviation.js";
import { emptyPairs, samePairs, successivePairsInto } from "./successivePairs.js";
import { medianPositive, pairIntervalsInto, timeAdjustedMssdOfPairs } from "./timeAdjustedMssd.js";
import type { PersonSeries, SuccessivePairs } from "./types.js";

/**
 * One row of `cascade analyze` output: the metrics of one person and one variable. Keys are the CSV
 * column names (snake_case, the first ones as in `../shared/reference/fried2022_metrics.csv`). NaN
 * means undefined and is written as an empty cell.
 */
export interface PersonVariableMetrics {
  id: string;
  /** The person's group (from `--groups`), or undefined. */
  group: string | undefined;
  variable: string;
  /** Answered values. */
  n_obs: number;
  /** Valid pairs under the pair policy. */
  n_pairs: number;
  mean: number;
  sd: number;
  mssd: number;
  rmssd: number;
  /** psych::mssd's rule whatever the policy. */
  mssd_psych: number;
  pac: number;
  pac_cutoff: number;
  ac1: number;
  /** ICC(C,1) of the person's items (same on every variable row of the person). */
  icc3: number;
  /** ICC(C,k) of the person's items. */
  icc3k: number;
  /** Complete occasions (every item answered) behind the ICC. */
  n_complete: number;
  /** AR(1) slope of x[b+1] on person-centred x[b]. */
  ar1: number;
  /** Time-adjusted MSSD. */
  tmssd: number;
  /** The lambda used for `tmssd`. */
  tmssd_lambda: number;
  /** Valid pairs with a known positive interval. */
  n_pairs_timed: number;
  /** Median interval of the timed pairs, in hours (the reference interval of `tmssd`). */
  median_interval: number;
  /** Relative SD and relative MSSD (Mestdagh et al. 2018), and the maxima they divide by. */
  sd_rel: number;
  mssd_rel: number;
  sd_max: number;
  mssd_max: number;
  /** Emotion differentiation from the ICC (per the options). */
  ed: number;
  /** Mean momentary non-differentiation over complete occasions (Erbas et al.). */
  momentary_noned: number;
  /** Early-warning signals: number of windows and Kendall's tau of rolling variance and lag-1 autocorrelation. */
  ews_windows: number;
  ews_var_tau: number;
  ews_ac1_tau: number;
  /** Sum of the event column over the person's answered prompts (NaN without an event column). */
  events_reported: number;
}

/** The metric columns of `PersonVariableMetrics` in output order (after id, group and variable). */
export const METRIC_COLUMNS = [
  "n_obs", "n_pairs", "mean", "sd", "mssd", "rmssd", "mssd_psych", "pac", "pac_cutoff", "ac1", "icc3", "icc3k", "n_complete",
  "ar1", "tmssd", "tmssd_lambda", "n_pairs_timed", "median_interval", "sd_rel", "mssd_rel", "sd_max", "mssd_max",
  "ed", "momentary_noned", "ews_windows", "ews_var_tau", "ews_ac1_tau", "events_reported",
] as const satisfies readonly (keyof PersonVariableMetrics)[];

/** Person-level results shared by every variable row of a person. */
interface PersonLevel {
  icc3: number;
  icc3k: number;
  n_complete: number;
  ed: number;
  momentary_noned: number;
  events_reported: number;
}

function personLevel(person: PersonSeries, options: AnalysisOptions): PersonLevel {
  const columns = options.items.map((item) => person.variables[item]);
  const icc = iccConsistencyOfColumns(columns, { minimumOccasions: options.differentiation?.minimumOccasions ?? 3 });
  const chosen = (options.differentiation?.icc ?? "average") === "average" ? icc.average : icc.single;
  let eventsReported = Number.NaN;
  if (options.eventColumn !== undefined) {
    const events = person.variables[options.eventColumn];
    eventsReported = 0;
    for (let t = 0; t < events.length; t++) if (!Number.isNaN(events[t])) eventsReported += events[t];
  }
  return {
    icc3: icc.single,
    icc3k: icc.average,
    n_complete: icc.occasions,
    ed: emotionDifferentiation(chosen, options.differentiation),
    momentary_noned: meanOfObserved(momentaryNonDifferentiationOfColumns(columns)),
    events_reported: eventsReported,
  };
}

/**
 * Every metric of one person, one row per variable (the items, `na_mean`, the extra items), given the
 * pooled statistics of all persons (`PooledAccumulator`, or `analyzeDataset` which does both steps).
 *
 * Pipeline per variable: pairs under the policy -> n, mean, SD -> MSSD, RMSSD, psych MSSD -> PAC with
 * the pooled cutoff -> lag-1 autocorrelation and AR(1) slope -> time-adjusted MSSD -> relative SD and
 * MSSD (when the variable has scale bounds) -> early-warning signals. Person level (same on every
 * row): ICC(C,1), ICC(C,k), ED, momentary non-differentiation, reported events. `derived` is the
 * person's `na_mean` series (`naMean`), passed by callers that need it too.
 */
export function analyzePerson(person: PersonSeries, options: AnalysisOptions, pooled: PooledStatistics, derived: Float64Array = naMean(person, options.items)): PersonVariableMetrics[] {
  const shared = personLevel(person, options);
  const rows: PersonVariableMetrics[] = [];
  const n = person.day.length;
  const index = { day: person.day, beep: person.beep, time: person.time };
  const pairOptions = { ...index, pairs: options.pairs };
  const ewsOptions = options.ews === false ? undefined : { ...index, ...(options.ews ?? {}) };
  const ewsPairsShared = (options.ews === false ? undefined : options.ews?.pairs ?? "adjacent") === (options.pairs ?? "adjacent");
  const positions = options.ews === false ? undefined : windowPositions(n, index, options.ews?.unit ?? "prompts");
  const space = workspaceFor(n);
  let intervalsFor: SuccessivePairs | undefined;
  let reference = Number.NaN;
  for (const variable of analysedVariables(options)) {
    const values = variable === NA_MEAN ? derived : person.variables[variable];
    // Two pair buffers in turn: the previous variable's pairs stay readable, and when this variable
    // has the same pairs (the usual case: items missed together), its intervals are reused.
    const pairs = successivePairsInto(values, pairOptions, intervalsFor === space.pairsA ? space.pairsB : space.pairsA);
    if (intervalsFor === undefined || !samePairs(pairs, intervalsFor)) {
      pairIntervalsInto(pairs, person.time, space.intervals);
      reference = medianPositive(space.intervals, pairs.count, space.sorted);
    }
    intervalsFor = pairs;
    const intervals = space.intervals;
    const moments = pairs.count >= 3 ? pairMoments(pairs) : undefined;
    const nObserved = pairs.observed;
    const mean = meanOfObserved(values);
    const sd = Math.sqrt(sampleVarianceAround(values, mean));
    const mssdValue = mssdOfPairs(pairs);
    const lambda = pooled.lambdas[variable] ?? Number.NaN;
    const timed = timeAdjustedMssdOfPairs(pairs, intervals, lambda, reference);
    const bounds = variable === NA_MEAN ? naMeanBounds(options) : options.scales?.[variable];
    let sdMax = Number.NaN;
    let mssdMax = Number.NaN;
    if (bounds !== undefined && !outsideBounds(values, bounds)) {
      sdMax = Math.sqrt(maximumVariance(mean, bounds.min, bounds.max, nObserved));
      mssdMax = maximumMssd(mean, bounds.min, bounds.max, nObserved);
    }
    const ews = ewsOptions === undefined ? undefined : rollingWindows(values, ewsOptions, ewsPairsShared ? pairs : undefined, positions, space.windows);
    const cutoff = pooled.cutoffs[variable] ?? Number.NaN;
    rows.push({
      id: person.id,
      group: person.group,
      variable,
      n_obs: nObserved,
      n_pairs: pairs.count,
      mean,
      sd,
      mssd: mssdValue,
      rmssd: Math.sqrt(mssdValue),
      mssd_psych: mssdPsych(values),
      pac: pacOfPairs(pairs, cutoff, options.pac?.direction),
      pac_cutoff: cutoff,
      ac1: moments !== undefined && moments.sxx > 0 && moments.syy > 0 ? moments.sxy / Math.sqrt(moments.sxx * moments.syy) : Number.NaN,
      icc3: shared.icc3,
      icc3k: shared.icc3k,
      n_complete: shared.n_complete,
      ar1: moments !== undefined && moments.sxx > 0 ? moments.sxy / moments.sxx : Number.NaN,
      tmssd: timed.value,
      tmssd_lambda: lambda,
      n_pairs_timed: timed.timedPairs,
      median_interval: reference,
      sd_rel: sdMax > 0 ? sd / sdMax : Number.NaN,
      mssd_rel: mssdMax > 0 ? mssdValue / mssdMax : Number.NaN,
      sd_max: sdMax,
      mssd_max: mssdMax,
      ed: shared.ed,
      momentary_noned: shared.momentary_noned,
      ews_windows: ews === undefined ? Number.NaN : ews.count,
      ews_var_tau: ews === undefined ? Number.NaN : ews.varianceTau,
      ews_ac1_tau: ews === undefined ? Number.NaN : ews.ac1Tau,
      events_reported: shared.events_reported,
    });
  }
  return rows;
}

/** Arrays reused from one series and person to the next (analyzePerson runs to completion, so one set per thread suffices). */
interface Workspace {
  capacity: number;
  pairsA: SuccessivePairs;
  pairsB: SuccessivePairs;
  intervals: Float64Array;
  sorted: Float64Array;
  windows: RollingWorkspace;
}

let workspace: Workspace | undefined;

/** The workspace, with room for series of n occasions. */
function workspaceFor(n: number): Workspace {
  if (workspace === undefined || workspace.capacity < n) {
    const capacity = Math.max(n, 2 * (workspace?.capacity ?? 128));
    workspace = {
      capacity,
      pairsA: emptyPairs(capacity),
      pairsB: emptyPairs(capacity),
      intervals: new Float64Array(capacity),
      sorted: new Float64Array(capacity),
      windows: workspace?.windows ?? new RollingWorkspace(),
    };
  }
  return workspace;
}
