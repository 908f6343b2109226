/**
 * The validation suite at the CI size: `cascade validate --size ci` on the default scenario and the
 * bundled trial scenarios (dbt-vs-tau, mbt-long-term, naturalistic-recovery) must meet every
 * calibration target (docs/calibration.md), so a change to the engine or to a scenario that breaks a
 * target fails this test, naming the target. Each interval must contain its value. The pure parts of
 * the naturalistic-recovery measure (which weeks make a year, the relative fall, the two-arm study)
 * are checked on hand-made courses at the end.
 *
 * `OPEN_TARGETS` lists the targets the model does not reproduce yet, with the reason
 * (docs/calibration.md, "Open targets"). They are still run and printed; the test checks that the
 * command exits 1 naming exactly them, so a target that starts passing (or another that starts
 * failing) makes this test fail until the list is updated.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "./helpers/cli.js";
import { loadScenario } from "../src/scenario/load-file.js";
import { PERSISTING_ARM, RECOVERY_ARM, recoveryStudyScenario } from "../src/validate/recovery-study.js";
import { VALIDATION_TARGETS } from "../src/validate/registry.js";
import { relativeFall, YEAR_WEEKS, yearPair } from "../src/validate/targets/naturalistic-recovery.js";

interface JsonOutcome {
  id: string;
  pass: boolean;
  accepted: string;
  measurement: { value: number | null; lower: number | null; upper: number | null; basis: string; details?: Record<string, number | null> };
}

const OPEN_TARGETS: Record<string, string> = {
  "selby-interaction":
    "the model's synergy lies in the coupling of the rumination-NA loop (log wRA x log wAR on acts), which the two MSSDs do not measure (NA's MSSD follows stress reactivity), so the interaction is near 0; reproducing it needs a change to the model's equations (docs/calibration.md, Open targets)",
};

let result: ReturnType<typeof runCli>;
let outcomes: JsonOutcome[];

beforeAll(() => {
  const json = join(tempDir(), "validation.json");
  result = runCli(["validate", "--size", "ci", "--workers", "2", "--json", json]);
  // A run that stopped with an error writes no JSON; the tests below then fail showing its stderr.
  outcomes = existsSync(json) ? (JSON.parse(readFileSync(json, "utf8")) as { targets: JsonOutcome[] }).targets : [];
}, 600_000);

describe("cascade validate --size ci on bpd-cascade and the bundled trials", () => {
  it("runs every registered target and prints the table", () => {
    expect(result.stderr).not.toMatch(/internal error/);
    expect(outcomes.map((o) => o.id), result.stderr).toEqual(VALIDATION_TARGETS.map((t) => t.id));
    for (const target of VALIDATION_TARGETS) expect(result.stdout).toContain(target.id);
    expect(result.stdout).toMatch(/target\s+source\s+value\s+95% interval\s+accepted\s+basis\s+result/);
  });

  for (const target of VALIDATION_TARGETS.filter((t) => !(t.id in OPEN_TARGETS))) {
    it(`meets ${target.id}: ${target.claim}`, () => {
      const outcome = outcomes.find((o) => o.id === target.id);
      expect(outcome, `no outcome for ${target.id}`).toBeDefined();
      const m = (outcome as JsonOutcome).measurement;
      expect((outcome as JsonOutcome).pass, `${target.id}: value ${m.value} [${m.lower}, ${m.upper}], accepted ${(outcome as JsonOutcome).accepted}`).toBe(true);
    });
  }

  it("gives intervals that contain their values", () => {
    for (const outcome of outcomes) {
      const { value, lower, upper } = outcome.measurement;
      expect(value, outcome.id).not.toBeNull();
      expect(lower as number, outcome.id).toBeLessThanOrEqual(value as number);
      expect(upper as number, outcome.id).toBeGreaterThanOrEqual(value as number);
    }
  });

  it("naturalistic-recovery: the fall is the recovering arm's, not the persisting arm's, from a first year where most self-injure", () => {
    const outcome = outcomes.find((o) => o.id === "naturalistic-recovery");
    expect(outcome, "no outcome for naturalistic-recovery").toBeDefined();
    const { value, lower, details } = (outcome as JsonOutcome).measurement;
    const d = details as Record<string, number>;
    // The value is the relative fall of the two prevalences the details report.
    expect(value as number).toBeCloseTo(1 - d.lastYear / d.firstYear, 12);
    expect(d.firstYearLower).toBeLessThanOrEqual(d.firstYear);
    expect(d.lastYearUpper).toBeGreaterThanOrEqual(d.lastYear);
    // Adolescents who self-injure: most do so in the first year; and frequency falls too.
    expect(d.firstYear).toBeGreaterThanOrEqual(0.6);
    expect(d.actsPerWeekLastYear).toBeLessThan(d.actsPerWeekFirstYear);
    // Without the four processes the share does not fall as far: the fall comes from them.
    expect(d.persistingPersons).toBeGreaterThan(0);
    expect(d.persistingRelativeFall).toBeLessThan(lower as number);
  });

  it("exits 1 naming exactly the open targets (0 when there are none)", () => {
    const open = Object.keys(OPEN_TARGETS);
    const met = VALIDATION_TARGETS.length - open.length;
    expect(result.stdout).toContain(`${met} of ${VALIDATION_TARGETS.length} targets met.`);
    if (open.length === 0) {
      expect(result.code, result.stderr).toBe(0);
    } else {
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`${open.length} of ${VALIDATION_TARGETS.length} validation targets missed: ${VALIDATION_TARGETS.filter((t) => open.includes(t.id)).map((t) => t.id).join(", ")}`);
    }
  });
});

describe("the naturalistic-recovery measure", () => {
  const course = (arm: string, actWeeks: number[], weeks = 469) => {
    const weeklyActs = new Float64Array(weeks);
    for (const week of actWeeks) weeklyActs[week] += 1;
    return { arm, weeklyActs };
  };

  it("reads any act in weeks 0-51 and in the last 52 weeks, and nothing from a study shorter than two years", () => {
    expect(yearPair(course("a", [0]))).toEqual({ first: true, last: false });
    expect(yearPair(course("a", [51, 468 - YEAR_WEEKS + 1]))).toEqual({ first: true, last: true });
    expect(yearPair(course("a", [52, 468 - YEAR_WEEKS]))).toEqual({ first: false, last: false });
    expect(yearPair(course("a", [], 2 * YEAR_WEEKS - 1))).toBeUndefined();
  });

  it("is 1 - P(last) / P(first), NaN when nobody self-injured in the first year", () => {
    const pairs = [
      { first: true, last: true },
      { first: true, last: false },
      { first: true, last: false },
      { first: false, last: true },
    ];
    // 3 of 4 in the first year, 2 of 4 in the last: 1 - (2/4) / (3/4) = 1/3.
    expect(relativeFall(pairs)).toBeCloseTo(1 / 3, 15);
    expect(relativeFall([{ first: false, last: true }])).toBeNaN();
    expect(relativeFall([{ first: true, last: true }])).toBe(0);
  });

  it("runs the scenario's all-four and none arms 3:1, none the control, and names a missing arm", () => {
    const { scenario } = loadScenario("naturalistic-recovery");
    const study = recoveryStudyScenario(scenario);
    expect(study.trial?.arms.map((a) => [a.name, a.ratio])).toEqual([[RECOVERY_ARM, 3], [PERSISTING_ARM, 1]]);
    expect(study.trial?.control).toBe(PERSISTING_ARM);
    expect(study.trial?.arms[0].processes).toEqual(scenario.trial?.arms.find((a) => a.name === RECOVERY_ARM)?.processes);
    const withoutNone = { ...scenario, trial: { ...scenario.trial!, arms: scenario.trial!.arms.filter((a) => a.name !== PERSISTING_ARM) } };
    expect(() => recoveryStudyScenario(withoutNone, "mine.yaml")).toThrow(/mine\.yaml.*trial\.arms.*"none"/s);
  });
});
