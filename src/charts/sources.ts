/**
 * Where chart data come from (Node only): a directory written by `cascade simulate`, a directory
 * written by `cascade analyze` (its analysis.json names the data, the column mapping and the options),
 * or an ESM data file with a YAML column mapping. Each is opened into the same `ChartData`, and
 * `analyseChartData` runs the analysis module on it in memory, with the steps and defaults of
 * `cascade analyze`, so every chart computes its metrics with exactly the conventions it uses.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { PersonVariableMetrics } from "../analysis/analyzePerson.js";
import { analyzeDataset } from "../analysis/analyzeDataset.js";
import { EventLockedMeans, type EventLockedRow } from "../analysis/eventLockedMeans.js";
import { GroupComparison, type GroupComparisonRow } from "../analysis/groupComparison.js";
import { naMean } from "../analysis/naMean.js";
import { NA_MEAN, type AnalysisOptions } from "../analysis/options.js";
import { TruthRecovery, type RecoveryRow } from "../analysis/truthRecovery.js";
import type { PersonSeries } from "../analysis/types.js";
import { CascadeError } from "../errors.js";
import { loadPersons, readMappingFile, readSimulationDirectory, readTruthPersons, type SimulationDirectory } from "../io/import-file.js";
import { completeMapping, type ImportMapping, type PartialMapping } from "../io/import-mapping.js";
import { GROUP_METRICS } from "../io/import-pipeline.js";
import { referenceGroup } from "./adapters/analysis.js";

/** An opened chart data source. */
export interface ChartData {
  /** What `--data` named. */
  path: string;
  /** How it was recognised. */
  origin: "simulation" | "analysis" | "file";
  /** The ESM data file (observed prompts). */
  dataFile: string;
  mapping: ImportMapping;
  analysis: AnalysisOptions;
  /** The simulation directory behind the data, when there is one (truth, metadata). */
  simulationDirectory?: string;
  simulation?: SimulationDirectory;
}

/** The analysis options `cascade analyze` uses by default for a mapping (its stated defaults). */
export function defaultAnalysisOptions(mapping: ImportMapping): AnalysisOptions {
  return { items: mapping.items, extraItems: mapping.extraItems, scales: mapping.scales, eventColumn: mapping.event };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function fromSimulation(path: string, directory: string, simulation: SimulationDirectory, overrides: PartialMapping[] = []): ChartData {
  const mapping = completeMapping(simulation.mapping, ...overrides);
  return {
    path,
    origin: "simulation",
    dataFile: simulation.observed,
    mapping,
    analysis: defaultAnalysisOptions(mapping),
    simulationDirectory: directory,
    simulation,
  };
}

/** Reads a `cascade analyze` output directory's analysis.json and finds the data it analysed. */
function fromAnalysis(path: string): ChartData {
  const jsonPath = join(path, "analysis.json");
  let record: { input?: unknown; mapping?: unknown; options?: unknown };
  try {
    record = JSON.parse(readFileSync(jsonPath, "utf8")) as typeof record;
  } catch (error) {
    throw new CascadeError(`is not valid JSON: ${(error as Error).message}`, { file: jsonPath });
  }
  if (typeof record.input !== "string" || typeof record.mapping !== "object" || record.mapping === null) {
    throw new CascadeError('expected "input" (the analysed data) and "mapping", as `cascade analyze` writes them', { file: jsonPath });
  }
  // The input was named relative to where `cascade analyze` ran: try here, then beside the directory.
  const candidates = [resolve(record.input), resolve(dirname(resolve(path)), record.input)];
  const input = candidates.find((candidate) => existsSync(candidate));
  if (input === undefined) {
    throw new CascadeError(`the analysed data ${record.input} cannot be found (looked in ${candidates.join(" and ")})`, { file: jsonPath });
  }
  const mapping = completeMapping(record.mapping as PartialMapping);
  const options = (record.options ?? {}) as AnalysisOptions;
  const simulation = isDirectory(input) ? readSimulationDirectory(input) : undefined;
  return {
    path,
    origin: "analysis",
    dataFile: simulation?.observed ?? input,
    mapping,
    analysis: { ...defaultAnalysisOptions(mapping), ...options, items: mapping.items },
    simulationDirectory: simulation === undefined ? undefined : input,
    simulation,
  };
}

/**
 * Opens `--data`: a `cascade simulate` directory, a `cascade analyze` directory, or a data file with
 * `mappingFile` (YAML, as `cascade analyze --mapping` reads it). Throws a CascadeError naming the
 * path and what was expected otherwise.
 */
export function openChartData(path: string, mappingFile?: string): ChartData {
  if (!existsSync(path)) throw new CascadeError("not found", { file: path });
  const extra = mappingFile === undefined ? [] : [readMappingFile(mappingFile)];
  if (isDirectory(path)) {
    const simulation = readSimulationDirectory(path);
    if (simulation !== undefined) return fromSimulation(path, path, simulation, extra);
    if (existsSync(join(path, "analysis.json"))) return fromAnalysis(path);
    throw new CascadeError("is a directory but not one written by `cascade simulate` (metadata.json, observed.csv) or `cascade analyze` (analysis.json)", {
      file: path,
    });
  }
  if (mappingFile === undefined) {
    throw new CascadeError(
      "a data file needs --mapping FILE.yaml naming its columns (as for `cascade analyze --mapping`); or pass a directory written by `cascade simulate` or `cascade analyze`",
      { file: path },
    );
  }
  const mapping = completeMapping(...extra);
  return { path, origin: "file", dataFile: path, mapping, analysis: defaultAnalysisOptions(mapping) };
}

/** The analysis module's results for one data source, held in memory. */
export interface AnalysedChartData {
  data: ChartData;
  /** Every person's series, as imported. */
  persons: PersonSeries[];
  /** Groups in order of first appearance (empty without a group column). */
  groups: string[];
  /** The group the others are compared with (see `referenceGroup`). */
  reference?: string;
  metrics: PersonVariableMetrics[];
  groupRows: GroupComparisonRow[];
  eventRows: EventLockedRow[];
  /** Simulated data: each person's true parameters and truth summaries (truth/persons.csv), and how well the estimates recover them. */
  truth?: ReadonlyMap<string, Readonly<Record<string, number>>>;
  recoveryRows: RecoveryRow[];
}

export interface AnalyseOptions {
  /** The reference group for Hedges' g (default: `referenceGroup` of the groups). */
  reference?: string;
  /** Prompts before and after each event prompt (default 3). */
  eventWindow?: number;
  /** Variables for the event-locked means (default: `na_mean` and the extra items other than the event). */
  eventVariables?: readonly string[];
}

/**
 * Runs the analysis of `cascade analyze` on `data`, in memory: the same two steps as its pipeline
 * (pooled statistics over all persons, then every person's metrics: `analyzeDataset`) and the same
 * accumulators for the group comparison, event-locked means and truth recovery, fed in person order.
 */
export async function analyseChartData(data: ChartData, options: AnalyseOptions = {}): Promise<AnalysedChartData> {
  const persons = await loadPersons(data.dataFile, data.mapping);
  const groups = [...new Set(persons.map((person) => person.group).filter((group): group is string => group !== undefined))];
  if (options.reference !== undefined && groups.length > 0 && !groups.includes(options.reference)) {
    throw new CascadeError(`--reference-group: no group "${options.reference}" in the data (groups: ${groups.join(", ")})`);
  }
  const reference = options.reference ?? referenceGroup(groups);
  const truth = data.simulation?.truthPersons === undefined ? undefined : (await readTruthPersons(data.simulation.truthPersons)).byId;
  const metrics = analyzeDataset(persons, data.analysis).rows;

  const comparison = data.mapping.group !== undefined ? new GroupComparison(GROUP_METRICS, reference) : undefined;
  const recovery = truth !== undefined ? new TruthRecovery() : undefined;
  for (const row of metrics) {
    const record = row as unknown as { group: string | undefined; variable: string } & Record<string, unknown>;
    comparison?.add(record);
    const personTruth = truth?.get(row.id);
    if (personTruth !== undefined) recovery?.add(record, personTruth);
  }
  const event = data.analysis.eventColumn;
  const window = options.eventWindow ?? 3;
  const locked =
    event === undefined
      ? undefined
      : new EventLockedMeans({
          event,
          variables: [...(options.eventVariables ?? [NA_MEAN, ...(data.analysis.extraItems ?? []).filter((v) => v !== event)])],
          before: window,
          after: window,
        });
  for (const person of persons) locked?.add(person, { [NA_MEAN]: naMean(person, data.analysis.items) });
  return {
    data,
    persons,
    groups,
    reference,
    metrics,
    groupRows: comparison?.rows() ?? [],
    eventRows: locked?.rows() ?? [],
    truth,
    recoveryRows: recovery?.rows().filter((row) => row.n > 0) ?? [],
  };
}
