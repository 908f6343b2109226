/**
 * The bifurcation-style chart: an outcome (by default the time in the cascade state) against one
 * parameter (by default a coupling strength), from a one-parameter `cascade sweep`.
 *
 * In the Emotional Cascade Model the calm state and the cascade state coexist over a range of
 * coupling strengths; as the coupling grows, the calm attractor loses ground and the time spent in
 * cascades rises steeply. With noise the jump is smeared into an S-shaped rise whose steepness shows
 * how close the population sits to the tipping point. One dot per simulated study (replicate) shows
 * the spread between replicates; the line is the mean over replicates and the band their range. One
 * colour per group.
 *
 * Browser-safe: no `node:` imports.
 */
import type { TopLevelSpec } from "vega-lite";
import { finishSpec, roundTo, stableJitter, type VlObject } from "./spec.js";
import { categoryPalette, panelSize } from "./theme.js";

/** One simulated study's value. */
export interface BifurcationReplicate {
  x: number;
  value: number | null;
  /** The group (one line per group). */
  series: string;
  /** Replicate number, for the tooltip. */
  replicate?: number;
}

/** The summary of one cell and group. */
export interface BifurcationSummary {
  x: number;
  mean: number | null;
  /** The band: by default the replicates' minimum and maximum. */
  lower: number | null;
  upper: number | null;
  series: string;
}

export interface BifurcationInput {
  replicates: readonly BifurcationReplicate[];
  summary: readonly BifurcationSummary[];
  /** X-axis title (the parameter). */
  x: string;
  /** Y-axis title (the outcome with its unit; a list for several lines). */
  y: string | string[];
  title?: string;
  subtitle?: readonly string[];
  /** What the band shows, for the subtitle (default "the range across replicates"). */
  band?: string;
  /** Legend title (default "Group"). */
  seriesTitle?: string;
}

export interface BifurcationOptions {
  width?: number;
  height?: number;
}

/**
 * The bifurcation-style chart (see the module comment). Datasets: `replicates` (one row per study
 * with a finite value, with a horizontal `offset`) and `summary` (one row per cell and group).
 * Throws a RangeError when no replicate has a value.
 */
export function bifurcationChart(input: BifurcationInput, options: BifurcationOptions = {}): TopLevelSpec {
  if (!input.replicates.some((r) => Number.isFinite(r.value))) throw new RangeError("bifurcationChart: no replicate has a defined value");
  const series = [...new Set([...input.summary.map((s) => s.series), ...input.replicates.map((r) => r.series)])];
  const xs = [...new Set(input.summary.map((s) => s.x))].sort((a, b) => a - b);
  const spacing = xs.slice(1).reduce((gap, value, i) => Math.min(gap, value - xs[i]), Infinity);
  const jitterWidth = Number.isFinite(spacing) ? spacing * 0.3 : 0;
  const replicates = input.replicates
    .filter((r) => Number.isFinite(r.value))
    .map((r) => ({
      x: r.x,
      position: roundTo(r.x + stableJitter(`${r.series}|${r.x}|${r.replicate ?? 0}`, jitterWidth), 6),
      value: roundTo(r.value, 6),
      series: r.series,
      replicate: r.replicate ?? null,
    }));
  const summary = input.summary.map((s) => ({ x: s.x, mean: roundTo(s.mean, 6), lower: roundTo(s.lower, 6), upper: roundTo(s.upper, 6), series: s.series }));
  const plain = (title: string | string[]): string => (Array.isArray(title) ? title.join(" ") : title);
  const colour: VlObject = { field: "series", type: "nominal", title: input.seriesTitle ?? "Group", sort: series, scale: { domain: series, range: categoryPalette.slice(0, series.length) } };
  const x: VlObject = { field: "x", type: "quantitative", title: input.x, scale: { zero: false, nice: false, padding: 12 } };
  const y: VlObject = { field: "mean", type: "quantitative", title: input.y };
  return finishSpec({
    title: {
      text: input.title ?? `${plain(input.y)} against ${input.x}`,
      subtitle: [
        ...(input.subtitle ?? []),
        `Dots: one simulated study each; line: the mean over replicates; band: ${input.band ?? "the range across replicates"}.`,
      ],
    },
    width: options.width ?? panelSize.width,
    height: options.height ?? 360,
    datasets: { replicates, summary },
    layer: [
      {
        name: "band",
        data: { name: "summary" },
        transform: [{ filter: "isValid(datum.lower) && isValid(datum.upper)" }],
        mark: { type: "area", opacity: 0.18 },
        encoding: { x, y: { field: "lower", type: "quantitative", title: input.y }, y2: { field: "upper" }, color: colour },
      },
      {
        name: "replicates",
        data: { name: "replicates" },
        mark: { type: "point", filled: true, size: 45, opacity: 0.55 },
        encoding: {
          x: { ...x, field: "position" },
          y: { field: "value", type: "quantitative", title: input.y },
          color: colour,
          tooltip: [
            { field: "x", type: "quantitative", title: input.x },
            { field: "replicate", type: "quantitative", title: "replicate" },
            { field: "value", type: "quantitative", title: plain(input.y), format: ".4g" },
          ],
        },
      },
      {
        name: "mean",
        data: { name: "summary" },
        transform: [{ filter: "isValid(datum.mean)" }],
        mark: { type: "line", point: { filled: true, size: 90 } },
        encoding: {
          x,
          y,
          color: colour,
          tooltip: [
            { field: "x", type: "quantitative", title: input.x },
            { field: "mean", type: "quantitative", title: "mean", format: ".4g" },
          ],
        },
      },
    ],
  });
}
