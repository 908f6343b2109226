/**
 * Running a sweep and merging shards (Node only): `cascade sweep` and `cascade merge` call these.
 *
 * ```
 * plan ─► pool of workers (starting) ─► baseline study in chunks ─► PAC cutoffs (this thread)
 *        ─► tasks of the shard (or all), with the cutoffs ─► the same workers (or this thread)
 *                                  results in task order ◄─┘
 *   ─► results.csv, summary.csv, charts, sweep.json in a temporary directory ─► renamed into place
 * ```
 */
import { fileURLToPath } from "node:url";
import { writeDirectoryAtomically, type OutputOptions } from "../io/atomic.js";
import { combineShards, readShard, shardTasks, writeSweepFiles, type ShardSpec } from "./files.js";
import { cutoffsOfChunks, type BaselineChunk, type PacCutoffs } from "./outcomes.js";
import type { SweepContext, SweepJob, TaskResult } from "./plan.js";
import { TaskPool, preferBundledWorker } from "./pool.js";

export interface SweepRunOptions extends OutputOptions {
  out: string;
  /** Worker threads (default 1: this thread). */
  workers?: number;
  /** Run only this shard's tasks and write a shard directory. */
  shard?: ShardSpec;
  /** Draw the charts (default true; shards never do). */
  charts?: boolean;
  /** Also write each chart as PNG. */
  png?: boolean;
  /** Called after each finished task with the count done and the shard's total. */
  onProgress?: (done: number, total: number) => void;
}

export interface SweepRunResult {
  tasks: number;
  persons: number;
  files: string[];
  results: TaskResult[];
}

/** The worker module: the bundle dist/bundles/sweep-worker.js when it is current, else dist/sweep/worker.js. */
function workerFile(): string {
  return preferBundledWorker(fileURLToPath(new URL("../bundles/sweep-worker.js", import.meta.url)), fileURLToPath(new URL("./worker.js", import.meta.url)));
}

/**
 * The baseline study split into jobs of a few persons, about four per thread, so that every thread is
 * busy while the cutoffs are awaited.
 */
function baselineJobs(persons: number, workers: number): SweepJob[] {
  const chunks = Math.max(1, Math.min(persons, workers === 1 ? 1 : workers * 4));
  return Array.from({ length: chunks }, (_, i) => ({ kind: "baseline", from: Math.floor((i * persons) / chunks), to: Math.floor(((i + 1) * persons) / chunks) }));
}

/** Runs the plan of `context` (or one shard of it) and writes its directory atomically. */
export async function runSweep(context: SweepContext, options: SweepRunOptions): Promise<SweepRunResult> {
  const tasks = shardTasks(context.tasks, options.shard);
  // The workers start now and load the simulation while the main thread prepares the output directory.
  const pool = new TaskPool<SweepJob, BaselineChunk | TaskResult>({
    workers: Math.min(options.workers ?? 1, Math.max(1, tasks.length)),
    workerFile: workerFile(),
    workerData: { plan: context.plan, fileName: context.fileName },
    runLocal: (job) => context.runJob(job),
  });
  try {
    return await writeDirectoryAtomically(options.out, { force: options.force, inputs: options.inputs, label: options.label ?? "--out" }, async (directory) => {
      let cutoffs: PacCutoffs | undefined;
      if (context.needsBaseline()) {
        const chunks: BaselineChunk[] = [];
        await pool.map(baselineJobs(context.baselinePersons(), pool.workers), (chunk) => void chunks.push(chunk as BaselineChunk));
        cutoffs = cutoffsOfChunks(chunks);
      }
      const results: TaskResult[] = [];
      await pool.map(
        tasks.map((task): SweepJob => ({ kind: "task", task, cutoffs })),
        (result, done) => {
          results.push(result as TaskResult);
          options.onProgress?.(done, tasks.length);
        },
      );
      const { files } = await writeSweepFiles(directory, context.plan, results, cutoffs, { shard: options.shard, charts: options.charts, png: options.png });
      const persons = results.reduce((sum, r) => sum + r.groups.reduce((s, g) => s + g.persons, 0), 0);
      return { tasks: tasks.length, persons, files, results };
    });
  } finally {
    await pool.close();
  }
}

/** Merges shard directories into the directory a single run would have written. */
export async function mergeSweepShards(directories: readonly string[], options: OutputOptions & { out: string; charts?: boolean; png?: boolean }): Promise<{ tasks: number; files: string[] }> {
  const shards = directories.map(readShard);
  const { plan, cutoffs, results } = combineShards(shards);
  return writeDirectoryAtomically(options.out, { force: options.force, inputs: [...directories, ...(options.inputs ?? [])], label: options.label ?? "--out" }, async (directory) => {
    const { files } = await writeSweepFiles(directory, plan, results, cutoffs, { charts: options.charts, png: options.png });
    return { tasks: results.length, files };
  });
}
