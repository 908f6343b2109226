/**
 * `cascade chart` and `cascade report` from the command line, as a user runs them (compiled CLI):
 * every kind and format, the report's files and content, byte-identical reports for the same seed
 * whatever the number of workers, and bad input (unknown kind, wrong extension, existing output,
 * unknown person, invalid scenario) refused with a message naming it, a non-zero exit and nothing
 * written.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { chartKindNames } from "../src/charts/index.js";
import { kossakowskiFile } from "./analysis-helpers.js";
import { vegaLiteValidator } from "./helpers/charts-data.js";
import { repoRoot, runCli, tempDir } from "./helpers/cli.js";

const scenario = join(repoRoot, "scenarios", "bpd-cascade.yaml");
/** A small study: a few seconds to simulate, analyse and draw. */
const small = ["--persons", "12", "--days", "7", "--seed", "3"];

let simulation: string;
let validate: (spec: unknown) => string[];

beforeAll(() => {
  simulation = join(tempDir(), "sim");
  const result = runCli(["simulate", scenario, ...small, "--out", simulation, "--quiet"]);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  validate = vegaLiteValidator();
});

describe("cascade chart", () => {
  it.each(chartKindNames)("draws the %s chart of a simulation as a valid Vega-Lite spec", (kind) => {
    const out = join(tempDir(), `${kind}.vl.json`);
    const result = runCli(["chart", kind, "--data", simulation, "--out", out, ...(kind === "design" ? ["--design-persons", "12"] : [])]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`wrote ${out} (${kind} chart, vl.json)`);
    expect(validate(JSON.parse(readFileSync(out, "utf8")))).toEqual([]);
  });

  it("draws from a `cascade analyze` directory, run from another working directory", () => {
    const dir = tempDir();
    expect(runCli(["analyze", simulation, "--out", join(dir, "analysis")]).code).toBe(0);
    for (const kind of ["instability", "timeline"]) {
      const out = join(dir, `${kind}.vl.json`);
      const result = runCli(["chart", kind, "--data", join(dir, "analysis"), "--out", out], { cwd: tempDir() });
      expect(result.code, result.stderr).toBe(0);
      expect(validate(JSON.parse(readFileSync(out, "utf8")))).toEqual([]);
    }
  });

  it("writes SVG, PNG and offline HTML, by extension", () => {
    const dir = tempDir();
    for (const name of ["t.svg", "t.png", "t.html"]) {
      const result = runCli(["chart", "timeline", "--data", simulation, "--person", "2", "--out", join(dir, name)]);
      expect(result.code, result.stderr).toBe(0);
    }
    expect(readFileSync(join(dir, "t.svg"), "utf8").startsWith("<svg")).toBe(true);
    expect(readFileSync(join(dir, "t.png")).subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(readFileSync(join(dir, "t.html"), "utf8")).toContain('id="cascade-chart-specs"');
  });

  it("shows the person asked for, simulated again exactly as in the data", () => {
    const out = join(tempDir(), "timeline.vl.json");
    expect(runCli(["chart", "timeline", "--data", simulation, "--person", "5", "--from-day", "2", "--days", "3", "--out", out]).code).toBe(0);
    const spec = JSON.parse(readFileSync(out, "utf8")) as { title: { subtitle: string[] }; datasets: { prompts: unknown[] } };
    expect(spec.title.subtitle[0]).toMatch(/^Person 5: /);
    const rows = readFileSync(join(simulation, "observed.csv"), "utf8").trim().split("\n").slice(1).map((line) => line.split(","));
    const prompts = rows.filter((cells) => cells[0] === "5" && Number(cells[2]) >= 2 && Number(cells[2]) <= 4);
    expect(spec.datasets.prompts).toHaveLength(prompts.length);
  });

  it("draws early-warning signals of the real single-person dataset with a mapping file", () => {
    const dir = tempDir();
    const mapping = join(dir, "kossakowski.yaml");
    writeFileSync(mapping, "single_person: true\nday: date\nbeep: beepno\ndate: date\ntime: beeptime\ndate_format: dmy\nitems: [mood_down, mood_lonely]\n");
    const out = join(dir, "ews.vl.json");
    const result = runCli(["chart", "early-warning", "--data", kossakowskiFile, "--mapping", mapping, "--ews-window", "28d", "--ews-step", "7", "--mark", "43=dose reduction starts", "--out", out]);
    expect(result.code, result.stderr).toBe(0);
    const spec = JSON.parse(readFileSync(out, "utf8")) as { datasets: { transitions: unknown[]; indicators: unknown[] } };
    expect(spec.datasets.transitions).toEqual([{ time: 43, label: "dose reduction starts" }]);
    expect(spec.datasets.indicators.length).toBeGreaterThan(25);
  });

  it.each([
    [["chart", "timelin", "--data", "DATA", "--out", "OUT/x.png"], /unknown chart kind "timelin" \(did you mean "timeline"\?\)/],
    [["chart", "timeline", "--data", "DATA", "--out", "OUT/x.jpg"], /--out \S*x\.jpg: the extension picks the format; expected one of \.vl\.json, \.svg, \.png, \.html/],
    [["chart", "timeline", "--data", "DATA", "--person", "99", "--out", "OUT/x.png"], /--person: no person "99" in the data/],
    [["chart", "instability", "--data", "DATA", "--variable", "sadd", "--out", "OUT/x.png"], /--variable: no analysed variable "sadd" \(did you mean "sad"\?\)/],
    [["chart", "early-warning", "--data", "DATA", "--ews-window", "two weeks", "--out", "OUT/x.png"], /--ews-window: expected a length such as 84/],
    [["chart", "timeline", "--data", "DATA/observed.csv", "--out", "OUT/x.png"], /needs --mapping FILE\.yaml/],
    [["chart", "timeline", "--data", "DATA", "--from-day", "0", "--out", "OUT/x.png"], /--from-day: expected an integer >= 1, got "0"/],
  ])("refuses %j, naming the problem, and writes nothing", (args, message) => {
    const out = tempDir();
    const result = runCli(args.map((arg) => arg.replace("DATA", simulation).replace("OUT", out)));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(readdirSync(out)).toEqual([]);
  });

  it("does not replace an existing file without --force", () => {
    const out = join(tempDir(), "chart.svg");
    writeFileSync(out, "keep me");
    const result = runCli(["chart", "phase", "--data", simulation, "--out", out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("already exists; use --force");
    expect(readFileSync(out, "utf8")).toBe("keep me");
  });
});

describe("cascade report", () => {
  const reportArgs = (out: string, extra: string[] = []): string[] => ["report", scenario, ...small, "--design-persons", "12", ...extra, "--out", out];
  let report: string;

  beforeAll(() => {
    report = join(tempDir(), "report");
    const result = runCli(reportArgs(report));
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  });

  it("writes the page, the data, the metrics and every chart's spec", () => {
    expect(readdirSync(report).sort()).toEqual(["charts", "data", "index.html", "metrics.csv"]);
    expect(readdirSync(join(report, "data")).sort()).toEqual(["metadata.json", "observed.csv", "truth"]);
    expect(readdirSync(join(report, "charts")).sort()).toEqual(chartKindNames.map((kind) => `${kind}.vl.json`).sort());
    for (const file of readdirSync(join(report, "charts"))) {
      expect(validate(JSON.parse(readFileSync(join(report, "charts", file), "utf8"))), file).toEqual([]);
    }
    expect(readFileSync(join(report, "metrics.csv"), "utf8").split("\n")[0]).toMatch(/^id,group,variable,n_obs,n_pairs,mean,sd,mssd/);
  });

  it("has the metrics `cascade analyze` computes from its data, byte for byte", () => {
    const metrics = join(tempDir(), "metrics.csv");
    const result = runCli(["analyze", join(report, "data"), "--no-truth", "--out", metrics]);
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(join(report, "metrics.csv"), "utf8")).toBe(readFileSync(metrics, "utf8"));
  });

  it("holds the same data as `cascade simulate` with the same scenario and seed, byte for byte", () => {
    expect(readFileSync(join(report, "data", "observed.csv"), "utf8")).toBe(readFileSync(join(simulation, "observed.csv"), "utf8"));
  });

  it("prints the scenario, the seed, the command to reproduce it and the not-a-clinical-tool notice", () => {
    const html = readFileSync(join(report, "index.html"), "utf8");
    expect(html).toContain("Not a clinical tool.");
    expect(html).toContain("<th scope=\"row\">Seed</th><td>3</td>");
    expect(html).toContain(`cascade report ${scenario} --seed 3 --persons 12 --days 7 --out ${report}`);
    for (const kind of chartKindNames) expect(html).toContain(`<div id="chart-${kind}" class="cascade-chart"`);
    expect(html.match(/<strong>What to notice\.<\/strong>/g)).toHaveLength(chartKindNames.length);
  });

  it("is the same, byte for byte, when made again, with any number of workers", () => {
    const again = join(tempDir(), "report");
    const result = runCli(reportArgs(again, ["--workers", "2"]));
    expect(result.code, result.stderr).toBe(0);
    const page = (dir: string): string => readFileSync(join(dir, "index.html"), "utf8").replaceAll(dir, "DIR");
    expect(page(again)).toBe(page(report));
    expect(readFileSync(join(again, "metrics.csv"), "utf8")).toBe(readFileSync(join(report, "metrics.csv"), "utf8"));
  });

  it("refuses an invalid scenario naming the field, exits non-zero and leaves no half report", () => {
    const dir = tempDir();
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, readFileSync(scenario, "utf8").replace(/^days: \d+/m, "days: -4"));
    expect(readFileSync(bad, "utf8")).toContain("days: -4");
    const out = join(dir, "report");
    const result = runCli(["report", bad, "--out", out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/bad\.yaml.*days.*-4/s);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dirname(out)).sort()).toEqual(["bad.yaml"]);
  });

  it("refuses to replace an existing report without --force", () => {
    const result = runCli(reportArgs(report));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("already exists; use --force");
    expect(existsSync(join(report, "index.html"))).toBe(true);
  });
});
