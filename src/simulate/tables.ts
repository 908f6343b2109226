/**
 * The tables of a simulated dataset: their columns (with the descriptions that go into the column
 * dictionary of metadata.json) and the rows of one person. Browser-safe: cells are plain values; the
 * disk layer (`output.ts`) turns them into CSV text.
 *
 * Conventions (also in docs/simulation.md):
 * - `id`: persons numbered 1..N in group order (the scenario's first group first), then by index within
 *   the group;
 * - `day`: 1-based study day; `beep`: 1-based order of the prompt within its day, counting every
 *   prompt, answered or not;
 * - times: local date-times `YYYY-MM-DDTHH:MM:SS` from the scenario's startDate, and `hours` since
 *   midnight of study day 1 in the truth;
 * - missed prompts: empty item cells and an empty `responded` (never 0);
 * - latent values rounded to 4 decimals, parameters to 6.
 */
import { localDateTime } from "../design/clock.js";
import { PARAMETER_NAMES, PARAMETERS } from "../model/parameters.js";
import { COVARIATE_NAMES } from "../population/draw.js";
import type { Design, Scenario } from "../scenario/schema.js";
import { personFunctioning } from "../treatment/functioning.js";
import type { PersonResult } from "./person.js";

/** A cell value: empty for null/undefined/NaN. */
export type TableCell = string | number | boolean | null | undefined;

/** A column of an output table, for the column dictionary. */
export interface ColumnSpec {
  name: string;
  description: string;
  unit?: string;
  /** `integer`, `number`, `string`, `datetime` or `0/1`. */
  type: string;
}

/** `formatFixed` of the CSV layer, repeated here without its file-system import. */
function round(value: number, digits: number): number {
  if (!Number.isFinite(value)) return value;
  const factor = 10 ** digits;
  const rounded = Math.round(value * factor) / factor;
  return rounded === 0 ? 0 : rounded;
}

const latent = (digits: number) => (value: number) => round(value, digits);
const state4 = latent(4);
const parameter6 = latent(6);

/** Whether any group's design has event-contingent reports (then observed.csv has a `trigger` column). */
export function hasEventReports(scenario: Scenario): boolean {
  return scenario.groups.some((group) => group.design.eventContingent.enabled);
}

/** The item columns of observed.csv: every item name of every group's design, first appearance first. */
export function itemColumns(scenario: Scenario): { name: string; items: Design["items"][number][] }[] {
  const columns: { name: string; items: Design["items"][number][] }[] = [];
  for (const group of scenario.groups) {
    for (const item of group.design.items) {
      const existing = columns.find((column) => column.name === item.name);
      if (existing) existing.items.push(item);
      else columns.push({ name: item.name, items: [item] });
    }
  }
  return columns;
}

function describeItem(items: Design["items"][number][]): { description: string; unit?: string; type: string } {
  const item = items[0];
  if (item.kind === "nssi") return { description: "Number of NSSI acts reported for the window since the previous prompt (see design.nssiWindow).", type: "integer" };
  const scale = `${item.scale.min}..${item.scale.max}${item.scale.step > 0 ? ` in steps of ${item.scale.step}` : ""}`;
  const what: Record<string, string> = {
    emotion: "discrete negative emotion: sqrt(1 - delta) A + sqrt(delta) E_k",
    affect: "negative affect A",
    rumination: "rumination R",
    urge: "urge U (0..1)",
    stress: "stress input S",
  };
  return { description: `Item (${what[item.kind]}); intercept + loading * quantity + error, rounded and clipped to the scale.`, unit: `scale ${scale}`, type: "number" };
}

/** Columns of observed.csv. */
export function observedColumns(scenario: Scenario): ColumnSpec[] {
  const columns: ColumnSpec[] = [
    { name: "id", description: "Person id, 1..N in group order.", type: "integer" },
    { name: "group", description: "Group name.", type: "string" },
    { name: "day", description: "Study day, 1-based.", type: "integer" },
    { name: "beep", description: "Order of the prompt within its day, 1-based, counting answered and missed prompts.", type: "integer" },
    { name: "scheduled", description: "Time of the prompt, local date-time from the scenario's startDate.", type: "datetime" },
    { name: "responded", description: "Time of the answer; empty when the prompt was missed.", type: "datetime" },
    { name: "answered", description: "1 if the prompt was answered, 0 if missed (then every item is empty).", type: "0/1" },
  ];
  if (hasEventReports(scenario)) {
    columns.push({ name: "trigger", description: "`signal` for a scheduled prompt, `event` for a report after an NSSI act.", type: "string" });
  }
  for (const column of itemColumns(scenario)) columns.push({ name: column.name, ...describeItem(column.items) });
  return columns;
}

/** Columns of truth/prompts.csv. */
export const PROMPT_TRUTH_COLUMNS: readonly ColumnSpec[] = [
  { name: "id", description: "Person id.", type: "integer" },
  { name: "group", description: "Group name.", type: "string" },
  { name: "day", description: "Study day.", type: "integer" },
  { name: "beep", description: "Beep within the day (as in observed.csv).", type: "integer" },
  { name: "trigger", description: "`signal` or `event`.", type: "string" },
  { name: "answered", description: "1 if answered.", type: "0/1" },
  { name: "hours", description: "Scheduled time, hours since midnight of study day 1.", unit: "hours", type: "number" },
  { name: "measuredHours", description: "The moment the latent values below describe: the answer's time when answered, the scheduled time when missed.", unit: "hours", type: "number" },
  { name: "A", description: "Latent negative affect.", unit: "SD units", type: "number" },
  { name: "R", description: "Latent rumination.", unit: "SD units", type: "number" },
  { name: "U", description: "Latent urge, 0..1.", type: "number" },
  { name: "S", description: "Stress input.", unit: "SD units per hour", type: "number" },
  { name: "W", description: "Reinforcement strength of NSSI.", unit: "log-hazard units", type: "number" },
  { name: "cascade", description: "1 if in the cascade state (R > h).", type: "0/1" },
];

/** Columns of truth/events.csv. */
export const EVENT_COLUMNS: readonly ColumnSpec[] = [
  { name: "id", description: "Person id.", type: "integer" },
  { name: "group", description: "Group name.", type: "string" },
  { name: "event", description: "`stressor` (everyday), `rejection` (interpersonal), `reminder` (PTSD trauma reminder), `nssi` (an act), `skill` (a skill use).", type: "string" },
  { name: "day", description: "Study day.", type: "integer" },
  { name: "time", description: "Local date-time (to the second; `hours` is exact).", type: "datetime" },
  { name: "hours", description: "Hours since midnight of study day 1 (on the integration grid).", unit: "hours", type: "number" },
  { name: "magnitude", description: "Stressors: impulse added to S. nssi: relief (drop in A). skill: drop in A.", type: "number" },
  ...(["A", "R", "S", "W"] as const).flatMap((state) => [
    { name: `${state}_before`, description: `${state} just before the event.`, type: "number" },
    { name: `${state}_after`, description: `${state} just after the event.`, type: "number" },
  ]),
];

const SUMMARY_COLUMNS: readonly ColumnSpec[] = [
  { name: "effectiveReactivity", description: "reactivity (1 + traumaReactivity trauma).", type: "number" },
  { name: "bistable", description: "1 if the drift (S = 0) has a calm and a cascade attractor.", type: "0/1" },
  { name: "calmA", description: "A at the calm attractor (empty if none).", type: "number" },
  { name: "calmR", description: "R at the calm attractor.", type: "number" },
  { name: "saddleA", description: "A at the saddle between the attractors (empty if monostable).", type: "number" },
  { name: "saddleR", description: "R at the saddle.", type: "number" },
  { name: "cascadeA", description: "A at the cascade attractor (empty if none).", type: "number" },
  { name: "cascadeR", description: "R at the cascade attractor.", type: "number" },
  { name: "acts", description: "NSSI acts during the study.", type: "integer" },
  { name: "actsPerWeek", description: "Acts per 7 days.", type: "number" },
  { name: "stressors", description: "Stressors of all kinds during the study.", type: "integer" },
  { name: "skillUses", description: "Skill uses during the study.", type: "integer" },
  { name: "cascadeShare", description: "Share of the study's time in the cascade state (R > h), over the integration grid, day and night.", type: "number" },
  { name: "meanA", description: "Mean of A over the study's grid.", type: "number" },
  { name: "sdA", description: "SD of A over the study's grid.", type: "number" },
  { name: "meanR", description: "Mean of R over the study's grid.", type: "number" },
  { name: "prompts", description: "Rows in observed.csv.", type: "integer" },
  { name: "signalPrompts", description: "Scheduled prompts.", type: "integer" },
  { name: "answeredSignalPrompts", description: "Scheduled prompts answered.", type: "integer" },
  { name: "compliance", description: "answeredSignalPrompts / signalPrompts.", type: "number" },
  { name: "finalW", description: "W at the end of the study.", type: "number" },
];

/** Columns of truth/persons.csv: identity, covariates, every drawn parameter, then the person's truth summary. */
export const PERSON_COLUMNS: readonly ColumnSpec[] = [
  { name: "id", description: "Person id.", type: "integer" },
  { name: "group", description: "Group name.", type: "string" },
  { name: "indexInGroup", description: "Index within the group, 0-based (with the seed and group, it determines the person's random streams).", type: "integer" },
  { name: "female", description: "1 female, 0 not.", type: "0/1" },
  { name: "ptsd", description: "1 with PTSD comorbidity.", type: "0/1" },
  { name: "age", description: "Age.", unit: "years", type: "number" },
  { name: "trauma", description: "Childhood-trauma severity, 0..1.", type: "number" },
  ...PARAMETER_NAMES.map((name) => {
    const spec = PARAMETERS[name] as { description: string; unit?: string };
    return { name, description: spec.description, ...(spec.unit === undefined ? {} : { unit: spec.unit }), type: "number" };
  }),
  ...SUMMARY_COLUMNS,
];

/** Columns of truth/trajectory.csv. */
export const TRAJECTORY_COLUMNS: readonly ColumnSpec[] = [
  { name: "id", description: "Person id.", type: "integer" },
  { name: "group", description: "Group name.", type: "string" },
  { name: "hours", description: "Hours since midnight of study day 1.", unit: "hours", type: "number" },
  { name: "A", description: "Negative affect.", type: "number" },
  { name: "R", description: "Rumination.", type: "number" },
  { name: "S", description: "Stress input.", type: "number" },
  { name: "W", description: "Reinforcement strength.", type: "number" },
  { name: "cascade", description: "1 if R > h.", type: "0/1" },
];

/** Columns of truth/weeks.csv: psychosocial functioning F week by week (src/treatment/functioning.ts). */
export const WEEK_COLUMNS: readonly ColumnSpec[] = [
  { name: "id", description: "Person id.", type: "integer" },
  { name: "group", description: "Group name.", type: "string" },
  { name: "week", description: "Study week, 1-based: days 7 (week - 1) + 1 to 7 week.", type: "integer" },
  { name: "firstDay", description: "First study day of the week.", type: "integer" },
  { name: "lastDay", description: "Last study day of the week (the study's last day for a shorter last week).", type: "integer" },
  { name: "acts", description: "NSSI acts during the week.", type: "integer" },
  { name: "functioningStart", description: "Psychosocial functioning F (GAF-like, 0-100) at the start of the week.", unit: "GAF points", type: "number" },
  { name: "functioningEnd", description: "F at the end of the week: relaxed toward the week's target (social integration, trauma, processes, and weakly the recent NSSI rate), plus its fluctuation.", unit: "GAF points", type: "number" },
];

/** All rows of one person, as cell arrays in column order. */
export interface PersonRows {
  observed: TableCell[][];
  prompts: TableCell[][];
  events: TableCell[][];
  person: TableCell[];
  trajectory: TableCell[][];
  weeks: TableCell[][];
}

/**
 * The rows of truth/weeks.csv for one person: F over the study's weeks (the last one shorter when the
 * days are not a multiple of 7), from the person's acts and the group's processes, with the same
 * functioning model, streams and seed as `cascade trial` uses.
 */
function weekRows(scenario: Scenario, result: PersonResult, id: number): TableCell[][] {
  const group = scenario.groups[result.groupIndex];
  const weeks = Math.ceil(scenario.days / 7);
  const actHours = result.events.filter((event) => event.kind === "nssi").map((event) => event.hours);
  const { weeklyActs, path } = personFunctioning(group, scenario.seed, result.indexInGroup, result.covariates.trauma, group.processes, actHours, weeks);
  const rows: TableCell[][] = [];
  for (let week = 0; week < weeks; week++) {
    rows.push([id, result.group, week + 1, 7 * week + 1, Math.min(scenario.days, 7 * (week + 1)), weeklyActs[week], state4(path[week]), state4(path[week + 1])]);
  }
  return rows;
}

/** The rows of person `id` in every table. */
export function personRows(scenario: Scenario, result: PersonResult, id: number): PersonRows {
  const group = scenario.groups[result.groupIndex];
  const withTrigger = hasEventReports(scenario);
  const columns = itemColumns(scenario);
  const itemIndex = columns.map((column) => group.design.items.findIndex((item) => item.name === column.name));
  const observed: TableCell[][] = [];
  const prompts: TableCell[][] = [];
  for (const prompt of result.prompts) {
    const row: TableCell[] = [
      id,
      result.group,
      prompt.day,
      prompt.beep,
      localDateTime(scenario.startDate, prompt.scheduledSeconds),
      prompt.respondedSeconds === undefined ? undefined : localDateTime(scenario.startDate, prompt.respondedSeconds),
      prompt.answered ? 1 : 0,
    ];
    if (withTrigger) row.push(prompt.trigger);
    for (const index of itemIndex) row.push(index >= 0 && prompt.answered ? prompt.items[index] : undefined);
    observed.push(row);
    const truth = prompt.latent;
    prompts.push([
      id,
      result.group,
      prompt.day,
      prompt.beep,
      prompt.trigger,
      prompt.answered ? 1 : 0,
      parameter6(prompt.scheduledSeconds / 3600),
      parameter6(prompt.measuredHours),
      state4(truth.A),
      state4(truth.R),
      state4(truth.U),
      state4(truth.S),
      state4(truth.W),
      truth.cascade ? 1 : 0,
    ]);
  }
  const events = result.events.map((event) => [
    id,
    result.group,
    event.kind,
    Math.floor(event.hours / 24) + 1,
    localDateTime(scenario.startDate, event.hours * 3600),
    parameter6(event.hours),
    state4(event.magnitude),
    ...(["A", "R", "S", "W"] as const).flatMap((state) => [state4(event.before[state]), state4(event.after[state])]),
  ]);
  const s = result.summary;
  const fp = result.fixedPoints;
  const point = (value: number | undefined): TableCell => (value === undefined ? undefined : state4(value));
  const person: TableCell[] = [
    id,
    result.group,
    result.indexInGroup,
    ...COVARIATE_NAMES.map((name) => (name === "female" || name === "ptsd" ? result.covariates[name] : parameter6(result.covariates[name]))),
    ...PARAMETER_NAMES.map((name) => parameter6(result.parameters[name])),
    parameter6(s.effectiveReactivity),
    fp.bistable ? 1 : 0,
    point(fp.calm?.A),
    point(fp.calm?.R),
    point(fp.saddle?.A),
    point(fp.saddle?.R),
    point(fp.cascade?.A),
    point(fp.cascade?.R),
    s.acts,
    state4(s.actsPerWeek),
    s.stressors,
    s.skillUses,
    state4(s.cascadeShare),
    state4(s.meanA),
    state4(s.sdA),
    state4(s.meanR),
    s.prompts,
    s.signalPrompts,
    s.answeredSignalPrompts,
    s.signalPrompts > 0 ? state4(s.answeredSignalPrompts / s.signalPrompts) : undefined,
    state4(s.finalW),
  ];
  const trajectory: TableCell[][] = [];
  if (result.trajectory) {
    const t = result.trajectory;
    const h = result.parameters.h;
    for (let i = 0; i < t.hours.length; i++) {
      trajectory.push([id, result.group, parameter6(t.hours[i]), state4(t.A[i]), state4(t.R[i]), state4(t.S[i]), state4(t.W[i]), t.R[i] > h ? 1 : 0]);
    }
  }
  return { observed, prompts, events, person, trajectory, weeks: weekRows(scenario, result, id) };
}
