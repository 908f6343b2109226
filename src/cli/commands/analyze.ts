/**
 * `cascade analyze <data>`: ESM metrics per person and variable, from a CSV/TSV file or a directory
 * written by `cascade simulate`. A thin layer: flags -> mapping and AnalysisOptions -> the streamed
 * pipeline (`src/io/import-pipeline.ts`) -> CSV files written atomically.
 */
import type { Command } from "commander";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AnalysisOptions } from "../../analysis/options.js";
import { PAIR_POLICIES, type PairPolicy, type ScaleBounds } from "../../analysis/types.js";
import { CascadeError } from "../../errors.js";
import { writeDirectoryAtomically, writeFileAtomically, checkOutputTarget } from "../../io/atomic.js";
import { CsvWriter, type Cell } from "../../io/csv-writer.js";
import { readMappingFile, readSimulationDirectory, readTruthPersons } from "../../io/import-file.js";
import { completeMapping, type ImportMapping, type PartialMapping } from "../../io/import-mapping.js";
import { analyzeEsmFile, metricColumns, type PipelineResult, type PipelineSettings } from "../../io/import-pipeline.js";

/** Options as commander parses them. */
interface AnalyzeFlags {
  id?: string;
  day?: string;
  beep?: string;
  time?: string;
  date?: string;
  dateFormat?: string;
  items?: string;
  extraItems?: string;
  event?: string;
  groups?: string;
  referenceGroup?: string;
  mapping?: string;
  na?: string;
  scale?: string;
  pairs: string;
  pacCutoff: string;
  pacQuantile: string;
  pacReference?: string;
  pacDirection: string;
  lambda: string;
  ed: string;
  edIcc: string;
  negativeIcc: string;
  ews: boolean;
  ewsWindow?: string;
  ewsStep?: string;
  ewsWindows?: boolean;
  eventWindow: string;
  eventSameDay?: boolean;
  duplicates?: string;
  singlePerson?: boolean;
  truth: boolean;
  out: string;
  force?: boolean;
  threads?: string;
}

function list(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  return text.split(",").map((s) => s.trim()).filter((s) => s !== "");
}

function choice<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new CascadeError(`${flag}: expected one of ${allowed.join(", ")}, got "${value}"`);
  return value as T;
}

function number(flag: string, value: string, check: (x: number) => boolean = Number.isFinite, expected = "a number"): number {
  const parsed = Number(value);
  if (value.trim() === "" || !check(parsed)) throw new CascadeError(`${flag}: expected ${expected}, got "${value}"`);
  return parsed;
}

/** `--scale 1:5` (every item) or `--scale sad=1:7,urge=0:100`. */
export function parseScales(text: string, variables: readonly string[]): Record<string, ScaleBounds> {
  const parseBounds = (part: string): ScaleBounds => {
    const match = /^\s*(-?[\d.]+)\s*:\s*(-?[\d.]+)\s*$/.exec(part);
    const bounds = match === null ? undefined : { min: Number(match[1]), max: Number(match[2]) };
    if (bounds === undefined || !(bounds.min < bounds.max)) throw new CascadeError(`--scale: expected MIN:MAX with MIN < MAX (for example 1:5), got "${part}"`);
    return bounds;
  };
  if (!text.includes("=")) {
    const bounds = parseBounds(text);
    return Object.fromEntries(variables.map((v) => [v, bounds]));
  }
  const scales: Record<string, ScaleBounds> = {};
  for (const part of text.split(",")) {
    const [name, range] = part.split("=");
    if (range === undefined) throw new CascadeError(`--scale: expected NAME=MIN:MAX, got "${part}"`);
    scales[name.trim()] = parseBounds(range);
  }
  return scales;
}

/** `--ews-window 84` (prompts), `72h` (hours) or `14d` (days). */
function parseWindow(text: string): { window: number; unit: "prompts" | "hours" | "days" } {
  const match = /^\s*([\d.]+)\s*(h|d|p)?\s*$/.exec(text);
  if (match === null || !(Number(match[1]) > 0)) throw new CascadeError(`--ews-window: expected a length such as 84 (prompts), 72h or 14d, got "${text}"`);
  const unit = match[2] === "h" ? "hours" : match[2] === "d" ? "days" : "prompts";
  return { window: Number(match[1]), unit };
}

interface ResolvedInput {
  file: string;
  simulation: ReturnType<typeof readSimulationDirectory>;
}

function resolveInput(data: string): ResolvedInput {
  let isDirectory = false;
  try {
    isDirectory = statSync(data).isDirectory();
  } catch {
    throw new CascadeError("file not found", { file: data });
  }
  if (!isDirectory) return { file: data, simulation: undefined };
  const simulation = readSimulationDirectory(data);
  if (simulation === undefined) throw new CascadeError("is a directory but not one written by `cascade simulate` (no metadata.json and observed.csv)", { file: data });
  return { file: simulation.observed, simulation };
}

/** Builds the mapping: simulation defaults, then the YAML file, then flags. */
function buildMapping(flags: AnalyzeFlags, input: ResolvedInput): ImportMapping {
  const fromFlags: PartialMapping = {
    id: flags.id,
    day: flags.day,
    beep: flags.beep,
    time: flags.time,
    date: flags.date,
    dateFormat: flags.dateFormat === undefined ? undefined : choice("--date-format", flags.dateFormat, ["ymd", "dmy", "mdy"] as const),
    items: list(flags.items),
    extraItems: list(flags.extraItems),
    event: flags.event,
    group: flags.groups,
    naMarkers: flags.na === undefined ? undefined : flags.na.split(","),
    duplicates: flags.duplicates === undefined ? undefined : choice("--duplicates", flags.duplicates, ["error", "keep"] as const),
    singlePerson: flags.singlePerson,
  };
  const fromFile = flags.mapping === undefined ? {} : readMappingFile(flags.mapping);
  const mapping = completeMapping(input.simulation?.mapping ?? {}, fromFile, fromFlags);
  if (flags.scale !== undefined) mapping.scales = { ...mapping.scales, ...parseScales(flags.scale, [...mapping.items, ...mapping.extraItems]) };
  return mapping;
}

function buildAnalysis(flags: AnalyzeFlags, mapping: ImportMapping): AnalysisOptions {
  const pairs = choice<PairPolicy>("--pairs", flags.pairs, PAIR_POLICIES);
  const cutoff = flags.pacCutoff === "pooled" ? "pooled" : number("--pac-cutoff", flags.pacCutoff, (x) => x >= 0, '"pooled" or a number >= 0');
  const probability = number("--pac-quantile", flags.pacQuantile, (x) => x > 0 && x < 1, "a probability between 0 and 1");
  const lambda = flags.lambda === "estimate" ? "estimate" : number("--lambda", flags.lambda, Number.isFinite, '"estimate" or a number');
  let ews: AnalysisOptions["ews"] = false;
  if (flags.ews) {
    ews = {};
    if (flags.ewsWindow !== undefined) ews = { ...parseWindow(flags.ewsWindow) };
    if (flags.ewsStep !== undefined) ews.step = number("--ews-step", flags.ewsStep, (x) => x > 0, "a number > 0");
  }
  return {
    items: mapping.items,
    extraItems: mapping.extraItems,
    pairs,
    pac: {
      cutoff,
      probability,
      referenceGroup: flags.pacReference,
      direction: choice("--pac-direction", flags.pacDirection, ["absolute", "worsening"] as const),
    },
    lambda,
    scales: mapping.scales,
    differentiation: {
      index: choice("--ed", flags.ed, ["one-minus-icc", "fisher-z"] as const),
      icc: choice("--ed-icc", flags.edIcc, ["average", "single"] as const),
      negative: choice("--negative-icc", flags.negativeIcc, ["missing", "keep"] as const),
    },
    ews,
    eventColumn: mapping.event,
  };
}

function rowCells(row: object, columns: readonly string[], truth: Readonly<Record<string, number>> | undefined): Cell[] {
  const record = row as Record<string, Cell>;
  return columns.map((column) => (column.startsWith("true_") ? truth?.[column.slice(5)] : record[column]));
}

async function writeTable(path: string, columns: readonly string[], rows: readonly object[]): Promise<void> {
  const writer = new CsvWriter(path, columns);
  for (const row of rows) await writer.write(rowCells(row, columns, undefined));
  await writer.close();
}

function fmt(value: number, digits = 3): string {
  return Number.isFinite(value) ? value.toFixed(digits) : "NA";
}

/** A short text report for the terminal. */
function summary(result: PipelineResult, mapping: ImportMapping, settings: PipelineSettings, out: string): string {
  const lines: string[] = [];
  lines.push(`analysed ${result.persons} persons, ${result.rows} person-variable rows (pairs: ${settings.analysis.pairs}; ${result.passes} pass${result.passes > 1 ? "es" : ""} over the file${result.inMemory ? ", loaded whole" : ""})`);
  lines.push(`PAC cutoffs: ${Object.entries(result.pooled.cutoffs).map(([v, c]) => `${v} ${fmt(c)}`).join(", ")}`);
  lines.push(`lambda (time-adjusted MSSD): ${Object.entries(result.pooled.lambdas).map(([v, c]) => `${v} ${fmt(c)}`).join(", ")}`);
  if (result.groupRows.length > 0) {
    lines.push(`group summary (Hedges' g against ${result.groupRows[0].reference}, 95% CI), na_mean:`);
    for (const row of result.groupRows.filter((r) => r.variable === "na_mean")) {
      lines.push(`  ${row.metric.padEnd(6)} ${row.group}: g = ${fmt(row.g, 2)} [${fmt(row.lower, 2)}, ${fmt(row.upper, 2)}] (n ${row.n} vs ${row.n_reference})`);
    }
  }
  if (result.recoveryRows.length > 0) {
    lines.push("truth recovery (correlation across persons):");
    for (const row of result.recoveryRows) lines.push(`  true ${row.truth} vs ${row.estimate} (${row.variable}): r = ${fmt(row.correlation, 2)} (n ${row.n}; ${row.note})`);
  }
  if (result.eventRows.length > 0) {
    lines.push(`event-locked means around prompts reporting ${mapping.event} (offset: mean [95% CI]):`);
    for (const variable of [...new Set(result.eventRows.map((r) => r.variable))]) {
      const cells = result.eventRows.filter((r) => r.variable === variable).map((r) => `${r.offset > 0 ? "+" : ""}${r.offset}: ${fmt(r.mean, 2)} [${fmt(r.lower, 2)}, ${fmt(r.upper, 2)}]`);
      lines.push(`  ${variable}: ${cells.join("; ")}`);
    }
  }
  lines.push(`wrote ${out}`);
  return lines.join("\n") + "\n";
}

/** Runs `cascade analyze`. */
export async function runAnalyze(data: string, flags: AnalyzeFlags): Promise<void> {
  const input = resolveInput(data);
  const mapping = buildMapping(flags, input);
  const analysis = buildAnalysis(flags, mapping);
  const toDirectory = !flags.out.toLowerCase().endsWith(".csv");
  checkOutputTarget(flags.out, { force: flags.force, inputs: [data], label: "--out" });
  const truth = flags.truth && input.simulation?.truthPersons !== undefined ? await readTruthPersons(input.simulation.truthPersons) : undefined;
  const eventVariables = ["na_mean", ...mapping.extraItems.filter((v) => v !== mapping.event)];
  const settings: PipelineSettings = {
    mapping,
    analysis,
    groups: mapping.group !== undefined ? { reference: flags.referenceGroup } : undefined,
    eventLocked:
      mapping.event !== undefined
        ? { before: number("--event-window", flags.eventWindow, (x) => Number.isInteger(x) && x >= 0, "a whole number >= 0"), after: Number(flags.eventWindow), variables: eventVariables, sameDay: flags.eventSameDay === true }
        : undefined,
    truth: truth?.byId,
    ewsWindows: toDirectory && flags.ewsWindows === true,
    columns: metricColumns(mapping.group !== undefined, truth?.columns ?? []),
    threads: flags.threads === undefined ? undefined : number("--threads", flags.threads, (x) => Number.isInteger(x) && x >= 1, "a whole number >= 1"),
  };
  const columns = settings.columns;
  const notice = (message: string): void => {
    process.stderr.write(`cascade: note: ${message}\n`);
  };
  const analyse = async (metricsPath: string, windowsPath: string | undefined, spill: string): Promise<PipelineResult> => {
    const writer = new CsvWriter(metricsPath, columns);
    const windows = windowsPath === undefined ? undefined : new CsvWriter(windowsPath, ["id", "variable", "start", "end", "observations", "pairs", "variance", "ac1"]);
    try {
      const result = await analyzeEsmFile(input.file, input.simulation === undefined ? data : join(data, "observed.csv"), settings, {
        text: (text, count) => writer.writeFormatted(text, count),
        window: windows === undefined ? undefined : (w) => windows.write([w.id, w.variable, w.start, w.end, w.observations, w.pairs, w.variance, w.ac1]),
        notice,
      }, spill);
      return result;
    } finally {
      await writer.close();
      await windows?.close();
      rmSync(spill, { force: true });
    }
  };
  let result: PipelineResult;
  if (!toDirectory) {
    // The second pass's binary copy of the persons goes to a private temporary directory, removed after.
    const scratch = mkdtempSync(join(tmpdir(), "cascade-analyze-"));
    try {
      result = await writeFileAtomically(flags.out, { force: flags.force, inputs: [data], label: "--out" }, (tmp) => analyse(tmp, undefined, join(scratch, "persons.bin")));
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  } else {
    result = await writeDirectoryAtomically(flags.out, { force: flags.force, inputs: [data], label: "--out" }, async (dir) => {
      const run = await analyse(join(dir, "metrics.csv"), settings.ewsWindows ? join(dir, "ews.csv") : undefined, join(dir, ".persons.bin"));
      if (run.groupRows.length > 0) {
        await writeTable(join(dir, "groups.csv"), ["variable", "metric", "group", "reference", "n", "mean", "sd", "n_reference", "mean_reference", "sd_reference", "g", "d", "standardError", "lower", "upper"], run.groupRows);
      }
      if (run.eventRows.length > 0) await writeTable(join(dir, "event-locked.csv"), ["variable", "offset", "persons", "events", "mean", "sd", "lower", "upper"], run.eventRows);
      if (run.recoveryRows.length > 0) await writeTable(join(dir, "recovery.csv"), ["truth", "estimate", "variable", "n", "correlation", "meanDifference", "expectedSign", "note"], run.recoveryRows);
      writeFileSync(join(dir, "analysis.json"), JSON.stringify({ input: data, mapping, options: analysis, pooled: run.pooled, persons: run.persons, rows: run.rows, passes: run.passes, inMemory: run.inMemory }, (_, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? null : v), 2) + "\n");
      return run;
    });
  }
  process.stdout.write(summary(result, mapping, settings, flags.out));
}

/** Registers `cascade analyze`. */
export function register(program: Command): void {
  program
    .command("analyze")
    .description(
      "ESM metrics per person and variable (n, mean, SD, MSSD, RMSSD, time-adjusted MSSD, PAC, inertia, relative variability,\n" +
        "emotion differentiation, early-warning signals) from a long-format CSV/TSV file or a `cascade simulate` directory.\n" +
        "Conventions and sources: docs/metrics.md.",
    )
    .argument("<data>", "CSV/TSV file (one row per prompt) or a directory written by `cascade simulate`")
    .option("--items <list>", "negative-affect item columns, comma-separated (averaged into na_mean; used for the ICC)")
    .option("--extra-items <list>", "further columns analysed one by one (not in na_mean or the ICC)")
    .option("--id <column>", "person column (default id)")
    .option("--day <column>", "day column: whole numbers or dates (default day)")
    .option("--beep <column>", "beep (prompt number within the day) column (default beep)")
    .option("--time <column>", "time column: date-times (zones allowed), or clock times with --date")
    .option("--date <column>", "date column to combine with a clock-time --time column")
    .option("--date-format <order>", "order of slashed dates such as 13/08/12: dmy, mdy or ymd")
    .option("--mapping <file.yaml>", "column mapping in YAML (flags override it); see docs/analysis.md")
    .option("--na <markers>", 'cell texts meaning missing, comma-separated (default "NA,,.": NA, empty, .)')
    .option("--scale <bounds>", "scale bounds for relative variability: 1:5 for every item, or sad=1:7,urge=0:100")
    .option("--single-person", "the file holds one person and has no id column")
    .option("--duplicates <policy>", "a repeated person-day-beep: error (default) or keep both rows, as R's sort does")
    .option("--groups <column>", "group column: adds group means and Hedges' g with 95% CIs for each metric")
    .option("--reference-group <name>", "group the others are compared with (default: first by name)")
    .option("--pairs <policy>", "successive-difference pairs: adjacent, bridge or psych", "adjacent")
    .option("--pac-cutoff <c>", "PAC cutoff: pooled (the quantile of |difference| over all persons) or a number", "pooled")
    .option("--pac-quantile <p>", "quantile of the pooled PAC cutoff", "0.9")
    .option("--pac-reference <group>", "take the pooled PAC cutoff from this group only")
    .option("--pac-direction <direction>", "absolute or worsening (increases only)", "absolute")
    .option("--lambda <value>", "time-adjusted MSSD exponent: estimate (pooled per variable) or a number (0.5: diffusion)", "estimate")
    .option("--ed <index>", "emotion differentiation index: one-minus-icc or fisher-z", "one-minus-icc")
    .option("--ed-icc <which>", "ICC behind ED: average (ICC(C,k)) or single (ICC(C,1))", "average")
    .option("--negative-icc <policy>", "negative ICC for ED: missing or keep", "missing")
    .option("--no-ews", "skip early-warning signals")
    .option("--ews-window <length>", "rolling window: prompts (84), hours (72h) or days (14d); default half the series")
    .option("--ews-step <n>", "distance between window starts, in the window's unit (default 1)")
    .option("--ews-windows", "also write every rolling window to ews.csv (directory output)")
    .option("--event <column>", "event-count column (for example nssi) for event-locked means and reported counts")
    .option("--event-window <n>", "prompts before and after each event prompt", "3")
    .option("--event-same-day", "event-locked means only from prompts of the event's day")
    .option("--no-truth", "do not put a simulation's true parameters beside the estimates")
    .requiredOption("--out <path>", "output: a .csv file (metrics only) or a directory (metrics, groups, event-locked, recovery, analysis.json)")
    .option("--threads <n>", "worker threads for the metrics (default 1); the output is the same for any number")
    .option("--force", "replace existing output")
    .action(async (data: string, flags: AnalyzeFlags) => {
      await runAnalyze(data, flags);
    });
}
