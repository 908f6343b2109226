/**
 * The heatmap chart: one outcome over a grid of two parameters (a `cascade sweep` with two or more
 * `--param`s), one tile per cell coloured by the outcome's mean over replicates, one panel per group
 * (and, for a third parameter, one row of panels per value).
 *
 * Colour: viridis (perceptually uniform and colour-blind safe; the theme's scale for continuous
 * quantities), the same colour scale in every panel so panels compare directly. Each tile is labelled
 * with its value when the grid is small enough to read (at most 144 tiles per panel). Parameter values
 * are drawn as ordered categories: the tiles of an evenly spaced grid are then equal squares, and
 * listed values (for example prompts per day 3, 6, 10) keep one tile each.
 *
 * Browser-safe: no `node:` imports.
 */
import type { TopLevelSpec } from "vega-lite";
import { finishSpec, roundTo, type VlObject } from "./spec.js";
import { fontSize } from "./theme.js";

/** One tile. */
export interface HeatmapCell {
  x: number;
  y: number;
  /** Undefined values (null or NaN) leave the tile grey, labelled "n/a". */
  value: number | null;
  /** Panel (column) name, for example the group; one panel when absent. */
  panel?: string;
  /** Row name, for example "wRA = 1.1" for a third parameter. */
  row?: string;
}

export interface HeatmapInput {
  cells: readonly HeatmapCell[];
  /** Axis titles: the parameters' names (a list for several lines). */
  x: string | string[];
  y: string | string[];
  /** The outcome's name with its unit (legend title; a list for several lines). */
  value: string | string[];
  /** Chart title (default "<value> over <x> and <y>"). */
  title?: string;
  /** Lines under the title (what was simulated, how many replicates). */
  subtitle?: readonly string[];
  /** Title of the panel header (for example "Group"). */
  panelTitle?: string;
}

export interface HeatmapOptions {
  /** Pixels per tile (default 44; tiles shrink for large grids so a panel stays under 640 pixels). */
  tileSize?: number;
  /** Label tiles with their values: "auto" (default: up to 144 tiles per panel), true or false. */
  labels?: boolean | "auto";
}

/** A parameter value as an axis label: up to 4 significant digits, no trailing zeros. */
export function parameterLabel(value: number): string {
  return String(Number(value.toPrecision(4)));
}

/**
 * The heatmap chart (see the module comment). Dataset `cells`: one row per tile (`x`, `y` as
 * labels, `xValue`, `yValue`, `value`, `panel`, `row`). Throws a RangeError when no tile has a value.
 */
export function heatmapChart(input: HeatmapInput, options: HeatmapOptions = {}): TopLevelSpec {
  if (!input.cells.some((cell) => Number.isFinite(cell.value))) throw new RangeError("heatmapChart: no cell has a defined value");
  const xValues = [...new Set(input.cells.map((c) => c.x))].sort((a, b) => a - b);
  const yValues = [...new Set(input.cells.map((c) => c.y))].sort((a, b) => a - b);
  const panels = [...new Set(input.cells.map((c) => c.panel ?? ""))];
  const rows = [...new Set(input.cells.map((c) => c.row ?? ""))];
  const cells = input.cells.map((cell) => ({
    x: parameterLabel(cell.x),
    y: parameterLabel(cell.y),
    xValue: cell.x,
    yValue: cell.y,
    value: roundTo(cell.value, 6),
    label: Number.isFinite(cell.value) ? String(Number((cell.value as number).toPrecision(3))) : "n/a",
    panel: cell.panel ?? "",
    row: cell.row ?? "",
  }));
  const finite = cells.map((c) => c.value).filter((v): v is number => v !== null);
  const low = Math.min(...finite);
  const high = Math.max(...finite);
  const midpoint = (low + high) / 2;
  const tilesPerPanel = xValues.length * yValues.length;
  const showLabels = options.labels === "auto" || options.labels === undefined ? tilesPerPanel <= 144 : options.labels;
  // Tiles shrink for big grids (a panel stays under about 640 pixels) and grow for small ones (a
  // panel is at least about 220 pixels wide, so the axis title fits under it).
  const fitted = Math.min(options.tileSize ?? 44, Math.floor(640 / Math.max(xValues.length, yValues.length)));
  const tile = Math.max(14, fitted, Math.min(90, Math.ceil(220 / xValues.length)));
  const plain = (title: string | string[]): string => (Array.isArray(title) ? title.join(" ") : title);
  const xLabels = xValues.map(parameterLabel);
  const yLabels = yValues.map(parameterLabel);
  const x: VlObject = { field: "x", type: "ordinal", title: input.x, sort: xLabels, scale: { domain: xLabels }, axis: { labelAngle: xLabels.length > 8 ? -45 : 0 } };
  const y: VlObject = { field: "y", type: "ordinal", title: input.y, sort: [...yLabels].reverse(), scale: { domain: [...yLabels].reverse() } };
  const layers: VlObject[] = [
    {
      name: "tiles",
      // "show": tiles without a value stay in the chart (grey, by the colour condition) instead of being dropped.
      mark: { type: "rect", stroke: "white", strokeWidth: 1, invalid: "show" },
      encoding: {
        x,
        y,
        color: {
          condition: { test: "!isValid(datum.value)", value: "#DDDDDD" },
          field: "value",
          type: "quantitative",
          title: input.value,
          scale: { scheme: "viridis", domain: [roundTo(low, 6), roundTo(high, 6)] },
          legend: { orient: "right", direction: "vertical", gradientLength: Math.max(120, Math.min(300, tile * yValues.length)) },
        },
        tooltip: [
          { field: "xValue", type: "quantitative", title: plain(input.x) },
          { field: "yValue", type: "quantitative", title: plain(input.y) },
          { field: "value", type: "quantitative", title: plain(input.value), format: ".4g" },
        ],
      },
    },
  ];
  if (showLabels) {
    layers.push({
      name: "labels",
      mark: { type: "text", fontSize: Math.max(10, Math.min(fontSize.text, Math.floor(tile / 3.2))) },
      encoding: {
        x,
        y,
        text: { field: "label", type: "nominal" },
        // Dark tiles (viridis' low end) get white text.
        color: { condition: { test: `isValid(datum.value) && datum.value < ${roundTo(midpoint, 6)}`, value: "white" }, value: "black" },
      },
    });
  }
  const inner: VlObject = { width: { step: tile }, height: { step: tile }, layer: layers };
  const hasPanels = panels.length > 1 || panels[0] !== "";
  const hasRows = rows.length > 1 || rows[0] !== "";
  const title = {
    text: input.title ?? `${plain(input.value)} over ${plain(input.x)} and ${plain(input.y)}`,
    subtitle: [...(input.subtitle ?? []), "Each tile: the mean over replicates of the cell's simulated studies."],
  };
  if (!hasPanels && !hasRows) return finishSpec({ title, data: { name: "cells" }, datasets: { cells }, ...inner });
  const facet: VlObject = {};
  if (hasPanels) facet.column = { field: "panel", type: "nominal", title: input.panelTitle ?? null, sort: panels };
  if (hasRows) facet.row = { field: "row", type: "nominal", title: null, sort: rows };
  return finishSpec({
    title,
    data: { name: "cells" },
    datasets: { cells },
    facet,
    spec: inner,
    resolve: { scale: { color: "shared" } },
  });
}
