import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "./helpers/cli.js";

const valid = "days: 2\ngroups:\n  - { name: a, size: 2 }\n";

describe("cascade simulate rejects bad scenarios: non-zero exit, a message naming the problem, no output", () => {
  const cases: [string, string | undefined, RegExp][] = [
    ["wrong type", "days: many\n" + "groups:\n  - { name: a, size: 2 }\n", /bad\.yaml: days: expected an integer, got "many" \(line 1\)/],
    ["out of range", "groups:\n  - name: a\n    size: 2\n  - name: b\n    size: 2\n    parameters: { thetaA: -1 }\n", /bad\.yaml: groups\[1\]\.parameters\.thetaA: expected a number > 0, got -1 \(line 6\)/],
    ["unknown key", "groups:\n  - name: a\n    size: 2\n    parameters: { tehtaA: 0.3 }\n", /bad\.yaml: groups\[0\]\.parameters\.tehtaA: unknown key \(did you mean "thetaA"\?\)/],
    ["malformed YAML", "groups: [\n  - name: a\n", /bad\.yaml: invalid YAML: .*\(line \d+, column \d+\)/],
    ["empty file", "", /bad\.yaml: the file is empty/],
    ["missing file", undefined, /no-such-file\.yaml: no such file, and no bundled scenario of that name/],
  ];
  it.each(cases)("%s", (_, content, expected) => {
    const dir = tempDir();
    const file = join(dir, content === undefined ? "no-such-file.yaml" : "bad.yaml");
    if (content !== undefined) writeFileSync(file, content);
    const out = join(dir, "out");
    const result = runCli(["simulate", file, "--out", out], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(expected);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f !== "bad.yaml")).toEqual([]);
  });
  it("rejects bad options the same way", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "ok.yaml"), valid);
    for (const [args, message] of [
      [["--persons", "0"], /--persons: expected an integer >= 1, got "0"/],
      [["--days", "2.5"], /--days: expected an integer >= 1, got "2.5"/],
      [["--workers", "x"], /--workers: expected an integer >= 1/],
      [["--trajectory-every", "1.5"], /--trajectory-every: expected a multiple of the time step/],
    ] as const) {
      const result = runCli(["simulate", "ok.yaml", "--out", "out", ...args], { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(existsSync(join(dir, "out"))).toBe(false);
    }
  });
  it("suggests a bundled scenario for a misspelt name", () => {
    const result = runCli(["simulate", "bpd-cascde", "--out", join(tempDir(), "out")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/did you mean "bpd-cascade"\?/);
  });
  it("refuses to write into the scenario's own directory path", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "s"));
    writeFileSync(join(dir, "s", "ok.yaml"), valid);
    const result = runCli(["simulate", "s/ok.yaml", "--out", "s", "--force"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/would overwrite the input/);
    expect(existsSync(join(dir, "s", "ok.yaml"))).toBe(true);
  });
});

describe("cascade scenarios", () => {
  it("list shows the bundled scenarios with their titles", () => {
    const result = runCli(["scenarios", "list"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^bpd-cascade\s+BPD with NSSI history versus healthy controls$/m);
    expect(result.stdout).toMatch(/^differentiation\s+/m);
    expect(result.stdout).toMatch(/^sampling-designs\s+/m);
  });
  it("show prints the file, and with --resolved every default", () => {
    const plain = runCli(["scenarios", "show", "bpd-cascade"]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/^# The default scenario/);
    const resolved = runCli(["scenarios", "show", "bpd-cascade", "--resolved"]);
    expect(resolved.code).toBe(0);
    expect(resolved.stdout).toMatch(/thetaS: 1\n/);
    expect(resolved.stdout).toMatch(/burnInHours: 24/);
  });
  it("validate reports valid files and every problem of invalid ones", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "ok.yaml"), valid);
    writeFileSync(join(dir, "bad.yaml"), "days: 0\ngroups:\n  - { name: a, size: 1, parameters: { delta: 2 } }\n");
    const ok = runCli(["scenarios", "validate", "ok.yaml", "differentiation"], { cwd: dir });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/ok\.yaml: valid \(1 groups, 2 persons, 2 days\)/);
    const trial = runCli(["scenarios", "validate", "dbt-vs-tau"]);
    expect(trial.code).toBe(0);
    expect(trial.stdout).toMatch(/dbt-vs-tau: valid \(1 groups, \d+ persons, \d+ days; trial: arms dbt, tau; 4 ESM bursts of 14 days, the last from week 54\)/);
    const bad = runCli(["scenarios", "validate", "ok.yaml", "bad.yaml"], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stdout).toMatch(/ok\.yaml: valid/);
    expect(bad.stderr).toMatch(/bad\.yaml: days: expected a number >= 1, got 0 \(line 1\)/);
    expect(bad.stderr).toMatch(/bad\.yaml: groups\[0\]\.parameters\.delta: expected a number <= 1, got 2 \(line 3\)/);
  });
  it("schema prints a JSON Schema with descriptions and defaults", () => {
    const result = runCli(["scenarios", "schema"]);
    expect(result.code).toBe(0);
    const schema = JSON.parse(result.stdout) as { properties: Record<string, { description?: string; default?: unknown }> };
    expect(schema.properties.days.default).toBe(21);
    expect(schema.properties.groups.description).toMatch(/groups of persons/);
  });
  it("--help works on every command", () => {
    for (const args of [["simulate"], ["scenarios"], ["scenarios", "list"], ["scenarios", "show"], ["scenarios", "validate"], ["scenarios", "reference"], ["scenarios", "schema"]]) {
      const result = runCli([...args, "--help"]);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^Usage: cascade /);
    }
    expect(runCli(["simulate", "--help"]).stdout).toMatch(/--persons <n>\s+total persons, split across groups/);
  });
});
