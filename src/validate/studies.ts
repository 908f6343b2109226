/**
 * The simulated studies behind the validation suite, and the work split into tasks (browser-safe:
 * files and threads are in `run.ts` and `worker.ts`).
 *
 * ```
 * scenario (default bpd-cascade) ─► ESM study: its first two groups (BPD, controls), sizes x scale,
 *                                   21 days as designed; per person: prompts as the analysis layer
 *                                   reads them, and the latent NA around each act (5-minute grid)
 *                               └─► year run: the BPD group, 365 days, no prompts (latent process only)
 * bundled trial scenarios ─► runTrial (src/trial/): dbt-vs-tau, mbt-long-term, and two arms of
 *                            naturalistic-recovery (TRIAL_STUDIES; run by run.ts)
 * ```
 *
 * Both use the scenario's seed (or --seed) and the engine's per-person streams, so person i of the
 * year run is person i of the ESM study over a longer horizon (the latent path does not depend on
 * the design). Tasks are chunks of persons; a task's result depends only on the plan and its
 * number, so results are the same in any thread and in any order. The trials use the same seed.
 */
import { CascadeError } from "../errors.js";
import { validateScenario } from "../scenario/parse.js";
import type { Scenario } from "../scenario/schema.js";
import { simulatePerson, type PersonResult } from "../simulate/person.js";
import { itemRoles, personSeries } from "../sweep/person-series.js";
import { ptsdComparisonGroup } from "./ptsd-group.js";
import { PERSISTING_ARM, RECOVERY_ARM, RECOVERY_RATIOS, recoveryStudyScenario } from "./recovery-study.js";
import type { ActWindow, EsmPerson, StudyName, TrialStudyName, ValidationSize, YearPerson } from "./types.js";

/** Version tag of the validation seed scheme (bootstrap streams). */
export const VALIDATION_SEED_SCHEME = "cascade-lab/validate/v1";

/** Every study, in the order they run. */
export const ALL_STUDIES: readonly StudyName[] = ["esm", "ptsd-comparison", "year", "dbt-trial", "mbt-trial", "recovery-trial"];

/** A trial study: the bundled scenario it runs, the size field giving its persons, and how it is described. */
export interface TrialStudy {
  study: TrialStudyName;
  scenario: string;
  persons: "trialPersons" | "mbtPersons" | "recoveryPersons";
  /** For `--json`: what is run. */
  description: string;
  /** For the command's summary line, given the persons: "DBT vs TAU trial 120 persons". */
  label: (persons: number) => string;
  /** Changes the bundled scenario before the run (for example keeps some of its arms); default none. */
  prepare?: (scenario: Scenario, fileName: string) => Scenario;
}

/** The trial studies, in the order they run. */
export const TRIAL_STUDIES: readonly TrialStudy[] = [
  { study: "dbt-trial", scenario: "dbt-vs-tau", persons: "trialPersons", description: "runTrial on scenarios/dbt-vs-tau.yaml (persons randomised 1:1)", label: (n) => `DBT vs TAU trial ${n} persons` },
  { study: "mbt-trial", scenario: "mbt-long-term", persons: "mbtPersons", description: "runTrial on scenarios/mbt-long-term.yaml (persons randomised 1:1)", label: (n) => `MBT vs TAU trial ${n} persons x 8 years` },
  {
    study: "recovery-trial",
    scenario: "naturalistic-recovery",
    persons: "recoveryPersons",
    description: `runTrial on scenarios/naturalistic-recovery.yaml restricted to its ${RECOVERY_ARM} and ${PERSISTING_ARM} arms, randomised ${RECOVERY_RATIOS.recovering}:${RECOVERY_RATIOS.persisting} (src/validate/recovery-study.ts)`,
    label: (n) => `naturalistic recovery ${n} persons x 9 years`,
    prepare: recoveryStudyScenario,
  },
];

/** Persons per task. */
export const PERSONS_PER_TASK = 5;

/** Minutes between points of the latent trajectory used for the windows around acts. */
export const WINDOW_GRID_MINUTES = 5;

/** Study sizes of each `--size`: the ESM groups as a multiple of the scenario's sizes; persons of the year run. */
export const SIZES: Record<ValidationSize, SizeSpec> = {
  ci: { esmScale: 2.5, yearPersons: 60, resamples: 1000, trialPersons: 120, mbtPersons: 80, recoveryPersons: 48 },
  full: { esmScale: 10, yearPersons: 300, resamples: 2000, trialPersons: 600, mbtPersons: 400, recoveryPersons: 240 },
};

/** The numbers behind a size. */
export interface SizeSpec {
  /** ESM study: each group's size times this (rounded). */
  esmScale: number;
  /** Persons of the year run. */
  yearPersons: number;
  /** Bootstrap resamples of each interval. */
  resamples: number;
  /** Persons randomised in the DBT versus TAU trial (scenarios/dbt-vs-tau.yaml). */
  trialPersons: number;
  /** Persons randomised in the MBT versus TAU trial with 8-year follow-up (scenarios/mbt-long-term.yaml). */
  mbtPersons: number;
  /** Persons of the naturalistic-recovery study over 9 years (scenarios/naturalistic-recovery.yaml, all-four and none arms 3:1; a multiple of 8 keeps the ratio exact). */
  recoveryPersons: number;
}

/** Everything that decides the suite's numbers (JSON: travels to worker threads). */
export interface ValidationPlan {
  scenario: { name: string; input: Record<string, unknown> };
  seed: number;
  size: ValidationSize;
  /** The studies to simulate (default both); targets that read another study cannot run. */
  studies?: StudyName[];
  /** Replaces the size's numbers (library use, for example small test runs). */
  sizeSpec?: SizeSpec;
}

/** The numbers of a plan's size. */
export function sizeSpec(plan: ValidationPlan): SizeSpec {
  return plan.sizeSpec ?? SIZES[plan.size];
}

/** One task: a chunk of persons of one study (the PTSD comparison group belongs to the ESM study). */
export interface ValidationTask {
  study: "esm" | "year";
  group: number;
  from: number;
  to: number;
}

export type TaskOutput = { study: "esm"; persons: EsmPerson[] } | { study: "year"; persons: YearPerson[] };

/** The latent NA around each act, read from a trajectory on a `WINDOW_GRID_MINUTES` grid. */
export function actWindows(result: PersonResult): ActWindow[] {
  const trajectory = result.trajectory;
  if (trajectory === undefined) return [];
  const perHour = 60 / WINDOW_GRID_MINUTES;
  const start = trajectory.hours[0];
  const at = (hours: number): number => {
    const k = Math.round((hours - start) * perHour);
    return k >= 0 && k < trajectory.A.length ? trajectory.A[k] : Number.NaN;
  };
  const windows: ActWindow[] = [];
  for (const event of result.events) {
    if (event.kind !== "nssi") continue;
    const window = { hourBefore: at(event.hours - 1), atAct: event.before.A, fiveMinutesAfter: at(event.hours + 5 / 60), hourAfter: at(event.hours + 1) };
    if (Number.isFinite(window.hourBefore) && Number.isFinite(window.hourAfter) && Number.isFinite(window.fiveMinutesAfter)) windows.push(window);
  }
  return windows;
}

/** The plan made ready: the ESM and year scenarios and the task list. */
export class ValidationContext {
  readonly plan: ValidationPlan;
  readonly esm: Scenario;
  readonly year: Scenario;
  readonly tasks: ValidationTask[];

  constructor(plan: ValidationPlan, fileName = `${plan.scenario.name}.yaml`) {
    this.plan = plan;
    const studies = plan.studies ?? ALL_STUDIES;
    const size = sizeSpec(plan);
    const input = plan.scenario.input;
    const groupsInput = Array.isArray(input.groups) ? (input.groups as unknown[]) : [];
    if (groupsInput.length < 2) throw new CascadeError(`the validation suite needs two groups (BPD first, controls second); the scenario has ${groupsInput.length}`, { file: fileName, field: "groups" });
    // The PTSD comparison group joins the scenario as a third group (its own random streams, so the
    // first two groups' persons do not change); it is simulated only for the ptsd-comparison study.
    const controlSize = Math.round(Number((groupsInput[1] as { size?: unknown }).size ?? 0) * size.esmScale);
    const base = validateScenario({ ...input, groups: [...groupsInput.slice(0, 2), ptsdComparisonGroup(controlSize)] }, fileName);
    const [bpd, control, ptsd] = base.groups;
    this.esm = { ...base, seed: plan.seed, groups: [{ ...bpd, size: Math.round(bpd.size * size.esmScale) }, { ...control, size: Math.round(control.size * size.esmScale) }, ptsd] };
    this.year = {
      ...base,
      seed: plan.seed,
      days: 365,
      groups: [{ ...bpd, size: size.yearPersons, design: { ...bpd.design, schedule: { type: "none" }, eventContingent: { ...bpd.design.eventContingent, enabled: false }, bursts: null } }],
    };
    this.tasks = [];
    if (studies.includes("esm")) for (const index of [0, 1]) this.addTasks("esm", index, this.esm.groups[index].size);
    if (studies.includes("ptsd-comparison")) this.addTasks("esm", 2, this.esm.groups[2].size);
    if (studies.includes("year")) this.addTasks("year", 0, this.year.groups[0].size);
  }

  private addTasks(study: "esm" | "year", group: number, persons: number): void {
    for (let from = 0; from < persons; from += PERSONS_PER_TASK) this.tasks.push({ study, group, from, to: Math.min(persons, from + PERSONS_PER_TASK) });
  }

  /** Simulates the persons of one task. */
  runTask(taskNumber: number): TaskOutput {
    const task = this.tasks[taskNumber];
    if (task.study === "year") {
      const persons: YearPerson[] = [];
      for (let index = task.from; index < task.to; index++) {
        const result = simulatePerson(this.year, { group: task.group, indexInGroup: index });
        persons.push({ group: result.group, female: result.covariates.female === 1, acts: result.summary.acts });
      }
      return { study: "year", persons };
    }
    const group = this.esm.groups[task.group];
    const roles = itemRoles(group.design);
    const persons: EsmPerson[] = [];
    for (let index = task.from; index < task.to; index++) {
      const result = simulatePerson(this.esm, { group: task.group, indexInGroup: index, trajectoryEveryMinutes: WINDOW_GRID_MINUTES });
      persons.push({ series: personSeries(group.design, roles, result), female: result.covariates.female === 1, acts: actWindows(result) });
    }
    return { study: "esm", persons };
  }
}
