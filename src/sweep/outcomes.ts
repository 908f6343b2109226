/**
 * The outcomes a sweep reports for each group of each simulated study (one grid cell, one
 * replicate). Each is a group-level figure computed from the group's simulated persons; truth-based
 * outcomes come from the latent process, observed ones from the prompts as `cascade analyze` would
 * compute them (adjacent pairs within a day, `na_mean` of the negative-affect items; docs/metrics.md).
 *
 * | outcome | definition |
 * |---|---|
 * | `cascade_share` | mean over persons of the share of the study's grid steps in the cascade state (latent rumination above the coupling threshold, R > h) |
 * | `acts_per_person` | mean NSSI acts per person during the study (truth) |
 * | `any_act` | share of persons with at least one act (truth) |
 * | `top_fifth_acts` | share of the group's acts made by the ceil(n / 5) persons with the most acts (truth); NaN without acts |
 * | `reported_acts` | mean per person of the NSSI count item summed over answered prompts; NaN without an nssi item |
 * | `mean_na` | mean over persons of the person's mean `na_mean` over answered prompts |
 * | `mssd_na` | mean over persons of the MSSD of `na_mean` (von Neumann et al. 1941; Jahng et al. 2008) |
 * | `mssd_latent` | the same of latent NA at the same prompts, answered or not (no missed prompts, no measurement error) |
 * | `pac_na` | mean over persons of the PAC of `na_mean`: share of pairs with abs(difference) >= c (Trull et al. 2008) |
 * | `pac_latent` | the same of latent NA, with the latent cutoff |
 * | `compliance` | answered signal-contingent prompts / signal-contingent prompts, over the group's persons |
 *
 * Person-level figures that are undefined (for example an MSSD without a valid pair) are left out of
 * the group's mean; a group without any defined value gets NaN (an empty cell).
 *
 * PAC cutoffs: `baseline` (default) takes c as the pooled 90th percentile (R quantile type 7) of
 * abs(difference) over every person of the unmodified scenario simulated with the sweep's seed, once
 * per sweep, separately for `na_mean` and latent NA, so PAC compares like with like across cells;
 * `cell` pools each cell's own persons, as `cascade analyze` does for one dataset (PAC is then about
 * 0.1 by construction and compares shapes, not levels).
 *
 * Browser-safe: no `node:` imports.
 */
import { mssdOfPairs } from "../analysis/mssd.js";
import { pacOfPairs } from "../analysis/pac.js";
import { DifferenceTally } from "../analysis/differenceTally.js";
import { tallyPairChanges } from "../analysis/pooledPacCutoff.js";
import { successivePairs } from "../analysis/successivePairs.js";
import { CascadeError } from "../errors.js";
import { didYouMean } from "../io/suggest.js";
import type { ItemRoles, PersonSeriesView } from "./person-series.js";

/** An outcome's name, meaning and unit. */
export interface OutcomeSpec {
  description: string;
  unit: string;
  /** Short label for chart axes. */
  label: string;
}

export const OUTCOMES = {
  cascade_share: { label: "Time in cascade (share)", unit: "share of time, 0-1", description: "Mean over persons of the share of the study's grid steps in the cascade state (latent rumination above the coupling threshold, R > h); truth." },
  acts_per_person: { label: "NSSI acts per person", unit: "acts", description: "Mean number of NSSI acts per person during the study; truth." },
  any_act: { label: "Share with any NSSI act", unit: "share of persons, 0-1", description: "Share of persons with at least one NSSI act during the study; truth." },
  top_fifth_acts: { label: "Acts by the top fifth", unit: "share of acts, 0-1", description: "Share of the group's acts made by the ceil(n/5) persons with the most acts (overdispersion); truth; empty without acts." },
  reported_acts: { label: "Reported NSSI per person", unit: "acts", description: "Mean per person of the NSSI count item summed over answered prompts; empty without an nssi item." },
  mean_na: { label: "Mean NA (observed)", unit: "response scale", description: "Mean over persons of the person's mean na_mean (mean of the negative-affect items) over answered prompts." },
  mssd_na: { label: "MSSD of NA (observed)", unit: "response scale squared", description: "Mean over persons of the MSSD of na_mean from answered prompts, adjacent pairs within a day (von Neumann et al. 1941; Jahng et al. 2008)." },
  mssd_latent: { label: "MSSD of latent NA", unit: "standardised units squared", description: "Mean over persons of the MSSD of latent NA at the same prompts, answered or not (the truth without missed prompts or measurement error)." },
  pac_na: { label: "PAC of NA (observed)", unit: "share of pairs, 0-1", description: "Mean over persons of the probability of acute change of na_mean: share of adjacent pairs with abs(difference) >= the cutoff (Trull et al. 2008; cutoff in sweep.json)." },
  pac_latent: { label: "PAC of latent NA", unit: "share of pairs, 0-1", description: "Mean over persons of the probability of acute change of latent NA at the prompts, with the latent cutoff (sweep.json)." },
  compliance: { label: "Compliance", unit: "share of prompts, 0-1", description: "Answered signal-contingent prompts divided by signal-contingent prompts, over the group's persons." },
} as const satisfies Record<string, OutcomeSpec>;

export type OutcomeName = keyof typeof OUTCOMES;

/** Every outcome, in the order of the files' columns. */
export const OUTCOME_NAMES = Object.keys(OUTCOMES) as OutcomeName[];

/** How PAC cutoffs are chosen (see the module comment). */
export type PacCutoffMethod = "baseline" | "cell";
export const PAC_CUTOFF_METHODS: readonly PacCutoffMethod[] = ["baseline", "cell"];

/** The PAC cutoffs of observed and latent NA. */
export interface PacCutoffs {
  na: number;
  latent: number;
}

/** Whether a list of outcomes needs PAC cutoffs. */
export function needsPacCutoffs(outcomes: readonly OutcomeName[]): boolean {
  return outcomes.includes("pac_na") || outcomes.includes("pac_latent");
}

/** Parses `--outcomes a,b,c` (or `all`); throws a CascadeError naming an unknown outcome. */
export function parseOutcomes(text: string | undefined, flag = "--outcomes"): OutcomeName[] {
  if (text === undefined || text.trim() === "all") return [...OUTCOME_NAMES];
  const names = text.split(",").map((name) => name.trim()).filter((name) => name !== "");
  if (names.length === 0) throw new CascadeError(`${flag}: expected a comma-separated list of outcomes, got "${text}"`);
  const chosen: OutcomeName[] = [];
  for (const name of names) {
    if (!Object.prototype.hasOwnProperty.call(OUTCOMES, name)) {
      throw new CascadeError(`${flag}: unknown outcome "${name}"${didYouMean(name, OUTCOME_NAMES)}; outcomes: ${OUTCOME_NAMES.join(", ")}`);
    }
    if (!chosen.includes(name as OutcomeName)) chosen.push(name as OutcomeName);
  }
  // Keep the canonical order, so the same set gives the same files whatever order it was listed in.
  return OUTCOME_NAMES.filter((name) => chosen.includes(name));
}

/** The quantile of abs(difference) that makes a PAC cutoff (the 90th percentile). */
export const PAC_CUTOFF_PROBABILITY = 0.9;

/**
 * Pooled PAC cutoffs (90th percentile, R type 7, of abs(difference) over every person's adjacent
 * pairs) of observed and latent NA.
 */
export function pooledCutoffs(persons: readonly PersonSeriesView[]): PacCutoffs {
  return cutoffsOfChunks([baselineChunk(persons)]);
}

/** Absolute changes of adjacent within-day pairs of some persons (part of a study), observed and latent NA. */
export interface BaselineChunk {
  na: Float64Array;
  latent: Float64Array;
}

/** The persons' absolute changes, in order, for `cutoffsOfChunks` (a worker thread sends these to the main thread). */
export function baselineChunk(persons: readonly PersonSeriesView[]): BaselineChunk {
  return { na: pairChanges(persons, "na"), latent: pairChanges(persons, "latentA") };
}

/** The absolute changes of adjacent pairs within a day (the PAC convention) of every person's series, in order. */
function pairChanges(persons: readonly PersonSeriesView[], series: "na" | "latentA"): Float64Array {
  const recorder = new RecordingTally();
  for (const person of persons) tallyPairChanges(recorder, successivePairs(person[series], { day: person.day, beep: person.beep }));
  return Float64Array.from(recorder.values);
}

/** A `DifferenceTally` that keeps the values it is given instead of counting them. */
class RecordingTally extends DifferenceTally {
  readonly values: number[] = [];
  override add(value: number): void {
    this.values.push(value);
  }
}

/** The pooled PAC cutoffs of the chunks of a study (exact: neither the split nor the chunks' order matters). */
export function cutoffsOfChunks(chunks: readonly BaselineChunk[]): PacCutoffs {
  const observed = new DifferenceTally();
  const latent = new DifferenceTally();
  for (const chunk of chunks) {
    for (const value of chunk.na) observed.add(value);
    for (const value of chunk.latent) latent.add(value);
  }
  return { na: observed.quantile(PAC_CUTOFF_PROBABILITY), latent: latent.quantile(PAC_CUTOFF_PROBABILITY) };
}

/** Mean of the finite values; NaN when there is none. */
function meanOfDefined(values: readonly number[]): number {
  let sum = 0;
  let count = 0;
  for (const value of values) {
    if (Number.isFinite(value)) {
      sum += value;
      count++;
    }
  }
  return count === 0 ? Number.NaN : sum / count;
}

/** Share of all acts made by the ceil(n / 5) persons with the most acts; NaN without acts. */
export function topFifthShare(acts: readonly number[]): number {
  const total = acts.reduce((sum, value) => sum + value, 0);
  if (acts.length === 0 || total === 0) return Number.NaN;
  const sorted = [...acts].sort((a, b) => b - a);
  const top = Math.ceil(acts.length / 5);
  return sorted.slice(0, top).reduce((sum, value) => sum + value, 0) / total;
}

/**
 * The chosen outcomes of one group (persons of that group only), in the order of `outcomes`.
 * `cutoffs` is needed only for the PAC outcomes.
 */
export function groupOutcomes(persons: readonly PersonSeriesView[], roles: ItemRoles, outcomes: readonly OutcomeName[], cutoffs?: PacCutoffs): number[] {
  const observedPairs = persons.map((p) => successivePairs(p.na, { day: p.day, beep: p.beep }));
  const latentPairs = persons.map((p) => successivePairs(p.latentA, { day: p.day, beep: p.beep }));
  const acts = persons.map((p) => p.summary.acts);
  return outcomes.map((outcome): number => {
    switch (outcome) {
      case "cascade_share":
        return meanOfDefined(persons.map((p) => p.summary.cascadeShare));
      case "acts_per_person":
        return meanOfDefined(acts);
      case "any_act":
        return persons.length === 0 ? Number.NaN : acts.filter((a) => a > 0).length / persons.length;
      case "top_fifth_acts":
        return topFifthShare(acts);
      case "reported_acts": {
        const item = roles.nssi;
        if (item === undefined) return Number.NaN;
        return meanOfDefined(
          persons.map((p) => {
            let sum = 0;
            for (const value of p.items[item]) if (!Number.isNaN(value)) sum += value;
            return sum;
          }),
        );
      }
      case "mean_na":
        return meanOfDefined(persons.map((p) => meanOfDefined(Array.from(p.na))));
      case "mssd_na":
        return meanOfDefined(observedPairs.map(mssdOfPairs));
      case "mssd_latent":
        return meanOfDefined(latentPairs.map(mssdOfPairs));
      case "pac_na":
        return meanOfDefined(observedPairs.map((pairs) => pacOfPairs(pairs, cutoffs?.na ?? Number.NaN)));
      case "pac_latent":
        return meanOfDefined(latentPairs.map((pairs) => pacOfPairs(pairs, cutoffs?.latent ?? Number.NaN)));
      case "compliance": {
        const signal = persons.reduce((sum, p) => sum + p.summary.signalPrompts, 0);
        const answered = persons.reduce((sum, p) => sum + p.summary.answeredSignalPrompts, 0);
        return signal === 0 ? Number.NaN : answered / signal;
      }
    }
  });
}
