/**
 * The worker-thread side of `cascade simulate --workers N` (run by piscina from dist/). The resolved
 * scenario arrives once as `workerData`; each task names a chunk of persons and gets back its CSV text.
 */
import { workerData } from "node:worker_threads";
import type { Scenario } from "../scenario/schema.js";
import { simulateChunk, type ChunkOutput } from "./chunk.js";

interface WorkerData {
  scenario: Scenario;
  trajectoryEveryMinutes?: number;
}

const data = workerData as WorkerData;

/** Simulates one chunk of persons. */
export default function runChunk(task: { first: number; count: number }): ChunkOutput {
  return simulateChunk(data.scenario, task.first, task.count, { trajectoryEveryMinutes: data.trajectoryEveryMinutes });
}
