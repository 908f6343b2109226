/**
 * Charts from the engine's results: the adapters reshape `simulatePerson`'s output without changing
 * it (same prompts, same events, the engine's drift and fixed points), cascade onsets are found where
 * rumination rises and stays, and the design grid simulates the same persons under every design.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { designRecovery } from "../src/charts/adapters/design.js";
import { cascadeOnsets, chartFixedPoints, itemPositions, phaseFromPerson, timelineFromPerson } from "../src/charts/adapters/engine.js";
import { designChart, phaseChart, timelineChart } from "../src/charts/index.js";
import { renderSvg } from "../src/charts/render.js";
import { drift } from "../src/model/drift.js";
import { parseScenario, withOverrides } from "../src/scenario/parse.js";
import type { Scenario } from "../src/scenario/schema.js";
import { simulatePerson, type PersonResult } from "../src/simulate/person.js";
import { repoRoot } from "./helpers/cli.js";
import { vegaLiteValidator } from "./helpers/charts-data.js";

let scenario: Scenario;
let person: PersonResult;
let validate: (spec: unknown) => string[];

beforeAll(() => {
  const file = join(repoRoot, "scenarios", "bpd-cascade.yaml");
  scenario = withOverrides(parseScenario(readFileSync(file, "utf8"), file), { days: 7 });
  person = simulatePerson(scenario, { group: 0, indexInGroup: 0, trajectoryEveryMinutes: 10 });
  validate = vegaLiteValidator();
});

describe("timelineFromPerson", () => {
  it("keeps every prompt and event of the simulated person, with recorded NA the mean of the emotion items", async () => {
    const input = timelineFromPerson(person, scenario, "p1");
    expect(input.prompts).toHaveLength(person.prompts.length);
    expect(input.latent).toHaveLength(person.trajectory?.hours.length ?? -1);
    const studyEvents = person.events.filter((event) => event.hours >= 0);
    expect(input.events).toHaveLength(studyEvents.length);
    expect(input.events.filter((e) => e.type === "nssi")).toHaveLength(person.summary.acts);
    const roles = itemPositions(scenario.groups[0].design);
    expect(roles.na.length).toBeGreaterThan(1);
    const answered = person.prompts.findIndex((p) => p.answered);
    const expected = roles.na.reduce((sum, index) => sum + (person.prompts[answered].items[index] as number), 0) / roles.na.length;
    expect(input.prompts[answered].na).toBeCloseTo(expected, 12);
    const missed = person.prompts.findIndex((p) => !p.answered);
    if (missed >= 0) expect(input.prompts[missed].na).toBeNull();
    const spec = timelineChart(input);
    expect(validate(spec)).toEqual([]);
    await renderSvg(spec);
  });
});

describe("phaseFromPerson", () => {
  it("uses the engine's drift at the person's parameters and the engine's fixed points", async () => {
    const input = phaseFromPerson(person, "p1");
    for (const [A, R] of [
      [0, 0],
      [1.5, 2],
      [3, 4],
    ]) {
      const rates = drift(person.parameters, A, R);
      expect(input.drift(A, R)).toEqual([rates.dA, rates.dR]);
    }
    const fixed = chartFixedPoints(person);
    expect(fixed).toHaveLength(person.fixedPoints.points.length);
    fixed.forEach((point, index) => {
      const engine = person.fixedPoints.points[index];
      expect(point.A).toBe(engine.A);
      expect(point.kind === "stable").toBe(engine.stable);
      expect(point.label).toBe(engine.kind === "saddle" ? "tipping point" : engine.kind);
    });
    const spec = phaseChart(input);
    expect(validate(spec)).toEqual([]);
    await renderSvg(spec);
  });
});

describe("cascadeOnsets(trajectory, threshold)", () => {
  it("finds rises above the threshold that last, after a calm period, and nothing else", () => {
    const hours = Array.from({ length: 200 }, (_, i) => i);
    // Calm until 30, a 3-hour wobble (too short), calm, a cascade from 60 to 80, calm, a cascade from 90 (too soon after).
    const R = hours.map((h) => ((h >= 30 && h < 33) || (h >= 60 && h < 80) || (h >= 90 && h < 120) ? 3 : 0));
    expect(cascadeOnsets({ hours, R }, 2, 6, 24)).toEqual([60]);
    expect(cascadeOnsets({ hours, R }, 2, 6, 5)).toEqual([60, 90]);
    expect(cascadeOnsets({ hours, R }, 2, 2, 24)).toEqual([30, 60]);
  });
});

describe("designRecovery(scenario)", () => {
  it("gives one agreement per design and metric, the same every time, with intervals around it", async () => {
    const small = withOverrides(scenario, { days: 4 });
    const options = { promptsPerDay: [3, 8], compliance: [0.5, 0.95], persons: 16 };
    const input = designRecovery(small, options);
    expect(input.points).toHaveLength(2 * 2 * 2);
    for (const point of input.points) {
      expect(Math.abs(point.value as number)).toBeLessThanOrEqual(1);
      if (Number.isFinite(point.lower)) expect(point.lower as number).toBeLessThanOrEqual(point.value as number);
    }
    expect(designRecovery(small, options)).toEqual(input);
    const spec = designChart(input);
    expect(validate(spec)).toEqual([]);
    await renderSvg(spec);
  });

  it("accepts groups that already share their persons (sampling-designs.yaml), each design meeting the same people", () => {
    const file = join(repoRoot, "scenarios", "sampling-designs.yaml");
    const designs = withOverrides(parseScenario(readFileSync(file, "utf8"), file), { days: 3 });
    const options = { promptsPerDay: [3, 6], compliance: [0.95], persons: 8 };
    const input = designRecovery(designs, options);
    expect(input.points).toHaveLength(2 * 2);
    const firstBase = designs.groups[0].name;
    expect(designRecovery(designs, { ...options, group: firstBase }).points).toHaveLength(2 * 2);
  });
});
