/**
 * The worker-thread side of `cascade validate --workers N` (run by piscina from dist/): the plan
 * arrives once as `workerData`; each task number is answered with its persons.
 */
import { workerData } from "node:worker_threads";
import { ValidationContext, type TaskOutput, type ValidationPlan } from "./studies.js";

const data = workerData as { plan: ValidationPlan };
const context = new ValidationContext(data.plan);

/** Answers once this module is loaded, so the pool hands this thread jobs only when it can start them. */
export function ready(): boolean {
  return true;
}

/** Simulates the persons of one task. */
export default function runValidationTask(task: number): TaskOutput {
  return context.runTask(task);
}
