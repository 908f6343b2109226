/**
 * From the explorer's controls to a scenario the engine simulates, exactly as `cascade simulate`
 * would simulate the same scenario written to a file.
 *
 * The explorer studies one person: group `person` of size 1, every parameter a fixed number. Its
 * starting point is the typical person of the first group (BPD) of the bundled `bpd-cascade`
 * scenario: each parameter at the median of its distribution (`valueAtScore(distribution, 0)`),
 * with no childhood trauma and no PTSD (so "stress reactivity" is the effective reactivity), and
 * the scenario's ESM design (items, response delays, fatigue) with no person-level compliance
 * effect (so "compliance" means what the slider says). The controls then set their parameters.
 *
 * Validity is decided by the scenario schema (`validateScenario`), the same rules the command line
 * applies. A value outside the model's valid range is reported (with the schema's message) and
 * replaced by the nearest slider value, so the page always shows a valid simulation.
 *
 * Browser-safe: no `node:` imports.
 */
import { stringify } from "yaml";
import { CascadeError, CascadeErrors } from "../../src/errors.js";
import { PARAMETER_NAMES, type PersonParameters } from "../../src/model/parameters.js";
import { valueAtScore } from "../../src/population/distributions.js";
import { validateScenario } from "../../src/scenario/parse.js";
import type { Scenario, ScenarioInput } from "../../src/scenario/schema.js";
import { clampToSlider, control, type ControlId, type ControlValues } from "./controls.js";
import type { ValueIssue } from "./protocol.js";

/** The group name of the explorer's person: it seeds the person's random streams, so it never changes. */
export const PERSON_GROUP = "person";

/** Study length of the explorer by default (the speed target: one person over 28 days). */
export const DEFAULT_DAYS = 28;


/** The typical person of `base`'s first group: every parameter at its distribution's median. */
export function typicalParameters(base: Scenario): PersonParameters {
  const group = base.groups[0];
  const parameters = {} as PersonParameters;
  for (const name of PARAMETER_NAMES) parameters[name] = valueAtScore(group.parameters[name], 0);
  return parameters;
}

/** The controls' defaults for a base scenario (its typical person and its design; 28 days, seed 1, the first week shown). */
export function defaultValues(base: Scenario): ControlValues {
  const p = typicalParameters(base);
  const design = base.groups[0].design;
  const schedule = design.schedule;
  return {
    coupling: p.wRA,
    delta: p.delta,
    urgency: p.nu,
    stressRate: p.stressRate,
    reactivity: p.reactivity,
    relief: p.rhoA,
    rebound: p.shame,
    skills: p.K,
    perDay: "perDay" in schedule ? schedule.perDay : 6,
    compliance: design.compliance.base,
    distressSkip: design.compliance.negativeAffect,
    days: DEFAULT_DAYS,
    seed: 1,
    fromDay: 1,
    showDays: 7,
  };
}

/** The scenario, as it would be written in a file, for the controls' values. */
export function explorerScenarioInput(base: Scenario, values: ControlValues): ScenarioInput {
  const design = base.groups[0].design;
  const schedule = design.schedule.type === "stratified" || design.schedule.type === "random" ? design.schedule : undefined;
  const parameters: PersonParameters = {
    ...typicalParameters(base),
    wRA: values.coupling,
    wAR: values.coupling,
    delta: values.delta,
    nu: values.urgency,
    stressRate: values.stressRate,
    reactivity: values.reactivity,
    rhoA: values.relief,
    shame: values.rebound,
    K: values.skills,
  };
  return {
    name: "explorer",
    title: "Classroom explorer: one person",
    description:
      "One person of the Cascade Lab classroom explorer: the typical BPD person of the bundled bpd-cascade scenario with the explorer's settings. Synthetic data for teaching; not a clinical model of anyone.",
    seed: values.seed,
    days: values.days,
    startDate: base.startDate,
    clock: { ...base.clock },
    simulation: { ...base.simulation },
    design: {
      ...design,
      schedule: { type: "stratified", start: schedule?.start ?? "09:00", end: schedule?.end ?? "21:00", minGapMinutes: schedule?.minGapMinutes ?? 0, perDay: values.perDay },
      eventContingent: { ...design.eventContingent, enabled: false },
      bursts: null,
      compliance: { ...design.compliance, base: values.compliance, personSd: 0, negativeAffect: values.distressSkip },
    },
    groups: [
      {
        name: PERSON_GROUP,
        label: "The explorer's person",
        size: 1,
        parameters: { ...parameters },
        covariates: { female: 0, ptsd: 0, age: 28, trauma: 0 },
      },
    ],
  } as ScenarioInput;
}

/** Which control writes the scenario field `field` (a path such as `groups[0].parameters.delta`). */
export function controlOfField(field: string): ControlId | undefined {
  const parameterControls: Partial<Record<string, ControlId>> = {
    wRA: "coupling",
    wAR: "coupling",
    delta: "delta",
    nu: "urgency",
    stressRate: "stressRate",
    reactivity: "reactivity",
    rhoA: "relief",
    shame: "rebound",
    K: "skills",
  };
  const parameter = /^groups\[0\]\.parameters\.(\w+)/.exec(field);
  if (parameter) return parameterControls[parameter[1]];
  if (/^(groups\[0\]\.)?design\.schedule\.perDay/.test(field)) return "perDay";
  if (/^(groups\[0\]\.)?design\.compliance\.base/.test(field)) return "compliance";
  if (/^(groups\[0\]\.)?design\.compliance\.negativeAffect/.test(field)) return "distressSkip";
  if (field === "days") return "days";
  if (field === "seed") return "seed";
  return undefined;
}

/** The explorer's scenario for `values`, with every value the model cannot take reported and replaced. */
export interface ResolvedScenario {
  scenario: Scenario;
  /** The values simulated (equal to the given ones unless an issue says otherwise). */
  values: ControlValues;
  issues: ValueIssue[];
}

function problemsOf(error: unknown): CascadeError[] {
  if (error instanceof CascadeErrors) return [...error.errors];
  if (error instanceof CascadeError) return [error];
  throw error;
}

/**
 * Validates the scenario for `values`. Every problem the schema finds is attributed to its control,
 * whose value is replaced by the nearest value on its slider; a problem no control explains is a bug
 * and is thrown.
 */
export function resolveScenario(base: Scenario, given: ControlValues, earlierIssues: readonly ValueIssue[] = []): ResolvedScenario {
  const values = { ...given };
  const issues = [...earlierIssues];
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const scenario = validateScenario(explorerScenarioInput(base, values), "explorer");
      return { scenario, values, issues };
    } catch (error) {
      const problems = problemsOf(error);
      for (const problem of problems) {
        const id = problem.location.field === undefined ? undefined : controlOfField(problem.location.field);
        if (id === undefined) throw problem;
        if (issues.some((issue) => issue.control === id && issue.used === values[id])) continue;
        const used = clampToSlider(control(id), values[id]);
        issues.push({ control: id, given: String(given[id]), used, message: problem.detail });
        values[id] = used;
      }
    }
  }
  throw new Error("explorer: the scenario is still invalid after replacing every reported value");
}

/**
 * The scenario as YAML text, to run with the command line: `cascade simulate explorer.yaml --out DIR`
 * gives the numbers the page shows (the person is person 1 of group `person`).
 */
export function scenarioYaml(base: Scenario, values: ControlValues, link?: string): string {
  const header = [
    "# Cascade Lab classroom explorer: the scenario behind the page.",
    `# Reproduce it: cascade simulate explorer.yaml --out explorer-run`,
    ...(link === undefined ? [] : [`# Page: ${link}`]),
    "# Synthetic data for research and teaching; not a clinical or risk-prediction tool.",
    "",
  ];
  return header.join("\n") + stringify(explorerScenarioInput(base, values), { lineWidth: 0 });
}
