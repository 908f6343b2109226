/**
 * The worker-thread side of `cascade trial --workers N` (run by piscina from dist/). The resolved
 * scenario and the trial plan (with its randomisation) arrive once as `workerData`; each task is a
 * chunk number, answered with the chunk's person results.
 */
import { workerData } from "node:worker_threads";
import type { Scenario } from "../scenario/schema.js";
import { simulateTrialChunk, type TrialPersonResult } from "./person.js";
import type { TrialPlan } from "./plan.js";

interface TrialWorkerData {
  scenario: Scenario;
  plan: TrialPlan;
  chunkSize: number;
}

const data = workerData as TrialWorkerData;

/** Answers once this module is loaded (the pool of src/sweep/pool.ts hands jobs only to ready threads). */
export function ready(): boolean {
  return true;
}

/** Simulates chunk `task` of the trial's persons. */
export default function runTrialChunk(task: number): TrialPersonResult[] {
  return simulateTrialChunk(data.scenario, data.plan, task * data.chunkSize, data.chunkSize);
}
