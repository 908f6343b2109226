import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { stringify } from "yaml";
import { CascadeError, CascadeErrors } from "../src/errors.js";
import { PARAMETER_NAMES } from "../src/model/parameters.js";
import { mergeDesign, parseScenario, splitPersons, validateScenario, withOverrides } from "../src/scenario/parse.js";
import { scenarioReferenceMarkdown } from "../src/scenario/reference.js";
import { repoRoot } from "./helpers/cli.js";

const minimal = "groups:\n  - name: a\n    size: 2\n";

/** The message of the error `parseScenario(text)` throws. */
function problem(text: string, file = "s.yaml"): string {
  try {
    parseScenario(text, file);
  } catch (error) {
    expect(error).toBeInstanceOf(CascadeError);
    return (error as Error).message;
  }
  throw new Error("expected the scenario to be invalid");
}

describe("bundled scenarios", () => {
  const files = readdirSync(join(repoRoot, "scenarios")).filter((f) => f.endsWith(".yaml"));
  it("include the default, differentiation and sampling-design scenarios", () => {
    expect(files).toEqual(expect.arrayContaining(["bpd-cascade.yaml", "differentiation.yaml", "sampling-designs.yaml"]));
  });
  it.each(files)("%s is valid and has a title and a description", (file) => {
    const scenario = parseScenario(readFileSync(join(repoRoot, "scenarios", file), "utf8"), file);
    expect(scenario.name).toBe(file.replace(".yaml", ""));
    expect(scenario.title.length).toBeGreaterThan(10);
    expect(scenario.description.length).toBeGreaterThan(20);
  });
  it("bpd-cascade is the default design: 6 stratified prompts a day for 21 days, BPD and controls", () => {
    const scenario = parseScenario(readFileSync(join(repoRoot, "scenarios", "bpd-cascade.yaml"), "utf8"), "bpd-cascade.yaml");
    expect(scenario.days).toBe(21);
    expect(scenario.design.schedule).toMatchObject({ type: "stratified", perDay: 6 });
    expect(scenario.groups.map((g) => g.name)).toEqual(["bpd", "control"]);
    expect(scenario.design.items.map((i) => i.name)).toEqual(["sad", "anxious", "angry", "ashamed", "rumination", "urge", "nssi"]);
    expect(scenario.design.compliance.negativeAffect).toBeLessThan(0);
  });
});

describe("parseScenario fills in defaults", () => {
  const scenario = parseScenario(minimal, "dir/minimal.yaml");
  it("names the scenario after its file and fills every top-level default", () => {
    expect(scenario.name).toBe("minimal");
    expect(scenario).toMatchObject({ seed: 1, days: 21, startDate: "2025-01-06", clock: { wake: "07:00", sleep: "23:00" }, simulation: { dtMinutes: 1, burnInHours: 24 } });
  });
  it("gives every parameter its default and every group the scenario's design", () => {
    const group = scenario.groups[0];
    for (const name of PARAMETER_NAMES) expect(group.parameters[name]).toBeDefined();
    expect(group.parameters.thetaA).toBe(0.35);
    expect(group.design).toEqual(scenario.design);
    expect(group.design.items.map((i) => i.name)).toEqual(["sad", "anxious", "angry", "ashamed", "rumination", "urge", "nssi"]);
  });
  it("merges a group's design over the scenario's, replacing a schedule of another type", () => {
    const text = `
design:
  schedule: { type: stratified, perDay: 6 }
  compliance: { base: 0.7 }
groups:
  - { name: a, size: 1, design: { schedule: { perDay: 3 } } }
  - { name: b, size: 1, design: { schedule: { type: fixed, times: ["10:00", "20:00"] }, compliance: { perDay: -0.1 } } }
`;
    const s = parseScenario(text, "m.yaml");
    expect(s.groups[0].design.schedule).toMatchObject({ type: "stratified", perDay: 3, start: "09:00" });
    expect(s.groups[1].design.schedule).toEqual({ type: "fixed", times: ["10:00", "20:00"] });
    expect(s.groups[1].design.compliance).toMatchObject({ base: 0.7, perDay: -0.1 });
    expect(mergeDesign({ items: [1, 2] }, { items: [3] })).toEqual({ items: [3] });
  });
  it("accepts YAML anchors and merge keys", () => {
    const s = parseScenario(
      "groups:\n  - name: a\n    size: 1\n    parameters: &p { thetaA: 0.5, delta: 0.1 }\n  - name: b\n    size: 1\n    parameters:\n      <<: *p\n      delta: 0.7\n",
      "anchors.yaml",
    );
    expect(s.groups[1].parameters).toMatchObject({ thetaA: 0.5, delta: 0.7 });
  });
});

describe("invalid scenarios give one message per problem, naming the file, field path and line", () => {
  const cases: [string, string, RegExp][] = [
    ["a negative rate", "groups:\n  - name: a\n    size: 1\n  - name: b\n    size: 1\n    parameters:\n      thetaA: -1\n", /^s\.yaml: groups\[1\]\.parameters\.thetaA: expected a number > 0, got -1 \(line 7\)$/],
    ["a misspelt parameter", "groups:\n  - name: a\n    size: 1\n    parameters: { thetA: 0.3 }\n", /groups\[0\]\.parameters\.thetA: unknown key \(did you mean "thetaA"\?\) \(line 4\)/],
    ["an unknown top-level key", "dayz: 3\n" + minimal, /s\.yaml: dayz: unknown key \(did you mean "days"\?\) \(line 1\)/],
    ["a wrong type", "days: twenty\n" + minimal, /days: expected an integer, got "twenty" \(line 1\)/],
    ["a non-integer", "days: 2.5\n" + minimal, /days: expected an integer, got 2\.5/],
    ["a missing required field", "groups:\n  - name: a\n", /groups\[0\]\.size: missing: expected an integer \(line 2\)/],
    ["no groups", "days: 3\n", /groups: missing: expected a list/],
    ["an empty group list", "groups: []\n", /groups: expected at least 1 entries, got 0/],
    ["a misspelt schedule type", "design:\n  schedule: { type: stratifed }\n" + minimal, /design\.schedule\.type: expected one of "stratified", "random", "fixed", "interval", "none", got "stratifed" \(did you mean "stratified"\?\) \(line 2\)/],
    ["an unknown distribution", "groups:\n  - name: a\n    size: 1\n    parameters:\n      delta: { dist: normla, mean: 0.3, sd: 0.1 }\n", /groups\[0\]\.parameters\.delta\.dist: expected one of .*got "normla" \(did you mean "normal"\?\)/],
    ["a distribution field of the wrong type", "groups:\n  - name: a\n    size: 1\n    parameters:\n      delta: { dist: normal, mean: high, sd: 0.1, min: 0, max: 1 }\n", /groups\[0\]\.parameters\.delta\.mean: expected a number, got "high"/],
    ["a text where a number or distribution belongs", "groups:\n  - name: a\n    size: 1\n    parameters:\n      k: steep\n", /groups\[0\]\.parameters\.k: expected a number or a mapping, got "steep"/],
    ["a distribution that can leave the valid range", "groups:\n  - name: a\n    size: 1\n    parameters:\n      thetaA: { dist: normal, mean: 0.35, sd: 0.1 }\n", /thetaA: a normal distribution here can give values outside the valid range of thetaA \(> 0\); set min inside that range or use lognormal or truncnormal/],
    ["delta above 1", "groups:\n  - name: a\n    size: 1\n    parameters: { delta: 1.5 }\n", /parameters\.delta: expected a number <= 1, got 1\.5/],
    ["a bad time of day", "clock: { wake: '7am' }\n" + minimal, /clock\.wake: expected a time of day as "HH:MM" \(00:00 to 24:00\), got "7am"/],
    ["sleep before wake", "clock: { wake: '23:00', sleep: '07:00' }\n" + minimal, /clock\.sleep: expected a time after wake \(23:00\), got "07:00" \(line 1\)/],
    ["a step that does not divide a day", "simulation: { dtMinutes: 7 }\n" + minimal, /simulation\.dtMinutes: expected a step that divides a day/],
    ["duplicate group names", "groups:\n  - { name: a, size: 1 }\n  - { name: a, size: 1 }\n", /groups\[1\]\.name: duplicate group name "a" \(also groups\[0\]\) \(line 3\)/],
    ["samePersonsAs naming no group", "groups:\n  - { name: bpd, size: 1 }\n  - { name: b, size: 1, samePersonsAs: bdp }\n", /groups\[1\]\.samePersonsAs: no group is called "bdp" \(did you mean "bpd"\?\)/],
    ["an impossible correlation matrix", "groups:\n  - name: a\n    size: 1\n    correlations:\n      - { between: [wRA, wAR], r: 0.9 }\n      - { between: [wAR, delta], r: 0.9 }\n      - { between: [wRA, delta], r: -0.9 }\n", /groups\[0\]\.correlations: these correlations are impossible together/],
    ["a correlation with an unknown name", "groups:\n  - name: a\n    size: 1\n    correlations:\n      - { between: [wRA, wRa], r: 0.5 }\n", /correlations\[0\]\.between\[1\]: unknown parameter or covariate "wRa" \(did you mean "wRA"\?\)/],
    ["a reserved item name", "design:\n  items:\n    - { name: day, kind: affect }\n" + minimal, /design\.items\[0\]\.name: "day" is a reserved column name/],
    ["duplicate items", "design:\n  items:\n    - { name: sad, kind: emotion }\n    - { name: sad, kind: affect }\n" + minimal, /design\.items\[1\]\.name: duplicate item name "sad"/],
    ["an nssi item with scale fields", "design:\n  items:\n    - { name: n, kind: nssi, loading: 2 }\n" + minimal, /design\.items\[0\]\.loading: unknown key/],
    ["a window that ends before it starts", "design:\n  schedule: { type: random, perDay: 3, start: '20:00', end: '10:00' }\n" + minimal, /design\.schedule\.end: expected the window's end after its start/],
    ["prompts that cannot keep their gap", "design:\n  schedule: { type: random, perDay: 20, start: '09:00', end: '12:00', minGapMinutes: 30 }\n" + minimal, /20 prompts at least 30 minutes apart do not fit/],
    ["a bad date", "startDate: 2025-13-01\n" + minimal, /startDate: expected a date as "YYYY-MM-DD", got "2025-13-01"/],
    ["a list at the top level", "- a\n- b\n", /s\.yaml: expected a mapping at the top level/],
    ["malformed YAML", "groups:\n  - name: a\n     size: 2\n", /s\.yaml: invalid YAML: .*\(line \d+, column \d+\)/],
    ["a duplicate key", "days: 3\ndays: 4\n" + minimal, /s\.yaml: invalid YAML: Map keys must be unique \(line 2, column 1\)/],
    ["an empty file", "", /s\.yaml: the file is empty/],
    ["a file of comments", "# nothing here\n", /s\.yaml: the file holds no scenario/],
  ];
  it.each(cases)("%s", (_, text, expected) => {
    expect(problem(text)).toMatch(expected);
  });

  it("lists every problem at once, in the order of the file", () => {
    const text = "days: 0\ngroups:\n  - name: a\n    size: -1\n    parameters: { thetaA: 0, sigmA: 1 }\n";
    let error: unknown;
    try {
      parseScenario(text, "many.yaml");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CascadeErrors);
    const messages = (error as CascadeErrors).errors.map((e) => e.message);
    expect(messages).toHaveLength(4);
    expect(messages[0]).toMatch(/^many\.yaml: days: expected a number >= 1, got 0 \(line 1\)$/);
    expect(messages[1]).toMatch(/groups\[0\]\.size: expected a number >= 0, got -1 \(line 4\)/);
    expect(messages.join("\n")).toMatch(/thetaA: expected a number > 0, got 0/);
    expect(messages.join("\n")).toMatch(/sigmA: unknown key \(did you mean "sigmaA"\?\)/);
    expect((error as Error).message).toMatch(/^4 problems:/);
  });
  it("reports a problem inherited by a group's design once, where it is written", () => {
    const text = "design:\n  compliance: { base: 2 }\ngroups:\n  - { name: a, size: 1, design: { schedule: { perDay: 3 } } }\n";
    expect(problem(text)).toBe("s.yaml: design.compliance.base: expected a number < 1, got 2 (line 2)");
  });
  it("validates plain objects too (for the browser), without line numbers", () => {
    expect(() => validateScenario({ groups: [{ name: "a", size: 1, parameters: { thetaA: -1 } }] }, "object")).toThrow(
      "object: groups[0].parameters.thetaA: expected a number > 0, got -1",
    );
  });
});

describe("overrides", () => {
  it("split persons across groups by largest remainder, summing to the total", () => {
    expect(splitPersons([60, 40], 10)).toEqual([6, 4]);
    expect(splitPersons([1, 1, 1], 2)).toEqual([1, 1, 0]);
    expect(splitPersons([50, 30, 20], 7)).toEqual([4, 2, 1]);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 10_000 }), (sizes, total) => {
        const split = splitPersons(sizes, total);
        expect(split.reduce((a, b) => a + b, 0)).toBe(total);
        const sum = sizes.reduce((a, b) => a + b, 0);
        if (sum > 0) split.forEach((n, i) => expect(Math.abs(n - (total * sizes[i]) / sum)).toBeLessThan(1));
      }),
    );
  });
  it("replace seed, days and sizes, and reject invalid values", () => {
    const s = withOverrides(parseScenario("groups:\n  - { name: a, size: 6 }\n  - { name: b, size: 2 }\n"), { seed: 9, days: 3, persons: 4 });
    expect([s.seed, s.days, s.groups[0].size, s.groups[1].size]).toEqual([9, 3, 3, 1]);
    expect(() => withOverrides(s, { days: 0 })).toThrow("--days: expected an integer from 1 to 3650, got 0");
  });
});

describe("random valid scenarios (property)", () => {
  const distribution = fc.oneof(
    fc.double({ min: 0.05, max: 0.95, noNaN: true }),
    fc.record({ dist: fc.constant("normal"), mean: fc.double({ min: 0.1, max: 0.9, noNaN: true }), sd: fc.double({ min: 0, max: 0.3, noNaN: true }), min: fc.constant(0), max: fc.constant(1) }),
    fc.record({ dist: fc.constant("beta"), shape1: fc.double({ min: 0.5, max: 5, noNaN: true }), shape2: fc.double({ min: 0.5, max: 5, noNaN: true }) }),
    fc.record({ dist: fc.constant("uniform"), min: fc.constant(0.1), max: fc.constant(0.9) }),
  );
  const scenario = fc.record({
    days: fc.integer({ min: 1, max: 60 }),
    seed: fc.nat(),
    design: fc.record({ schedule: fc.record({ type: fc.constantFrom("stratified", "random"), perDay: fc.integer({ min: 1, max: 10 }) }) }),
    groups: fc.uniqueArray(
      fc.record({ name: fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/), size: fc.integer({ min: 0, max: 50 }), parameters: fc.record({ delta: distribution, eps: distribution }) }),
      { minLength: 1, maxLength: 3, selector: (g) => g.name },
    ),
  });
  it("parse from their YAML text, keep what was written and fill the rest", () => {
    fc.assert(
      fc.property(scenario, (input) => {
        const parsed = parseScenario(stringify(input), "random.yaml");
        expect(parsed.days).toBe(input.days);
        expect(parsed.groups.map((g) => g.size)).toEqual(input.groups.map((g) => g.size));
        expect(parsed.groups[0].design.schedule.type).toBe(input.design.schedule.type);
        expect(parsed.groups[0].parameters.thetaA).toBe(0.35);
      }),
      { numRuns: 100 },
    );
  });
});

describe("the generated reference", () => {
  it("docs/scenario-reference.md is up to date (regenerate with `cascade scenarios reference`)", () => {
    expect(readFileSync(join(repoRoot, "docs", "scenario-reference.md"), "utf8")).toBe(scenarioReferenceMarkdown());
  });
  it("documents every parameter and every design section", () => {
    const text = scenarioReferenceMarkdown();
    for (const name of PARAMETER_NAMES) expect(text).toContain(`| \`${name}\` |`);
    for (const section of ["`design.compliance`", "`design.schedule (type: stratified)`", "`groups[]`", "`clock`"]) expect(text).toContain(section);
  });
});
