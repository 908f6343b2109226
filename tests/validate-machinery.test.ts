/**
 * The machinery of `cascade validate` on small studies: tolerances and their judgement, the
 * bootstrap interval against closed form, the same bytes for --workers 1 and 2, a missed target
 * named with exit code 1, and bad options named with exit code 2 and nothing written.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { repoRoot, runCli, tempDir } from "./helpers/cli.js";
import { parseScenario } from "../src/scenario/parse.js";
import { scenarioInput } from "../src/sweep/scenario-input.js";
import { bootstrapInterval } from "../src/validate/bootstrap.js";
import { VALIDATION_TARGETS } from "../src/validate/registry.js";
import { runValidation } from "../src/validate/run.js";
import { ValidationContext, type ValidationPlan } from "../src/validate/studies.js";
import { formatValidationTable, parseToleranceOverride, tolerancePasses, toleranceText } from "../src/validate/suite.js";
import { varianceToMean } from "../src/validate/targets/nssi-overdispersion.js";
import type { Measurement } from "../src/validate/types.js";

const scenario = `
seed: 3
days: 4
groups:
  - name: bpd
    size: 6
    parameters:
      sigmaA: 1.1
      b0: { dist: normal, mean: -9, sd: 1 }
  - name: control
    size: 4
    parameters: { sigmaA: 0.84, wAR: 0.6, wRA: 0.6, b0: -11 }
`;

function smallPlan(): ValidationPlan {
  parseScenario(scenario, "small.yaml");
  return { scenario: { name: "small", input: scenarioInput(scenario, "small.yaml") }, seed: 3, size: "ci", studies: ["esm", "ptsd-comparison", "year"], sizeSpec: { esmScale: 1, yearPersons: 3, resamples: 200, trialPersons: 0, mbtPersons: 0, recoveryPersons: 0 } };
}

/** The targets of the ESM study and the year run (not the trial, which has its own scenario). */
const latentTargets = VALIDATION_TARGETS.filter((t) => t.studies.every((study) => !study.endsWith("-trial")));

const measurement = (value: number, lower: number, upper: number): Measurement => ({ value, lower, upper, interval: "", basis: "" });

describe("tolerances", () => {
  it("judge the value or an end of the interval, inclusive, and never pass NaN", () => {
    const range = { bounds: [{ min: 0.69, max: 0.9 }], rationale: "" };
    expect(tolerancePasses(range, measurement(0.69, 0, 1))).toBe(true);
    expect(tolerancePasses(range, measurement(0.9, 0, 1))).toBe(true);
    expect(tolerancePasses(range, measurement(0.91, 0.8, 0.95))).toBe(false);
    expect(tolerancePasses(range, measurement(Number.NaN, 0.8, 0.95))).toBe(false);
    const present = { bounds: [{ on: "lower" as const, min: 0 }], rationale: "" };
    expect(tolerancePasses(present, measurement(2, 0.1, 4))).toBe(true);
    expect(tolerancePasses(present, measurement(2, -0.1, 4))).toBe(false);
    expect(tolerancePasses(present, measurement(2, Number.NaN, 4))).toBe(false);
    expect(toleranceText({ bounds: [{ min: -0.1 }, { on: "upper", min: 0 }], rationale: "" })).toBe("value >= -0.1; 95% upper end >= 0");
  });

  it("--tolerance ID=MIN:MAX replaces the range; malformed or unknown ids are named", () => {
    expect(parseToleranceOverride("nssi-year-prevalence=0.7:", VALIDATION_TARGETS).tolerance.bounds).toEqual([{ min: 0.7, max: undefined }]);
    expect(() => parseToleranceOverride("nssi-year-prevalnce=0:1", VALIDATION_TARGETS)).toThrow(/no validation target "nssi-year-prevalnce".*did you mean "nssi-year-prevalence"/);
    expect(() => parseToleranceOverride("nssi-year-prevalence=0.9:0.1", VALIDATION_TARGETS)).toThrow(/MIN is larger than MAX/);
    expect(() => parseToleranceOverride("nssi-year-prevalence", VALIDATION_TARGETS)).toThrow(/expected ID=MIN:MAX/);
    expect(() => parseToleranceOverride("nssi-year-prevalence=a:1", VALIDATION_TARGETS)).toThrow(/expected numbers, got "a"/);
  });

  it("every registered target has a unique kebab-case id, a source, a method and at least one bound", () => {
    const ids = VALIDATION_TARGETS.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const target of VALIDATION_TARGETS) {
      expect(target.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(target.source.length).toBeGreaterThan(3);
      expect(target.reference).toMatch(/\(\d{4}\)/);
      expect(target.method.length).toBeGreaterThan(20);
      expect(target.tolerance.bounds.length).toBeGreaterThan(0);
      expect(target.studies.length).toBeGreaterThan(0);
    }
  });
});

describe("bootstrapInterval", () => {
  it("matches the normal-theory interval of a mean (mean -/+ 1.96 SD / sqrt(n)) on a large sample", () => {
    const values = Array.from({ length: 400 }, (_, i) => Math.sin(i * 12.9898) * 10);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
    const half = (1.959964 * sd) / Math.sqrt(values.length);
    const interval = bootstrapInterval([values], ([x]) => x.reduce((a, b) => a + b, 0) / x.length, 4000, "test/mean");
    expect(interval.lower).toBeCloseTo(mean - half, 0);
    expect(interval.upper).toBeCloseTo(mean + half, 0);
    expect(Math.abs(interval.upper - interval.lower - 2 * half) / (2 * half)).toBeLessThan(0.1);
  });

  it("is reproducible from its seed, contains the sample mean, and leaves out undefined resamples", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 5, maxLength: 40 }), fc.string(), (values, seed) => {
        const mean = (x: readonly number[]) => x.reduce((a, b) => a + b, 0) / x.length;
        const a = bootstrapInterval([values], ([x]) => mean(x), 300, seed);
        const b = bootstrapInterval([values], ([x]) => mean(x), 300, seed);
        expect(a).toEqual(b);
        expect(a.lower).toBeLessThanOrEqual(mean(values) + 1e-12);
        expect(a.upper).toBeGreaterThanOrEqual(mean(values) - 1e-12);
      }),
      { numRuns: 50 },
    );
    const undefinedHalf = bootstrapInterval([[0, 1]], ([x]) => (x[0] === 0 ? Number.NaN : 1), 200, "nan");
    expect(undefinedHalf.used).toBeLessThan(200);
    expect(undefinedHalf.used).toBeGreaterThan(50);
  });
});

describe("varianceToMean", () => {
  it("is the sample variance over the mean, NaN without a positive mean", () => {
    expect(varianceToMean([0, 0, 3])).toBeCloseTo(3 / 1, 12); // mean 1, variance 3
    expect(varianceToMean([2, 2, 2])).toBe(0);
    expect(varianceToMean([0, 0])).toBeNaN();
    expect(varianceToMean([4])).toBeNaN();
  });
});

describe("the studies", () => {
  it("simulate the scenario's first two groups scaled and the first group for 365 days without prompts", () => {
    const context = new ValidationContext({ ...smallPlan(), sizeSpec: { esmScale: 2, yearPersons: 3, resamples: 10, trialPersons: 0, mbtPersons: 0, recoveryPersons: 0 } });
    expect(context.esm.groups.map((g) => [g.name, g.size])).toEqual([["bpd", 12], ["control", 8], ["ptsd", 8]]);
    expect(context.tasks.filter((t) => t.study === "esm" && t.group === 2)).toHaveLength(2);
    expect(context.year.days).toBe(365);
    expect(context.year.groups[0].design.schedule).toEqual({ type: "none" });
    const year = context.runTask(context.tasks.findIndex((t) => t.study === "year"));
    expect(year.study).toBe("year");
    expect(year.persons).toHaveLength(3);
  });

  it("are the same persons in the year run as in the ESM study (acts of the year include the study's)", () => {
    const context = new ValidationContext(smallPlan());
    const esm = context.runTask(0);
    const year = context.runTask(context.tasks.findIndex((t) => t.study === "year"));
    if (esm.study !== "esm" || year.study !== "year") throw new Error("task order");
    for (let i = 0; i < 3; i++) expect(year.persons[i].acts).toBeGreaterThanOrEqual(esm.persons[i].series.summary.acts);
    for (const person of esm.persons) {
      for (const window of person.acts) expect(window.fiveMinutesAfter).toBeLessThan(window.atAct);
    }
  });
});

describe("runValidation", () => {
  let one: string;
  let two: string;
  beforeAll(async () => {
    // Worker threads run the compiled code, so this comparison uses dist/ (built by `npm test`).
    const compiled = (await import(join(repoRoot, "dist", "validate", "run.js"))) as typeof import("../src/validate/run.js");
    one = compiled.validationJson(await compiled.runValidation(smallPlan(), { workers: 1, targets: latentTargets }));
    two = compiled.validationJson(await compiled.runValidation(smallPlan(), { workers: 2, targets: latentTargets }));
  }, 120_000);

  it("gives byte-identical JSON for 1 and 2 workers", () => {
    expect(two).toBe(one);
    const parsed = JSON.parse(one) as { targets: { id: string }[]; summary: { targets: number } };
    expect(parsed.targets.map((t) => t.id)).toEqual(latentTargets.map((t) => t.id));
    expect(parsed.summary.targets).toBe(latentTargets.length);
  });

  it("formats one table row per target with pass or FAIL", async () => {
    const report = await runValidation(smallPlan(), { targets: VALIDATION_TARGETS.filter((t) => t.id === "nssi-prompt-rate"), tolerances: new Map([["nssi-prompt-rate", { bounds: [{ min: 2 }], rationale: "" }]]) });
    const table = formatValidationTable(report.outcomes);
    expect(table.split("\n").filter((l) => l.trim() !== "")).toHaveLength(2);
    expect(table).toMatch(/nssi-prompt-rate .* value >= 2 .* FAIL/);
  });

  it("refuses a target whose study the plan leaves out", async () => {
    await expect(runValidation({ ...smallPlan(), studies: ["esm"] })).rejects.toThrow(/nssi-year-prevalence needs the year study/);
  });
});

describe("cascade validate (command line)", () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
    writeFileSync(join(dir, "small.yaml"), scenario);
  });

  it("exits 1 and names the target when a deliberately impossible tolerance is missed", () => {
    const json = join(dir, "impossible.json");
    const r = runCli(["validate", "--scenario", join(dir, "small.yaml"), "--only", "nssi-prompt-rate,na-instability-vs-controls", "--tolerance", "nssi-prompt-rate=2:3", "--tolerance", "na-instability-vs-controls=0:", "--json", json]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("1 of 2 validation targets missed: nssi-prompt-rate");
    expect(r.stdout).toMatch(/nssi-prompt-rate .* value in \[2, 3\] .* FAIL/);
    const written = JSON.parse(readFileSync(json, "utf8")) as { summary: { failed: number }; targets: { id: string; pass: boolean }[] };
    expect(written.summary.failed).toBe(1);
    expect(written.targets.find((t) => t.id === "nssi-prompt-rate")?.pass).toBe(false);
  });

  it("prints the same table for --workers 1 and 2", () => {
    const args = ["validate", "--scenario", join(dir, "small.yaml"), "--only", "nssi-prompt-rate,relief-immediate,zaki-moderation"];
    const a = runCli([...args, "--workers", "1", "--tolerance", "zaki-moderation=:1000", "--tolerance", "relief-immediate=:1000"]);
    const b = runCli([...args, "--workers", "2", "--tolerance", "zaki-moderation=:1000", "--tolerance", "relief-immediate=:1000"]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.stdout).toBe(a.stdout);
  });

  it("names bad options with exit code 2 and writes nothing", () => {
    const json = join(dir, "never.json");
    const cases: [string[], RegExp][] = [
      [["--size", "huge"], /--size: expected one of ci, full, got "huge"/],
      [["--only", "nssi-yaer-prevalence"], /--only: no validation target "nssi-yaer-prevalence".*did you mean "nssi-year-prevalence"/],
      [["--scenario", join(dir, "missing.yaml")], /missing\.yaml/],
    ];
    for (const [args, message] of cases) {
      const r = runCli(["validate", ...args, "--json", json]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(existsSync(json)).toBe(false);
    }
  });
});
