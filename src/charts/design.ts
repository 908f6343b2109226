/**
 * The design chart: how well does an ESM design recover the instability that is really there?
 *
 * For each design (prompts per day x compliance) and metric (MSSD, PAC), a measure of agreement
 * between the metric estimated from the answered prompts and the same metric of the latent process
 * (the simulation's truth), with its interval: by default the correlation across persons between the
 * estimate and the latent value (1 = the design ranks persons perfectly). The measure is computed by
 * the caller (the report, from simulations under each design) and named in `measure`, so the same
 * chart can show a bias ratio or an error instead. X: prompts per day; colour: compliance; one panel
 * per metric; a reference line where the design would be perfect.
 *
 * Browser-safe: no `node:` imports.
 */
import type { TopLevelSpec } from "vega-lite";
import { finishSpec, roundTo, type VlObject } from "./spec.js";
import { okabeIto, panelSize } from "./theme.js";

/** Agreement of one metric under one design. */
export interface DesignPoint {
  promptsPerDay: number;
  /** Share of prompts answered, 0 to 1. */
  compliance: number;
  /** The metric's key, for example "mssd" or "pac". */
  metric: string;
  value: number | null;
  lower?: number | null;
  upper?: number | null;
}

/** What `value` measures. */
export interface DesignMeasure {
  /** Axis title with its unit, for example "Correlation of estimate with latent value (r)"; a list for several lines. */
  title: string | string[];
  /** The value of a perfect design, drawn as a reference line (for example 1). */
  reference?: number;
  /** A sentence for the subtitle saying how the measure was computed; a list for several lines. */
  description?: string | string[];
}

export interface DesignInput {
  points: readonly DesignPoint[];
  measure?: DesignMeasure;
}

export interface DesignOptions {
  /** Panel titles by metric key (defaults for "mssd" and "pac"). */
  labels?: Readonly<Record<string, string>>;
  /** Panel width and height in pixels (default 340 by 300). */
  width?: number;
  height?: number;
}

/** The default measure: the across-person correlation of estimated with latent values. */
export const recoveryCorrelation: DesignMeasure = {
  title: ["Correlation with the", "latent value (r)"],
  reference: 1,
  description: "r: correlation across persons between the metric from the answered prompts and the same metric of the true latent process.",
};

const defaultLabels: Record<string, string> = {
  mssd: "MSSD (instability)",
  pac: "PAC (acute changes)",
  rmssd: "RMSSD",
  ar1: "Inertia (lag-1 autocorrelation)",
};

/** Colours from low to high compliance (Okabe-Ito, from warm to cool). */
const complianceColours = [okabeIto.vermillion, okabeIto.orange, okabeIto.reddishPurple, okabeIto.skyBlue, okabeIto.blue];

/** `count` colours spread evenly over `palette`, keeping its order (all of it when count >= its length). */
function spreadColours(palette: readonly string[], count: number): string[] {
  if (count >= palette.length) return Array.from({ length: count }, (_, i) => palette[i % palette.length]);
  if (count === 1) return [palette[palette.length - 1]];
  return Array.from({ length: count }, (_, i) => palette[Math.round((i * (palette.length - 1)) / (count - 1))]);
}

/**
 * The design chart (see the module comment). Dataset `points`: one row per design and metric with a
 * finite value. Throws a RangeError when there is none.
 */
export function designChart(input: DesignInput, options: DesignOptions = {}): TopLevelSpec {
  const measure = input.measure ?? recoveryCorrelation;
  const labels = { ...defaultLabels, ...options.labels };
  const points = input.points
    .filter((p) => Number.isFinite(p.value))
    .map((p) => ({
      promptsPerDay: p.promptsPerDay,
      position: p.promptsPerDay as number | null,
      compliance: roundTo(p.compliance, 4),
      complianceLabel: `${Math.round(p.compliance * 100)}% answered`,
      metric: p.metric,
      value: roundTo(p.value, 4),
      lower: roundTo(p.lower, 4),
      upper: roundTo(p.upper, 4),
    }));
  if (points.length === 0) throw new RangeError("designChart: no design has a defined value");
  const metrics = [...new Set(points.map((p) => p.metric))];
  const complianceLevels = [...new Set(points.map((p) => p.compliance as number))].sort((a, b) => a - b);
  const complianceDomain = complianceLevels.map((c) => `${Math.round(c * 100)}% answered`);
  const promptLevels = [...new Set(points.map((p) => p.promptsPerDay))].sort((a, b) => a - b);
  // Dodge the compliance levels sideways so their intervals do not hide each other.
  const smallestGap = promptLevels.slice(1).reduce((gap, level, i) => Math.min(gap, level - promptLevels[i]), 4);
  const dodge = (smallestGap * 0.5) / Math.max(1, complianceLevels.length);
  for (const point of points) {
    const index = complianceLevels.indexOf(point.compliance as number);
    point.position = roundTo(point.promptsPerDay + (index - (complianceLevels.length - 1) / 2) * dodge, 4);
  }
  const colour: VlObject = {
    field: "complianceLabel",
    type: "nominal",
    title: "Compliance",
    sort: complianceDomain,
    scale: { domain: complianceDomain, range: spreadColours(complianceColours, complianceDomain.length) },
  };
  const x: VlObject = {
    field: "position",
    type: "quantitative",
    title: "Prompts per day",
    scale: { domain: [Math.max(0, promptLevels[0] - 1), promptLevels[promptLevels.length - 1] + 1], nice: false },
    axis: { values: promptLevels, format: "d" },
  };
  const panels = metrics.map((metric) => ({
    width: options.width ?? 340,
    height: options.height ?? panelSize.height,
    title: { text: labels[metric] ?? metric, fontSize: 20, anchor: "start" },
    transform: [{ filter: { field: "metric", equal: metric } }],
    layer: [
      ...(measure.reference === undefined
        ? []
        : [
            {
              name: `${metric}-reference`,
              data: { values: [{ reference: measure.reference }] },
              mark: { type: "rule", color: "#555555", strokeDash: [6, 4], strokeWidth: 2 },
              encoding: { y: { field: "reference", type: "quantitative" } },
            },
          ]),
      {
        name: `${metric}-intervals`,
        transform: [{ filter: "isValid(datum.lower) && isValid(datum.upper)" }],
        mark: { type: "rule", strokeWidth: 2.5 },
        encoding: { x, y: { field: "lower", type: "quantitative", title: measure.title }, y2: { field: "upper" }, color: colour },
      },
      {
        name: `${metric}-values`,
        mark: { type: "line", point: { filled: true, size: 120 } },
        encoding: {
          x,
          y: { field: "value", type: "quantitative", title: measure.title, scale: { zero: false } },
          color: colour,
          tooltip: [
            { field: "promptsPerDay", type: "quantitative", title: "prompts per day" },
            { field: "complianceLabel", type: "nominal", title: "compliance" },
            { field: "value", type: "quantitative", format: ".3f" },
          ],
        },
      },
    ],
  }));
  return finishSpec({
    title: {
      text: "How well does the design see the real instability?",
      subtitle: [
        "More prompts and fewer missed ones should bring the estimate closer to the truth.",
        ...(measure.description === undefined ? [] : typeof measure.description === "string" ? [measure.description] : measure.description),
      ],
    },
    data: { name: "points" },
    datasets: { points },
    hconcat: panels,
    resolve: { scale: { color: "shared", y: "shared" } },
  });
}
