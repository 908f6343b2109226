/**
 * Running numbered tasks in worker threads (Node only), for sweeps and power analyses.
 *
 * With one worker the tasks run in this thread, one after the other. With more, a piscina pool
 * (a maintained worker-thread pool: queueing, back-pressure and clean shutdown that we would
 * otherwise write by hand) runs the compiled worker module in `dist/`, whose default export takes a
 * task number and returns its result. At most a few tasks per worker are in flight, and results are
 * handed back in task order, so whatever the number of workers the caller sees the same sequence.
 */
import { existsSync } from "node:fs";
import { Piscina } from "piscina";

export interface TaskPoolOptions<Result> {
  /** Worker threads; 1 runs every task in this thread with `runLocal`. */
  workers: number;
  /** The compiled worker module (default export: `(task: number) => Result`). */
  workerFile: string;
  /** Passed to every worker as `workerData` (must be structured-cloneable). */
  workerData: unknown;
  /** Runs one task in this thread (used when `workers` is 1). */
  runLocal: (task: number) => Result;
  /** Called with each result, in task order. */
  onResult: (result: Result, done: number) => void | Promise<void>;
}

/** Runs `tasks` (task numbers, in the order results are wanted); see the module comment. */
export async function runTaskPool<Result>(tasks: readonly number[], options: TaskPoolOptions<Result>): Promise<void> {
  const workers = Math.max(1, Math.min(options.workers, tasks.length));
  if (workers === 1) {
    for (let i = 0; i < tasks.length; i++) {
      await options.onResult(options.runLocal(tasks[i]), i + 1);
      // Let the event loop breathe (progress bar redraws, signals) between tasks.
      if (i % 8 === 7) await new Promise((resolve) => setImmediate(resolve));
    }
    return;
  }
  if (!existsSync(options.workerFile)) {
    throw new Error(`the worker ${options.workerFile} is missing; run \`npm run build\` (workers run the compiled code in dist/)`);
  }
  const pool = new Piscina({ filename: options.workerFile, workerData: options.workerData, minThreads: workers, maxThreads: workers, idleTimeout: 1000 });
  try {
    const inFlight = new Map<number, Promise<Result>>();
    const ahead = workers * 4;
    let submitted = 0;
    for (let i = 0; i < tasks.length; i++) {
      while (submitted < tasks.length && submitted - i < ahead) {
        const result = pool.run(tasks[submitted]) as Promise<Result>;
        result.catch(() => undefined); // awaited in order below; avoid an unhandled rejection meanwhile
        inFlight.set(submitted, result);
        submitted++;
      }
      const result = await (inFlight.get(i) as Promise<Result>);
      inFlight.delete(i);
      await options.onResult(result, i + 1);
    }
  } finally {
    await pool.destroy();
  }
}
