/**
 * A sweep's directory on disk (Node only): writing it, reading a shard back, and the metadata.
 *
 * ```
 * DIR/results.csv        one row per (cell, replicate, group): the cell's values, the seed, the outcomes
 * DIR/summary.csv        one row per (cell, group, outcome): n, mean, sd, min, median, max over replicates
 * DIR/sweep.json         the plan (scenario as written, grid, seed, options), seed scheme, PAC cutoffs, column dictionary
 * DIR/charts/*.vl.json   heatmaps (2-3 parameters) or bifurcation-style charts (1 parameter), one per outcome
 * DIR/charts/*.svg
 * DIR/charts/*.png       with --png (twice the SVG's size, for slides and documents)
 * ```
 *
 * A shard directory (`--shard I/N`) holds `results.csv` (its own runs, in task order) and
 * `sweep.json` with a `shard` entry; `cascade merge` reads the shards back and writes the same
 * directory a single run writes, byte for byte. Numbers are written in JavaScript's shortest
 * round-trip form, so reading a shard back gives exactly the numbers that were computed.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { initParser, inferSchema } from "udsv";
import { renderSvg, specJson, svgToPng } from "../charts/render.js";
import { CascadeError } from "../errors.js";
import { formatRow, type Cell } from "../io/csv-writer.js";
import { packageVersion } from "../version.js";
import { OUTCOMES, type PacCutoffs } from "./outcomes.js";
import { SweepContext, type SweepPlan, type TaskResult } from "./plan.js";
import { summarise, sweepCharts } from "./summary.js";
import { cellCount, cellValues } from "./grid.js";
import { SWEEP_SEED_SCHEME } from "./plan.js";

/** A shard: which part of the tasks a run does. Task t belongs to shard t mod count. */
export interface ShardSpec {
  /** 0-based, below `count`. */
  index: number;
  count: number;
}

/** The tasks of a shard (round-robin: task t belongs to shard t mod count), or every task. */
export function shardTasks(tasks: number, shard?: ShardSpec): number[] {
  const list: number[] = [];
  for (let task = shard?.index ?? 0; task < tasks; task += shard?.count ?? 1) list.push(task);
  return list;
}

/** Parses `--shard I/N` (I from 0 to N - 1). */
export function parseShard(text: string, flag = "--shard"): ShardSpec {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (match === null) throw new CascadeError(`${flag}: expected I/N with 0 <= I < N (for example 0/8, or $SLURM_ARRAY_TASK_ID/8), got "${text}"`);
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || index >= count) throw new CascadeError(`${flag}: expected I/N with 0 <= I < N, got "${text}" (shards are numbered from 0)`);
  return { index, count };
}

const NOTICE = "Synthetic data from Cascade Lab, a research and teaching tool; not a clinical or risk-prediction tool.";

/** Column names of results.csv. */
export function resultColumns(plan: SweepPlan): string[] {
  return ["cell", "replicate", "seed", ...plan.parameters.map((axis) => axis.path), "group", "persons", ...plan.outcomes];
}

/** Column names of summary.csv. */
export function summaryColumns(plan: SweepPlan): string[] {
  return ["cell", ...plan.parameters.map((axis) => axis.path), "group", "outcome", "n", "mean", "sd", "min", "median", "max"];
}

function resultsText(plan: SweepPlan, results: readonly TaskResult[]): { text: string; rows: number } {
  let text = formatRow(resultColumns(plan));
  let rows = 0;
  for (const result of results) {
    const values = cellValues(plan.parameters, result.cell);
    for (const group of result.groups) {
      const cells: Cell[] = [result.cell + 1, result.replicate, result.seed, ...values, group.group, group.persons, ...group.values];
      text += formatRow(cells);
      rows++;
    }
  }
  return { text, rows };
}

/** The sweep.json content (nothing in it depends on the machine, the time or the number of workers). */
function sweepMetadata(plan: SweepPlan, cutoffs: PacCutoffs | undefined, files: Record<string, unknown>, shard?: ShardSpec & { tasks: number }): Record<string, unknown> {
  const cells = cellCount(plan.parameters);
  return {
    generator: { package: "cascade-lab", version: packageVersion() },
    notice: NOTICE,
    kind: shard === undefined ? "sweep" : "sweep-shard",
    plan,
    grid: {
      cells,
      replicates: plan.replicates,
      tasks: cells * plan.replicates,
      order: "cells in row-major order, the first --param varying slowest; task = cell x replicates + replicate - 1 (cell 0-based here, 1-based in the CSV files)",
    },
    seeds: {
      scheme: SWEEP_SEED_SCHEME,
      key: plan.commonRandomNumbers
        ? `${SWEEP_SEED_SCHEME}/<seed>/common/<replicate>`
        : `${SWEEP_SEED_SCHEME}/<seed>/<path>=<value>&... (sorted by path)/<replicate>`,
      derivation: "the first two numbers of an Alea generator seeded with the key give a 53-bit integer (see docs/sweeps.md); persons' streams then derive from it as in cascade simulate",
      commonRandomNumbers: plan.commonRandomNumbers,
    },
    pacCutoffs:
      cutoffs === undefined
        ? null
        : {
            method: plan.pacCutoff,
            quantile: 0.9,
            na: cutoffs.na,
            latent: cutoffs.latent,
            note: "pooled 90th percentile (R type 7) of abs(difference) over adjacent pairs of every person of the unmodified scenario simulated with the sweep's seed",
          },
    outcomes: plan.outcomes.map((name) => ({ name, ...OUTCOMES[name] })),
    ...(shard === undefined ? {} : { shard }),
    files,
  };
}

function jsonText(value: unknown): string {
  return JSON.stringify(value, (_, v) => (typeof v === "number" && !Number.isFinite(v) ? null : v), 2) + "\n";
}

/** Writes a sweep (or a shard) into the empty directory `directory`. Results must be in task order. */
export async function writeSweepFiles(
  directory: string,
  plan: SweepPlan,
  results: readonly TaskResult[],
  cutoffs: PacCutoffs | undefined,
  options: { shard?: ShardSpec; charts?: boolean; png?: boolean } = {},
): Promise<{ files: string[] }> {
  const written: string[] = [];
  const results_ = resultsText(plan, results);
  writeFileSync(join(directory, "results.csv"), results_.text);
  written.push("results.csv");
  const files: Record<string, unknown> = {
    "results.csv": {
      description: "One row per grid cell, replicate and group: the cell's parameter values, the run's seed and every outcome.",
      rows: results_.rows,
      columns: [
        { name: "cell", description: "grid cell, 1-based, row-major with the first parameter varying slowest" },
        { name: "replicate", description: "replicate, 1-based" },
        { name: "seed", description: "the run's derived seed: `cascade simulate --seed` with the cell's scenario reproduces the run's persons" },
        ...plan.parameters.map((axis) => ({ name: axis.path, description: "the parameter's value in this cell" })),
        { name: "group", description: "group of the scenario" },
        { name: "persons", description: "persons simulated in the group" },
        ...plan.outcomes.map((name) => ({ name, description: OUTCOMES[name].description, unit: OUTCOMES[name].unit })),
      ],
    },
  };
  if (options.shard === undefined) {
    const summary = summarise(plan, results);
    let text = formatRow(summaryColumns(plan));
    for (const row of summary) text += formatRow([row.cell + 1, ...row.values, row.group, row.outcome, row.n, row.mean, row.sd, row.min, row.median, row.max]);
    writeFileSync(join(directory, "summary.csv"), text);
    written.push("summary.csv");
    files["summary.csv"] = {
      description: "One row per grid cell, group and outcome: statistics over the replicates with a defined value.",
      rows: summary.length,
      columns: [
        { name: "cell", description: "grid cell, 1-based" },
        ...plan.parameters.map((axis) => ({ name: axis.path, description: "the parameter's value in this cell" })),
        { name: "group", description: "group of the scenario" },
        { name: "outcome", description: "outcome name (see outcomes)" },
        { name: "n", description: "replicates with a defined value" },
        { name: "mean", description: "mean over those replicates" },
        { name: "sd", description: "standard deviation (n - 1); empty for one replicate" },
        { name: "min", description: "smallest value" },
        { name: "median", description: "median (R quantile type 7)" },
        { name: "max", description: "largest value" },
      ],
    };
    if (options.charts !== false) {
      const base = new SweepContext(plan).base;
      const study = { days: base.days, groups: base.groups.map((group) => ({ name: group.name, size: group.size })) };
      const charts = sweepCharts(plan, results, summary, study);
      if (charts.length > 0) mkdirSync(join(directory, "charts"));
      for (const chart of charts) {
        const svg = await renderSvg(chart.spec);
        writeFileSync(join(directory, "charts", `${chart.stem}.vl.json`), specJson(chart.spec));
        writeFileSync(join(directory, "charts", `${chart.stem}.svg`), svg);
        written.push(`charts/${chart.stem}.vl.json`, `charts/${chart.stem}.svg`);
        if (options.png === true) {
          writeFileSync(join(directory, "charts", `${chart.stem}.png`), svgToPng(svg));
          written.push(`charts/${chart.stem}.png`);
        }
      }
      files.charts = charts.map((chart) => chart.stem);
    }
  }
  const shard = options.shard === undefined ? undefined : { ...options.shard, tasks: results.length };
  writeFileSync(join(directory, "sweep.json"), jsonText(sweepMetadata(plan, cutoffs, files, shard)));
  written.push("sweep.json");
  return { files: written };
}

/** A shard read back from disk. */
export interface ShardContent {
  directory: string;
  version: string;
  plan: SweepPlan;
  shard: ShardSpec;
  cutoffs: PacCutoffs | undefined;
  results: TaskResult[];
}

/** Reads a shard directory (sweep.json and results.csv); throws a CascadeError naming the file and what is wrong. */
export function readShard(directory: string): ShardContent {
  if (!existsSync(directory) || !statSync(directory).isDirectory()) throw new CascadeError("no such directory; expected a shard directory written by `cascade sweep --shard I/N`", { file: directory });
  const metadataPath = join(directory, "sweep.json");
  if (!existsSync(metadataPath)) throw new CascadeError("no sweep.json here; expected a shard directory written by `cascade sweep --shard I/N`", { file: directory });
  let metadata: Record<string, unknown>;
  try {
    metadata = JSON.parse(readFileSync(metadataPath, "utf8")) as Record<string, unknown>;
  } catch (error) {
    throw new CascadeError(`not valid JSON: ${(error as Error).message}`, { file: metadataPath });
  }
  if (metadata.kind === "sweep") throw new CascadeError("this is a complete sweep, not a shard; merge combines the directories of `cascade sweep --shard I/N`", { file: directory });
  if (metadata.kind !== "sweep-shard") throw new CascadeError("sweep.json is not a sweep shard's metadata (kind is not \"sweep-shard\")", { file: metadataPath });
  const plan = metadata.plan as SweepPlan;
  const shard = metadata.shard as ShardSpec & { tasks: number };
  const generator = metadata.generator as { version?: string } | undefined;
  const pac = metadata.pacCutoffs as { na: number; latent: number } | null;
  const resultsPath = join(directory, "results.csv");
  if (!existsSync(resultsPath)) throw new CascadeError("results.csv is missing", { file: directory });
  const text = readFileSync(resultsPath, "utf8");
  const expectedHeader = resultColumns(plan);
  const lines = text.endsWith("\n") ? text.slice(0, -1) : text;
  const header = lines.split("\n", 1)[0];
  if (header !== expectedHeader.join(",")) throw new CascadeError(`the header does not match sweep.json; expected ${expectedHeader.join(",")}`, { file: resultsPath, row: 1 });
  const rows = lines.includes("\n") ? initParser(inferSchema(text)).stringArrs(text) : [];
  const results: TaskResult[] = [];
  const parameters = plan.parameters.length;
  const outcomeStart = 3 + parameters + 2;
  rows.forEach((cells, r) => {
    const where = { file: resultsPath, row: r + 2 };
    if (cells.length !== expectedHeader.length) throw new CascadeError(`expected ${expectedHeader.length} cells, got ${cells.length}`, where);
    const integer = (i: number): number => {
      const value = Number(cells[i]);
      if (!Number.isInteger(value)) throw new CascadeError(`expected an integer, got "${cells[i]}"`, { ...where, column: expectedHeader[i] });
      return value;
    };
    const cell = integer(0) - 1;
    const replicate = integer(1);
    const seed = integer(2);
    const values = cells.slice(outcomeStart).map((cellText, i) => {
      if (cellText === "") return Number.NaN;
      const value = Number(cellText);
      if (Number.isNaN(value)) throw new CascadeError(`expected a number or an empty cell, got "${cellText}"`, { ...where, column: expectedHeader[outcomeStart + i] });
      return value;
    });
    const group = { group: cells[3 + parameters], persons: integer(4 + parameters), values };
    const task = cell * plan.replicates + replicate - 1;
    const last = results[results.length - 1];
    if (last !== undefined && last.task === task) last.groups.push(group);
    else results.push({ task, cell, replicate, seed, groups: [group] });
  });
  return {
    directory,
    version: generator?.version ?? "unknown",
    plan,
    shard: { index: shard.index, count: shard.count },
    cutoffs: pac === null || pac === undefined ? undefined : { na: pac.na, latent: pac.latent },
    results,
  };
}

/** The first place where two JSON values differ, as `path (a vs b)`, or undefined when equal. */
export function firstDifference(a: unknown, b: unknown, path = ""): string | undefined {
  const show = (value: unknown): string => {
    const text = JSON.stringify(value);
    return text === undefined ? "nothing" : text.length > 60 ? text.slice(0, 57) + "..." : text;
  };
  if (a === b) return undefined;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== "object" || Array.isArray(a) !== Array.isArray(b)) {
    return `${path || "(top level)"} (${show(a)} vs ${show(b)})`;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path} (${a.length} entries vs ${b.length}: ${show(a)} vs ${show(b)})`;
    for (let i = 0; i < a.length; i++) {
      const found = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  const recordA = a as Record<string, unknown>;
  const recordB = b as Record<string, unknown>;
  for (const key of [...new Set([...Object.keys(recordA), ...Object.keys(recordB)])]) {
    const found = firstDifference(recordA[key], recordB[key], path === "" ? key : `${path}.${key}`);
    if (found) return found;
  }
  return undefined;
}

/**
 * Checks that shards belong to one sweep and together hold every task exactly once; returns the
 * plan, cutoffs and the results in task order. Throws a CascadeError naming the shard and what
 * differs or is missing.
 */
export function combineShards(shards: readonly ShardContent[]): { plan: SweepPlan; cutoffs: PacCutoffs | undefined; results: TaskResult[] } {
  if (shards.length === 0) throw new CascadeError("give the shard directories to merge");
  const first = shards[0];
  for (const shard of shards.slice(1)) {
    if (shard.version !== first.version) {
      throw new CascadeError(`written by cascade-lab ${shard.version}, but ${first.directory} by ${first.version}; shards must come from the same version`, { file: shard.directory });
    }
    const difference = firstDifference(first.plan, shard.plan);
    if (difference !== undefined) {
      throw new CascadeError(`not the same sweep as ${first.directory}: the plans differ at ${difference.replace(/^/, "plan.")}`, { file: shard.directory });
    }
    if (shard.shard.count !== first.shard.count) {
      throw new CascadeError(`is shard ${shard.shard.index}/${shard.shard.count}, but ${first.directory} is shard ${first.shard.index}/${first.shard.count}; all shards must split the sweep into the same number of parts`, { file: shard.directory });
    }
    const cutoffDifference = firstDifference(first.cutoffs ?? null, shard.cutoffs ?? null);
    if (cutoffDifference !== undefined) throw new CascadeError(`its PAC cutoffs differ from ${first.directory} (${cutoffDifference})`, { file: shard.directory });
  }
  const count = first.shard.count;
  const seen = new Map<number, string>();
  for (const shard of shards) {
    const other = seen.get(shard.shard.index);
    if (other !== undefined) throw new CascadeError(`shard ${shard.shard.index}/${count} is given twice (also ${other})`, { file: shard.directory });
    seen.set(shard.shard.index, shard.directory);
  }
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !seen.has(i));
  if (missing.length > 0) throw new CascadeError(`missing shard${missing.length === 1 ? "" : "s"} ${missing.map((i) => `${i}/${count}`).join(", ")} of ${count}; merge needs every shard`);
  const tasks = cellCount(first.plan.parameters) * first.plan.replicates;
  const results: TaskResult[] = new Array(tasks);
  for (const shard of shards) {
    const expected = shardTasks(tasks, shard.shard);
    const got = shard.results.map((r) => r.task);
    if (got.length !== expected.length || got.some((task, i) => task !== expected[i])) {
      throw new CascadeError(
        `results.csv holds ${got.length} runs, but shard ${shard.shard.index}/${count} of this sweep has ${expected.length} (task ${expected.find((t, i) => got[i] !== t) ?? "?"} is missing or out of place); the shard is incomplete or was edited`,
        { file: shard.directory },
      );
    }
    for (const result of shard.results) results[result.task] = result;
  }
  return { plan: first.plan, cutoffs: first.cutoffs, results };
}
