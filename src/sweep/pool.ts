/**
 * Running numbered jobs in worker threads (Node only), for sweeps and power analyses.
 *
 * With one worker the jobs run in this thread, one after the other. With N > 1, this thread and a
 * piscina pool of N - 1 worker threads (a maintained worker-thread pool: queueing, back-pressure and
 * clean shutdown that we would otherwise write by hand) share the jobs; the pool runs the compiled
 * worker module in `dist/` (preferring its bundle in dist/bundles/, see `preferBundledWorker`), whose
 * default export takes a job message and returns its result. At most two jobs per worker thread are
 * queued, and results are handed back in job order, so whatever the number of workers the caller sees
 * the same sequence.
 *
 * A `TaskPool` stays open across several `map` calls: a sweep starts its workers first (their start-up,
 * loading the simulation modules and compiling them, overlaps with the main thread's own preparation),
 * runs the baseline study in chunks on them, then the grid's tasks on the same warm workers.
 */
import { existsSync, statSync } from "node:fs";
import { Piscina } from "piscina";

/**
 * The worker module to start: `bundle` (the entry of the bundled worker, its dependencies inlined, built by
 * `npm run build:workers`; it loads in about half the CPU time) when it exists and is at least as new
 * as `unbundled` (the tsc output), else `unbundled`. The date check keeps a stale bundle from running
 * after a build that ran tsc alone: the two would then compute with different code.
 */
export function preferBundledWorker(bundle: string, unbundled: string): string {
  try {
    return statSync(bundle).mtimeMs >= statSync(unbundled).mtimeMs ? bundle : unbundled;
  } catch {
    return unbundled; // no bundle (or no tsc output, which TaskPool reports)
  }
}

export interface TaskPoolOptions<Job, Result> {
  /** Worker threads; 1 runs every job in this thread with `runLocal`. */
  workers: number;
  /** The compiled worker module (default export: `(job: Job) => Result`). */
  workerFile: string;
  /** Passed to every worker as `workerData` (must be structured-cloneable). */
  workerData: unknown;
  /** Runs one job in this thread (used when `workers` is 1). */
  runLocal: (job: Job) => Result;
}

/** A pool of worker threads (or this thread); see the module comment. Call `close` when done. */
export class TaskPool<Job, Result> {
  /** Threads that run jobs: this thread and `workers - 1` worker threads. */
  readonly workers: number;
  private readonly runLocal: (job: Job) => Result;
  private readonly pool: Piscina | undefined;
  /** Worker threads that have loaded their module (answered `ready`). */
  private readyThreads = 0;
  /** Why a worker thread could not start, if one could not. */
  private startFailure: { error: unknown } | undefined;
  /** Called when a worker thread becomes ready (a running `map` hands it jobs). */
  private onReady: () => void = () => undefined;
  private readonly startup: Promise<void>;

  constructor(options: TaskPoolOptions<Job, Result>) {
    this.workers = Math.max(1, Math.floor(options.workers));
    this.runLocal = options.runLocal;
    this.startup = Promise.resolve();
    if (this.workers === 1) return;
    if (!existsSync(options.workerFile)) {
      throw new Error(`the worker ${options.workerFile} is missing; run \`npm run build\` (workers run the compiled code in dist/)`);
    }
    // minThreads starts every worker now, so they load while the caller prepares its first jobs.
    // concurrentTasksPerWorker 2 posts a thread's second queued job to it at once: the jobs are
    // synchronous, so the second waits in the thread's own message queue and starts the moment the
    // first ends. With the default (1) piscina keeps it here and hands it over only when this thread's
    // event loop turns, which it does not while this thread runs a job of its own: the worker thread
    // then sat idle for up to a job's length each time (measured in docs/sweeps.md, Speed;
    // `bench/sweep.bench.js` prints the share of the cores left idle during each sweep).
    const threads = this.workers - 1;
    this.pool = new Piscina({ filename: options.workerFile, workerData: options.workerData, minThreads: threads, maxThreads: threads, idleTimeout: 60_000, concurrentTasksPerWorker: 2 });
    // Each thread answers `ready` once its module is loaded; until then it gets no job, so a job never
    // waits behind a thread's start-up while this thread could have run it.
    const calls: Promise<void>[] = [];
    for (let i = 0; i < threads; i++) {
      const call = this.pool.run(null, { name: "ready" }).then(
        () => {
          this.readyThreads++;
          this.onReady();
        },
        (error: unknown) => {
          this.startFailure ??= { error };
          this.onReady();
          throw error;
        },
      );
      call.catch(() => undefined); // reported by `started` and by `map`
      calls.push(call);
    }
    this.startup = Promise.all(calls).then(() => undefined);
    this.startup.catch(() => undefined);
  }

  /** Resolves when every worker thread has loaded its module; rejects with the error of one that could not. */
  started(): Promise<void> {
    return this.startup;
  }

  /**
   * Runs `jobs` and calls `onResult` with each result in the order of `jobs` (`done` counts from 1).
   * One `map` at a time per pool: await it before starting the next.
   *
   * This thread takes part: it runs the next job itself whenever it has nothing else to do, while
   * each worker thread that has loaded keeps two jobs queued. So `--workers 2` is this thread plus
   * one worker thread, two threads computing on two cores, and the work starts at once instead of
   * waiting for the workers to load (about half a second of CPU each, several seconds on a busy
   * machine).
   */
  async map(jobs: readonly Job[], onResult: (result: Result, done: number) => void | Promise<void>): Promise<void> {
    const pool = this.pool;
    const results = new Array<Result>(jobs.length);
    const finished = new Array<boolean>(jobs.length).fill(false);
    let delivered = 0;
    const deliver = async (): Promise<void> => {
      while (delivered < jobs.length && finished[delivered]) {
        const result = results[delivered];
        results[delivered] = undefined as Result; // let it go once handed over
        delivered++;
        await onResult(result, delivered);
      }
    };
    const running = new Set<Promise<void>>();
    let failure: { error: unknown } | undefined;
    let next = 0;
    const fillPool = (): void => {
      failure ??= this.startFailure;
      while (pool !== undefined && failure === undefined && running.size < this.readyThreads * 2 && next < jobs.length) {
        const index = next++;
        const done: Promise<void> = (pool.run(jobs[index]) as Promise<Result>).then(
          (result) => {
            results[index] = result;
            finished[index] = true;
          },
          (error: unknown) => {
            failure ??= { error };
          },
        );
        running.add(done);
        void done.finally(() => {
          running.delete(done);
          fillPool();
        });
      }
    };
    this.onReady = fillPool;
    try {
      let local = 0;
      while (failure === undefined && next < jobs.length) {
        // This thread takes the front job (the workers may still be loading), the pool the next ones.
        const index = next++;
        fillPool();
        results[index] = this.runLocal(jobs[index]);
        finished[index] = true;
        await deliver();
        // Let the event loop breathe (workers' results, progress bar redraws, signals). With workers,
        // after every job; alone, every few jobs.
        if (pool !== undefined || ++local % 8 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      while (failure === undefined && running.size > 0) {
        await Promise.race(running);
        await deliver();
      }
      if (failure !== undefined) throw failure.error;
      await deliver();
    } catch (error) {
      failure ??= { error }; // stops `fillPool`, which the jobs still running would otherwise call
      throw error;
    } finally {
      this.onReady = () => undefined;
      // On an error, wait for the jobs still running so that closing the pool does not race them.
      await Promise.allSettled([...running]);
    }
  }

  /** Stops the worker threads. */
  async close(): Promise<void> {
    await this.pool?.destroy();
  }
}

/** Runs `jobs` on a pool made for the occasion and closes it; `onResult` sees results in job order. */
export async function runTaskPool<Result, Job = number>(
  jobs: readonly Job[],
  options: TaskPoolOptions<Job, Result> & { onResult: (result: Result, done: number) => void | Promise<void> },
): Promise<void> {
  const pool = new TaskPool<Job, Result>({ ...options, workers: Math.min(options.workers, Math.max(1, jobs.length)) });
  try {
    await pool.map(jobs, options.onResult);
  } finally {
    await pool.close();
  }
}
