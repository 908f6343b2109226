/**
 * Running a sweep and merging shards (Node only): `cascade sweep` and `cascade merge` call these.
 *
 * ```
 * plan ─► baseline PAC cutoffs (this thread) ─► tasks of the shard (or all) ─► worker threads or this thread
 *                                                     results in task order ◄─┘
 *   ─► results.csv, summary.csv, charts, sweep.json in a temporary directory ─► renamed into place
 * ```
 */
import { fileURLToPath } from "node:url";
import { writeDirectoryAtomically, type OutputOptions } from "../io/atomic.js";
import { combineShards, readShard, shardTasks, writeSweepFiles, type ShardSpec } from "./files.js";
import type { SweepContext, TaskResult } from "./plan.js";
import { runTaskPool } from "./pool.js";

export interface SweepRunOptions extends OutputOptions {
  out: string;
  /** Worker threads (default 1: this thread). */
  workers?: number;
  /** Run only this shard's tasks and write a shard directory. */
  shard?: ShardSpec;
  /** Draw the charts (default true; shards never do). */
  charts?: boolean;
  /** Called after each finished task with the count done and the shard's total. */
  onProgress?: (done: number, total: number) => void;
}

export interface SweepRunResult {
  tasks: number;
  persons: number;
  files: string[];
  results: TaskResult[];
}

function workerFile(): string {
  return fileURLToPath(new URL("./worker.js", import.meta.url));
}

/** Runs the plan of `context` (or one shard of it) and writes its directory atomically. */
export async function runSweep(context: SweepContext, options: SweepRunOptions): Promise<SweepRunResult> {
  const tasks = shardTasks(context.tasks, options.shard);
  return writeDirectoryAtomically(options.out, { force: options.force, inputs: options.inputs, label: options.label ?? "--out" }, async (directory) => {
    const cutoffs = context.baselineCutoffs();
    const results: TaskResult[] = [];
    await runTaskPool<TaskResult>(tasks, {
      workers: options.workers ?? 1,
      workerFile: workerFile(),
      workerData: { plan: context.plan, fileName: context.fileName, cutoffs },
      runLocal: (task) => context.runTask(task, cutoffs),
      onResult: (result, done) => {
        results.push(result);
        options.onProgress?.(done, tasks.length);
      },
    });
    const { files } = await writeSweepFiles(directory, context.plan, results, cutoffs, { shard: options.shard, charts: options.charts });
    const persons = results.reduce((sum, r) => sum + r.groups.reduce((s, g) => s + g.persons, 0), 0);
    return { tasks: tasks.length, persons, files, results };
  });
}

/** Merges shard directories into the directory a single run would have written. */
export async function mergeSweepShards(directories: readonly string[], options: OutputOptions & { out: string; charts?: boolean }): Promise<{ tasks: number; files: string[] }> {
  const shards = directories.map(readShard);
  const { plan, cutoffs, results } = combineShards(shards);
  return writeDirectoryAtomically(options.out, { force: options.force, inputs: [...directories, ...(options.inputs ?? [])], label: options.label ?? "--out" }, async (directory) => {
    const { files } = await writeSweepFiles(directory, plan, results, cutoffs, { charts: options.charts });
    return { tasks: results.length, files };
  });
}
