/**
 * The validation suite at the CI size: `cascade validate --size ci` on the default scenario must meet
 * every calibration target (docs/calibration.md), so a change to the engine or to the scenario that
 * breaks a target fails this test, naming the target. Each interval must contain its value.
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
import { VALIDATION_TARGETS } from "../src/validate/registry.js";

interface JsonOutcome {
  id: string;
  pass: boolean;
  accepted: string;
  measurement: { value: number | null; lower: number | null; upper: number | null; basis: string };
}

const OPEN_TARGETS: Record<string, string> = {
  "selby-interaction":
    "the model's log NSSI rate is close to additive in rumination and NA instability (also on the latent truth), so the interaction is near 0; reproducing it needs an engine change (docs/calibration.md, Open targets)",
};

let result: ReturnType<typeof runCli>;
let outcomes: JsonOutcome[];

beforeAll(() => {
  const json = join(tempDir(), "validation.json");
  result = runCli(["validate", "--size", "ci", "--workers", "2", "--json", json]);
  // A run that stopped with an error writes no JSON; the tests below then fail showing its stderr.
  outcomes = existsSync(json) ? (JSON.parse(readFileSync(json, "utf8")) as { targets: JsonOutcome[] }).targets : [];
}, 600_000);

describe("cascade validate --size ci on bpd-cascade", () => {
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
