/**
 * The explorer's metrics panel: what an ESM study estimates from the answered prompts, next to the
 * true values from the simulated person's latent path.
 *
 * Three columns, each removing one limitation of a real study:
 *
 * 1. **study**: the analysis module's metrics (src/analysis, the functions `cascade analyze` uses, with
 *    its defaults: adjacent pairs within a day) of the recorded negative affect `na_mean` (the mean of
 *    the emotion items at prompts where every item was answered) over the answered prompts;
 * 2. **truth at every prompt**: the same metrics of the true negative affect at every scheduled prompt,
 *    answered or not: no missed prompts, no measurement error;
 * 3. **truth, every waking hour**: the same metrics of the true negative affect sampled every hour
 *    while awake (pairs of successive hours of the same day), as the design chart defines the real
 *    instability (src/charts/adapters/design.ts): no sparse sampling either.
 *
 * To put the truth on the answers' scale, the latent negative affect A is mapped to the answer the
 * emotion items give on average from A alone: intercept + loading * sqrt(1 - delta) * A, intercepts
 * and loadings averaged over the emotion items (MODEL.md section 3: an emotion item measures
 * sqrt(1 - delta) A + sqrt(delta) E_k). The truth is therefore free of the item-specific components
 * E_k, of the measurement error, of rounding and of the floor and ceiling of the scale.
 *
 * The true ICC(C,k) (the emotion-differentiation measure; high = items move together) is the value
 * the emotion items would give without measurement error over many moments: Cronbach's alpha of
 * x_k = L_k (sqrt(1 - delta) A + sqrt(delta) E_k) with the E_k independent with variance 1,
 *
 *     alpha = K / (K - 1) * (1 - sum_k Var(x_k) / Var(sum_k x_k)),
 *     Var(x_k) = L_k^2 ((1 - delta) V + delta),  Var(sum_k x_k) = (sum_k L_k)^2 (1 - delta) V + (sum_k L_k^2) delta,
 *
 * where V is the variance of A over the moments of the column (ICC(C,k) equals Cronbach's alpha:
 * Shrout & Fleiss 1979; docs/metrics.md). With equal loadings alpha = K (1 - delta) V / (K (1 - delta) V + delta).
 *
 * PAC needs a cutoff; with one person the analysis module's default (the 90th percentile of |change|
 * pooled over all persons) would make PAC 0.1 by construction, so the explorer uses a fixed cutoff:
 * `PAC_CUTOFF`, the pooled 90th percentile of |change| in `na_mean` of the bundled bpd-cascade study
 * (`cascade simulate bpd-cascade` then `cascade analyze`: 1.5 answer points; a test checks it).
 *
 * Undefined metrics are never NaN on the page: each comes with the reason it is undefined.
 *
 * Browser-safe: no `node:` imports.
 */
import { iccConsistencyOfColumns } from "../../src/analysis/iccConsistency.js";
import { lag1Autocorrelation } from "../../src/analysis/lag1Autocorrelation.js";
import { meanOfObserved } from "../../src/analysis/meanOfObserved.js";
import { mssd } from "../../src/analysis/mssd.js";
import { pac } from "../../src/analysis/pac.js";
import { sampleVarianceOfObserved } from "../../src/analysis/sampleStandardDeviation.js";
import { successivePairs } from "../../src/analysis/successivePairs.js";
import { hoursOfDay, type Scenario } from "../../src/scenario/schema.js";
import type { PersonResult } from "../../src/simulate/person.js";
import { itemRoles, personSeries } from "../../src/sweep/person-series.js";

/** Cutoff of PAC on the answers' scale (see the module comment for where it comes from). */
export const PAC_CUTOFF = 1.5;

/** A metric's value, or why it has none. */
export interface MetricValue {
  /** The value; null when undefined. */
  value: number | null;
  /** Why the value is undefined (only when it is). */
  reason?: string;
}

export type MetricId = "mean" | "mssd" | "pac" | "ac1" | "icc";

/** One row of the panel. */
export interface MetricRow {
  id: MetricId;
  label: string;
  /** Where the number is measured, e.g. "answer points". */
  unit: string;
  study: MetricValue;
  truthAtPrompts: MetricValue;
  truthHourly: MetricValue;
}

/** The panel's counts. */
export interface PersonFigures {
  /** Signal prompts scheduled and answered. */
  prompts: number;
  answered: number;
  /** NSSI acts that happened, and those reported in the NSSI item of answered prompts. */
  acts: number;
  reportedActs: number;
  stressors: number;
  skillUses: number;
  /** Share of the study's time in the cascade state (R > h). */
  cascadeShare: number;
  /** Whether the drift has two attractors (calm and cascade) at S = 0. */
  bistable: boolean;
  /** Reinforcement strength W at the end of the study. */
  finalW: number;
}

export interface ExplorerMetrics {
  rows: MetricRow[];
  figures: PersonFigures;
}

/** A series of values with its occasion index, for the pair-based metrics. */
interface Series {
  values: Float64Array;
  day: Float64Array;
  beep: Float64Array;
}

function defined(value: number, reason: string): MetricValue {
  return Number.isFinite(value) ? { value } : { value: null, reason };
}

/** Mean, MSSD, PAC and lag-1 autocorrelation of a series, each with its reason when undefined. */
function seriesMetrics(series: Series, what: string): Record<"mean" | "mssd" | "pac" | "ac1", MetricValue> {
  const index = { day: series.day, beep: series.beep };
  const pairs = successivePairs(series.values, index).count;
  const noPairs = `no two ${what} in a row on the same day`;
  return {
    mean: defined(meanOfObserved(series.values), `no ${what}`),
    mssd: defined(mssd(series.values, index), noPairs),
    pac: defined(pac(series.values, { ...index, cutoff: PAC_CUTOFF }), noPairs),
    ac1: defined(lag1Autocorrelation(series.values, index), pairs < 3 ? `fewer than 3 pairs of ${what} in a row` : "the values did not vary"),
  };
}

/** The true ICC(C,k) of error-free emotion items with loadings `loadings` when A has variance `varianceA` (see the module comment). */
export function trueIcc(loadings: readonly number[], delta: number, varianceA: number): number {
  const K = loadings.length;
  if (K < 2 || !(varianceA >= 0)) return Number.NaN;
  const sum = loadings.reduce((total, loading) => total + loading, 0);
  const sumSquares = loadings.reduce((total, loading) => total + loading * loading, 0);
  const itemVariances = sumSquares * ((1 - delta) * varianceA + delta);
  const totalVariance = sum * sum * (1 - delta) * varianceA + sumSquares * delta;
  if (!(totalVariance > 0)) return Number.NaN;
  return (K / (K - 1)) * (1 - itemVariances / totalVariance);
}

/**
 * The answer the negative-affect items (the project's rule: `itemRoles` of src/sweep/person-series.ts)
 * give on average from the latent negative affect alone: intercept + slope A, with slope the mean
 * loading times sqrt(1 - delta) for emotion items (MODEL.md section 3) and the mean loading for
 * affect items; and the items' loadings (for the true ICC).
 */
export function truthScale(scenario: Scenario, person: PersonResult): { intercept: number; slope: number; loadings: number[]; emotion: boolean } {
  const design = scenario.groups[person.groupIndex].design;
  const names = itemRoles(design).na;
  const items = design.items.filter((item) => names.includes(item.name));
  const loadings = items.map((item) => ("loading" in item ? item.loading : 1));
  const intercepts = items.map((item) => ("intercept" in item ? item.intercept : 0));
  const emotion = items.some((item) => item.kind === "emotion");
  const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  return { intercept: mean(intercepts), slope: mean(loadings) * (emotion ? Math.sqrt(1 - person.parameters.delta) : 1), loadings, emotion };
}

/** The latent negative affect every whole hour while awake, as a series (day, hour of the day). */
function hourlyTruth(scenario: Scenario, person: PersonResult): { A: Float64Array; day: Float64Array; beep: Float64Array } {
  const trajectory = person.trajectory;
  const wake = hoursOfDay(scenario.clock.wake);
  const sleep = hoursOfDay(scenario.clock.sleep);
  const A: number[] = [];
  const day: number[] = [];
  const beep: number[] = [];
  if (trajectory !== undefined) {
    for (let i = 0; i < trajectory.hours.length; i++) {
      const hours = trajectory.hours[i];
      const whole = Math.round(hours);
      if (Math.abs(hours - whole) > 1e-6) continue;
      const hourOfDay = whole % 24;
      if (hourOfDay < wake || hourOfDay > sleep) continue;
      A.push(trajectory.A[i]);
      day.push(Math.floor(whole / 24) + 1);
      beep.push(hourOfDay);
    }
  }
  return { A: Float64Array.from(A), day: Float64Array.from(day), beep: Float64Array.from(beep) };
}

/**
 * The panel for one simulated person (simulated with a trajectory whose step divides an hour, for
 * the hourly truth).
 */
export function explorerMetrics(scenario: Scenario, person: PersonResult): ExplorerMetrics {
  const design = scenario.groups[person.groupIndex].design;
  const roles = itemRoles(design);
  const series = personSeries(design, roles, person);
  const study: Series = { values: series.na, day: series.day, beep: series.beep };
  const scale = truthScale(scenario, person);
  const onScale = (A: ArrayLike<number>): Float64Array => Float64Array.from(A, (a) => scale.intercept + scale.slope * a);

  // The truth at every prompt (answered or not): the latent A at the prompt's moment.
  const promptA = series.latentA;
  const atPrompts: Series = { values: onScale(promptA), day: series.day, beep: series.beep };
  const hourly = hourlyTruth(scenario, person);
  const everyHour: Series = { values: onScale(hourly.A), day: hourly.day, beep: hourly.beep };

  const studyMetrics = seriesMetrics(study, "answered prompts");
  const promptMetrics = seriesMetrics(atPrompts, "prompts");
  const hourlyMetrics = seriesMetrics(everyHour, "waking hours");

  const icc = iccConsistencyOfColumns(
    roles.na.map((name) => series.items[name]),
    { minimumOccasions: 3 },
  );
  const studyIcc = defined(icc.average, icc.occasions < 3 ? `${icc.occasions} prompt${icc.occasions === 1 ? "" : "s"} with every emotion item answered; needs 3` : "the answers did not vary");
  const delta = scale.emotion ? person.parameters.delta : 0;
  const iccTruth = (A: Float64Array, what: string): MetricValue => defined(trueIcc(scale.loadings, delta, sampleVarianceOfObserved(A)), `fewer than 2 ${what}`);

  const rows: MetricRow[] = [
    { id: "mean", label: "Mean negative affect", unit: "answer points", study: studyMetrics.mean, truthAtPrompts: promptMetrics.mean, truthHourly: hourlyMetrics.mean },
    { id: "mssd", label: "Instability: MSSD", unit: "answer points²", study: studyMetrics.mssd, truthAtPrompts: promptMetrics.mssd, truthHourly: hourlyMetrics.mssd },
    { id: "pac", label: `Acute changes: PAC (|change| ≥ ${PAC_CUTOFF})`, unit: "share of pairs", study: studyMetrics.pac, truthAtPrompts: promptMetrics.pac, truthHourly: hourlyMetrics.pac },
    { id: "ac1", label: "Inertia: lag-1 autocorrelation", unit: "correlation", study: studyMetrics.ac1, truthAtPrompts: promptMetrics.ac1, truthHourly: hourlyMetrics.ac1 },
    { id: "icc", label: "Items move together: ICC(C,k)", unit: "0 to 1 (high = low differentiation)", study: studyIcc, truthAtPrompts: iccTruth(promptA, "prompts"), truthHourly: iccTruth(hourly.A, "waking hours") },
  ];

  const reported = roles.nssi === undefined ? undefined : series.items[roles.nssi];
  let reportedActs = 0;
  if (reported !== undefined) for (const count of reported) if (!Number.isNaN(count)) reportedActs += count;
  const summary = person.summary;
  return {
    rows,
    figures: {
      prompts: summary.signalPrompts,
      answered: summary.answeredSignalPrompts,
      acts: summary.acts,
      reportedActs,
      stressors: summary.stressors,
      skillUses: summary.skillUses,
      cascadeShare: summary.cascadeShare,
      bistable: person.fixedPoints.bistable,
      finalW: summary.finalW,
    },
  };
}
