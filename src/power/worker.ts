/**
 * The worker-thread side of `cascade power --workers N` (run by piscina from dist/): the plan arrives
 * once as `workerData`; each task number is answered with its replicate's test.
 */
import { workerData } from "node:worker_threads";
import { PowerContext, type PowerPlan, type ReplicateResult } from "./plan.js";

const data = workerData as { plan: PowerPlan; fileName: string };
const context = new PowerContext(data.plan, data.fileName);

/** Answers once this module is loaded, so the pool hands this thread jobs only when it can start them. */
export function ready(): boolean {
  return true;
}

/** Runs one replicate of one setting. */
export default function runPowerTask(task: number): ReplicateResult {
  return context.runTask(task);
}
