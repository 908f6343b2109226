/**
 * The analysis of an ESM file, streamed (Node only): what `cascade analyze` runs.
 *
 *     pass 1 (when a pooled PAC cutoff or lambda estimate is needed):
 *       file -> persons, one at a time -> PooledAccumulator          (cutoffs, lambdas)
 *     pass 2:
 *       file -> persons -> analyzePerson -> metric rows -> onRow     (written as they come)
 *                       -> group comparison, event-locked means, truth recovery (small accumulators)
 *
 * Memory holds one person's rows at a time plus accumulators whose size depends on the number of
 * variables, groups and distinct |differences|, never on the number of rows: the PAC cutoff is
 * pooled over every person's pairs, which is why the data are read twice rather than kept. The
 * second pass reads a binary copy of the decoded persons that the first pass wrote to a temporary
 * file (`import-spill.ts`), which costs a fraction of parsing the CSV again. When a
 * person's rows are not together in the file, the whole file is loaded once instead (memory then
 * grows with the file) and `inMemory` says so.
 */
import { analyzePerson, METRIC_COLUMNS, type PersonVariableMetrics } from "../analysis/analyzePerson.js";
import { earlyWarningSignals, type EarlyWarningWindow } from "../analysis/earlyWarningSignals.js";
import { EventLockedMeans, type EventLockedRow } from "../analysis/eventLockedMeans.js";
import { GroupComparison, type GroupComparisonRow } from "../analysis/groupComparison.js";
import { naMean } from "../analysis/naMean.js";
import { analysedVariables, NA_MEAN, type AnalysisOptions } from "../analysis/options.js";
import { PooledAccumulator, type PooledStatistics } from "../analysis/pooledStatistics.js";
import { TruthRecovery, type RecoveryRow } from "../analysis/truthRecovery.js";
import type { PersonSeries } from "../analysis/types.js";
import { loadPersons, streamPersons } from "./import-file.js";
import type { ImportMapping } from "./import-mapping.js";
import { PersonSpillWriter, readPersonSpill } from "./import-spill.js";
import { NonContiguousPersonsError } from "./import-text.js";
import type { AnalysisTask, AnalysisTaskResult, AnalysisWorkerData } from "./import-worker.js";
import { formatCell, type Cell } from "./csv-writer.js";
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";

/** Metrics summarised by group (`--groups`). */
export const GROUP_METRICS = ["mean", "sd", "mssd", "rmssd", "pac", "ac1", "ar1", "tmssd", "sd_rel", "mssd_rel", "icc3k", "ed"] as const;

/** Settings of `analyzeEsmFile`. */
export interface PipelineSettings {
  mapping: ImportMapping;
  analysis: AnalysisOptions;
  /** Compare groups (the mapping's group column) against this reference group (default: first by name). */
  groups?: { reference?: string };
  /** Event-locked means around prompts with events (needs `analysis.eventColumn`). */
  eventLocked?: { before: number; after: number; variables: string[]; sameDay: boolean };
  /** True person parameters by id (from a simulation's truth/persons.csv). */
  truth?: ReadonlyMap<string, Readonly<Record<string, number>>>;
  /** Also report every rolling window of the early-warning signals. */
  ewsWindows?: boolean;
  /** Columns of the metrics table (`metricColumns`). */
  columns: readonly string[];
  /**
   * Worker threads for the second pass (default 1: everything in this thread). The output is the
   * same whatever the number: rows come back and are written in person order, and every summary is
   * accumulated in this thread in that order. With `ewsWindows` everything runs in this thread.
   * Default 1: on the shared 2-core development machine 2 workers gave 0.9x to 1.1x the wall-clock
   * speed (medians of noisy runs), with about 20% more CPU time and 1.7x the peak memory, and the
   * first pass (parsing, decoding, pooled statistics) stays in this thread whatever the number (see
   * docs/analysis.md); on an idle machine with more cores more may pay.
   */
  threads?: number;
}

/** An early-warning window with its person and variable. */
export interface PersonWindow extends EarlyWarningWindow {
  id: string;
  variable: string;
}

/** What the pipeline hands to its caller as it goes. */
export interface PipelineSinks {
  /** Metric rows formatted as CSV lines in `settings.columns` order (with line ends), in person order. */
  text(text: string, rows: number): void | Promise<void>;
  window?(window: PersonWindow): void | Promise<void>;
  /** Called once, with a note, when the file must be loaded whole. */
  notice?(message: string): void;
}

/** Summary of a run. */
export interface PipelineResult {
  persons: number;
  rows: number;
  pooled: PooledStatistics;
  /** Passes over the file (1 or 2). */
  passes: number;
  /** Whether the file was loaded whole because persons' rows were not together. */
  inMemory: boolean;
  /** Whether the second pass read the binary copy written by the first. */
  spilled: boolean;
  groupRows: GroupComparisonRow[];
  eventRows: EventLockedRow[];
  recoveryRows: RecoveryRow[];
}

/**
 * Runs the analysis of one ESM file; see the module comment for the passes. With `spill` (a path in
 * a temporary directory), the first pass also writes the decoded persons there and the second pass
 * reads them back instead of parsing the file again.
 */
export async function analyzeEsmFile(path: string, label: string, settings: PipelineSettings, sinks: PipelineSinks, spill?: string): Promise<PipelineResult> {
  const { analysis } = settings;
  let inMemory = false;
  let loaded: PersonSeries[] | undefined;
  let spilled = false;
  const variables = [...new Set([...settings.mapping.items, ...settings.mapping.extraItems, ...(settings.mapping.event === undefined ? [] : [settings.mapping.event])])];
  const eachPerson = async (handle: (person: PersonSeries) => void | Promise<void>): Promise<number> => {
    if (spilled && spill !== undefined) return readPersonSpill(spill, variables, handle);
    if (loaded === undefined) {
      try {
        return await streamPersons(path, settings.mapping, handle, label);
      } catch (error) {
        if (!(error instanceof NonContiguousPersonsError)) throw error;
        sinks.notice?.(`${error.message}`);
        inMemory = true;
        loaded = await loadPersons(path, settings.mapping, label);
      }
    }
    for (const person of loaded) {
      const pending = handle(person);
      if (pending !== undefined) await pending;
    }
    return loaded.length;
  };

  // Pass 1: pooled statistics (and the spill copy for pass 2).
  const accumulator = new PooledAccumulator(analysis);
  let passes = 0;
  if (PooledAccumulator.needed(analysis)) {
    const writer = spill === undefined ? undefined : new PersonSpillWriter(spill, variables);
    try {
      await eachPerson((person) => {
        accumulator.add(person);
        if (!inMemory) writer?.write(person);
      });
    } finally {
      writer?.close();
    }
    spilled = writer !== undefined && !inMemory;
    passes++;
  }
  const pooled = accumulator.finish();

  // Pass 2: per-person metrics and the accumulators.
  const groups = settings.mapping.group !== undefined && settings.groups !== undefined ? new GroupComparison(GROUP_METRICS, settings.groups.reference) : undefined;
  const locked =
    settings.eventLocked !== undefined && analysis.eventColumn !== undefined
      ? new EventLockedMeans({ event: analysis.eventColumn, ...settings.eventLocked })
      : undefined;
  const recovery = settings.truth !== undefined ? new TruthRecovery() : undefined;
  let rowCount = 0;
  const truthOf = (person: PersonSeries): Readonly<Record<string, number>> | undefined => settings.truth?.get(person.id);
  /** Everything done with a person's rows in this thread, in person order. */
  const handle = async (person: PersonSeries, rows: readonly PersonVariableMetrics[], known?: Float64Array): Promise<void> => {
    const truth = truthOf(person);
    for (const row of rows) {
      rowCount++;
      groups?.add(row as unknown as { group: string | undefined; variable: string } & Record<string, unknown>);
      if (truth !== undefined) recovery?.add(row as unknown as { variable: string } & Record<string, unknown>, truth);
    }
    const derived = locked !== undefined || settings.ewsWindows === true ? known ?? naMean(person, analysis.items) : undefined;
    if (locked !== undefined) locked.add(person, { [NA_MEAN]: derived! });
    if (settings.ewsWindows === true && sinks.window !== undefined && analysis.ews !== false) {
      for (const variable of analysedVariables(analysis)) {
        const values = variable === NA_MEAN ? derived! : person.variables[variable];
        const signals = earlyWarningSignals(values, { day: person.day, beep: person.beep, time: person.time, ...(analysis.ews ?? {}) });
        for (const window of signals.windows) {
          const pending = sinks.window({ id: person.id, variable, ...window });
          if (pending !== undefined) await pending;
        }
      }
    }
  };
  const threads = settings.ewsWindows === true ? 1 : resolveThreads(settings.threads);
  let persons: number;
  if (threads <= 1) {
    const format = metricRowFormatter(settings.columns);
    persons = await eachPerson(async (person) => {
      const derived = naMean(person, analysis.items);
      const rows = analyzePerson(person, analysis, pooled, derived);
      const truth = truthOf(person);
      let text = "";
      for (const row of rows) text += format(row, truth);
      await handle(person, rows, derived);
      await sinks.text(text, rows.length);
    });
  } else {
    const pool = new Piscina({ filename: workerFile(), workerData: { options: analysis, pooled, columns: settings.columns } satisfies AnalysisWorkerData, minThreads: threads, maxThreads: threads });
    try {
      const queue: { persons: PersonSeries[]; result: Promise<AnalysisTaskResult> }[] = [];
      let batch: PersonSeries[] = [];
      const submit = (): void => {
        const task: AnalysisTask = { persons: batch, truths: batch.map(truthOf) };
        const result = pool.run(task) as Promise<AnalysisTaskResult>;
        result.catch(() => undefined); // awaited in order below
        queue.push({ persons: batch, result });
        batch = [];
      };
      const drainOne = async (): Promise<void> => {
        const head = queue.shift()!;
        const output = await head.result;
        for (let i = 0; i < head.persons.length; i++) await handle(head.persons[i], output.rows[i]);
        await sinks.text(output.text, output.count);
      };
      persons = await eachPerson(async (person) => {
        batch.push(person);
        if (batch.length >= BATCH_PERSONS) submit();
        while (queue.length >= threads * 4) await drainOne();
      });
      if (batch.length > 0) submit();
      while (queue.length > 0) await drainOne();
    } finally {
      await pool.destroy();
    }
  }
  passes++;
  return {
    persons,
    rows: rowCount,
    pooled,
    passes: inMemory ? 1 : passes,
    spilled,
    inMemory,
    groupRows: groups?.rows() ?? [],
    eventRows: locked?.rows() ?? [],
    recoveryRows: recovery?.rows().filter((row) => row.n > 0) ?? [],
  };
}

/** Persons per worker task. */
const BATCH_PERSONS = 64;

/** Where the compiled worker lives (next to this module in dist/). */
function workerFile(): string {
  return fileURLToPath(new URL("./import-worker.js", import.meta.url));
}

/**
 * Threads for the second pass: the number asked for (default 1), never more than the cores; 1 when
 * the compiled worker is not there (code run from the TypeScript sources, as in unit tests).
 */
function resolveThreads(requested: number | undefined): number {
  if (!existsSync(workerFile())) return 1;
  return Math.max(1, Math.min(Math.floor(requested ?? 1), availableParallelism()));
}

/**
 * Formats metrics rows as CSV lines: metric columns from the row, `true_<name>` columns from the
 * truth record. The column lookups are worked out once; the text is that of `formatRow` of the
 * cells, without an array of cells per row.
 */
export function metricRowFormatter(columns: readonly string[]): (row: PersonVariableMetrics, truth: Readonly<Record<string, number>> | undefined) => string {
  const fromTruth = columns.map((column) => column.startsWith("true_"));
  const keys = columns.map((column) => (column.startsWith("true_") ? column.slice(5) : column));
  // Each column's last value and its text: the person-level columns (id, group, ICC, ED, ...) repeat
  // on every row of a person, and their text is reused.
  const lastValues: Cell[] = keys.map(() => Number.NaN);
  const lastTexts: string[] = keys.map(() => "");
  return (row, truth) => {
    const record = row as unknown as Record<string, Cell>;
    let line = "";
    for (let i = 0; i < keys.length; i++) {
      if (i > 0) line += ",";
      const value = fromTruth[i] ? truth?.[keys[i]] : record[keys[i]];
      if (value !== lastValues[i]) {
        lastValues[i] = value;
        lastTexts[i] = formatCell(value);
      }
      line += lastTexts[i];
    }
    return line + "\n";
  };
}

/** Output columns of the metrics table: id, group (when grouped), variable, the metrics, then truth columns. */
export function metricColumns(grouped: boolean, truthColumns: readonly string[]): string[] {
  return ["id", ...(grouped ? ["group"] : []), "variable", ...METRIC_COLUMNS, ...truthColumns.map((name) => `true_${name}`)];
}
