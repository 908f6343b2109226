// truth/weeks.csv of `cascade simulate`: weekly psychosocial functioning F and acts per person
// (src/simulate/tables.ts, src/treatment/functioning.ts), checked against the closed form of the
// functioning model, against the person's own events, and for the direction of a process's effect.
import { describe, expect, it } from "vitest";
import { validateScenario } from "../src/scenario/parse.js";
import { simulatePerson, type PersonResult } from "../src/simulate/person.js";
import { WEEK_COLUMNS, personRows } from "../src/simulate/tables.js";
import type { Scenario } from "../src/scenario/schema.js";

const column = (name: string): number => WEEK_COLUMNS.findIndex((c) => c.name === name);

/** A one-group scenario; `functioning` and `processes` go into the group. */
function scenarioWith(days: number, functioning: Record<string, unknown>, processes: unknown[] = []): Scenario {
  return validateScenario(
    {
      name: "weeks",
      seed: 11,
      days,
      groups: [{ name: "g", size: 4, parameters: { b0: -9, stressRate: 0.4 }, functioning, processes }],
    },
    "weeks.yaml",
  );
}

function weeksOf(scenario: Scenario, index: number): { result: PersonResult; rows: number[][] } {
  const result = simulatePerson(scenario, { group: 0, indexInGroup: index });
  const rows = personRows(scenario, result, index + 1).weeks.map((row) => row.map((cell) => (typeof cell === "number" ? cell : Number.NaN)));
  return { result, rows };
}

describe("truth/weeks.csv", () => {
  it("has the documented columns", () => {
    expect(WEEK_COLUMNS.map((c) => c.name)).toEqual(["id", "group", "week", "firstDay", "lastDay", "acts", "functioningStart", "functioningEnd"]);
  });

  it("follows the closed form F(w) = T + (F0 - T) exp(-w / tau) with a constant target and no fluctuations", () => {
    const settings = { initial: 30, integration: 0.5, base: 55, integrationEffect: 6, traumaEffect: -12, nssiEffect: 0, tauWeeks: 3, fluctuationSd: 0 };
    const scenario = scenarioWith(35, settings);
    for (let index = 0; index < 4; index++) {
      const { result, rows } = weeksOf(scenario, index);
      expect(rows).toHaveLength(5);
      const target = settings.base + settings.integrationEffect * settings.integration + settings.traumaEffect * result.covariates.trauma;
      rows.forEach((row, w) => {
        expect(row[column("week")]).toBe(w + 1);
        expect(row[column("functioningStart")]).toBeCloseTo(target + (settings.initial - target) * Math.exp(-w / settings.tauWeeks), 3);
        expect(row[column("functioningEnd")]).toBeCloseTo(target + (settings.initial - target) * Math.exp(-(w + 1) / settings.tauWeeks), 3);
      });
    }
  });

  it("counts each week's acts from the person's events, shortens the last week, and chains start to end", () => {
    const scenario = scenarioWith(17, {});
    let acts = 0;
    for (let index = 0; index < 4; index++) {
      const { result, rows } = weeksOf(scenario, index);
      expect(rows.map((row) => [row[column("firstDay")], row[column("lastDay")]])).toEqual([
        [1, 7],
        [8, 14],
        [15, 17],
      ]);
      const actDays = result.events.filter((event) => event.kind === "nssi").map((event) => Math.floor(event.hours / 24) + 1);
      for (const row of rows) {
        const inWeek = actDays.filter((day) => day >= row[column("firstDay")] && day <= row[column("lastDay")]).length;
        expect(row[column("acts")]).toBe(inWeek);
      }
      expect(rows.reduce((sum, row) => sum + row[column("acts")], 0)).toBe(result.summary.acts);
      for (let w = 1; w < rows.length; w++) expect(rows[w][column("functioningStart")]).toBe(rows[w - 1][column("functioningEnd")]);
      for (const row of rows) {
        expect(row[column("functioningEnd")]).toBeGreaterThanOrEqual(0);
        expect(row[column("functioningEnd")]).toBeLessThanOrEqual(100);
      }
      acts += result.summary.acts;
    }
    expect(acts).toBeGreaterThan(0); // the comparison above saw acts, not only empty weeks
  });

  it("raises F by a process's functioning effect, person by person, and leaves the start unchanged", () => {
    const settings = { nssiEffect: 0, fluctuationSd: 0, tauWeeks: 4 };
    const without = scenarioWith(42, settings);
    const withValues = scenarioWith(42, settings, [{ type: "custom", label: "values", tauWeeks: 2, max: 1, effects: { functioning: 10 } }]);
    for (let index = 0; index < 4; index++) {
      const a = weeksOf(without, index).rows;
      const b = weeksOf(withValues, index).rows;
      expect(b[0][column("functioningStart")]).toBe(a[0][column("functioningStart")]);
      // Same person, same draws: the difference is the effect L(t) * 10 filtered by the relaxation (F lags its target).
      const last = a.length - 1;
      const gain = b[last][column("functioningEnd")] - a[last][column("functioningEnd")];
      expect(gain).toBeGreaterThan(5);
      expect(gain).toBeLessThan(10);
    }
  });
});
