/**
 * Running a simulated trial in memory (Node: worker threads): `runTrial` is what `cascade trial`
 * and `cascade validate` call.
 *
 * ```
 * scenario ─► createTrialPlan (randomisation, assessments; this thread)
 *          ─► chunks of persons ─► worker threads (piscina) or this thread ─► results in person order
 *          ─► arm outcomes, effects (Hedges' g, risk ratios), weekly trajectories
 * ```
 *
 * Persons come back in person order whatever the number of workers, and every sum runs in that
 * order, so the results are identical (to the bit) for any `workers`.
 */
import { fileURLToPath } from "node:url";
import type { Scenario } from "../scenario/schema.js";
import { preferBundledWorker, runTaskPool } from "../sweep/pool.js";
import { simulateTrialChunk, type TrialPersonResult } from "./person.js";
import { createTrialPlan, type TrialPlan } from "./plan.js";
import { armOutcomes, trialEffects, weeklyRows, type ArmOutcome, type TrialEffect, type WeeklyRow } from "./summary.js";

export interface TrialRunOptions {
  /** Seed of every random stream; default the scenario's. */
  seed?: number;
  /** Persons randomised; default trial.persons, else the population group's size. */
  persons?: number;
  /** Worker threads (default 1: this thread). Results do not depend on it. */
  workers?: number;
  /** Persons per task (default 4). */
  chunkSize?: number;
  /** The scenario file's name, for messages. */
  fileName?: string;
  /** Called after each chunk with the persons done and the total. */
  onProgress?: (done: number, total: number) => void;
}

/** A trial's results in memory. */
export interface TrialResult {
  plan: TrialPlan;
  /** Every person's outcomes, in person order. */
  persons: TrialPersonResult[];
  /** Per arm, assessment and outcome: n, mean, SD (events for binary outcomes). */
  arms: ArmOutcome[];
  /** Each arm against the control: Hedges' g or the risk ratio, with 95% intervals. */
  effects: TrialEffect[];
  /** Per arm and week: mean functioning, share above 60, acts per person. */
  weekly: WeeklyRow[];
}

function workerFile(): string {
  return preferBundledWorker(fileURLToPath(new URL("../bundles/trial-worker.js", import.meta.url)), fileURLToPath(new URL("./worker.js", import.meta.url)));
}

/**
 * Runs the scenario's trial (its `trial:` section) and returns the outcomes and effects in memory.
 * Throws a CascadeError naming the field when the scenario has no trial or an inconsistent one.
 *
 * @example
 * const { effects } = await runTrial(loadScenario("dbt-vs-tau").scenario, { persons: 100 });
 * effects.find((e) => e.outcome === "nssi_per_week" && e.assessment === "month-12")?.estimate; // Hedges' g
 */
export async function runTrial(scenario: Scenario, options: TrialRunOptions = {}): Promise<TrialResult> {
  const plan = createTrialPlan(scenario, { seed: options.seed, persons: options.persons, fileName: options.fileName });
  const chunkSize = Math.max(1, options.chunkSize ?? 4);
  const chunks = Math.ceil(plan.persons / chunkSize);
  const tasks = Array.from({ length: chunks }, (_, i) => i);
  const persons: TrialPersonResult[] = [];
  await runTaskPool<TrialPersonResult[]>(tasks, {
    workers: options.workers ?? 1,
    workerFile: workerFile(),
    workerData: { scenario, plan, chunkSize },
    runLocal: (task) => simulateTrialChunk(scenario, plan, task * chunkSize, chunkSize),
    onResult: (results) => {
      persons.push(...results);
      options.onProgress?.(persons.length, plan.persons);
    },
  });
  return { plan, persons, arms: armOutcomes(plan, persons), effects: trialEffects(plan, persons), weekly: weeklyRows(plan, persons) };
}
