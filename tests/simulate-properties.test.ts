/**
 * Properties of simulated data over random valid scenarios (fast-check): no NaN or infinite values in
 * any output, counts are non-negative integers, times increase within a person, responses stay on their
 * scales, the same seed gives the same data. And the browser-safety of the engine's import graph.
 */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { stringify } from "yaml";
import { parseScenario } from "../src/scenario/parse.js";
import { simulatePerson } from "../src/simulate/person.js";
import { personRows } from "../src/simulate/tables.js";
import { repoRoot } from "./helpers/cli.js";

const time = fc.integer({ min: 6 * 60, max: 12 * 60 }).map((m) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`);

const schedule = fc.oneof(
  fc.record({ type: fc.constant("stratified"), perDay: fc.integer({ min: 1, max: 10 }), start: time, end: fc.constant("21:30"), minGapMinutes: fc.constantFrom(0, 10) }),
  fc.record({ type: fc.constant("random"), perDay: fc.integer({ min: 1, max: 8 }), start: time, end: fc.constant("22:00"), minGapMinutes: fc.integer({ min: 0, max: 30 }) }),
  fc.record({ type: fc.constant("interval"), start: time, end: fc.constant("20:00"), everyMinutes: fc.integer({ min: 30, max: 240 }) }),
  fc.record({ type: fc.constant("fixed"), times: fc.constant(["08:00", "12:30", "19:45"]) }),
);

const scenarioArbitrary = fc.record({
  seed: fc.nat(1000),
  days: fc.integer({ min: 1, max: 4 }),
  simulation: fc.record({ dtMinutes: fc.constantFrom(0.5, 1, 2, 5), burnInHours: fc.integer({ min: 0, max: 12 }) }),
  design: fc.record({
    schedule,
    eventContingent: fc.record({ enabled: fc.boolean(), compliance: fc.double({ min: 0, max: 1, noNaN: true }) }),
    compliance: fc.record({
      base: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
      personSd: fc.double({ min: 0, max: 2, noNaN: true }),
      perDay: fc.double({ min: -0.5, max: 0.5, noNaN: true }),
      negativeAffect: fc.double({ min: -2, max: 2, noNaN: true }),
    }),
    nssiWindow: fc.constantFrom("previous-prompt", "previous-answered"),
  }),
  groups: fc.tuple(
    fc.record({
      name: fc.constant("g1"),
      size: fc.integer({ min: 1, max: 2 }),
      parameters: fc.record({
        b0: fc.double({ min: -14, max: -5, noNaN: true }),
        delta: fc.double({ min: 0, max: 1, noNaN: true }),
        sigmaA: fc.double({ min: 0, max: 3, noNaN: true }),
        wRA: fc.double({ min: 0, max: 3, noNaN: true }),
        K: fc.double({ min: 0, max: 1, noNaN: true }),
        stressRate: fc.double({ min: 0, max: 2, noNaN: true }),
        thetaA: fc.double({ min: 0.05, max: 3, noNaN: true }),
      }),
      covariates: fc.record({ ptsd: fc.double({ min: 0, max: 1, noNaN: true }) }),
    }),
  ),
});

describe("simulated data over random valid scenarios", () => {
  it("has finite values, non-negative integer counts, increasing times and on-scale responses", () => {
    fc.assert(
      fc.property(scenarioArbitrary, (input) => {
        const scenario = parseScenario(stringify(input), "random.yaml");
        const items = scenario.design.items;
        for (let index = 0; index < scenario.groups[0].size; index++) {
          const person = simulatePerson(scenario, { group: 0, indexInGroup: index });
          let previous = -Infinity;
          for (const prompt of person.prompts) {
            expect(prompt.scheduledSeconds).toBeGreaterThanOrEqual(previous);
            previous = prompt.scheduledSeconds;
            if (prompt.answered) expect(prompt.respondedSeconds!).toBeGreaterThanOrEqual(prompt.scheduledSeconds);
            for (const value of Object.values(prompt.latent)) if (typeof value === "number") expect(Number.isFinite(value)).toBe(true);
            prompt.items.forEach((value, i) => {
              if (!prompt.answered) return expect(value).toBeUndefined();
              const item = items[i];
              expect(Number.isFinite(value)).toBe(true);
              if (item.kind === "nssi") expect(Number.isInteger(value) && value! >= 0).toBe(true);
              else expect(value! >= item.scale.min && value! <= item.scale.max).toBe(true);
            });
          }
          let eventTime = -Infinity;
          for (const event of person.events) {
            expect(event.hours).toBeGreaterThanOrEqual(eventTime);
            eventTime = event.hours;
            for (const state of [event.before, event.after]) for (const v of Object.values(state)) expect(Number.isFinite(v)).toBe(true);
          }
          const s = person.summary;
          for (const count of [s.acts, s.stressors, s.skillUses, s.prompts, s.signalPrompts, s.answeredSignalPrompts]) expect(Number.isInteger(count) && count >= 0).toBe(true);
          expect(s.cascadeShare >= 0 && s.cascadeShare <= 1).toBe(true);
          const rows = personRows(scenario, person, index + 1);
          for (const row of [...rows.observed, ...rows.prompts, ...rows.events, rows.person]) {
            for (const cell of row) if (typeof cell === "number") expect(Number.isFinite(cell)).toBe(true);
          }
        }
      }),
      { numRuns: 40 },
    );
  });
  it("gives the same person for the same scenario, seed, group and index", () => {
    fc.assert(
      fc.property(scenarioArbitrary, (input) => {
        const scenario = parseScenario(stringify(input), "random.yaml");
        expect(simulatePerson(scenario, { group: "g1", indexInGroup: 0 })).toEqual(simulatePerson(scenario, { group: 0, indexInGroup: 0 }));
      }),
      { numRuns: 10 },
    );
  });
});

describe("browser safety", () => {
  /** Every module reachable from `entry` through relative imports. */
  function importGraph(entry: string): Map<string, string> {
    const seen = new Map<string, string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      const text = readFileSync(file, "utf8");
      seen.set(file, text);
      for (const match of text.matchAll(/^(?:import|export)[^'"]*from\s+"(\.[^"]+)"/gm)) {
        visit(resolve(dirname(file), match[1].replace(/\.js$/, ".ts")));
      }
    };
    visit(entry);
    return seen;
  }
  it("the engine's public interface (schema, model, population, design, simulatePerson) imports no node: module", () => {
    const graph = importGraph(join(repoRoot, "src", "simulate", "index.ts"));
    expect(graph.size).toBeGreaterThan(15);
    for (const [file, text] of graph) {
      expect(text.match(/from\s+"node:[^"]+"/g) ?? [], file).toEqual([]);
    }
  });
});
