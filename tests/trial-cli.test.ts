/**
 * `cascade trial` end to end (the compiled CLI; run `npm run build` first): byte-identical output for
 * --workers 1 and 2, the files and their columns, the stdout table, and named errors that leave no
 * output behind.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { vegaLiteValidator } from "./helpers/charts-data.js";
import { runCli, tempDir } from "./helpers/cli.js";
import { smallTrial } from "./trial-helpers.js";

/** Every file under `directory` with its content, by relative path. */
function tree(directory: string, prefix = ""): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(join(directory, prefix), { withFileTypes: true })) {
    const path = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) Object.assign(files, tree(directory, path));
    else files[path] = readFileSync(join(directory, path), "utf8");
  }
  return files;
}

describe("cascade trial", () => {
  const directory = tempDir();
  const scenarioFile = join(directory, "small-trial.yaml");
  writeFileSync(scenarioFile, JSON.stringify(smallTrial, null, 2));

  it("writes the same bytes for --workers 1 and 2, with tables, charts and trial.json", () => {
    const one = runCli(["trial", scenarioFile, "--persons", "12", "--workers", "1", "--out", join(directory, "one")]);
    expect(one.code, one.stderr).toBe(0);
    const two = runCli(["trial", scenarioFile, "--persons", "12", "--workers", "2", "--out", join(directory, "two")]);
    expect(two.code, two.stderr).toBe(0);
    const a = tree(join(directory, "one"));
    const b = tree(join(directory, "two"));
    expect(Object.keys(a).sort()).toEqual(
      ["arms.csv", "charts/forest.svg", "charts/forest.vl.json", "charts/functioning.svg", "charts/functioning.vl.json", "charts/trajectories.svg", "charts/trajectories.vl.json", "effects.csv", "outcomes.csv", "trial.json", "weekly.csv"].sort(),
    );
    for (const name of Object.keys(a)) expect(b[name], name).toBe(a[name]);
    expect(one.stdout.replace("/one:", "/DIR:")).toBe(two.stdout.replace("/two:", "/DIR:"));
    expect(one.stdout).toMatch(/At week-3 \(week 3; dbt 6, tau 6 persons\)/);
    expect(one.stdout).toMatch(/nssi_per_week .* dbt vs tau +g /);

    const metadata = JSON.parse(a["trial.json"]) as { randomisation: { persons: Record<string, number> }; files: Record<string, { rows: number; columns: { name: string }[] }>; control: string };
    expect(metadata.control).toBe("tau");
    expect(metadata.randomisation.persons).toEqual({ dbt: 6, tau: 6 });
    const outcomes = a["outcomes.csv"].trimEnd().split("\n");
    expect(outcomes[0]).toBe(metadata.files["outcomes.csv"].columns.map((c) => c.name).join(","));
    expect(outcomes).toHaveLength(1 + 12 * 2);
    const armColumn = outcomes[0].split(",").indexOf("arm");
    expect(outcomes.slice(1).filter((line) => line.split(",")[armColumn] === "dbt")).toHaveLength(12);
    // The charts are valid Vega-Lite, carry the trial's data, and the forest plot has every effect with an interval.
    const validate = vegaLiteValidator();
    for (const stem of ["trajectories", "forest", "functioning"]) expect(validate(JSON.parse(a[`charts/${stem}.vl.json`])), stem).toEqual([]);
    const forest = JSON.parse(a["charts/forest.vl.json"]) as { data: { values: { measure: string }[] } };
    const effectRows = a["effects.csv"].trimEnd().split("\n").slice(1).filter((line) => line.split(",")[7] !== "" && line.split(",")[8] !== "");
    expect(forest.data.values).toHaveLength(effectRows.length);
    expect(a["charts/trajectories.svg"]).toContain("NSSI acts per week");
    const effects = a["effects.csv"].trimEnd().split("\n");
    expect(effects[0]).toBe("arm,control,assessment,week,outcome,measure,estimate,lower,upper,n,n_control");
    expect(effects.some((line) => line.startsWith("dbt,tau,week-3,3,any_nssi,risk_ratio,"))).toBe(true);
  });

  it("refuses a scenario without a trial, naming it, and leaves no output", () => {
    const plain = join(directory, "plain.yaml");
    writeFileSync(plain, JSON.stringify({ groups: [{ name: "g", size: 3 }] }));
    const out = join(directory, "none");
    const result = runCli(["trial", plain, "--out", out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/plain\.yaml: trial: the scenario has no `trial:` section/);
    expect(existsSync(out)).toBe(false);
  });

  it("refuses a bad trial field, bad flags and an existing --out without --force, leaving everything as it was", () => {
    const badFile = join(directory, "bad.yaml");
    writeFileSync(badFile, JSON.stringify({ ...smallTrial, trial: { ...smallTrial.trial, control: "placebo" } }));
    const out = join(directory, "bad-out");
    const bad = runCli(["trial", badFile, "--out", out]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.yaml.*trial\.control.*expected one of the arms \(dbt, tau\), got "placebo"/);
    expect(existsSync(out)).toBe(false);
    const flags = runCli(["trial", scenarioFile, "--persons", "1", "--out", out]);
    expect(flags.code).toBe(2);
    expect(flags.stderr).toMatch(/--persons: expected an integer >= 2, got "1"/);
    expect(existsSync(out)).toBe(false);
    const existing = runCli(["trial", scenarioFile, "--persons", "4", "--out", join(directory, "one")]);
    expect(existing.code).toBe(2);
    expect(existing.stderr).toMatch(/already exists; use --force/);
    expect(readdirSync(directory).filter((name) => name.startsWith("."))).toEqual([]);
  });
});
