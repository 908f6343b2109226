/**
 * Rendering a chart spec to files (Node only): `.vl.json`, `.svg`, `.png` and standalone `.html`.
 *
 * Pipeline: Vega-Lite spec -> `vega-lite` compile -> Vega spec -> `vega` View (headless, renderer
 * "none") -> SVG -> `@resvg/resvg-js` -> PNG. Both compilers report problems through a logger; any
 * warning or error fails the render, so a chart that silently drops an encoding never reaches a
 * report. Specs carry their data inline: the View is given a loader that refuses every URL, so
 * rendering never touches the network or the disk.
 *
 * Why these libraries: `vega` is the reference renderer of the specs the builders produce (the browser
 * uses the same code), and resvg is a maintained, dependency-free SVG rasteriser (Rust, prebuilt
 * binaries) that renders text with the system's fonts, so no headless browser or native canvas build
 * is needed for PNGs.
 */
import { writeFileSync } from "node:fs";
import { Resvg } from "@resvg/resvg-js";
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { writeFileAtomically, type OutputOptions } from "../io/atomic.js";
import { formatFromPath, type ChartFormat } from "./formats.js";
import { chartPage, type PageChart } from "./html.js";
import { isBoldWeight, textWidth } from "./text-metrics.js";
import { fontFamily } from "./theme.js";

export { chartFormats, formatFromPath, type ChartFormat } from "./formats.js";

/** A render that produced warnings or errors: the chart would be wrong or incomplete. */
export class ChartRenderError extends Error {
  readonly messages: readonly string[];
  constructor(messages: readonly string[]) {
    super(`the chart did not render cleanly:\n  ${messages.join("\n  ")}`);
    this.name = "ChartRenderError";
    this.messages = messages;
  }
}

/** A logger for vega and vega-lite that collects warnings and errors instead of printing them. */
function collectingLogger(messages: string[]): vega.LoggerInterface {
  let level = vega.Warn;
  const logger: vega.LoggerInterface = {
    level(value?: number) {
      if (value === undefined) return level;
      level = value;
      return logger;
    },
    error(...args: readonly unknown[]) {
      messages.push(`error: ${args.map(String).join(" ")}`);
      return logger;
    },
    warn(...args: readonly unknown[]) {
      messages.push(`warning: ${args.map(String).join(" ")}`);
      return logger;
    },
    info() {
      return logger;
    },
    debug() {
      return logger;
    },
  } as vega.LoggerInterface;
  return logger;
}

/** Compiles a Vega-Lite spec to Vega; throws ChartRenderError on any warning. */
export function compileChart(spec: TopLevelSpec): vega.Spec {
  const messages: string[] = [];
  const compiled = compile(spec, { logger: collectingLogger(messages) }).spec;
  if (messages.length > 0) throw new ChartRenderError(messages);
  return compiled;
}

/** A loader that refuses every URL: specs must carry their data inline. */
function refusingLoader(): vega.Loader {
  const loader = vega.loader();
  const refuse = (uri: string): Promise<never> => Promise.reject(new Error(`charts load no external data (asked for ${uri})`));
  loader.load = refuse;
  loader.sanitize = refuse;
  return loader;
}

/** The part of Vega's text measurement hook that `useFontMetrics` replaces (not in vega's typings). */
interface VegaTextMetrics {
  width: (item: { fontSize?: number; fontWeight?: string | number }, text: string) => number;
}

/**
 * Makes headless Vega measure text with the theme font's real widths (`text-metrics.ts`) instead of
 * its 0.8-em-per-character estimate. Vega supports replacing `textMetrics.width` for exactly this
 * purpose; the replacement is process-wide and the same on every call.
 */
export function useFontMetrics(): void {
  const metrics = (vega as unknown as { textMetrics: VegaTextMetrics }).textMetrics;
  metrics.width = (item, text) => textWidth(String(text), item.fontSize ?? 11, isBoldWeight(item.fontWeight));
}

/** Renders a Vega-Lite spec to an SVG string, headless; throws ChartRenderError on any warning. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  useFontMetrics();
  const messages: string[] = [];
  const compiled = compileChart(spec);
  const logger = collectingLogger(messages);
  const view = new vega.View(vega.parse(compiled), { renderer: "none", logger, logLevel: vega.Warn, loader: refusingLoader() });
  try {
    const svg = await view.toSVG();
    if (messages.length > 0) throw new ChartRenderError(messages);
    return svg;
  } finally {
    view.finalize();
  }
}

export interface PngOptions {
  /** Pixels per SVG pixel (default 2: sharp on projectors and in slides). */
  scale?: number;
}

/**
 * Rasterises an SVG to PNG with resvg. Text uses the system's fonts; the theme's font stack names
 * common sans-serif families and resvg falls back to whichever sans-serif font is installed.
 */
export function svgToPng(svg: string, options: PngOptions = {}): Buffer {
  return rasterise(svg, options).asPng();
}

/** A rasterised SVG as raw pixels: RGBA, 4 bytes a pixel, row by row. */
export interface Pixels {
  width: number;
  height: number;
  rgba: Buffer;
}

/** Rasterises an SVG to raw RGBA pixels, exactly as `svgToPng` draws it (for checks on the image). */
export function svgToPixels(svg: string, options: PngOptions = {}): Pixels {
  const image = rasterise(svg, options);
  return { width: image.width, height: image.height, rgba: image.pixels };
}

function rasterise(svg: string, options: PngOptions): ReturnType<Resvg["render"]> {
  const firstFamily = fontFamily.split(",")[0].trim();
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: options.scale ?? 2 },
    background: "white",
    font: { loadSystemFonts: true, defaultFontFamily: firstFamily, sansSerifFamily: firstFamily },
  });
  return resvg.render();
}

/** Renders a Vega-Lite spec to PNG bytes. */
export async function renderPng(spec: TopLevelSpec, options: PngOptions = {}): Promise<Buffer> {
  return svgToPng(await renderSvg(spec), options);
}

/** The spec as pretty-printed JSON (the `.vl.json` format), with a final newline. */
export function specJson(spec: TopLevelSpec): string {
  return JSON.stringify(spec, null, 2) + "\n";
}

/**
 * A standalone HTML page showing one chart, working offline (see `chartPage`). The spec is also
 * compiled and rendered headless first, so a chart that would warn fails here rather than in the
 * reader's browser.
 */
export async function renderHtml(spec: TopLevelSpec, title = "Cascade Lab chart"): Promise<string> {
  await renderSvg(spec);
  const chart: PageChart = { id: "chart", spec };
  return chartPage({ title, charts: [chart] });
}

/** The file content for `format` (a string for text formats, bytes for PNG). */
export async function renderChart(spec: TopLevelSpec, format: ChartFormat, options: PngOptions = {}): Promise<string | Buffer> {
  switch (format) {
    case "vl.json":
      // Validate by compiling: a spec that would not render is not written either.
      await renderSvg(spec);
      return specJson(spec);
    case "svg":
      return renderSvg(spec);
    case "png":
      return renderPng(spec, options);
    case "html":
      return renderHtml(spec);
  }
}

/**
 * Renders `spec` in the format `path`'s extension names and writes it atomically: nothing is left
 * behind if rendering fails, and an existing file is replaced only with `force`.
 */
export async function writeChart(spec: TopLevelSpec, path: string, options: OutputOptions & PngOptions = {}): Promise<ChartFormat> {
  const format = formatFromPath(path, options.label);
  await writeFileAtomically(path, options, async (temporary) => writeFileSync(temporary, await renderChart(spec, format, options)));
  return format;
}
