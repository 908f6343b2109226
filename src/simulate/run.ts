/**
 * Writing a simulated dataset to disk (Node only): `cascade simulate` and scripts call
 * `runSimulation`.
 *
 * ```
 * chunks of persons ─► worker threads (piscina) or this thread ─► reorder buffer ─► CSV writers
 *                                                                                     └► metadata.json
 * ```
 *
 * Persons are simulated in chunks (`simulateChunk`) and their rows are written strictly in person
 * order: results that finish early wait in a reorder buffer, so the files are byte-identical for any
 * number of workers. At most a few chunks per worker are in flight at once (back-pressure), and the
 * CSV writers wait for the disk, so memory stays bounded however many persons are simulated.
 * Everything is written into a temporary directory that is renamed into place only when complete
 * (`writeDirectoryAtomically`).
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import { writeDirectoryAtomically } from "../io/atomic.js";
import { CsvWriter } from "../io/csv-writer.js";
import type { ScenarioOverrides } from "../scenario/parse.js";
import type { Scenario } from "../scenario/schema.js";
import { packageVersion } from "../version.js";
import { personCount, simulateChunk, type ChunkOutput } from "./chunk.js";
import { datasetMetadata } from "./metadata.js";
import { SummaryCollector, type GroupSummary } from "./summary.js";
import { EVENT_COLUMNS, PERSON_COLUMNS, PROMPT_TRUTH_COLUMNS, TRAJECTORY_COLUMNS, WEEK_COLUMNS, observedColumns } from "./tables.js";

export interface SimulationRunOptions {
  /** Output directory (created; must not exist unless `force`). */
  out: string;
  /** Replace an existing output directory. */
  force?: boolean;
  /** Files the command read (the output may not overwrite them). */
  inputs?: readonly string[];
  /** Worker threads; 1 (the default) simulates in this thread. */
  workers?: number;
  /** Also write truth/trajectory.csv with the latent path every this many minutes. */
  trajectoryEveryMinutes?: number;
  /** Persons per task (default 8). */
  chunkSize?: number;
  /** Command-line overrides, recorded in metadata.json. */
  overrides?: ScenarioOverrides;
  /** Called after each chunk is written. */
  onProgress?: (donePersons: number, totalPersons: number) => void;
}

export interface SimulationRunResult {
  persons: number;
  rows: ChunkOutput["rows"];
  summary: GroupSummary[];
}

/** Where the compiled worker lives (next to this module in dist/). */
function workerFile(): string {
  return fileURLToPath(new URL("./worker.js", import.meta.url));
}

/** Simulates `scenario` and writes its dataset to `options.out`. */
export async function runSimulation(scenario: Scenario, options: SimulationRunOptions): Promise<SimulationRunResult> {
  const total = personCount(scenario);
  const chunkSize = Math.max(1, options.chunkSize ?? 8);
  const chunks = Math.ceil(total / chunkSize);
  const workers = Math.max(1, Math.min(options.workers ?? 1, chunks));
  const trajectory = options.trajectoryEveryMinutes;

  return writeDirectoryAtomically(options.out, { force: options.force, inputs: options.inputs, label: "--out" }, async (directory) => {
    mkdirSync(join(directory, "truth"));
    const writers = {
      observed: new CsvWriter(join(directory, "observed.csv"), observedColumns(scenario).map((c) => c.name)),
      prompts: new CsvWriter(join(directory, "truth", "prompts.csv"), PROMPT_TRUTH_COLUMNS.map((c) => c.name)),
      events: new CsvWriter(join(directory, "truth", "events.csv"), EVENT_COLUMNS.map((c) => c.name)),
      persons: new CsvWriter(join(directory, "truth", "persons.csv"), PERSON_COLUMNS.map((c) => c.name)),
      weeks: new CsvWriter(join(directory, "truth", "weeks.csv"), WEEK_COLUMNS.map((c) => c.name)),
      trajectory: trajectory === undefined ? undefined : new CsvWriter(join(directory, "truth", "trajectory.csv"), TRAJECTORY_COLUMNS.map((c) => c.name)),
    };
    const collector = new SummaryCollector(scenario.groups.map((g) => g.name));
    const rows: ChunkOutput["rows"] = { observed: 0, prompts: 0, events: 0, persons: 0, trajectory: 0, weeks: 0 };
    let done = 0;

    const write = async (output: ChunkOutput): Promise<void> => {
      await writers.observed.writeFormatted(output.observed, output.rows.observed);
      await writers.prompts.writeFormatted(output.prompts, output.rows.prompts);
      await writers.events.writeFormatted(output.events, output.rows.events);
      await writers.persons.writeFormatted(output.persons, output.rows.persons);
      await writers.weeks.writeFormatted(output.weeks, output.rows.weeks);
      if (writers.trajectory) await writers.trajectory.writeFormatted(output.trajectory, output.rows.trajectory);
      for (const key of Object.keys(rows) as (keyof typeof rows)[]) rows[key] += output.rows[key];
      for (const { group, figures } of output.figures) collector.add(group, figures);
      done += output.rows.persons;
      options.onProgress?.(done, total);
    };
    const task = (index: number): { first: number; count: number } => ({ first: index * chunkSize, count: Math.min(chunkSize, total - index * chunkSize) });

    if (workers === 1) {
      for (let index = 0; index < chunks; index++) {
        const { first, count } = task(index);
        await write(simulateChunk(scenario, first, count, { trajectoryEveryMinutes: trajectory }));
      }
    } else {
      const filename = workerFile();
      if (!existsSync(filename)) throw new Error(`runSimulation: the worker ${filename} is missing; run \`npm run build\` (workers run the compiled code in dist/)`);
      const pool = new Piscina({ filename, workerData: { scenario, trajectoryEveryMinutes: trajectory }, minThreads: workers, maxThreads: workers });
      try {
        // Submit ahead by at most a few chunks per worker; write strictly in chunk order.
        const inFlight = new Map<number, Promise<ChunkOutput>>();
        const ahead = workers * 4;
        let submitted = 0;
        for (let index = 0; index < chunks; index++) {
          while (submitted < chunks && submitted - index < ahead) {
            const result = pool.run(task(submitted)) as Promise<ChunkOutput>;
            result.catch(() => undefined); // awaited in order below; avoid an unhandled rejection meanwhile
            inFlight.set(submitted, result);
            submitted++;
          }
          const output = await (inFlight.get(index) as Promise<ChunkOutput>);
          inFlight.delete(index);
          await write(output);
        }
      } finally {
        await pool.destroy();
      }
    }

    for (const writer of [writers.observed, writers.prompts, writers.events, writers.persons, writers.weeks, writers.trajectory]) await writer?.close();
    const summary = collector.summaries();
    const metadata = datasetMetadata({
      scenario,
      version: packageVersion(),
      overrides: options.overrides ?? {},
      rows,
      trajectoryEveryMinutes: trajectory,
      summary,
    });
    writeFileSync(join(directory, "metadata.json"), JSON.stringify(metadata, (_, value) => (typeof value === "number" && !Number.isFinite(value) ? null : value), 2) + "\n");
    return { persons: total, rows, summary };
  });
}
