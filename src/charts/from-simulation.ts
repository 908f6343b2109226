/**
 * Model-based charts from a `cascade simulate` directory (Node only): the timeline and phase charts
 * of one person, and the design chart of the scenario.
 *
 * The directory's metadata.json holds the resolved scenario and the seed. Because every person's
 * random streams depend only on (seed, group, index in the group), the person is simulated again in
 * memory with `simulatePerson`, now recording the latent trajectory every few minutes, which the files
 * do not hold. The re-simulation is checked against observed.csv (same prompts, same answered
 * flags), so a chart never shows a different person from the one in the data.
 */
import type { TopLevelSpec } from "vega-lite";
import type { PersonSeries } from "../analysis/types.js";
import { CascadeError } from "../errors.js";
import { loadPersons, readTruthPersons } from "../io/import-file.js";
import { validateScenario } from "../scenario/parse.js";
import type { Scenario } from "../scenario/schema.js";
import { simulatePerson, type PersonResult } from "../simulate/person.js";
import { designRecovery } from "./adapters/design.js";
import { phaseFromPerson, timelineFromPerson } from "./adapters/engine.js";
import { designChart } from "./design.js";
import { findPerson, type ChartDataOptions } from "./from-data.js";
import { modelKinds, type ChartKind } from "./kinds.js";
import { phaseChart } from "./phase.js";
import type { ChartData } from "./sources.js";
import { timelineChart } from "./timeline.js";

/** The kinds drawn from a simulation's truth. */
export const simulationKinds = modelKinds;

export interface SimulationChartOptions extends ChartDataOptions {
  /** Timeline: first study day shown (1-based). */
  fromDay?: number;
  /** Timeline: number of days shown (default 4). */
  days?: number;
  /** Design: persons in all (default 60). */
  designPersons?: number;
}

/** The scenario and seed a simulation directory was made with (from its metadata.json). */
export function simulationScenario(data: ChartData): { scenario: Scenario; seed: number } {
  const metadata = data.simulation?.metadata;
  const where = { file: `${data.simulationDirectory ?? data.path}/metadata.json` };
  if (metadata === undefined || typeof metadata.scenario !== "object" || metadata.scenario === null) {
    throw new CascadeError('expected the resolved scenario under "scenario", as `cascade simulate` writes it', where);
  }
  const scenario = validateScenario(metadata.scenario, where.file);
  const seed = typeof metadata.seed === "number" ? metadata.seed : scenario.seed;
  return { scenario, seed };
}

/** Where a person sits in the scenario: the group and the index within it. */
export interface PersonPlace {
  id: string;
  group: string;
  indexInGroup: number;
}

/**
 * Each person's group and index within the group: from truth/persons.csv (`indexInGroup`) when given,
 * else by position, since `cascade simulate` writes persons group by group in index order.
 */
export function personPlaces(
  persons: readonly PersonSeries[],
  scenario: Scenario,
  truth?: ReadonlyMap<string, Readonly<Record<string, number>>>,
): PersonPlace[] {
  const counters = new Map<string, number>();
  return persons.map((person) => {
    const group = person.group ?? scenario.groups[0].name;
    const position = counters.get(group) ?? 0;
    counters.set(group, position + 1);
    const recorded = truth?.get(person.id)?.indexInGroup;
    return { id: person.id, group, indexInGroup: recorded !== undefined && Number.isInteger(recorded) ? recorded : position };
  });
}

/** Checks that a re-simulated person has the prompts of the data; throws a CascadeError otherwise. */
function checkSameAsData(result: PersonResult, series: PersonSeries, place: PersonPlace, data: ChartData): void {
  const answeredInData = Array.from(series.day, (_, index) => Object.values(series.variables).some((values) => !Number.isNaN(values[index])));
  const same =
    result.prompts.length === series.day.length &&
    result.prompts.every((prompt, index) => prompt.day === series.day[index] && prompt.beep === series.beep[index] && prompt.answered === answeredInData[index]);
  if (!same) {
    throw new CascadeError(
      `re-simulating person ${place.id} (group ${place.group}, index ${place.indexInGroup}) from metadata.json does not give the prompts in observed.csv; was the directory edited, or written by another version?`,
      { file: data.dataFile },
    );
  }
}

/**
 * The person to show by default: the first person of the first group who reported an NSSI act and
 * missed at least one prompt (so the picture holds every element), else the first person.
 */
export function defaultPerson(persons: readonly PersonSeries[], event: string | undefined): PersonSeries {
  const shows = (person: PersonSeries): boolean => {
    const events = event === undefined ? undefined : person.variables[event];
    const reported = events !== undefined && Array.from(events).some((count) => count > 0);
    const missed = Array.from(person.day, (_, index) => Object.values(person.variables).every((values) => Number.isNaN(values[index]))).some(Boolean);
    return reported && missed;
  };
  return persons.find(shows) ?? persons[0];
}

/** The study days to show: the day before the person's first reported act, for `days` days. */
function timelineWindow(person: PersonSeries, event: string | undefined, studyDays: number, options: SimulationChartOptions): { from: number; to: number } {
  const length = Math.min(options.days ?? 4, studyDays);
  let first = options.fromDay;
  if (first === undefined) {
    const events = event === undefined ? undefined : person.variables[event];
    const firstReport = events === undefined ? -1 : Array.from(events).findIndex((count) => count > 0);
    first = firstReport < 0 ? 1 : Math.max(1, person.day[firstReport] - 1);
  }
  if (first > studyDays) throw new CascadeError(`--from-day: the study has ${studyDays} days, got ${first}`);
  first = Math.min(first, Math.max(1, studyDays - length + 1));
  return { from: (first - 1) * 24, to: Math.min(studyDays, first - 1 + length) * 24 };
}

/** Simulates the person of the data again, with the latent trajectory every `everyMinutes`. */
export async function resimulatePerson(
  data: ChartData,
  personId: string | undefined,
  everyMinutes: number,
): Promise<{ result: PersonResult; series: PersonSeries; scenario: Scenario; place: PersonPlace }> {
  const { scenario, seed } = simulationScenario(data);
  const persons = await loadPersons(data.dataFile, data.mapping);
  const series = personId === undefined ? defaultPerson(persons, data.analysis.eventColumn) : findPerson(persons, personId);
  const truth = data.simulation?.truthPersons === undefined ? undefined : (await readTruthPersons(data.simulation.truthPersons)).byId;
  const place = personPlaces(persons, scenario, truth).find((p) => p.id === series.id) as PersonPlace;
  const step = scenario.simulation.dtMinutes;
  const every = Math.max(step, Math.round(everyMinutes / step) * step);
  const result = simulatePerson(scenario, { group: place.group, indexInGroup: place.indexInGroup, seed, days: scenario.days, trajectoryEveryMinutes: every });
  checkSameAsData(result, series, place, data);
  return { result, series, scenario, place };
}

/** A chart of a model-based kind from a simulation directory. */
export async function chartFromSimulation(kind: ChartKind, data: ChartData, options: SimulationChartOptions = {}): Promise<TopLevelSpec> {
  switch (kind) {
    case "timeline": {
      const { result, series, scenario, place } = await resimulatePerson(data, options.person, 10);
      const window = timelineWindow(series, data.analysis.eventColumn, scenario.days, options);
      return timelineChart(timelineFromPerson(result, scenario, place.id), { fromHours: window.from, toHours: window.to });
    }
    case "phase": {
      const { result, place } = await resimulatePerson(data, options.person, 10);
      return phaseChart(phaseFromPerson(result, place.id));
    }
    case "design": {
      const { scenario, seed } = simulationScenario(data);
      return designChart(designRecovery(scenario, { seed, persons: options.designPersons }));
    }
    default:
      throw new CascadeError(`the ${kind} chart is drawn from analysed data, not from the simulation's truth`);
  }
}
