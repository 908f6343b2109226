/**
 * Running the validation suite (Node only): simulate the studies in worker threads (or this
 * thread), evaluate the targets, and optionally write the outcomes as JSON. `cascade validate` calls
 * `runValidation`.
 *
 * Person results come back in task order and the bootstrap streams are seeded, so the outcomes (and
 * the table and JSON) are identical for any number of workers.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { writeFileAtomically, type OutputOptions } from "../io/atomic.js";
import { preferBundledWorker, runTaskPool } from "../sweep/pool.js";
import { itemRoles } from "../sweep/person-series.js";
import { packageVersion } from "../version.js";
import { VALIDATION_TARGETS } from "./registry.js";
import { loadScenario } from "../scenario/load-file.js";
import { runTrial } from "../trial/run.js";
import { ALL_STUDIES, sizeSpec, TRIAL_STUDIES, ValidationContext, type TaskOutput, type ValidationPlan } from "./studies.js";
import { evaluateTargets } from "./suite.js";
import type { TargetOutcome, Tolerance, TrialStudyName, ValidationData, ValidationTarget } from "./types.js";

export interface ValidationRunOptions {
  workers?: number;
  /** The targets to evaluate (default: every registered one). */
  targets?: readonly ValidationTarget[];
  /** Tolerances replacing the targets' own, by id. */
  tolerances?: ReadonlyMap<string, Tolerance>;
  onProgress?: (done: number, total: number) => void;
}

export interface ValidationReport {
  plan: ValidationPlan;
  outcomes: TargetOutcome[];
  /** Persons simulated: ESM study by group, year run, each trial. */
  persons: { esm: Record<string, number>; year: number; trials: Partial<Record<TrialStudyName, number>> };
}

function workerFile(): string {
  return preferBundledWorker(fileURLToPath(new URL("../bundles/validate-worker.js", import.meta.url)), fileURLToPath(new URL("./worker.js", import.meta.url)));
}

/** Simulates the studies of `plan` (in task order, whatever the workers). */
export async function simulateValidationData(context: ValidationContext, workers: number, onProgress?: (done: number, total: number) => void): Promise<ValidationData> {
  const esm: ValidationData["esm"] = [];
  const year: ValidationData["year"] = [];
  const tasks = context.tasks.map((_, i) => i);
  await runTaskPool(tasks, {
    workers,
    workerFile: workerFile(),
    workerData: { plan: context.plan },
    runLocal: (task: number): TaskOutput => context.runTask(task),
    onResult: (output: TaskOutput, done: number) => {
      if (output.study === "esm") esm.push(...output.persons);
      else year.push(...output.persons);
      onProgress?.(done, tasks.length);
    },
  });
  const [bpd, control, ptsd] = context.esm.groups;
  return { esm, year, trials: {}, groups: { bpd: bpd.name, control: control.name, ptsd: ptsd.name }, items: itemRoles(bpd.design) };
}

/** Runs the suite: simulate, then measure and judge every target. */
export async function runValidation(plan: ValidationPlan, options: ValidationRunOptions = {}): Promise<ValidationReport> {
  const targets = options.targets ?? VALIDATION_TARGETS;
  const studies = plan.studies ?? ALL_STUDIES;
  for (const target of targets) {
    const missing = target.studies.filter((study) => !studies.includes(study));
    if (missing.length > 0) throw new Error(`runValidation: target ${target.id} needs the ${missing.join(" and ")} study, which the plan leaves out`);
  }
  const context = new ValidationContext(plan);
  const data = await simulateValidationData(context, options.workers ?? 1, options.onProgress);
  const trialPersons: Partial<Record<TrialStudyName, number>> = {};
  for (const trialStudy of TRIAL_STUDIES) {
    if (!studies.includes(trialStudy.study)) continue;
    const persons = sizeSpec(plan)[trialStudy.persons];
    const fileName = `${trialStudy.scenario}.yaml`;
    const bundled = loadScenario(trialStudy.scenario).scenario;
    const scenario = trialStudy.prepare === undefined ? bundled : trialStudy.prepare(bundled, fileName);
    const trial = await runTrial(scenario, { seed: plan.seed, persons, workers: options.workers ?? 1, fileName });
    const courses = trial.persons.map((person) => ({ arm: trial.plan.arms[person.arm].name, weeklyActs: person.weeklyActs }));
    data.trials[trialStudy.study] = { persons, arms: trial.arms, effects: trial.effects, courses };
    trialPersons[trialStudy.study] = persons;
  }
  const outcomes = evaluateTargets(targets, data, { seed: plan.seed, size: plan.size, resamples: sizeSpec(plan).resamples, tolerances: options.tolerances });
  const esmCounts: Record<string, number> = {};
  context.esm.groups.forEach((group, index) => {
    if (studies.includes(index < 2 ? "esm" : "ptsd-comparison")) esmCounts[group.name] = group.size;
  });
  return { plan, outcomes, persons: { esm: esmCounts, year: studies.includes("year") ? context.year.groups[0].size : 0, trials: trialPersons } };
}

/** The report as JSON text (NaN and infinities as null). */
export function validationJson(report: ValidationReport): string {
  const passed = report.outcomes.filter((o) => o.pass).length;
  const document = {
    generator: { package: "cascade-lab", version: packageVersion() },
    notice: "Synthetic data from Cascade Lab, a research and teaching tool; not a clinical or risk-prediction tool.",
    kind: "validation",
    scenario: report.plan.scenario.name,
    seed: report.plan.seed,
    size: report.plan.size,
    studies: {
      esm: { description: "the scenario's first two groups over its days, sizes scaled, and the PTSD comparison group (src/validate/ptsd-group.ts) when asked for", persons: report.persons.esm },
      year: { description: "the first group's latent process for 365 days, no prompts", persons: report.persons.year },
      trials: Object.fromEntries(TRIAL_STUDIES.map((t) => [t.study, { description: t.description, persons: report.persons.trials[t.study] ?? 0 }])),
      bootstrapResamples: sizeSpec(report.plan).resamples,
    },
    summary: { targets: report.outcomes.length, passed, failed: report.outcomes.length - passed },
    targets: report.outcomes,
  };
  return JSON.stringify(document, (_, v) => (typeof v === "number" && !Number.isFinite(v) ? null : v), 2) + "\n";
}

/** Writes the report's JSON atomically to `file`. */
export async function writeValidationJson(report: ValidationReport, file: string, options: OutputOptions): Promise<void> {
  await writeFileAtomically(file, { ...options, label: options.label ?? "--json" }, (temporary) => writeFileSync(temporary, validationJson(report)));
}
