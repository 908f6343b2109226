/**
 * The types of the validation suite (`cascade validate`): a target is one claim from the literature
 * (SCIENCE.md's calibration targets) that the default scenarios should reproduce, with its source,
 * how the simulated value is computed, and the accepted range. Browser-safe: no `node:` imports.
 */
import type { PersonSeriesView } from "../sweep/person-series.js";
import type { ArmOutcome, TrialEffect } from "../trial/summary.js";

/** How big the simulated studies are: `ci` fits a CI job (about a minute on 2 cores), `full` is 5 times larger. */
export type ValidationSize = "ci" | "full";
export const VALIDATION_SIZES: readonly ValidationSize[] = ["ci", "full"];

/**
 * The latent negative affect (A) around one NSSI act, from the truth (no prompts, no measurement
 * error): one hour before, just before the act (the step it happened in), 5 minutes after and one
 * hour after. Read from the latent trajectory on a 5-minute grid.
 */
export interface ActWindow {
  hourBefore: number;
  atAct: number;
  fiveMinutesAfter: number;
  hourAfter: number;
}

/** The simulated studies: the scenario's ESM study, the year-long latent run and the bundled trials. */
export type StudyName = "esm" | "ptsd-comparison" | "year" | "dbt-trial" | "mbt-trial" | "recovery-trial";

/** The studies that are simulated trials (run by `runTrial` on a bundled trial scenario). */
export type TrialStudyName = "dbt-trial" | "mbt-trial" | "recovery-trial";

/** One person's course in a simulated trial: the arm and the true NSSI acts of every study week. */
export interface TrialCourse {
  arm: string;
  /** Acts in study weeks 0 .. weeks - 1 (the trial's `weeklyActs`). */
  weeklyActs: Float64Array;
}

/** What a simulated trial hands the targets. */
export interface TrialStudyData {
  /** Persons randomised. */
  persons: number;
  /** Per arm, assessment and outcome (src/trial/summary.ts). */
  arms: ArmOutcome[];
  /** Each arm against the control arm. */
  effects: TrialEffect[];
  /** Every person's weekly acts, in person order (for outcomes over other windows than the assessments' recall). */
  courses: TrialCourse[];
}

/** One simulated person of the 21-day ESM study, as the targets see it. */
export interface EsmPerson {
  /** The person's prompts as the analysis layer reads them (what `cascade analyze` would read). */
  series: PersonSeriesView;
  female: boolean;
  /** The latent NA around each act of the study (acts whose windows fit in the study). */
  acts: ActWindow[];
}

/** One simulated person of the year-long latent run (no prompts). */
export interface YearPerson {
  group: string;
  female: boolean;
  /** NSSI acts in the 365 days. */
  acts: number;
}

/** The simulated data every target is computed from. */
export interface ValidationData {
  /** The default scenario's ESM study (all its groups), in group order. */
  esm: EsmPerson[];
  /** The year-long latent run of the BPD group. */
  year: YearPerson[];
  /**
   * Simulated trials by study (`dbt-trial`: scenarios/dbt-vs-tau.yaml, `mbt-trial`:
   * scenarios/mbt-long-term.yaml, `recovery-trial`: two arms of scenarios/naturalistic-recovery.yaml):
   * persons randomised, per-arm outcomes, between-arm effects and each person's weekly acts.
   */
  trials: Partial<Record<TrialStudyName, TrialStudyData>>;
  /** Names of the BPD group, the control group and the PTSD comparison group in the ESM study. */
  groups: { bpd: string; control: string; ptsd: string };
  /** The analysis-layer item roles of the BPD group's design. */
  items: { na: string[]; rumination?: string; urge?: string; nssi?: string };
}

/** A target's measurement: the simulated value with its 95% interval. */
export interface Measurement {
  value: number;
  lower: number;
  upper: number;
  /** How the interval was made, for example "percentile bootstrap over persons, 1000 resamples". */
  interval: string;
  /** The units that entered (persons, acts), for the table: "60 persons". */
  basis: string;
  /** Other figures a reader wants beside the value (shown in --json and docs). */
  details?: Record<string, number>;
}

/**
 * What counts as reproducing the claim: every given bound must hold. `on` says which number a bound
 * applies to: the simulated value (the default) or an end of its interval (for example "the lower
 * end of the 95% interval above 0" for an effect that must be present).
 */
export interface Bound {
  on?: "value" | "lower" | "upper";
  /** Inclusive lower bound. */
  min?: number;
  /** Inclusive upper bound. */
  max?: number;
}

export interface Tolerance {
  bounds: Bound[];
  /** Why this range (where it comes from in the source). */
  rationale: string;
}

/** Context handed to a target's `measure`: the data, a seed for its bootstrap, and the run's size. */
export interface MeasureContext {
  data: ValidationData;
  /** Seed string prefix for the target's own random stream (bootstrap). */
  seed: string;
  /** Bootstrap resamples. */
  resamples: number;
  size: ValidationSize;
}

/**
 * One validation target. Each lives in its own file in `src/validate/targets/` and is listed in
 * `registry.ts`.
 */
export interface ValidationTarget {
  /** Stable identifier, used by `--only` and `--tolerance`: kebab-case. */
  id: string;
  /** The claim in one line, as the table shows it. */
  claim: string;
  /** Short citation for the table, for example "Zanarini et al., via Reitz et al. 2015". */
  source: string;
  /** Full reference(s). */
  reference: string;
  /** How the simulated value is computed (units, which persons, which test). */
  method: string;
  /** Unit of the value, for the table ("share", "per prompt", "ratio"). */
  unit: string;
  tolerance: Tolerance;
  /** The simulated studies the target reads (only those are simulated when it runs alone). */
  studies: readonly StudyName[];
  measure(context: MeasureContext): Measurement;
}

/** A target's outcome: its description, the measurement and the judgement. */
export interface TargetOutcome extends Pick<ValidationTarget, "id" | "claim" | "source" | "reference" | "method" | "unit"> {
  measurement: Measurement;
  tolerance: Tolerance;
  /** The tolerance in words, for example "value in [0.69, 0.9]". */
  accepted: string;
  pass: boolean;
}
