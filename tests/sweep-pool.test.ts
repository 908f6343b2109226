/**
 * The task pool behind `--workers N` (this thread plus N - 1 worker threads) and the baseline study
 * split into chunks: results come back in job order whichever thread ran them, a failing job fails
 * the whole run, and the PAC cutoffs do not depend on how the baseline persons were split.
 */
import { utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { threadId } from "node:worker_threads";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cutoffsOfChunks, pooledCutoffs } from "../src/sweep/outcomes.js";
import { createSweepPlan, simulateStudy } from "../src/sweep/plan.js";
import { TaskPool, preferBundledWorker, runTaskPool } from "../src/sweep/pool.js";
import { scenarioInput } from "../src/sweep/scenario-input.js";
import { tempDir } from "./helpers/cli.js";

const workerFile = join(import.meta.dirname, "fixtures", "sweep", "pool-worker.mjs");
const square = (job: number) => ({ value: job * job, thread: threadId });

describe("TaskPool", () => {
  it("hands results back in job order, from this thread and the worker threads, over several maps", async () => {
    const pool = new TaskPool<number, { value: number; thread: number }>({ workers: 3, workerFile, workerData: null, runLocal: square });
    try {
      await pool.started();
      for (const count of [40, 1, 0, 7]) {
        const jobs = Array.from({ length: count }, (_, i) => i + 1);
        const seen: { value: number; thread: number; done: number }[] = [];
        await pool.map(jobs, async (result, done) => {
          // An asynchronous consumer must not let a later result overtake an earlier one.
          if (done % 3 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
          seen.push({ ...result, done });
        });
        expect(seen.map((r) => r.value)).toEqual(jobs.map((j) => j * j));
        expect(seen.map((r) => r.done)).toEqual(jobs.map((_, i) => i + 1));
      }
    } finally {
      await pool.close();
    }
  });

  it("runs everything in this thread with one worker", async () => {
    const threads = new Set<number>();
    await runTaskPool<{ value: number; thread: number }>([1, 2, 3], { workers: 1, workerFile: "/nonexistent.js", workerData: null, runLocal: square, onResult: (r) => void threads.add(r.thread) });
    expect([...threads]).toEqual([threadId]);
  });

  it("rejects with the failing job's error, whichever thread ran it, and can still be closed", async () => {
    const local = (job: number | "fail") => {
      if (job === "fail") throw new Error("job fail failed");
      return square(job);
    };
    const pool = new TaskPool<number | "fail", { value: number; thread: number }>({ workers: 2, workerFile, workerData: null, runLocal: local });
    const values: number[] = [];
    try {
      await expect(pool.map([1, 2, 3, 4, "fail", 6, 7, 8, 9, 10], (r) => void values.push(r.value))).rejects.toThrow(/job fail failed/);
    } finally {
      await pool.close();
    }
    expect(values).toEqual([1, 4, 9, 16].slice(0, values.length)); // nothing after the failure is handed on
    expect(values.length).toBeLessThanOrEqual(4);
  });

  it("reports a worker module that cannot start instead of running without it", async () => {
    const broken = join(import.meta.dirname, "fixtures", "sweep", "no-ready-worker.mjs");
    const pool = new TaskPool<number, { value: number; thread: number }>({ workers: 2, workerFile: broken, workerData: null, runLocal: square });
    try {
      await expect(pool.started()).rejects.toThrow(/ready/);
      await expect(pool.map([1, 2, 3], () => undefined)).rejects.toThrow(/ready/);
    } finally {
      await pool.close();
    }
  });

  it("says how to build the workers when the worker file is missing", () => {
    expect(() => new TaskPool({ workers: 2, workerFile: "/nowhere/worker.js", workerData: null, runLocal: square })).toThrow(/npm run build/);
  });
});

describe("preferBundledWorker", () => {
  it("takes the bundle only when it exists and is at least as new as the tsc output", () => {
    const dir = tempDir();
    const bundle = join(dir, "bundle.js");
    const unbundled = join(dir, "worker.js");
    writeFileSync(unbundled, "");
    expect(preferBundledWorker(bundle, unbundled)).toBe(unbundled); // no bundle
    writeFileSync(bundle, "");
    utimesSync(unbundled, 1_000, 1_000);
    utimesSync(bundle, 2_000, 2_000);
    expect(preferBundledWorker(bundle, unbundled)).toBe(bundle); // built after tsc
    utimesSync(bundle, 1_000, 1_000);
    expect(preferBundledWorker(bundle, unbundled)).toBe(bundle); // same build
    utimesSync(unbundled, 3_000, 3_000);
    expect(preferBundledWorker(bundle, unbundled)).toBe(unbundled); // tsc ran again since: stale bundle
  });
});

describe("baseline study in chunks", () => {
  const input = scenarioInput(`
seed: 3
days: 2
simulation: { dtMinutes: 10, burnInHours: 6 }
groups:
  - { name: bpd, size: 4, parameters: { sigmaA: 1.1, wAR: 1.2 } }
  - { name: control, size: 3, parameters: { sigmaA: 0.84 } }
`);
  const { context } = createSweepPlan(input, "s.yaml", { name: "s", parameters: [{ path: "days", values: [2] }], outcomes: ["pac_na", "pac_latent"] });
  const whole = pooledCutoffs(simulateStudy(context.base, context.plan.seed));

  it("simulates the persons numbered from..to in group order", () => {
    const all = simulateStudy(context.base, context.plan.seed);
    const part = simulateStudy(context.base, context.plan.seed, 3, 6);
    expect(part.map((p) => p.group)).toEqual(["bpd", "control", "control"]);
    expect(part.map((p) => Array.from(p.na))).toEqual(all.slice(3, 6).map((p) => Array.from(p.na)));
    expect(context.baselinePersons()).toBe(7);
    expect(context.baselineCutoffs()).toEqual(whole);
  });

  it("gives the cutoffs of the whole study however the persons are split and ordered (property)", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 6 }), { maxLength: 6 }), fc.boolean(), (cuts, reverse) => {
        const bounds = [0, ...[...cuts].sort((a, b) => a - b), 7];
        const chunks = bounds.slice(1).map((to, i) => context.baselineChunk(bounds[i], to));
        expect(cutoffsOfChunks(reverse ? chunks.reverse() : chunks)).toEqual(whole);
      }),
      { numRuns: 15 },
    );
    expect(Number.isFinite(whole.na) && Number.isFinite(whole.latent)).toBe(true);
  });
});
