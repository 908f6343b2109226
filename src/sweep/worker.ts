/**
 * The worker-thread side of `cascade sweep --workers N`, run by piscina from dist/: bundled, which
 * loads faster, as dist/bundles/sweep-worker.js and the chunks it shares with the other workers
 * (`npm run build:workers`, see bundles/vite.config.ts), or as compiled by tsc when that bundle is
 * missing or stale (see `preferBundledWorker`). The plan arrives once as `workerData`; each job is
 * part of the baseline study (answered with its NA changes) or a task number with the PAC cutoffs
 * (answered with its `TaskResult`).
 */
import { workerData } from "node:worker_threads";
import type { BaselineChunk } from "./outcomes.js";
import { SweepContext, type SweepJob, type SweepPlan, type TaskResult } from "./plan.js";

const data = workerData as { plan: SweepPlan; fileName: string };
const context = new SweepContext(data.plan, data.fileName);

/** Answers once this module is loaded, so the pool hands this thread jobs only when it can start them. */
export function ready(): boolean {
  return true;
}

/** Runs one job of the sweep. */
export default function runSweepJob(job: SweepJob): BaselineChunk | TaskResult {
  return context.runJob(job);
}
