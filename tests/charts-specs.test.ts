/**
 * Every chart kind, built from a small simulated study, is a valid Vega-Lite spec (the JSON schema
 * shipped in the vega-lite package), compiles, and renders headless to SVG without any warning; the
 * same data give the same spec byte for byte; builders refuse empty input.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { TopLevelSpec } from "vega-lite";
import {
  chartConfig,
  chartKindNames,
  designChart,
  earlyWarningChart,
  eventLockedChart,
  instabilityChart,
  timelineChart,
  type ChartKind,
} from "../src/charts/index.js";
import { compileChart, renderSvg } from "../src/charts/render.js";
import { buildAllCharts, vegaLiteValidator } from "./helpers/charts-data.js";

let charts: Record<ChartKind, TopLevelSpec>;
let validate: (spec: unknown) => string[];

beforeAll(() => {
  charts = buildAllCharts();
  validate = vegaLiteValidator();
});

/** Every string anywhere in a spec (titles, subtitles, axis titles), to check the wording. */
function allStrings(value: unknown, found: string[] = []): string[] {
  if (typeof value === "string") found.push(value);
  else if (Array.isArray(value)) for (const item of value) allStrings(item, found);
  else if (value !== null && typeof value === "object") for (const item of Object.values(value)) allStrings(item, found);
  return found;
}

describe.each(chartKindNames)("the %s chart", (kind) => {
  it("validates against the Vega-Lite JSON schema", () => {
    expect(validate(charts[kind])).toEqual([]);
  });

  it("compiles to Vega without warnings", () => {
    const vega = compileChart(charts[kind]);
    expect(Array.isArray(vega.marks)).toBe(true);
  });

  it("renders to an SVG without warnings, with drawn marks and its title", async () => {
    const svg = await renderSvg(charts[kind]);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toMatch(/<path|<line|<rect/);
    const title = (charts[kind] as { title: { text: string } }).title.text;
    expect(svg).toContain(title.replace(/&/g, "&amp;").replace(/'/g, "&#39;").slice(0, 20));
  });

  it("uses the shared theme", () => {
    expect(charts[kind].config).toBe(chartConfig);
  });

  it("is the same, byte for byte, when built again from the same data", () => {
    expect(JSON.stringify(buildAllCharts()[kind])).toBe(JSON.stringify(charts[kind]));
  });

  it("carries its data inline, with no URL to load", () => {
    expect(JSON.stringify(charts[kind])).not.toMatch(/"url"\s*:/);
  });

  it("has no undefined or non-finite number in its data (they would break the JSON)", () => {
    const json = JSON.stringify(charts[kind]);
    expect(json).not.toMatch(/NaN|Infinity/);
  });
});

describe("the event-locked chart with one report per offset", () => {
  // With a single NSSI report (common in small cohorts of a rarely self-injuring scenario) no offset has
  // a confidence interval; the band layer must then be left out rather than drawn empty, which gives
  // Vega an infinite scale extent and a render warning.
  const points = [-1, 0, 1].flatMap((offset) => [
    { offset, variable: "na_mean", mean: 3 + offset / 10, lower: null, upper: null, n: 1 },
    { offset, variable: "urge", mean: 40 - offset, lower: offset === 0 ? 30 : null, upper: offset === 0 ? 50 : null, n: 1 },
  ]);
  const spec = eventLockedChart({ points, events: 1 }) as unknown as { hconcat: { layer: { name: string }[] }[] };

  it("draws a band only for variables with an interval", () => {
    const names = spec.hconcat.map((panel) => panel.layer.map((layer) => layer.name));
    expect(names[0]).toEqual(["na_mean-mean", "na_mean-report"]);
    expect(names[1]).toEqual(["urge-band", "urge-mean", "urge-report"]);
  });

  it("renders without warnings", async () => {
    const svg = await renderSvg(spec as unknown as TopLevelSpec);
    expect(svg.startsWith("<svg")).toBe(true);
  });
});

describe("chart wording", () => {
  it("gives every chart a title and a subtitle in words", () => {
    for (const kind of chartKindNames) {
      const title = (charts[kind] as { title: { text: string; subtitle: string[] } }).title;
      expect(title.text.length, kind).toBeGreaterThan(10);
      expect(title.subtitle.length, kind).toBeGreaterThan(0);
    }
  });

  it("names units or scales on the axes of the latent-state charts", () => {
    const strings = allStrings(charts.phase).join(" ");
    expect(strings).toContain("standardised units");
    expect(allStrings(charts.timeline).join(" ")).toContain("(1 to 7)");
  });
});

describe("chart builders refuse input they cannot draw", () => {
  it("timeline: an empty latent trajectory or an empty window", () => {
    expect(() => timelineChart({ latent: [], prompts: [], events: [] })).toThrow(/latent trajectory is empty/);
    const latent = [
      { hours: 0, A: 0, R: 0 },
      { hours: 1, A: 0, R: 0 },
    ];
    expect(() => timelineChart({ latent, prompts: [], events: [] }, { fromHours: 5, toHours: 2 })).toThrow(/window/);
  });

  it("timeline: an unknown event type", () => {
    const latent = [
      { hours: 0, A: 0, R: 0 },
      { hours: 1, A: 0, R: 0 },
    ];
    const events = [{ hours: 0.5, type: "party" as never }];
    expect(() => timelineChart({ latent, prompts: [], events })).toThrow(/unknown event type "party"/);
  });

  it("instability, event-locked, early-warning and design: no defined value", () => {
    expect(() => instabilityChart({ rows: [{ person: "a", group: "g", metric: "mssd", value: null }] })).toThrow(/no metric/);
    expect(() => eventLockedChart({ points: [{ offset: 0, variable: "na", mean: Number.NaN }] })).toThrow(/no offset/);
    expect(() => earlyWarningChart({ indicators: [{ time: 1, variance: null, autocorrelation: null }] })).toThrow(/no window/);
    expect(() => designChart({ points: [{ promptsPerDay: 6, compliance: 0.8, metric: "mssd", value: null }] })).toThrow(/no design/);
  });
});
