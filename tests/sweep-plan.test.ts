/**
 * Sweep plans without the command line: field paths checked against the scenario and its schema,
 * values set on the scenario as written, grids, derived seeds, tasks and outcomes.
 */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CascadeError } from "../src/errors.js";
import { mssd } from "../src/analysis/mssd.js";
import { pac } from "../src/analysis/pac.js";
import { validateScenario } from "../src/scenario/parse.js";
import { simulatePerson } from "../src/simulate/person.js";
import { cellCount, cellValues, evenlySpaced, parseGridAxis } from "../src/sweep/grid.js";
import { groupOutcomes, parseOutcomes, pooledCutoffs, topFifthShare, OUTCOME_NAMES } from "../src/sweep/outcomes.js";
import { itemRoles, personSeries } from "../src/sweep/person-series.js";
import { createSweepPlan, SweepContext } from "../src/sweep/plan.js";
import { resolvePath, setAtPath, splitPath } from "../src/sweep/scenario-path.js";
import { scenarioInput } from "../src/sweep/scenario-input.js";
import { derivedSeed } from "../src/sweep/seeds.js";
import { describeValues, shortParameterName } from "../src/sweep/summary.js";

const yaml = `
seed: 4
days: 2
simulation: { dtMinutes: 10, burnInHours: 6 }
x-anchors: &common
  sigmaA: 1.1
  wAR: { dist: lognormal, median: 1.1, sdlog: 0.2 }
groups:
  - name: bpd
    size: 3
    parameters: *common
  - name: control
    size: 2
    parameters:
      <<: *common
      sigmaA: 0.84
`;

/** A scenario with a YAML anchor shared by both groups; the anchor lives under an ignored helper key. */
function written(): Record<string, unknown> {
  const input = scenarioInput(yaml);
  delete input["x-anchors"];
  return input;
}

const resolved = () => validateScenario(written(), "test.yaml");

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CascadeError);
    return (error as Error).message;
  }
  throw new Error("expected a CascadeError");
}

describe("field paths", () => {
  it("splits keys, indices and wildcards", () => {
    expect(splitPath("groups[0].parameters.wRA")).toEqual(["groups", 0, "parameters", "wRA"]);
    expect(splitPath("groups.bpd.parameters.wAR.median")).toEqual(["groups", "bpd", "parameters", "wAR", "median"]);
    expect(splitPath("groups.*.parameters.wAR")).toEqual(["groups", "*", "parameters", "wAR"]);
    expect(splitPath("groups[*].size")).toEqual(["groups", "*", "size"]);
    expect(() => splitPath("groups..size")).toThrow(/cannot read the field path/);
    expect(() => splitPath("days.")).toThrow(/ends with a dot/);
    expect(() => splitPath("")).toThrow(/expected a field path/);
  });

  it("resolves groups by name or index to the same canonical path and target", () => {
    const byName = resolvePath(resolved(), "groups.control.parameters.sigmaA");
    const byIndex = resolvePath(resolved(), "groups[1].parameters.sigmaA");
    expect(byName.canonical).toBe("groups.control.parameters.sigmaA");
    expect(byIndex.canonical).toBe("groups.control.parameters.sigmaA");
    expect(byIndex.targets).toEqual([["groups", 1, "parameters", "sigmaA"]]);
    expect(byName.current).toBe(0.84);
  });

  it("expands * to every group", () => {
    const path = resolvePath(resolved(), "groups.*.parameters.wRA");
    expect(path.canonical).toBe("groups.*.parameters.wRA");
    expect(path.targets).toEqual([
      ["groups", 0, "parameters", "wRA"],
      ["groups", 1, "parameters", "wRA"],
    ]);
  });

  it("knows integer fields and fields of distributions, including optional ones", () => {
    expect(resolvePath(resolved(), "design.schedule.perDay").integer).toBe(true);
    expect(resolvePath(resolved(), "days").integer).toBe(true);
    expect(resolvePath(resolved(), "groups.bpd.parameters.wAR.median").integer).toBe(false);
    expect(resolvePath(resolved(), "groups.bpd.parameters.wAR.min").current).toBeUndefined();
    expect(resolvePath(resolved(), "design.items.sad.loading").targets).toEqual([["design", "items", 0, "loading"]]);
  });

  it.each([
    ["groups.bpd.parameters.wAX", /unknown field "wAX" in groups\.bpd\.parameters \(did you mean "wAR"\?\)/],
    ["groups.bdp.parameters.wAR", /groups has no element named "bdp" \(did you mean "bpd"\?\); its elements are bpd, control/],
    ["groups[2].size", /groups has 2 elements \(indices 0 to 1\), so \[2\] does not exist/],
    ["dyas", /unknown field "dyas" in the scenario \(did you mean "days"\?\)/],
    ["groups.bpd.parameters.sigmaA.mean", /sigmaA is the number 1\.1 in this scenario .* not a distribution/],
    ["groups.bpd.parameters.wAR.mean", /unknown field "mean" in groups\.bpd\.parameters\.wAR, a lognormal distribution; fields there: dist, median, sdlog, min, max/],
    ["design.schedule", /design\.schedule is a mapping; sweeps set a number: name one of its numeric fields, design\.schedule\.perDay/],
    ["startDate", /startDate is "2025-01-06"; sweeps set numeric fields only/],
    ["seed", /the seed is not a sweep parameter/],
    ["groups.bpd.name", /groups\.bpd\.name is "bpd"; sweeps set numeric fields only/],
  ])("rejects %s with a named error", (path, message) => {
    expect(errorOf(() => resolvePath(resolved(), path))).toMatch(message);
  });

  it("sets values on the scenario as written without touching the input or the other group's copy of an alias", () => {
    const input = written();
    const before = JSON.stringify(input);
    const base = resolved();
    const changed = setAtPath(input, base, ["groups", 0, "parameters", "wAR", "median"], 1.7);
    expect(JSON.stringify(input)).toBe(before);
    const scenario = validateScenario(changed, "t.yaml");
    expect(scenario.groups[0].parameters.wAR).toMatchObject({ dist: "lognormal", median: 1.7 });
    expect(scenario.groups[1].parameters.wAR).toMatchObject({ dist: "lognormal", median: 1.1 });
  });

  it("copies a default in before setting one of its fields, and lets the scenario's design flow into groups", () => {
    const base = resolved();
    const age = validateScenario(setAtPath(written(), base, ["groups", 0, "covariates", "age", "mean"], 40), "t.yaml");
    expect(age.groups[0].covariates.age).toMatchObject({ dist: "normal", mean: 40, sd: 8 });
    const perDay = validateScenario(setAtPath(written(), base, ["design", "schedule", "perDay"], 3), "t.yaml");
    expect(perDay.groups.map((g) => (g.design.schedule as { perDay: number }).perDay)).toEqual([3, 3]);
  });
});

describe("grids", () => {
  it("spaces values evenly, both ends included, free of binary noise", () => {
    expect(evenlySpaced(0, 1, 11)[3]).toBe(0.3);
    expect(evenlySpaced(0.6, 1.6, 6)).toEqual([0.6, 0.8, 1, 1.2, 1.4, 1.6]);
    expect(evenlySpaced(2, 2, 1)).toEqual([2]);
    expect(parseGridAxis("a=1:0:3").values).toEqual([1, 0.5, 0]);
    expect(parseGridAxis("design.schedule.perDay=3,6,10")).toEqual({ path: "design.schedule.perDay", values: [3, 6, 10] });
  });

  it.each([
    ["wAR", /expected PATH=FROM:TO:STEPS/],
    ["wAR=1:2", /expected FROM:TO:STEPS with three parts/],
    ["wAR=1:2:0", /STEPS must be a whole number >= 1/],
    ["wAR=1:x:3", /TO "x" is not a number/],
    ["wAR=1:1:3", /FROM and TO are both 1/],
    ["wAR=1,2,1", /the value 1 appears twice/],
    ["=1:2:3", /the path before = is empty/],
  ])("rejects %s", (argument, message) => {
    expect(errorOf(() => parseGridAxis(argument))).toMatch(message);
  });

  it("numbers cells row-major with the first parameter slowest", () => {
    const axes = [{ values: [0, 1] }, { values: [10, 20, 30] }];
    expect(cellCount(axes)).toBe(6);
    expect(Array.from({ length: 6 }, (_, c) => cellValues(axes, c))).toEqual([
      [0, 10], [0, 20], [0, 30], [1, 10], [1, 20], [1, 30],
    ]);
  });

  it("gives every cell once (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }), (lengths) => {
        const axes = lengths.map((length, a) => ({ values: Array.from({ length }, (_, i) => a * 10 + i) }));
        const seen = new Set(Array.from({ length: cellCount(axes) }, (_, c) => cellValues(axes, c).join(",")));
        expect(seen.size).toBe(lengths.reduce((p, l) => p * l, 1));
      }),
    );
  });
});

describe("derived seeds", () => {
  it("are 53-bit integers that depend only on the key", () => {
    fc.assert(
      fc.property(fc.string(), (key) => {
        const seed = derivedSeed(key);
        expect(Number.isSafeInteger(seed) && seed >= 0).toBe(true);
        expect(derivedSeed(key)).toBe(seed);
      }),
    );
    const seeds = new Set(Array.from({ length: 2000 }, (_, i) => derivedSeed(`k/${i}`)));
    expect(seeds.size).toBe(2000);
  });

  it("depend on the cell's values, not its number, and are shared across cells with common random numbers", () => {
    const plan = (values: number[], crn = false) =>
      createSweepPlan(written(), "t.yaml", { name: "t", parameters: [{ path: "groups[0].parameters.sigmaA", values }], outcomes: ["cascade_share"], replicates: 2, commonRandomNumbers: crn }).context;
    const coarse = plan([0.8, 1.2]);
    const fine = plan([0.8, 1, 1.2]);
    expect(fine.seed(2, 1)).toBe(coarse.seed(1, 1));
    expect(coarse.seed(0, 1)).not.toBe(coarse.seed(0, 2));
    expect(coarse.seed(0, 1)).not.toBe(coarse.seed(1, 1));
    const crn = plan([0.8, 1.2], true);
    expect(crn.seed(0, 2)).toBe(crn.seed(1, 2));
    expect(crn.seed(0, 1)).not.toBe(crn.seed(0, 2));
  });
});

describe("sweep plans", () => {
  it("validates every cell before anything runs, naming the cell and the field", () => {
    const message = errorOf(() =>
      createSweepPlan(written(), "t.yaml", { name: "t", parameters: [{ path: "groups.bpd.parameters.sigmaA", values: [1, -2] }], outcomes: ["cascade_share"] }),
    );
    expect(message).toMatch(/the grid cell groups\.bpd\.parameters\.sigmaA=-2 gives an invalid scenario/);
    expect(message).toMatch(/t\.yaml: groups\[0\]\.parameters\.sigmaA: expected a number/);
  });

  it("refuses fractions for integer fields and two parameters setting one field", () => {
    expect(errorOf(() => createSweepPlan(written(), "t.yaml", { name: "t", parameters: [{ path: "days", values: [1, 1.5] }], outcomes: ["any_act"] }))).toMatch(
      /days takes whole numbers, but the grid gives 1\.5/,
    );
    expect(
      errorOf(() =>
        createSweepPlan(written(), "t.yaml", {
          name: "t",
          parameters: [
            { path: "groups.*.parameters.k", values: [1, 2] },
            { path: "groups[1].parameters.k", values: [3] },
          ],
          outcomes: ["any_act"],
        }),
      ),
    ).toMatch(/sets the same field as --param groups\.\*\.parameters\.k/);
  });

  it("applies --persons and --days under the cell's values, and a task's result depends only on its number", () => {
    const { context } = createSweepPlan(written(), "t.yaml", {
      name: "t",
      persons: 4,
      days: 1,
      parameters: [{ path: "groups.control.size", values: [1, 3] }],
      outcomes: ["cascade_share", "compliance"],
      replicates: 2,
    });
    expect(context.base.groups.map((g) => g.size)).toEqual([2, 2]);
    expect(context.cellScenario(1).groups.map((g) => g.size)).toEqual([2, 3]);
    expect(context.cellScenario(1).days).toBe(1);
    const forward = [0, 1, 2, 3].map((t) => context.runTask(t, undefined));
    const fresh = new SweepContext(context.plan);
    const backward = [3, 2, 1, 0].map((t) => fresh.runTask(t, undefined)).reverse();
    expect(backward).toEqual(forward);
    expect(forward[3]).toMatchObject({ cell: 1, replicate: 2 });
    expect(forward[3].groups.map((g) => g.persons)).toEqual([2, 3]);
  });

  it("parses outcome lists in the canonical order, with suggestions", () => {
    expect(parseOutcomes("mssd_na,cascade_share")).toEqual(["cascade_share", "mssd_na"]);
    expect(parseOutcomes(undefined)).toEqual(OUTCOME_NAMES);
    expect(errorOf(() => parseOutcomes("casade_share"))).toMatch(/unknown outcome "casade_share" \(did you mean "cascade_share"\?\)/);
  });
});

describe("outcomes", () => {
  const scenario = validateScenario(written(), "t.yaml");
  const design = scenario.groups[0].design;
  const roles = itemRoles(design);
  const persons = [0, 1, 2].map((i) => personSeries(design, roles, simulatePerson(scenario, { group: 0, indexInGroup: i, days: 3 })));

  it("names the default design's items by role", () => {
    expect(roles).toEqual({ na: ["sad", "anxious", "angry", "ashamed"], rumination: "rumination", urge: "urge", nssi: "nssi" });
  });

  it("agree with the analysis layer and the engine's truth, person by person", () => {
    const cutoffs = pooledCutoffs(persons);
    const values = groupOutcomes(persons, roles, OUTCOME_NAMES, cutoffs);
    const get = (name: string) => values[OUTCOME_NAMES.indexOf(name as (typeof OUTCOME_NAMES)[number])];
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const index = (p: (typeof persons)[number]) => ({ day: p.day, beep: p.beep });
    expect(get("cascade_share")).toBeCloseTo(mean(persons.map((p) => p.summary.cascadeShare)), 12);
    expect(get("acts_per_person")).toBeCloseTo(mean(persons.map((p) => p.summary.acts)), 12);
    expect(get("mssd_na")).toBeCloseTo(mean(persons.map((p) => mssd(p.na, index(p)))), 12);
    expect(get("mssd_latent")).toBeCloseTo(mean(persons.map((p) => mssd(p.latentA, index(p)))), 12);
    expect(get("pac_latent")).toBeCloseTo(mean(persons.map((p) => pac(p.latentA, { ...index(p), cutoff: cutoffs.latent }))), 12);
    const signal = persons.reduce((s, p) => s + p.summary.signalPrompts, 0);
    expect(get("compliance")).toBeCloseTo(persons.reduce((s, p) => s + p.summary.answeredSignalPrompts, 0) / signal, 12);
    // Observed NA is the mean of the four emotion items at prompts where all were answered.
    const p = persons[0];
    const t = Array.from(p.answered).indexOf(1);
    expect(p.na[t]).toBeCloseTo((p.items.sad[t] + p.items.anxious[t] + p.items.angry[t] + p.items.ashamed[t]) / 4, 12);
    expect(Number.isNaN(p.na[Array.from(p.answered).indexOf(0)])).toBe(true);
  });

  it("top fifth share: ceil(n / 5) persons, NaN without acts", () => {
    expect(topFifthShare([0, 0, 10, 0, 0, 5, 5])).toBeCloseTo(15 / 20, 12); // ceil(7/5) = 2 persons: 10 + 5
    expect(topFifthShare([1, 1, 1, 1, 1])).toBeCloseTo(0.2, 12);
    expect(Number.isNaN(topFifthShare([0, 0]))).toBe(true);
  });

  it("summary statistics over replicates skip undefined values", () => {
    expect(describeValues([3, Number.NaN, 1, 2])).toEqual({ n: 3, mean: 2, sd: 1, min: 1, median: 2, max: 3 });
    const one = describeValues([5]);
    expect(one.n).toBe(1);
    expect(Number.isNaN(one.sd)).toBe(true);
    expect(describeValues([]).n).toBe(0);
  });

  it("short axis names for chart titles", () => {
    expect(shortParameterName("groups.bpd.parameters.wAR.median")).toBe("wAR median (bpd)");
    expect(shortParameterName("groups.*.parameters.wRA")).toBe("wRA (all groups)");
    expect(shortParameterName("design.schedule.perDay")).toBe("schedule.perDay");
  });
});

describe("browser safety", () => {
  it("the sweep and power interfaces (plans, tests, outcomes, charts) reach no node: module", () => {
    const root = join(import.meta.dirname, "..", "src");
    for (const entry of [join(root, "sweep", "index.ts"), join(root, "power", "index.ts")]) {
      const seen = new Set<string>();
      const pending = [entry];
      while (pending.length > 0) {
        const file = pending.pop() as string;
        if (seen.has(file)) continue;
        seen.add(file);
        const text = readFileSync(file, "utf8");
        expect(text.match(/from\s+"node:[^"]+"/g) ?? [], file).toEqual([]);
        for (const match of text.matchAll(/^(?:import|export)[^'"]*from\s+"(\.[^"]+)"/gm)) pending.push(resolve(dirname(file), match[1].replace(/\.js$/, ".ts")));
      }
      expect(seen.size).toBeGreaterThan(20);
    }
  });
});
