/**
 * A simulated study in memory, for the teaching notebooks: every person of a scenario simulated with
 * the engine, turned into the series the analysis layer reads, and analysed with the defaults of
 * `cascade analyze`. Only the package's public interface is used (`src/index.ts`).
 *
 *     scenario ─► simulateCohort   (simulatePerson for every person, ids 1..N in group order)
 *              ─► cohortSeries     (each person's prompts as an analysis PersonSeries)
 *              ─► analyseCohort    (analyzeDataset, group comparison, event-locked means)
 *
 * The same scenario and seed give exactly what `cascade simulate` writes and `cascade analyze` then
 * computes from the files: the same persons with the same ids, the same items (emotion items for
 * negative affect, rumination and urge as extra items, the NSSI count as the event column), the
 * scheduled prompt times, the same options. tests/notebooks.test.ts checks the notebooks'
 * numbers against that file route.
 */
import { meanOf } from "./numbers.ts";
import { analysis, charts, simulatePerson, withOverrides, type engine, type PersonResult, type Scenario } from "../../src/index.ts";

/** One simulated person with the id `cascade simulate` gives it. */
export interface CohortPerson {
  /** "1", "2", ...: persons numbered in group order, as in observed.csv. */
  id: string;
  result: PersonResult;
}

export interface CohortOptions {
  /** Total persons, split over the groups in proportion to their sizes (as `--persons`). */
  persons?: number;
  /** Study days (as `--days`). */
  days?: number;
  /** Seed (as `--seed`). */
  seed?: number;
  /** Also record each person's latent path every this many minutes. */
  trajectoryEveryMinutes?: number;
  /** Time-varying parameters (treatments), the same process for every person. */
  slowProcess?: engine.SlowProcess;
  /** Only these groups (default all). */
  groups?: readonly string[];
}

/** The scenario with the cohort's overrides applied (what the persons are simulated from). */
export function cohortScenario(scenario: Scenario, options: CohortOptions = {}): Scenario {
  return withOverrides(scenario, { persons: options.persons, days: options.days, seed: options.seed });
}

/** Simulates every person of every group (see the module comment). */
export function simulateCohort(scenario: Scenario, options: CohortOptions = {}): CohortPerson[] {
  const resolved = cohortScenario(scenario, options);
  const cohort: CohortPerson[] = [];
  let id = 0;
  for (const group of resolved.groups) {
    for (let index = 0; index < group.size; index++) {
      id += 1;
      if (options.groups !== undefined && !options.groups.includes(group.name)) continue;
      const result = simulatePerson(resolved, {
        group: group.name,
        indexInGroup: index,
        trajectoryEveryMinutes: options.trajectoryEveryMinutes,
        slowProcess: options.slowProcess,
      });
      cohort.push({ id: String(id), result });
    }
  }
  return cohort;
}

/** Which items of a design play which role, by name. */
export interface ItemNames {
  /** Negative-emotion items: averaged into `na_mean` and used for the ICC (kind emotion, else affect). */
  emotions: string[];
  rumination?: string;
  urge?: string;
  /** The NSSI count item. */
  nssi?: string;
  /** Response-scale bounds of every item but the NSSI count. */
  scales: Record<string, { min: number; max: number }>;
}

/** The roles of the items of a group's design (the first group's by default). */
export function itemNames(scenario: Scenario, group: string | number = 0): ItemNames {
  const found = typeof group === "number" ? scenario.groups[group] : scenario.groups.find((g) => g.name === group);
  if (found === undefined) throw new RangeError(`itemNames: no group ${JSON.stringify(group)} in scenario ${scenario.name}`);
  const items = found.design.items;
  const ofKind = (kind: string): string[] => items.filter((item) => item.kind === kind).map((item) => item.name);
  const emotions = ofKind("emotion");
  const scales: Record<string, { min: number; max: number }> = {};
  for (const item of items) if (item.kind !== "nssi") scales[item.name] = { min: item.scale.min, max: item.scale.max };
  return { emotions: emotions.length > 0 ? emotions : ofKind("affect"), rumination: ofKind("rumination")[0], urge: ofKind("urge")[0], nssi: ofKind("nssi")[0], scales };
}

/**
 * A person's prompts as the analysis layer's series: every prompt (answered or not) in order, items
 * NaN where missed, and the scheduled prompt times in hours since the study start (as `cascade
 * analyze` reads a simulated directory).
 */
export function personSeriesOf(person: CohortPerson, scenario: Scenario): analysis.PersonSeries {
  return { ...charts.personSeries(person.id, person.result, scenario), time: Float64Array.from(person.result.prompts, (prompt) => prompt.scheduledSeconds / 3600) };
}

/** Every person's series. */
export function cohortSeries(cohort: readonly CohortPerson[], scenario: Scenario): analysis.PersonSeries[] {
  return cohort.map((person) => personSeriesOf(person, scenario));
}

/** The analysis options `cascade analyze` uses for a simulated study of this scenario. */
export function analysisOptions(scenario: Scenario, extra: Partial<analysis.AnalysisOptions> = {}): analysis.AnalysisOptions {
  const names = itemNames(scenario);
  const extraItems = [names.rumination, names.urge].filter((name): name is string => name !== undefined);
  return { items: names.emotions, extraItems, scales: names.scales, eventColumn: names.nssi, ...extra };
}

/** The metrics compared between groups (those of `cascade analyze`'s groups.csv). */
export const GROUP_METRICS = ["mean", "sd", "mssd", "rmssd", "pac", "ac1", "ar1", "tmssd", "sd_rel", "mssd_rel", "icc3k", "ed"] as const;

/** Everything `analyseCohort` computes. */
export interface CohortAnalysis {
  series: analysis.PersonSeries[];
  options: analysis.AnalysisOptions;
  /** One row per person and variable (the columns of metrics.csv). */
  rows: analysis.PersonVariableMetrics[];
  pooled: analysis.PooledStatistics;
  /** The group the others are compared with. */
  reference: string | undefined;
  /** Hedges' g of every group against the reference, per variable and metric (groups.csv). */
  groupRows: analysis.GroupComparisonRow[];
  /** Means around prompts that reported NSSI (event-locked.csv), when the design has an NSSI item. */
  eventRows: analysis.EventLockedRow[];
}

/** Analyses a simulated cohort with the defaults of `cascade analyze` (options may be overridden). */
export function analyseCohort(cohort: readonly CohortPerson[], scenario: Scenario, extra: Partial<analysis.AnalysisOptions> = {}): CohortAnalysis {
  const series = cohortSeries(cohort, scenario);
  const options = analysisOptions(scenario, extra);
  const { rows, pooled } = analysis.analyzeDataset(series, options);
  const groups = [...new Set(series.map((person) => person.group).filter((group): group is string => group !== undefined))];
  const reference = charts.referenceGroup(groups);
  const comparison = new analysis.GroupComparison(GROUP_METRICS, reference);
  for (const row of rows) comparison.add(row as unknown as { group: string | undefined; variable: string } & Record<string, unknown>);
  let eventRows: analysis.EventLockedRow[] = [];
  if (options.eventColumn !== undefined) {
    const locked = new analysis.EventLockedMeans({ event: options.eventColumn, variables: [analysis.NA_MEAN, ...(options.extraItems ?? [])] });
    for (const person of series) locked.add(person, { [analysis.NA_MEAN]: analysis.naMean(person, options.items) });
    eventRows = locked.rows();
  }
  return { series, options, rows, pooled, reference, groupRows: comparison.rows(), eventRows };
}

/** The rows of one variable (default `na_mean`). */
export function variableRows(rows: readonly analysis.PersonVariableMetrics[], variable: string = analysis.NA_MEAN): analysis.PersonVariableMetrics[] {
  return rows.filter((row) => row.variable === variable);
}

export { meanOf };
