/**
 * Simulated trials in memory (src/trial): permuted-block randomisation (balanced, seeded, independent
 * of the persons simulated), risk ratios against R (metafor), effects against the analysis layer,
 * per-person outcomes against their definitions, and named errors for bad trial scenarios.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hedgesG } from "../src/analysis/hedgesG.js";
import { CascadeError } from "../src/errors.js";
import { RandomStream } from "../src/random/stream.js";
import { validateScenario } from "../src/scenario/parse.js";
import { TRIAL_OUTCOME_NAMES } from "../src/trial/person.js";
import { createTrialPlan, permutedBlocks } from "../src/trial/plan.js";
import { riskRatio } from "../src/trial/riskRatio.js";
import { runTrial } from "../src/trial/run.js";
import { smallTrial } from "./trial-helpers.js";

describe("randomisation", () => {
  it("permuted blocks hold every arm ratio x copies times in each complete block", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 2, maxLength: 4 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 120 }), fc.nat(1000), (ratios, copies, persons, seed) => {
        const blockSize = copies * ratios.reduce((a, b) => a + b, 0);
        const allocation = permutedBlocks(persons, ratios, blockSize, new RandomStream(`blocks-${seed}`));
        if (allocation.length !== persons) return false;
        for (let start = 0; start + blockSize <= persons; start += blockSize) {
          const block = allocation.slice(start, start + blockSize);
          if (!ratios.every((ratio, arm) => block.filter((a) => a === arm).length === ratio * copies)) return false;
        }
        // Whole trial: each arm within one block's worth of its share.
        return ratios.every((ratio, arm) => Math.abs(allocation.filter((a) => a === arm).length - (persons * ratio) / (blockSize / copies)) <= ratio * copies);
      }),
    );
  });

  it("depends on the seed only: more persons extend the same allocation, another seed gives another", () => {
    const scenario = validateScenario(smallTrial, "small-trial.yaml");
    const twelve = createTrialPlan(scenario).allocation;
    const forty = createTrialPlan(scenario, { persons: 40 }).allocation;
    expect(forty.slice(0, 12)).toEqual(twelve);
    expect(createTrialPlan(scenario, { seed: 4, persons: 40 }).allocation).not.toEqual(forty);
    expect(createTrialPlan(scenario, { persons: 40 }).blockSize).toBe(4);
  });
});

describe("risk ratio", () => {
  it("agrees with metafor::escalc (log method, 0.5 added to every cell when one is empty) to 1e-12", () => {
    const text = readFileSync(join(import.meta.dirname, "fixtures", "r", "trial", "risk-ratio.csv"), "utf8").trim().split("\n");
    const header = text[0].split(",");
    const rows = text.slice(1).map((line) => Object.fromEntries(line.split(",").map((cell, i) => [header[i], Number(cell)])));
    expect(rows).toHaveLength(10);
    for (const row of rows) {
      const result = riskRatio(row.a, row.n1, row.c, row.n2);
      expect(result.ratio).toBeCloseTo(row.ratio, 12);
      expect(result.standardErrorLog).toBeCloseTo(row.se_log, 12);
      expect(result.lower).toBeCloseTo(row.lower, 11);
      expect(Math.abs(result.upper - row.upper) / row.upper).toBeLessThan(1e-12);
    }
  });

  it("by hand: 10/40 against 20/40 gives 0.5 with SE(log) sqrt(0.1); no events in either group gives NaN", () => {
    const result = riskRatio(10, 40, 20, 40);
    expect(result.ratio).toBe(0.5);
    expect(result.standardErrorLog).toBeCloseTo(Math.sqrt(0.1), 15);
    expect(result.lower).toBeCloseTo(0.5 * Math.exp(-1.959963984540054 * Math.sqrt(0.1)), 14);
    expect(result.corrected).toBe(false);
    expect(Number.isNaN(riskRatio(0, 10, 0, 12).ratio)).toBe(true);
    expect(Number.isNaN(riskRatio(1, 0, 2, 10).ratio)).toBe(true);
  });
});

describe("runTrial", () => {
  it("gives outcomes per person and assessment, arm summaries and effects consistent with the analysis layer", async () => {
    const scenario = validateScenario(smallTrial, "small-trial.yaml");
    const result = await runTrial(scenario);
    const { plan, persons } = result;
    expect(persons.map((p) => p.index)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expect(persons.map((p) => p.arm)).toEqual(plan.allocation);
    expect(plan.days).toBe(24);
    const o = (name: (typeof TRIAL_OUTCOME_NAMES)[number]): number => TRIAL_OUTCOME_NAMES.indexOf(name);
    for (const person of persons) {
      expect(person.outcomes).toHaveLength(2);
      for (const values of person.outcomes) {
        expect(values[o("any_nssi")]).toBe(values[o("nssi_per_week")] > 0 ? 1 : 0);
        expect(values[o("gaf_above_60")]).toBe(values[o("gaf")] > 60 ? 1 : 0);
        expect(values[o("gaf")]).toBeGreaterThanOrEqual(0);
        expect(values[o("gaf")]).toBeLessThanOrEqual(100);
        expect(values[o("compliance")]).toBeGreaterThan(0);
      }
      expect(person.functioning).toHaveLength(plan.weeks + 1);
    }
    // Hedges' g of NSSI per week at week 3 equals the analysis layer's on the same values.
    const values = (arm: number): number[] => persons.filter((p) => p.arm === arm).map((p) => p.outcomes[1][o("nssi_per_week")]);
    const effect = result.effects.find((e) => e.outcome === "nssi_per_week" && e.assessment === "week-3");
    expect(effect?.measure).toBe("hedges_g");
    expect(effect?.estimate).toBe(hedgesG(values(0), values(1)).g);
    const arm = result.arms.find((row) => row.arm === "dbt" && row.assessment === "week-3" && row.outcome === "any_nssi");
    expect(arm?.n).toBe(6);
    expect(arm?.events).toBe(persons.filter((p) => p.arm === 0 && p.outcomes[1][o("any_nssi")] === 1).length);
    // The treated arm's urgency falls to a tenth and skills rise: fewer acts per week at week 3 than at baseline.
    const treatedActs = persons.filter((p) => p.arm === 0).reduce((sum, p) => sum + p.weeklyActs[3], 0);
    const treatedBaseline = persons.filter((p) => p.arm === 0).reduce((sum, p) => sum + p.weeklyActs[0], 0);
    expect(treatedActs).toBeLessThan(treatedBaseline);
  });

  it("a person's latent path before treatment starts is the same in every arm (common random numbers)", async () => {
    const scenario = validateScenario(smallTrial, "small-trial.yaml");
    const plan = createTrialPlan(scenario);
    const { simulateTrialPerson } = await import("../src/trial/person.js");
    const inDbt = simulateTrialPerson(scenario, { ...plan, allocation: plan.allocation.map(() => 0) }, 2);
    const inTau = simulateTrialPerson(scenario, { ...plan, allocation: plan.allocation.map(() => 1) }, 2);
    expect(inDbt.outcomes[0].slice(0, 2)).toEqual(inTau.outcomes[0].slice(0, 2));
    expect(inDbt.integration).toBe(inTau.integration);
  });
});

describe("bad trial scenarios", () => {
  const bad = (change: (trial: Record<string, unknown>) => void): Record<string, unknown> => {
    const copy = structuredClone(smallTrial) as unknown as { trial: Record<string, unknown> };
    change(copy.trial);
    return copy;
  };

  it("name the field and what was expected", () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [bad((t) => ((t.arms as { name: string }[])[1].name = "dbt")), /trial\.arms\[1\]\.name.*unique arm name/],
      [bad((t) => (t.control = "placebo")), /trial\.control.*one of the arms \(dbt, tau\)/],
      [bad((t) => ((t.assessments as { week: number }[])[1].week = 0.1)), /trial\.assessments\[1\]\.week.*end of the previous burst/],
      [bad((t) => (t.blockSize = 3)), /trial\.blockSize.*multiple of the sum of the arms' ratios \(2\)/],
      [bad((t) => (t.arms = [(t.arms as unknown[])[0]])), /trial\.arms/],
      [bad((t) => (t.assesments = [])), /trial.*assesments.*assessments/s],
    ];
    for (const [input, message] of cases) {
      expect(() => validateScenario(input, "bad.yaml")).toThrow(CascadeError);
      expect(() => validateScenario(input, "bad.yaml")).toThrow(message);
    }
  });

  it("createTrialPlan names a missing trial section and an unknown population group", () => {
    const { trial: _trial, ...withoutTrial } = smallTrial;
    expect(() => createTrialPlan(validateScenario(withoutTrial, "plain.yaml"), { fileName: "plain.yaml" })).toThrow(/plain\.yaml: trial: the scenario has no `trial:` section/);
    expect(() => validateScenario(bad((t) => (t.population = "controls")), "bad.yaml")).toThrow(/bad\.yaml.*trial\.population.*expected the name of a group \(bpd\), got "controls"/s);
    const valid = validateScenario(smallTrial, "small-trial.yaml");
    const unknown = { ...valid, trial: { ...(valid.trial as NonNullable<typeof valid.trial>), population: "controls" } };
    expect(() => createTrialPlan(unknown, { fileName: "bad.yaml" })).toThrow(/bad\.yaml: trial\.population: expected the name of a group \(bpd\), got "controls"/);
    expect(() => createTrialPlan(validateScenario(smallTrial, "t.yaml"), { persons: 1 })).toThrow(/at least 2 persons/);
  });
});
