/**
 * Rendering one spec to every output format: `.vl.json`, `.svg`, `.png` and offline `.html`, written
 * atomically, failing loudly on warnings, never loading anything from outside the spec.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { TopLevelSpec } from "vega-lite";
import { CascadeError } from "../src/errors.js";
import { finishSpec, type PageChart } from "../src/charts/index.js";
import { chartPage, vegaBrowserLibraries } from "../src/charts/html.js";
import {
  ChartRenderError,
  formatFromPath,
  renderChart,
  renderHtml,
  renderSvg,
  specJson,
  svgToPixels,
  svgToPng,
  writeChart,
} from "../src/charts/render.js";
import { buildAllCharts } from "./helpers/charts-data.js";
import { tempDir } from "./helpers/cli.js";

let timeline: TopLevelSpec;

beforeAll(() => {
  timeline = buildAllCharts().timeline;
});

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  expect(png.subarray(12, 16).toString("latin1")).toBe("IHDR");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Pixels darker than mid-grey in an RGBA buffer. */
function darkPixels(rgba: Buffer): number {
  let count = 0;
  for (let i = 0; i < rgba.length; i += 4) if (rgba[i] + rgba[i + 1] + rgba[i + 2] < 384) count += 1;
  return count;
}

describe("formatFromPath(path)", () => {
  it("picks the format from the extension, case-insensitively", () => {
    expect(formatFromPath("out/a.vl.json")).toBe("vl.json");
    expect(formatFromPath("a.SVG")).toBe("svg");
    expect(formatFromPath("a.png")).toBe("png");
    expect(formatFromPath("report/a.html")).toBe("html");
  });

  it("rejects other extensions with a message naming the path and the choices", () => {
    expect(() => formatFromPath("chart.jpg")).toThrow(CascadeError);
    expect(() => formatFromPath("chart.jpg")).toThrow(/--out chart\.jpg: .*expected one of \.vl\.json, \.svg, \.png, \.html/);
    expect(() => formatFromPath("chart.json")).toThrow(/expected one of/);
  });
});

describe("renderSvg(spec)", () => {
  it("fails with every warning listed when Vega-Lite drops part of the spec", async () => {
    const spec = finishSpec({
      data: { values: [{ a: 1, b: 2, c: "x" }] },
      mark: "rect",
      encoding: { x: { field: "a", type: "quantitative" }, y: { field: "b", type: "quantitative" }, shape: { field: "c", type: "nominal" } },
    });
    await expect(renderSvg(spec)).rejects.toThrow(ChartRenderError);
    await expect(renderSvg(spec)).rejects.toThrow(/shape/);
  });

  it("refuses to load data from a URL", async () => {
    const spec = finishSpec({
      data: { url: "https://example.org/data.json" },
      mark: "point",
      encoding: { x: { field: "a", type: "quantitative" } },
    });
    await expect(renderSvg(spec)).rejects.toThrow(/load no external data|example\.org/);
  });

  it("lays text out with the theme font's widths, not Vega's 0.8-em estimate", async () => {
    const title = "WWWWWWWWWW iiiiiiiiii";
    const svg = await renderSvg(finishSpec({ title, data: { values: [{ a: 1 }] }, mark: "point", encoding: { x: { field: "a", type: "quantitative" } } }));
    // With the estimate, a 26-px title of 21 characters would be 437 px wide and widen the chart.
    expect(svg).toContain(title);
    const width = Number(/width="(\d+)"/.exec(svg)?.[1]);
    expect(width).toBeLessThan(437);
  });
});

describe("PNG output", () => {
  it("is a PNG at twice the SVG's size", async () => {
    const svg = await renderSvg(timeline);
    const svgWidth = Number(/width="(\d+)"/.exec(svg)?.[1]);
    const svgHeight = Number(/height="(\d+)"/.exec(svg)?.[1]);
    const size = pngSize(svgToPng(svg));
    expect(size).toEqual({ width: 2 * svgWidth, height: 2 * svgHeight });
    expect(pngSize(svgToPng(svg, { scale: 1 }))).toEqual({ width: svgWidth, height: svgHeight });
  });

  it("draws text with an installed font (a text-only SVG gets ink)", () => {
    const text = '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="60"><text x="10" y="45" font-family="Liberation Sans, Arial, DejaVu Sans, sans-serif" font-size="40">Cascade</text></svg>';
    const blank = '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="60"></svg>';
    expect(darkPixels(svgToPixels(blank).rgba)).toBe(0);
    expect(darkPixels(svgToPixels(text).rgba)).toBeGreaterThan(2000);
  });
});

describe("HTML output", () => {
  it("inlines vega, vega-lite and vega-embed and references nothing outside the file", async () => {
    const html = await renderHtml(timeline, "Timeline");
    for (const library of vegaBrowserLibraries()) expect(html).toContain(library.slice(0, 200));
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/sourceMappingURL/);
    expect(html).not.toMatch(/<link[^>]+href=/i);
    expect(html).toContain("<title>Timeline</title>");
  });

  it("embeds the spec as JSON the page can parse back", async () => {
    const html = await renderHtml(timeline);
    const json = /<script type="application\/json" id="cascade-chart-specs">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? "";
    const entries = JSON.parse(json) as PageChart[];
    expect(entries).toHaveLength(1);
    expect(JSON.stringify(entries[0].spec)).toBe(JSON.stringify(timeline));
  });

  it("cannot be broken out of by a title that contains </script>", () => {
    const spec = finishSpec({ title: "a </script><script>alert(1)</script>", data: { values: [] }, mark: "point" });
    const html = chartPage({ title: "t </script>", charts: [{ id: "c", spec }] });
    const closings = html.match(/<\/script>/gi)?.length ?? 0;
    // Three libraries, the spec JSON and the boot script: five script elements, five closings.
    expect(closings).toBe(5);
    expect(html).toContain("<title>t &lt;/script&gt;</title>");
  });
});

describe("writeChart(spec, path)", () => {
  it("writes each format with the content renderChart gives", async () => {
    const dir = tempDir();
    for (const name of ["t.vl.json", "t.svg", "t.png", "t.html"]) {
      const format = await writeChart(timeline, join(dir, name));
      expect(existsSync(join(dir, name))).toBe(true);
      if (format === "vl.json") expect(readFileSync(join(dir, name), "utf8")).toBe(specJson(timeline));
      if (format === "svg") expect(readFileSync(join(dir, name), "utf8")).toBe(await renderChart(timeline, "svg"));
    }
    expect(readdirSync(dir).sort()).toEqual(["t.html", "t.png", "t.svg", "t.vl.json"]);
  });

  it("does not replace an existing file without force, and does with it", async () => {
    const dir = tempDir();
    const path = join(dir, "chart.svg");
    writeFileSync(path, "precious");
    await expect(writeChart(timeline, path)).rejects.toThrow(/already exists; use --force/);
    expect(readFileSync(path, "utf8")).toBe("precious");
    await writeChart(timeline, path, { force: true });
    expect(readFileSync(path, "utf8").startsWith("<svg")).toBe(true);
  });

  it("leaves nothing behind when the chart fails to render", async () => {
    const dir = tempDir();
    const bad = finishSpec({
      data: { values: [{ a: 1, c: "x" }] },
      mark: "rect",
      encoding: { x: { field: "a", type: "quantitative" }, shape: { field: "c", type: "nominal" } },
    });
    await expect(writeChart(bad, join(dir, "bad.png"))).rejects.toThrow(ChartRenderError);
    expect(readdirSync(dir)).toEqual([]);
  });
});
