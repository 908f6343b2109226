/**
 * metadata.json of a simulated dataset: the resolved scenario, the seed, the package version, the
 * conventions, the random-number scheme, and the column dictionary of every file. Nothing in it
 * depends on the machine, the time of day or the number of workers, so the same scenario and seed
 * give a byte-identical file.
 */
import type { Scenario } from "../scenario/schema.js";
import type { ScenarioOverrides } from "../scenario/parse.js";
import { STREAM_SCHEME } from "../random/stream.js";
import type { GroupSummary } from "./summary.js";
import { EVENT_COLUMNS, PERSON_COLUMNS, PROMPT_TRUTH_COLUMNS, TRAJECTORY_COLUMNS, WEEK_COLUMNS, observedColumns, type ColumnSpec } from "./tables.js";

export interface FileEntry {
  description: string;
  rows: number;
  columns: readonly ColumnSpec[];
}

export interface DatasetMetadata {
  generator: { package: "cascade-lab"; version: string; command: "cascade simulate" };
  notice: string;
  scenario: Scenario;
  seed: number;
  days: number;
  persons: { total: number; byGroup: Record<string, number> };
  overrides: ScenarioOverrides;
  conventions: Record<string, string>;
  random: Record<string, string>;
  files: Record<string, FileEntry>;
  summary: GroupSummary[];
}

/** The conventions every file follows (also in docs/simulation.md). */
export const CONVENTIONS: Record<string, string> = {
  ids: "Persons are numbered 1..N in group order (the scenario's first group first), then by index within the group.",
  time: "Times are local date-times YYYY-MM-DDTHH:MM:SS counted from the scenario's startDate (every day has 24 hours; no time zone); truth files also give hours since midnight of study day 1.",
  days: "day is the 1-based study day; beep the 1-based order of a prompt within its day, counting answered and missed prompts.",
  missing: "A missed prompt is a row with answered = 0, an empty responded time and empty item cells (never 0).",
  nssiCount: "The nssi item counts acts after the reference moment of the previous prompt (design.nssiWindow: any prompt, or only answered ones) up to this prompt's reference moment; the reference moment is the answer time of an answered prompt and the scheduled time of a missed one; the first prompt counts from the study start.",
  cascadeState: "A person is in the cascade state when rumination is above the coupling threshold, R > h: rumination then drives negative affect at more than half the loop's strength.",
  latentAtPrompts: "truth/prompts.csv gives the latent state at the answer's time for answered prompts and at the scheduled time for missed ones (column measuredHours).",
  events: "Events happen on the integration grid (simulation.dtMinutes); burn-in events are not reported.",
  rounding: "Latent values are rounded to 4 decimals and parameters to 6 in the CSV files.",
};

/** The random-number scheme, stated so the data can be reproduced elsewhere. */
export const RANDOM_SCHEME: Record<string, string> = {
  generator: "Alea (J. Baagoe), seeded by the seedrandom package's Mash hash of a seed string; identical numbers to seedrandom.alea(seed).",
  streams: `Each person has one stream per purpose, seeded by "${STREAM_SCHEME}/<seed>/<group or samePersonsAs>/<index within group>/<purpose>" (purposes: parameters, noiseA, noiseR, stress, nssi, skills, schedule, compliance, emotions, responses), so a person's data do not depend on workers, order or other groups.`,
  normal: "Standard normals by the ziggurat method (Marsaglia & Tsang 2000, 128 layers) over Alea's 32-bit uniforms.",
  integration: "Euler-Maruyama on a grid of simulation.dtMinutes; point processes by the integrated-hazard (time-change) method; emotion components E_k sampled exactly at prompts.",
};

export interface MetadataInput {
  scenario: Scenario;
  version: string;
  overrides: ScenarioOverrides;
  rows: { observed: number; prompts: number; events: number; persons: number; trajectory?: number; weeks: number };
  trajectoryEveryMinutes?: number;
  summary: GroupSummary[];
}

/** The metadata object of a dataset. */
export function datasetMetadata(input: MetadataInput): DatasetMetadata {
  const { scenario } = input;
  const files: Record<string, FileEntry> = {
    "observed.csv": {
      description: "What an ESM study would have recorded: one row per prompt, answered or not, long format.",
      rows: input.rows.observed,
      columns: observedColumns(scenario),
    },
    "truth/prompts.csv": { description: "The latent state behind each row of observed.csv (same order).", rows: input.rows.prompts, columns: PROMPT_TRUTH_COLUMNS },
    "truth/events.csv": { description: "Every stressor, NSSI act and skill use during the study, with the state before and after.", rows: input.rows.events, columns: EVENT_COLUMNS },
    "truth/persons.csv": { description: "Every person's covariates, drawn parameters, fixed points and truth summary.", rows: input.rows.persons, columns: PERSON_COLUMNS },
    "truth/weeks.csv": {
      description: "Psychosocial functioning F (GAF-like) and NSSI acts, one row per person and study week (the weekly functioning model of MODEL.md section 4, as cascade trial uses it).",
      rows: input.rows.weeks,
      columns: WEEK_COLUMNS,
    },
  };
  if (input.trajectoryEveryMinutes !== undefined) {
    files["truth/trajectory.csv"] = {
      description: `The latent path every ${input.trajectoryEveryMinutes} minutes from the study start.`,
      rows: input.rows.trajectory ?? 0,
      columns: TRAJECTORY_COLUMNS,
    };
  }
  return {
    generator: { package: "cascade-lab", version: input.version, command: "cascade simulate" },
    notice: "Synthetic data from the Emotional Cascade Model, for research and teaching; not a clinical or risk-prediction tool.",
    scenario,
    seed: scenario.seed,
    days: scenario.days,
    persons: { total: scenario.groups.reduce((s, g) => s + g.size, 0), byGroup: Object.fromEntries(scenario.groups.map((g) => [g.name, g.size])) },
    overrides: input.overrides,
    conventions: CONVENTIONS,
    random: RANDOM_SCHEME,
    files,
    summary: input.summary,
  };
}
