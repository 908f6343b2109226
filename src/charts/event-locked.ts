/**
 * The event-locked chart: what negative affect, rumination and urge do in the prompts before and
 * after a prompt that reports NSSI.
 *
 * One panel per variable, sharing the x axis (prompt offset: -1 is the prompt before the report, 0 the
 * prompt that reported an act since the previous one, +1 the next): the mean across reports as a line
 * with dots, its confidence interval as a band, and a vertical rule at 0. The means and intervals come
 * from the analysis module's event-locked analysis. Teaching point: whether NA falls after an act
 * (the laboratory "relief") or stays high (hourly ESM findings; Houben 2017, Kaess 2021) depends on
 * how often the study asks.
 *
 * Browser-safe: no `node:` imports.
 */
import type { TopLevelSpec } from "vega-lite";
import { finishSpec, roundTo, type VlObject } from "./spec.js";
import { okabeIto, panelSize, quantityColour, quantityName } from "./theme.js";

/** The mean of one variable at one prompt offset around reported NSSI, across reports. */
export interface EventLockedPoint {
  /** Prompts after (+) or before (-) the prompt that reported NSSI. */
  offset: number;
  /** The variable's key: "na" or "na_mean", "rumination", "urge", or any other name. */
  variable: string;
  mean: number | null;
  lower?: number | null;
  upper?: number | null;
  /** Number of reports contributing at this offset. */
  n?: number;
}

export interface EventLockedInput {
  points: readonly EventLockedPoint[];
  /** Number of NSSI reports the means are taken over, for the subtitle. */
  events?: number;
  /** Confidence level of the bands (default 0.95), for the subtitle. */
  level?: number;
}

export interface EventLockedOptions {
  /** Titles of the variables' panels (y axis), by key; defaults for "na", "rumination" and "urge". */
  labels?: Readonly<Record<string, string>>;
  /** Panel width and height in pixels (default 300 by 260). */
  width?: number;
  height?: number;
}

const defaultLabels: Record<string, string> = {
  na: quantityName.negativeAffect,
  na_mean: quantityName.negativeAffect,
  rumination: quantityName.rumination,
  urge: quantityName.urge,
};
const defaultColours: Record<string, string> = {
  na: quantityColour.negativeAffect,
  na_mean: quantityColour.negativeAffect,
  rumination: quantityColour.rumination,
  urge: quantityColour.urge,
};

/**
 * The event-locked chart (see the module comment). Dataset `points`: one row per variable and offset.
 * Throws a RangeError when there is no point with a finite mean.
 */
export function eventLockedChart(input: EventLockedInput, options: EventLockedOptions = {}): TopLevelSpec {
  const labels = { ...defaultLabels, ...options.labels };
  const variables = [...new Set(input.points.filter((p) => Number.isFinite(p.mean)).map((p) => p.variable))];
  if (variables.length === 0) throw new RangeError("eventLockedChart: no offset has a defined mean");
  const fallbackColours = [okabeIto.bluishGreen, okabeIto.orange, okabeIto.skyBlue, okabeIto.black];
  const colours = variables.map((v, i) => defaultColours[v] ?? fallbackColours[i % fallbackColours.length]);
  const points = input.points
    .filter((p) => Number.isFinite(p.mean))
    .map((p) => ({
      offset: p.offset,
      variable: p.variable,
      label: labels[p.variable] ?? p.variable,
      mean: roundTo(p.mean, 4),
      lower: roundTo(p.lower, 4),
      upper: roundTo(p.upper, 4),
      n: p.n ?? null,
    }));
  const offsets = [...new Set(points.map((p) => p.offset))].sort((a, b) => a - b);
  const x: VlObject = {
    field: "offset",
    type: "quantitative",
    title: "Prompts before (−) and after (+) the NSSI report",
    scale: { domain: [offsets[0], offsets[offsets.length - 1]], nice: false },
    axis: { values: offsets, format: "+d", labelExpr: "datum.value === 0 ? 'report' : datum.label" },
  };
  // A band only where some offset has an interval (with one report per offset there is none), so that
  // an empty layer never gives the scale an infinite extent.
  const hasBand = new Set(points.filter((p) => p.lower !== null && p.upper !== null).map((p) => p.variable));
  const panels = variables.map((variable, index) => {
    const colour = colours[index];
    const band = {
      name: `${variable}-band`,
      transform: [{ filter: "isValid(datum.lower) && isValid(datum.upper)" }],
      mark: { type: "area", opacity: 0.25, color: colour },
      encoding: { x, y: { field: "lower", type: "quantitative", title: "Mean at the prompt", scale: { zero: false } }, y2: { field: "upper" } },
    };
    return {
      width: options.width ?? panelSize.narrowWidth,
      height: options.height ?? 260,
      title: { text: labels[variable] ?? variable, fontSize: 20, anchor: "start", color: colour },
      transform: [{ filter: { field: "variable", equal: variable } }],
      layer: [
        ...(hasBand.has(variable) ? [band] : []),
        {
          name: `${variable}-mean`,
          mark: { type: "line", color: colour, point: { filled: true, size: 110, color: colour } },
          encoding: {
            x,
            y: { field: "mean", type: "quantitative", title: "Mean at the prompt", scale: { zero: false } },
            tooltip: [
              { field: "offset", type: "quantitative", title: "offset" },
              { field: "mean", type: "quantitative", format: ".2f" },
              { field: "n", type: "quantitative", title: "reports" },
            ],
          },
        },
        {
          name: `${variable}-report`,
          data: { values: [{ offset: 0 }] },
          mark: { type: "rule", color: quantityColour.nssi, strokeWidth: 2.5, strokeDash: [6, 4] },
          encoding: { x: { field: "offset", type: "quantitative" } },
        },
      ],
    };
  });
  const level = Math.round((input.level ?? 0.95) * 100);
  const subtitle = [
    `Mean at each prompt around a prompt that reported NSSI${input.events === undefined ? "" : ` (${input.events} reports)`}; band: ${level}% confidence interval.`,
  ];
  return finishSpec({
    title: { text: "Before and after self-injury, prompt by prompt", subtitle },
    data: { name: "points" },
    datasets: { points },
    hconcat: panels,
  });
}
