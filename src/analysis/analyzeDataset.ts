import { analyzePerson, type PersonVariableMetrics } from "./analyzePerson.js";
import type { AnalysisOptions } from "./options.js";
import { PooledAccumulator, type PooledStatistics } from "./pooledStatistics.js";
import type { PersonSeries } from "./types.js";

/** Result of `analyzeDataset`. */
export interface DatasetAnalysis {
  /** One row per person and variable, persons in input order. */
  rows: PersonVariableMetrics[];
  /** The pooled PAC cutoffs and lambdas that were used. */
  pooled: PooledStatistics;
}

/**
 * Analyses an in-memory dataset (for notebooks and the browser explorer): the pooled statistics over
 * all persons first, then `analyzePerson` for each. Streaming code (`cascade analyze` on a file) runs
 * the same two steps as two passes over the file instead.
 *
 * Each person's occasions must be sorted by (day, beep); `sortPersonSeries` sorts them.
 *
 * @example
 * analyzeDataset(persons, { items: ["sad", "anxious", "angry"] }).rows[0].mssd;
 */
export function analyzeDataset(persons: readonly PersonSeries[], options: AnalysisOptions): DatasetAnalysis {
  const accumulator = new PooledAccumulator(options);
  for (const person of persons) accumulator.add(person);
  const pooled = accumulator.finish();
  const rows: PersonVariableMetrics[] = [];
  for (const person of persons) rows.push(...analyzePerson(person, options, pooled));
  return { rows, pooled };
}

/**
 * A copy of a person's series with occasions sorted by (day, beep) (stable), for data assembled in an
 * arbitrary order.
 */
export function sortPersonSeries(person: PersonSeries): PersonSeries {
  const order = Array.from({ length: person.day.length }, (_, i) => i);
  order.sort((a, b) => person.day[a] - person.day[b] || person.beep[a] - person.beep[b] || a - b);
  const pick = (array: Float64Array): Float64Array => Float64Array.from(order, (i) => array[i]);
  const variables: Record<string, Float64Array> = {};
  for (const [name, values] of Object.entries(person.variables)) variables[name] = pick(values);
  return { id: person.id, group: person.group, day: pick(person.day), beep: pick(person.beep), time: pick(person.time), variables };
}
