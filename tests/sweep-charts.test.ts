/**
 * The sweep and power charts (heatmap, bifurcation-style, power curve): valid Vega-Lite specs (the
 * JSON schema shipped in the vega-lite package), compiled and rendered headless without warnings,
 * with the shared theme, their data inline and deterministic; what they draw matches their input.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { TopLevelSpec } from "vega-lite";
import { bifurcationChart, chartConfig, heatmapChart, powerCurveChart } from "../src/charts/index.js";
import { compileChart, renderSvg } from "../src/charts/render.js";
import { sweepCharts, summarise } from "../src/sweep/summary.js";
import type { SweepPlan, TaskResult } from "../src/sweep/plan.js";
import { powerChart, summarisePower } from "../src/power/summary.js";
import type { PowerPlan, ReplicateResult } from "../src/power/plan.js";
import { renderedMarkCounts, vegaLiteValidator } from "./helpers/charts-data.js";

let validate: (spec: unknown) => string[];
beforeAll(() => {
  validate = vegaLiteValidator();
});

const wRA = [0.6, 0.9, 1.2, 1.5];
const delta = [0.1, 0.3, 0.5];

function heatmapInput(panels: boolean, rows = false) {
  const cells = [];
  for (const x of wRA)
    for (const y of delta)
      for (const panel of panels ? ["bpd", "control"] : [undefined])
        for (const row of rows ? ["k = 1", "k = 2"] : [undefined])
          cells.push({ x, y, value: x === 1.5 && y === 0.5 ? null : x * (1 - y), panel, row });
  return { cells, x: "wRA (bpd)", y: "delta mean (bpd)", value: ["Time in cascade", "(share of time, 0-1)"], subtitle: ["A test grid."] };
}

const bifurcationInput = {
  x: "wAR (all groups)",
  y: ["Time in cascade", "(share)"],
  replicates: wRA.flatMap((x) => [1, 2, 3].flatMap((replicate) => ["bpd", "control"].map((series) => ({ x, series, replicate, value: x / 2 + replicate / 100 })))),
  summary: wRA.flatMap((x) => ["bpd", "control"].map((series) => ({ x, series, mean: x / 2 + 0.02, lower: x / 2 + 0.01, upper: x / 2 + 0.03 }))),
};

const powerInput = {
  test: "difference in MSSD of NA",
  alpha: 0.05,
  points: [10, 20, 40].flatMap((persons) =>
    ["7 days, 6 prompts a day", "14 days, 6 prompts a day"].map((series, i) => ({ persons, series, power: Math.min(1, persons / 50 + i * 0.1), lower: persons / 60, upper: Math.min(1, persons / 40 + 0.1), replicates: 100 })),
  ),
};

const specs: Record<string, () => TopLevelSpec> = {
  "heatmap with a panel per group": () => heatmapChart(heatmapInput(true)),
  "heatmap with rows for a third parameter": () => heatmapChart(heatmapInput(true, true)),
  "heatmap of one panel": () => heatmapChart(heatmapInput(false)),
  bifurcation: () => bifurcationChart(bifurcationInput),
  "power curve": () => powerCurveChart(powerInput),
};

describe.each(Object.keys(specs))("the %s chart", (name) => {
  const spec = specs[name]();
  it("validates against the Vega-Lite JSON schema", () => {
    expect(validate(spec)).toEqual([]);
  });
  it("compiles and renders to SVG without warnings, with its title", async () => {
    expect(Array.isArray(compileChart(spec).marks)).toBe(true);
    const svg = await renderSvg(spec);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain((spec as { title: { text: string } }).title.text.slice(0, 20));
  });
  it("uses the shared theme, carries its data inline, and is the same when built again", () => {
    expect(spec.config).toBe(chartConfig);
    const json = JSON.stringify(spec);
    expect(json).not.toMatch(/"url"\s*:|NaN|Infinity/);
    expect(JSON.stringify(specs[name]())).toBe(json);
  });
});

describe("what the charts draw", () => {
  it("the heatmap has one tile per cell and panel, greys undefined cells and labels small grids", async () => {
    const spec = heatmapChart(heatmapInput(true));
    const cells = (spec as { datasets: { cells: { value: number | null; label: string; x: string }[] } }).datasets.cells;
    expect(cells.length).toBe(wRA.length * delta.length * 2);
    expect(cells.filter((c) => c.value === null).map((c) => c.label)).toEqual(["n/a", "n/a"]);
    expect(new Set(cells.map((c) => c.x))).toEqual(new Set(["0.6", "0.9", "1.2", "1.5"]));
    const counts = await renderedMarkCounts(spec);
    const tiles = [...counts.entries()].filter(([mark]) => mark.startsWith("tiles")).flatMap(([, n]) => n);
    expect(tiles.reduce((a, b) => a + b, 0)).toBe(24);
    const labels = [...counts.entries()].filter(([mark]) => mark.startsWith("labels")).flatMap(([, n]) => n);
    expect(labels.reduce((a, b) => a + b, 0)).toBe(24);
    expect(JSON.stringify(heatmapChart(heatmapInput(true), { labels: false }))).not.toContain('"labels"');
  });

  it("the bifurcation chart draws every replicate and one mean per cell and group", async () => {
    const counts = await renderedMarkCounts(bifurcationChart(bifurcationInput));
    const total = (prefix: string) => [...counts.entries()].filter(([mark]) => mark.startsWith(prefix)).flatMap(([, n]) => n).reduce((a, b) => a + b, 0);
    expect(total("replicates")).toBe(wRA.length * 3 * 2);
    expect(total("mean_marks")).toBe(wRA.length * 2);
  });

  it("the power curve keeps power on [0, 1] with the alpha and 80% reference lines", () => {
    const spec = powerCurveChart(powerInput) as { datasets: { references: { level: number }[]; points: unknown[] } };
    expect(spec.datasets.references.map((r) => r.level)).toEqual([0.8, 0.05]);
    expect(spec.datasets.points.length).toBe(6);
  });

  it("the builders refuse input without any defined value", () => {
    expect(() => heatmapChart({ ...heatmapInput(false), cells: [{ x: 1, y: 1, value: null }] })).toThrow(RangeError);
    expect(() => bifurcationChart({ ...bifurcationInput, replicates: [] })).toThrow(RangeError);
    expect(() => powerCurveChart({ ...powerInput, points: [] })).toThrow(RangeError);
  });
});

describe("charts from sweep and power results", () => {
  const plan = (parameters: SweepPlan["parameters"]): SweepPlan => ({
    scenario: { name: "test", input: {} },
    seed: 1,
    parameters,
    replicates: 2,
    outcomes: ["cascade_share", "any_act"],
    pacCutoff: "baseline",
    commonRandomNumbers: false,
  });
  const results = (p: SweepPlan, cells: number): TaskResult[] =>
    Array.from({ length: cells * 2 }, (_, task) => ({
      task,
      cell: Math.floor(task / 2),
      replicate: (task % 2) + 1,
      seed: task,
      groups: [{ group: "bpd", persons: 3, values: [task / 10, Number.NaN] }],
    }));

  it("one parameter gives bifurcation charts, two give heatmaps, only for outcomes with a value", () => {
    const one = plan([{ path: "groups.bpd.parameters.wAR", values: [0.5, 1, 1.5] }]);
    const oneResults = results(one, 3);
    const oneCharts = sweepCharts(one, oneResults, summarise(one, oneResults));
    expect(oneCharts.map((c) => c.stem)).toEqual(["bifurcation-cascade_share"]);
    expect(validate(oneCharts[0].spec)).toEqual([]);
    const two = plan([
      { path: "groups.bpd.parameters.wAR", values: [0.5, 1] },
      { path: "design.schedule.perDay", values: [3, 6] },
    ]);
    const twoResults = results(two, 4);
    const twoCharts = sweepCharts(two, twoResults, summarise(two, twoResults), { days: 2, groups: [{ name: "bpd", size: 3 }] });
    expect(twoCharts.map((c) => c.stem)).toEqual(["heatmap-cascade_share"]);
    expect(validate(twoCharts[0].spec)).toEqual([]);
    expect(JSON.stringify(twoCharts[0].spec)).toContain("3 bpd persons, 2 days");
  });

  it("the power curve of a power analysis has one line per design", () => {
    const powerPlan: PowerPlan = {
      scenario: { name: "test", input: {} },
      test: "mssd-difference",
      groups: ["a", "b"],
      persons: [5, 10],
      days: [2, 4],
      prompts: null,
      replicates: 3,
      alpha: 0.05,
      seed: 1,
      commonRandomNumbers: false,
    };
    const replicates: ReplicateResult[] = Array.from({ length: 12 }, (_, task) => ({
      task,
      setting: Math.floor(task / 3),
      replicate: (task % 3) + 1,
      seed: task,
      status: task === 0 ? "too-few-observations" : "ok",
      method: "welch",
      estimate: 1,
      standardError: 1,
      statistic: 1,
      df: 10,
      pValue: task % 2 === 0 ? 0.01 : 0.5,
      persons: 10,
      message: "",
    }));
    const rows = summarisePower(powerPlan, replicates);
    expect(rows.map((r) => [r.persons, r.days, r.significant, r.failed])).toEqual([
      [5, 2, 1, 1], // tasks 0-2: task 0 failed (p 0.01 but not ok), task 2 significant
      [10, 2, 1, 0], // tasks 3-5: task 4
      [5, 4, 2, 0], // tasks 6-8: tasks 6 and 8
      [10, 4, 1, 0], // tasks 9-11: task 10
    ]);
    const spec = powerChart(powerPlan, rows) as { datasets: { points: { series: string }[] } };
    expect(validate(spec)).toEqual([]);
    expect([...new Set(spec.datasets.points.map((p) => p.series))]).toEqual(["2 days, the scenario's schedule", "4 days, the scenario's schedule"]);
  });
});
