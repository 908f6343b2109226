/**
 * One person of a simulated trial: the latent process over the whole horizon with the arm's
 * processes, ESM prompts only in the assessment bursts, weekly functioning, and the outcomes at each
 * assessment.
 *
 * | outcome | definition |
 * |---|---|
 * | `nssi_per_week` | true NSSI acts per week over the recall window (the recallWeeks weeks up to the burst's end, clipped at the study start), as a perfect retrospective interview would count them |
 * | `any_nssi` | 1 when the recall window holds at least one act, else 0 |
 * | `nssi_reported` | acts reported at the burst's answered prompts (the NSSI count item), per week of burst; empty without an nssi item |
 * | `urge` | mean of the urge item over the burst's answered prompts (0-100 by default); empty without an urge item |
 * | `na_mean` | mean of the negative-affect items' mean (na_mean, as `cascade analyze`) over the burst's answered prompts |
 * | `na_mssd` | MSSD of na_mean over the burst's adjacent pairs within a day (von Neumann et al. 1941; Jahng et al. 2008; pairs rule of src/analysis) |
 * | `gaf` | functioning F at the burst's end (the start of the week holding it), rounded to a whole GAF point |
 * | `gaf_above_60` | 1 when gaf > 60 (Bateman & Fonagy 2008's threshold), else 0 |
 * | `compliance` | answered / scheduled prompts of the burst |
 *
 * Browser-safe: no `node:` imports.
 */
import { meanOfObserved } from "../analysis/meanOfObserved.js";
import { mssdOfPairs } from "../analysis/mssd.js";
import { successivePairs } from "../analysis/successivePairs.js";
import type { Scenario } from "../scenario/schema.js";
import { simulatePerson } from "../simulate/person.js";
import { itemRoles, personSeries } from "../sweep/person-series.js";
import { slowProcessFor } from "../treatment/curves.js";
import { personFunctioning } from "../treatment/functioning.js";
import { isBurstDay, type TrialPlan } from "./plan.js";

/** The outcomes measured at each assessment, in column order. */
export const TRIAL_OUTCOMES = {
  nssi_per_week: { kind: "continuous", label: "NSSI acts per week", unit: "acts per week", description: "True NSSI acts per week over the recall window (recallWeeks up to the burst's end, clipped at the study start)." },
  any_nssi: { kind: "binary", label: "Any NSSI", unit: "0/1", description: "1 when the recall window holds at least one act." },
  nssi_reported: { kind: "continuous", label: "Reported NSSI per week", unit: "acts per week", description: "NSSI count item summed over the burst's answered prompts, per week of burst; empty without an nssi item." },
  urge: { kind: "continuous", label: "Urge (ESM)", unit: "urge item scale", description: "Mean of the urge item over the burst's answered prompts; empty without an urge item." },
  na_mean: { kind: "continuous", label: "Mean NA (ESM)", unit: "response scale", description: "Mean of na_mean (mean of the negative-affect items) over the burst's answered prompts." },
  na_mssd: { kind: "continuous", label: "NA instability (MSSD)", unit: "response scale squared", description: "MSSD of na_mean over adjacent pairs within a day in the burst (von Neumann et al. 1941; Jahng et al. 2008)." },
  gaf: { kind: "continuous", label: "Functioning (GAF)", unit: "GAF points, 0-100", description: "Functioning F at the burst's end, rounded to a whole point." },
  gaf_above_60: { kind: "binary", label: "GAF above 60", unit: "0/1", description: "1 when gaf > 60 (the threshold of Bateman & Fonagy 2008)." },
  compliance: { kind: "continuous", label: "Compliance", unit: "share of prompts", description: "Answered / scheduled prompts of the burst." },
} as const;

export type TrialOutcomeName = keyof typeof TRIAL_OUTCOMES;
export const TRIAL_OUTCOME_NAMES = Object.keys(TRIAL_OUTCOMES) as TrialOutcomeName[];

/** One person's results. */
export interface TrialPersonResult {
  /** 0-based index in the trial (and in the population group). */
  index: number;
  arm: number;
  trauma: number;
  integration: number;
  /** Outcomes per assessment, in TRIAL_OUTCOME_NAMES order (NaN where undefined). */
  outcomes: number[][];
  /** F at the start of weeks 0 .. plan.weeks. */
  functioning: Float64Array;
  /** Acts in each study week 0 .. plan.weeks - 1. */
  weeklyActs: Float64Array;
  /** Acts over the whole horizon. */
  acts: number;
}

/** Simulates person `index` of the trial. */
export function simulateTrialPerson(scenario: Scenario, plan: TrialPlan, index: number): TrialPersonResult {
  const group = scenario.groups[plan.groupIndex];
  const arm = plan.allocation[index];
  const processes = plan.arms[arm].processes;
  const result = simulatePerson(scenario, {
    group: plan.groupIndex,
    indexInGroup: index,
    seed: plan.seed,
    days: plan.days,
    slowProcess: slowProcessFor(processes),
    promptDays: (day) => isBurstDay(plan, day),
  });
  const actHours = result.events.filter((event) => event.kind === "nssi").map((event) => event.hours);
  const { person: drawn, weeklyActs, path: functioning } = personFunctioning(group, plan.seed, index, result.covariates.trauma, processes, actHours, plan.weeks);

  const design = group.design;
  const roles = itemRoles(design);
  const series = personSeries(design, roles, result);
  const urge = roles.urge === undefined ? undefined : series.items[roles.urge];
  const nssi = roles.nssi === undefined ? undefined : series.items[roles.nssi];
  const outcomes = plan.assessments.map((assessment) => {
    let first = 0;
    while (first < series.day.length && series.day[first] < assessment.firstDay) first++;
    let end = first;
    while (end < series.day.length && series.day[end] <= assessment.lastDay) end++;
    const slice = <T extends Float64Array | Uint8Array>(values: T): T => values.subarray(first, end) as T;
    const recallActs = actHours.filter((hours) => hours >= assessment.recallStartHours && hours < assessment.endHours).length;
    const recallWeeks = (assessment.endHours - assessment.recallStartHours) / 168;
    let reported = Number.NaN;
    if (nssi !== undefined) {
      reported = 0;
      for (const value of slice(nssi)) if (!Number.isNaN(value)) reported += value;
      reported /= plan.burstDays / 7;
    }
    const pairs = successivePairs(slice(series.na), { day: slice(series.day), beep: slice(series.beep) });
    const weekIndex = Math.min(plan.weeks, Math.floor(assessment.endHours / 168));
    const gaf = Math.round(functioning[weekIndex]);
    const prompts = end - first;
    let answered = 0;
    for (const flag of slice(series.answered)) answered += flag;
    const values: Record<TrialOutcomeName, number> = {
      nssi_per_week: recallActs / recallWeeks,
      any_nssi: recallActs > 0 ? 1 : 0,
      nssi_reported: reported,
      urge: urge === undefined ? Number.NaN : meanOfObserved(slice(urge)),
      na_mean: meanOfObserved(slice(series.na)),
      na_mssd: mssdOfPairs(pairs),
      gaf,
      gaf_above_60: gaf > 60 ? 1 : 0,
      compliance: prompts === 0 ? Number.NaN : answered / prompts,
    };
    return TRIAL_OUTCOME_NAMES.map((name) => values[name]);
  });
  return { index, arm, trauma: result.covariates.trauma, integration: drawn.integration, outcomes, functioning, weeklyActs, acts: actHours.length };
}

/** Simulates persons first .. first + count - 1 (the unit of work of the worker threads). */
export function simulateTrialChunk(scenario: Scenario, plan: TrialPlan, first: number, count: number): TrialPersonResult[] {
  const results: TrialPersonResult[] = [];
  for (let index = first; index < Math.min(plan.persons, first + count); index++) results.push(simulateTrialPerson(scenario, plan, index));
  return results;
}
