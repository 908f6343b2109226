/**
 * A trial's results per arm and assessment, and the effects of each arm against the control arm:
 * Hedges' g with its 95% confidence interval for the continuous outcomes (arm minus control, so a
 * negative g means less in the arm; src/analysis/hedgesG.ts), and the risk ratio with its log-method
 * 95% interval for the binary ones (`riskRatio.ts`). Persons whose outcome is undefined (for example
 * an MSSD without a pair) are left out of that outcome.
 *
 * Browser-safe: no `node:` imports.
 */
import { hedgesG } from "../analysis/hedgesG.js";
import { meanOfObserved } from "../analysis/meanOfObserved.js";
import { sampleStandardDeviation } from "../analysis/sampleStandardDeviation.js";
import { TRIAL_OUTCOMES, TRIAL_OUTCOME_NAMES, type TrialOutcomeName, type TrialPersonResult } from "./person.js";
import type { TrialPlan } from "./plan.js";
import { riskRatio } from "./riskRatio.js";

/** One arm at one assessment, one outcome. */
export interface ArmOutcome {
  arm: string;
  assessment: string;
  week: number;
  outcome: TrialOutcomeName;
  /** Persons with a defined value. */
  n: number;
  mean: number;
  sd: number;
  /** Binary outcomes: persons with the event. */
  events?: number;
}

/** An effect of one arm against the control arm at one assessment. */
export interface TrialEffect {
  arm: string;
  control: string;
  assessment: string;
  week: number;
  outcome: TrialOutcomeName;
  /** `hedges_g` (continuous outcomes) or `risk_ratio` (binary outcomes). */
  measure: "hedges_g" | "risk_ratio";
  estimate: number;
  lower: number;
  upper: number;
  n: number;
  controlN: number;
}

/** The values of `outcome` at assessment `a` for the persons of `arm`. */
function armValues(persons: readonly TrialPersonResult[], arm: number, a: number, o: number): number[] {
  const values: number[] = [];
  for (const person of persons) if (person.arm === arm) values.push(person.outcomes[a][o]);
  return values;
}

/** Per arm, assessment and outcome: n, mean, SD (and events for binary outcomes). */
export function armOutcomes(plan: TrialPlan, persons: readonly TrialPersonResult[]): ArmOutcome[] {
  const rows: ArmOutcome[] = [];
  plan.arms.forEach((arm, armIndex) => {
    plan.assessments.forEach((assessment, a) => {
      TRIAL_OUTCOME_NAMES.forEach((outcome, o) => {
        const values = armValues(persons, armIndex, a, o).filter((v) => !Number.isNaN(v));
        const row: ArmOutcome = { arm: arm.name, assessment: assessment.name, week: assessment.week, outcome, n: values.length, mean: meanOfObserved(values), sd: sampleStandardDeviation(values) };
        if (TRIAL_OUTCOMES[outcome].kind === "binary") row.events = values.filter((v) => v === 1).length;
        rows.push(row);
      });
    });
  });
  return rows;
}

/** Effects of every arm but the control against the control, per assessment and outcome (compliance left out). */
export function trialEffects(plan: TrialPlan, persons: readonly TrialPersonResult[]): TrialEffect[] {
  const effects: TrialEffect[] = [];
  const control = plan.arms[plan.control];
  plan.arms.forEach((arm, armIndex) => {
    if (armIndex === plan.control) return;
    plan.assessments.forEach((assessment, a) => {
      TRIAL_OUTCOME_NAMES.forEach((outcome, o) => {
        if (outcome === "compliance") return;
        const values = armValues(persons, armIndex, a, o).filter((v) => !Number.isNaN(v));
        const reference = armValues(persons, plan.control, a, o).filter((v) => !Number.isNaN(v));
        const base = { arm: arm.name, control: control.name, assessment: assessment.name, week: assessment.week, outcome, n: values.length, controlN: reference.length };
        if (TRIAL_OUTCOMES[outcome].kind === "binary") {
          const events = values.filter((v) => v === 1).length;
          const referenceEvents = reference.filter((v) => v === 1).length;
          const rr = riskRatio(events, values.length, referenceEvents, reference.length);
          effects.push({ ...base, measure: "risk_ratio", estimate: rr.ratio, lower: rr.lower, upper: rr.upper });
        } else {
          const g = hedgesG(values, reference);
          effects.push({ ...base, measure: "hedges_g", estimate: g.g, lower: g.lower, upper: g.upper });
        }
      });
    });
  });
  return effects;
}

/** Per arm and week: persons, mean F, share with F above 60, mean NSSI acts that week. */
export interface WeeklyRow {
  arm: string;
  week: number;
  persons: number;
  functioning: number;
  aboveSixty: number;
  actsPerPerson: number;
}

/** The weekly trajectories per arm (weeks 0 .. plan.weeks for F; acts of week w, empty for the last). */
export function weeklyRows(plan: TrialPlan, persons: readonly TrialPersonResult[]): WeeklyRow[] {
  const rows: WeeklyRow[] = [];
  plan.arms.forEach((arm, armIndex) => {
    const members = persons.filter((person) => person.arm === armIndex);
    for (let week = 0; week <= plan.weeks; week++) {
      let f = 0;
      let above = 0;
      let acts = 0;
      for (const person of members) {
        f += person.functioning[week];
        above += person.functioning[week] > 60 ? 1 : 0;
        acts += week < plan.weeks ? person.weeklyActs[week] : 0;
      }
      const n = members.length;
      rows.push({ arm: arm.name, week, persons: n, functioning: n === 0 ? Number.NaN : f / n, aboveSixty: n === 0 ? Number.NaN : above / n, actsPerPerson: n === 0 || week === plan.weeks ? Number.NaN : acts / n });
    }
  });
  return rows;
}
