/**
 * The worker-thread side of `cascade sweep --workers N` (run by piscina from dist/). The plan and the
 * baseline PAC cutoffs arrive once as `workerData`; each task is a task number, answered with its
 * `TaskResult`.
 */
import { workerData } from "node:worker_threads";
import type { PacCutoffs } from "./outcomes.js";
import { SweepContext, type SweepPlan, type TaskResult } from "./plan.js";

interface SweepWorkerData {
  plan: SweepPlan;
  fileName: string;
  cutoffs?: PacCutoffs;
}

const data = workerData as SweepWorkerData;
const context = new SweepContext(data.plan, data.fileName);

/** Runs one task of the sweep. */
export default function runSweepTask(task: number): TaskResult {
  return context.runTask(task, data.cutoffs);
}
