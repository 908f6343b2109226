/**
 * A trial's directory on disk (Node only), written by `cascade trial`:
 *
 * ```
 * DIR/outcomes.csv        one row per person and assessment: arm, covariates, every outcome
 * DIR/arms.csv            one row per arm, assessment and outcome: n, mean, sd (events for binary outcomes)
 * DIR/effects.csv         one row per arm (against the control), assessment and outcome: Hedges' g or risk ratio, 95% CI
 * DIR/weekly.csv          one row per arm and week: mean functioning, share above 60, NSSI acts per person
 * DIR/trial.json          scenario, seed, randomisation, arms and their processes, assessments, effects, column dictionary
 * DIR/charts/*.vl.json    trajectories, forest plot, functioning (Vega-Lite), and their .svg renderings
 * ```
 *
 * Everything is written into a temporary directory renamed into place only when complete
 * (`writeDirectoryAtomically`). Nothing in the files depends on the machine, the time or the number
 * of workers.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { TopLevelSpec } from "vega-lite";
import { writeDirectoryAtomically, type OutputOptions } from "../io/atomic.js";
import { formatRow, type Cell } from "../io/csv-writer.js";
import type { Scenario } from "../scenario/schema.js";
import { PROCESS_TYPES } from "../treatment/catalogue.js";
import { packageVersion } from "../version.js";
import { trialForestChart, trialFunctioningChart, trialTrajectoriesChart } from "./charts.js";
import { TRIAL_OUTCOMES, TRIAL_OUTCOME_NAMES } from "./person.js";
import { randomisationSeed } from "./plan.js";
import type { TrialResult } from "./run.js";

const NOTICE = "Synthetic data from Cascade Lab, a research and teaching tool; not a clinical or risk-prediction tool. Pharmacological process curves are exploratory.";

type ColumnDictionary = { name: string; description: string; unit?: string }[];

export const OUTCOME_COLUMNS: ColumnDictionary = [
  { name: "id", description: "person number in the trial, 1-based (person id - 1 of the population group)" },
  { name: "arm", description: "the arm the person was randomised to" },
  { name: "assessment", description: "assessment name" },
  { name: "week", description: "week of the study at which the assessment's burst starts", unit: "weeks" },
  { name: "trauma", description: "childhood-trauma severity covariate, 0-1" },
  { name: "integration", description: "social integration score of the functioning model", unit: "SD units" },
  ...TRIAL_OUTCOME_NAMES.map((name) => ({ name, description: TRIAL_OUTCOMES[name].description, unit: TRIAL_OUTCOMES[name].unit })),
];

export const ARM_COLUMNS: ColumnDictionary = [
  { name: "arm", description: "arm" },
  { name: "assessment", description: "assessment name" },
  { name: "week", description: "week of the study at which the burst starts", unit: "weeks" },
  { name: "outcome", description: "outcome name (see outcomes.csv)" },
  { name: "n", description: "persons with a defined value" },
  { name: "mean", description: "mean over those persons (for 0/1 outcomes: the share with the event)" },
  { name: "sd", description: "standard deviation (n - 1)" },
  { name: "events", description: "0/1 outcomes: persons with the event; empty otherwise" },
];

export const EFFECT_COLUMNS: ColumnDictionary = [
  { name: "arm", description: "arm compared" },
  { name: "control", description: "the reference arm" },
  { name: "assessment", description: "assessment name" },
  { name: "week", description: "week of the study at which the burst starts", unit: "weeks" },
  { name: "outcome", description: "outcome name" },
  { name: "measure", description: "hedges_g (continuous outcomes: arm minus control over the pooled SD, small-sample corrected; negative means less in the arm) or risk_ratio (0/1 outcomes: arm risk / control risk)" },
  { name: "estimate", description: "the effect" },
  { name: "lower", description: "lower bound of the 95% confidence interval (Hedges & Olkin variance; risk ratio: log method, 0.5 added to every cell when one is empty)" },
  { name: "upper", description: "upper bound of the 95% confidence interval" },
  { name: "n", description: "persons of the arm with a defined value" },
  { name: "n_control", description: "persons of the control arm with a defined value" },
];

export const WEEKLY_COLUMNS: ColumnDictionary = [
  { name: "arm", description: "arm" },
  { name: "week", description: "week of the study (F at its start)", unit: "weeks" },
  { name: "persons", description: "persons in the arm" },
  { name: "functioning", description: "mean functioning F at the start of the week", unit: "GAF points" },
  { name: "above_60", description: "share of persons with F above 60" },
  { name: "nssi_per_person", description: "mean NSSI acts per person during the week (truth); empty for the last row" },
];

function csv(columns: ColumnDictionary, rows: readonly (readonly Cell[])[]): string {
  let text = formatRow(columns.map((column) => column.name));
  for (const row of rows) text += formatRow(row);
  return text;
}

function jsonText(value: unknown): string {
  return JSON.stringify(value, (_, v) => (typeof v === "number" && !Number.isFinite(v) ? null : v), 2) + "\n";
}

/** The charts of a trial, by file stem. */
export function trialCharts(result: TrialResult): { stem: string; spec: TopLevelSpec }[] {
  return [
    { stem: "trajectories", spec: trialTrajectoriesChart(result.plan, result.arms) },
    { stem: "forest", spec: trialForestChart(result.plan, result.effects) },
    { stem: "functioning", spec: trialFunctioningChart(result.plan, result.weekly) },
  ];
}

/** The CSV tables of a trial, by file name. */
export function trialTables(result: TrialResult): Record<string, { text: string; rows: number; columns: ColumnDictionary; description: string }> {
  const { plan } = result;
  const outcomeRows: Cell[][] = [];
  for (const person of result.persons) {
    plan.assessments.forEach((assessment, a) => {
      outcomeRows.push([person.index + 1, plan.arms[person.arm].name, assessment.name, assessment.week, person.trauma, person.integration, ...person.outcomes[a]]);
    });
  }
  const armRows = result.arms.map((row): Cell[] => [row.arm, row.assessment, row.week, row.outcome, row.n, row.mean, row.sd, row.events]);
  const effectRows = result.effects.map((e): Cell[] => [e.arm, e.control, e.assessment, e.week, e.outcome, e.measure, e.estimate, e.lower, e.upper, e.n, e.controlN]);
  const weeklyRows = result.weekly.map((w): Cell[] => [w.arm, w.week, w.persons, w.functioning, w.aboveSixty, w.actsPerPerson]);
  return {
    "outcomes.csv": { text: csv(OUTCOME_COLUMNS, outcomeRows), rows: outcomeRows.length, columns: OUTCOME_COLUMNS, description: "One row per person and assessment." },
    "arms.csv": { text: csv(ARM_COLUMNS, armRows), rows: armRows.length, columns: ARM_COLUMNS, description: "One row per arm, assessment and outcome." },
    "effects.csv": { text: csv(EFFECT_COLUMNS, effectRows), rows: effectRows.length, columns: EFFECT_COLUMNS, description: "One row per arm against the control, assessment and outcome." },
    "weekly.csv": { text: csv(WEEKLY_COLUMNS, weeklyRows), rows: weeklyRows.length, columns: WEEKLY_COLUMNS, description: "One row per arm and week of the study." },
  };
}

/** trial.json: what was run and how to read the files. */
export function trialMetadata(scenario: Scenario, result: TrialResult, files: Record<string, unknown>): Record<string, unknown> {
  const { plan } = result;
  const counts = plan.arms.map((_, arm) => plan.allocation.filter((a) => a === arm).length);
  return {
    generator: { package: "cascade-lab", version: packageVersion() },
    notice: NOTICE,
    kind: "trial",
    scenario,
    seed: plan.seed,
    population: plan.population,
    persons: plan.persons,
    days: plan.days,
    randomisation: {
      method: "permuted blocks",
      blockSize: plan.blockSize,
      stream: randomisationSeed(plan.seed, plan.population),
      note: "person i of the trial is person i of the population group (the same random streams in every arm); the allocation is computed before any simulation, so it never depends on --workers",
      persons: Object.fromEntries(plan.arms.map((arm, i) => [arm.name, counts[i]])),
    },
    arms: plan.arms.map((arm) => ({
      name: arm.name,
      label: arm.label,
      ratio: arm.ratio,
      exploratory: arm.exploratory,
      processes: arm.processes.map((process) => ({ ...process, exploratory: PROCESS_TYPES[process.type].exploratory })),
    })),
    control: plan.arms[plan.control].name,
    assessments: plan.assessments,
    outcomes: TRIAL_OUTCOME_NAMES.map((name) => ({ name, ...TRIAL_OUTCOMES[name] })),
    effects: result.effects,
    files,
  };
}

export interface TrialWriteOptions extends OutputOptions {
  out: string;
  /** Draw the charts (default true). */
  charts?: boolean;
}

/** Writes a trial's directory atomically (see the module comment); returns the files written. */
export async function writeTrial(scenario: Scenario, result: TrialResult, options: TrialWriteOptions): Promise<string[]> {
  return writeDirectoryAtomically(options.out, { force: options.force, inputs: options.inputs, label: options.label ?? "--out" }, async (directory) => {
    const written: string[] = [];
    const files: Record<string, unknown> = {};
    for (const [name, table] of Object.entries(trialTables(result))) {
      writeFileSync(join(directory, name), table.text);
      written.push(name);
      files[name] = { description: table.description, rows: table.rows, columns: table.columns };
    }
    if (options.charts !== false) {
      // The chart renderer (Vega) is loaded only when charts are drawn.
      const { renderSvg, specJson } = await import("../charts/render.js");
      mkdirSync(join(directory, "charts"));
      const charts = trialCharts(result);
      for (const chart of charts) {
        const svg = await renderSvg(chart.spec);
        writeFileSync(join(directory, "charts", `${chart.stem}.vl.json`), specJson(chart.spec));
        writeFileSync(join(directory, "charts", `${chart.stem}.svg`), svg);
        written.push(`charts/${chart.stem}.vl.json`, `charts/${chart.stem}.svg`);
      }
      files.charts = charts.map((chart) => chart.stem);
    }
    writeFileSync(join(directory, "trial.json"), jsonText(trialMetadata(scenario, result, files)));
    written.push("trial.json");
    return written;
  });
}
