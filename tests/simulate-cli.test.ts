import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "./helpers/cli.js";

/** Every file under `dir`, relative path -> content. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (relative: string): void => {
    for (const entry of readdirSync(join(dir, relative), { withFileTypes: true })) {
      const path = relative === "" ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else files.set(path, readFileSync(join(dir, path), "utf8"));
    }
  };
  walk("");
  return files;
}

function csv(text: string): { header: string[]; rows: string[][] } {
  const lines = text.trimEnd().split("\n");
  return { header: lines[0].split(","), rows: lines.slice(1).map((line) => line.split(",")) };
}

describe("cascade simulate", () => {
  const dir = tempDir();
  const run = (out: string, ...extra: string[]) => runCli(["simulate", "bpd-cascade", "--persons", "10", "--days", "4", "--seed", "3", "--out", join(dir, out), ...extra]);
  const first = run("a");
  const files = snapshot(join(dir, "a"));

  it("writes observed.csv, the truth and metadata.json, and prints a summary", () => {
    expect(first.code).toBe(0);
    expect([...files.keys()].sort()).toEqual(["metadata.json", "observed.csv", "truth/events.csv", "truth/persons.csv", "truth/prompts.csv", "truth/weeks.csv"]);
    expect(first.stdout).toMatch(/10 persons, \d+ prompts/);
    expect(first.stdout).toMatch(/^group\s+persons\s+prompts\s+answered\s+with act/m);
    expect(first.stdout).toMatch(/^bpd\s+6\s/m);
    expect(first.stdout).toMatch(/^control\s+4\s/m);
  });
  it("gives byte-identical files for the same scenario and seed", () => {
    expect(run("b").code).toBe(0);
    expect(snapshot(join(dir, "b"))).toEqual(files);
  });
  it("gives byte-identical files with --workers 1 and --workers 2", () => {
    expect(run("w2", "--workers", "2").code).toBe(0);
    expect(snapshot(join(dir, "w2"))).toEqual(files);
  });
  it("gives different data for another seed", () => {
    const other = runCli(["simulate", "bpd-cascade", "--persons", "10", "--days", "4", "--seed", "4", "--out", join(dir, "s4"), "--quiet"]);
    expect(other.code).toBe(0);
    expect(other.stdout).toBe("");
    expect(readFileSync(join(dir, "s4", "observed.csv"), "utf8")).not.toBe(files.get("observed.csv"));
  });

  it("observed.csv: one row per prompt with id, group, day, beep, scheduled, responded, answered, then the items", () => {
    const { header, rows } = csv(files.get("observed.csv")!);
    expect(header).toEqual(["id", "group", "day", "beep", "scheduled", "responded", "answered", "sad", "anxious", "angry", "ashamed", "rumination", "urge", "nssi"]);
    expect(rows).toHaveLength(10 * 4 * 6);
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]));
    expect(rows.filter((r) => r[0] === "1").every((r) => r[1] === "bpd")).toBe(true);
    expect(rows.filter((r) => r[0] === "10").every((r) => r[1] === "control")).toBe(true);
    for (const row of rows) {
      expect(row[4]).toMatch(/^2025-01-(06|07|08|09)T\d\d:\d\d:\d\d$/);
      expect(Number(row[2])).toBe(Number(row[4].slice(8, 10)) - 5);
      expect(["1", "2", "3", "4", "5", "6"]).toContain(row[3]);
      if (row[6] === "0") {
        expect(row[5]).toBe("");
        expect(row.slice(7).every((cell) => cell === "")).toBe(true);
      } else {
        expect(row[6]).toBe("1");
        expect(row[5] >= row[4]).toBe(true);
        expect(row.slice(7).every((cell) => cell !== "")).toBe(true);
      }
    }
  });
  it("truth/prompts.csv matches observed.csv row for row", () => {
    const observed = csv(files.get("observed.csv")!).rows;
    const truth = csv(files.get("truth/prompts.csv")!);
    expect(truth.header).toEqual(["id", "group", "day", "beep", "trigger", "answered", "hours", "measuredHours", "A", "R", "U", "S", "W", "cascade"]);
    expect(truth.rows.map((r) => [r[0], r[2], r[3], r[5]])).toEqual(observed.map((r) => [r[0], r[2], r[3], r[6]]));
  });
  it("truth/persons.csv has every parameter, covariate and truth summary; events have times", () => {
    const persons = csv(files.get("truth/persons.csv")!);
    expect(persons.rows).toHaveLength(10);
    for (const column of ["indexInGroup", "female", "ptsd", "age", "trauma", "thetaA", "delta", "b0", "nu", "K", "bistable", "acts", "cascadeShare", "compliance"]) {
      expect(persons.header).toContain(column);
    }
    const events = csv(files.get("truth/events.csv")!);
    expect(events.header.slice(0, 7)).toEqual(["id", "group", "event", "day", "time", "hours", "magnitude"]);
    expect(events.rows.every((r) => ["stressor", "rejection", "reminder", "nssi", "skill"].includes(r[2]))).toBe(true);
    const acts = events.rows.filter((r) => r[2] === "nssi").length;
    const actColumn = persons.header.indexOf("acts");
    expect(persons.rows.reduce((s, r) => s + Number(r[actColumn]), 0)).toBe(acts);
  });
  it("metadata.json has the resolved scenario, seed, version, overrides and a column dictionary", () => {
    const metadata = JSON.parse(files.get("metadata.json")!);
    const manifest = JSON.parse(readFileSync(join(import.meta.dirname, "..", "package.json"), "utf8"));
    expect(metadata.generator).toEqual({ package: "cascade-lab", version: manifest.version, command: "cascade simulate" });
    expect(metadata.seed).toBe(3);
    expect(metadata.days).toBe(4);
    expect(metadata.overrides).toEqual({ seed: 3, persons: 10, days: 4 });
    expect(metadata.persons).toEqual({ total: 10, byGroup: { bpd: 6, control: 4 } });
    expect(metadata.scenario.groups[0].parameters.thetaA).toBe(0.35);
    const observedColumns = metadata.files["observed.csv"].columns.map((c: { name: string }) => c.name);
    expect(observedColumns).toEqual(csv(files.get("observed.csv")!).header);
    for (const file of ["truth/prompts.csv", "truth/events.csv", "truth/persons.csv"]) {
      expect(metadata.files[file].columns.map((c: { name: string }) => c.name)).toEqual(csv(files.get(file)!).header);
      expect(metadata.files[file].rows).toBe(csv(files.get(file)!).rows.length);
    }
    expect(metadata.conventions.cascadeState).toMatch(/R > h/);
    expect(metadata.summary.map((s: { group: string }) => s.group)).toEqual(["bpd", "control"]);
  });

  it("keeps the first days and the first persons of a group unchanged when --days or --persons shrink", () => {
    const short = runCli(["simulate", "bpd-cascade", "--persons", "10", "--days", "2", "--seed", "3", "--out", join(dir, "short"), "--quiet"]);
    expect(short.code).toBe(0);
    const long = csv(files.get("observed.csv")!).rows.filter((r) => Number(r[2]) <= 2);
    expect(csv(readFileSync(join(dir, "short", "observed.csv"), "utf8")).rows).toEqual(long);
    const fewer = runCli(["simulate", "bpd-cascade", "--persons", "5", "--days", "4", "--seed", "3", "--out", join(dir, "fewer"), "--quiet"]);
    expect(fewer.code).toBe(0);
    // 5 persons split 60:40 give bpd 3 and control 2: bpd persons 1-3 are the same persons.
    const firstThree = csv(files.get("observed.csv")!).rows.filter((r) => Number(r[0]) <= 3);
    expect(csv(readFileSync(join(dir, "fewer", "observed.csv"), "utf8")).rows.filter((r) => Number(r[0]) <= 3)).toEqual(firstThree);
  });
  it("does not replace existing output without --force, and replaces it with --force", () => {
    const again = run("a");
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/--out .*a already exists; use --force to replace it/);
    expect(snapshot(join(dir, "a"))).toEqual(files);
    writeFileSync(join(dir, "a", "stale.txt"), "old");
    expect(run("a", "--force", "--quiet").code).toBe(0);
    expect(existsSync(join(dir, "a", "stale.txt"))).toBe(false);
    expect(snapshot(join(dir, "a"))).toEqual(files);
  });
  it("writes truth/trajectory.csv with --trajectory-every", () => {
    const result = runCli(["simulate", "bpd-cascade", "--persons", "2", "--days", "2", "--trajectory-every", "15", "--out", join(dir, "traj"), "--quiet"]);
    expect(result.code).toBe(0);
    const trajectory = csv(readFileSync(join(dir, "traj", "truth", "trajectory.csv"), "utf8"));
    expect(trajectory.header).toEqual(["id", "group", "hours", "A", "R", "S", "W", "cascade"]);
    expect(trajectory.rows.filter((r) => r[0] === "1").map((r) => Number(r[2])).slice(0, 3)).toEqual([0, 0.25, 0.5]);
    expect(trajectory.rows).toHaveLength(2 * (2 * 24 * 4 + 1));
  });
});
