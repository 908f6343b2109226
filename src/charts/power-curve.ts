/**
 * The power-curve chart: Monte Carlo power against the number of persons (`cascade power`), one line
 * per design (days x prompts per day), each point with its 95% binomial confidence interval.
 *
 * Two reference lines: the conventional target of 80% power (dashed) and the significance level
 * alpha (dotted), the rejection rate a test should have when there is no effect. A curve that stays
 * near alpha means the design cannot see the effect at all.
 *
 * Browser-safe: no `node:` imports.
 */
import type { TopLevelSpec } from "vega-lite";
import { finishSpec, roundTo, type VlObject } from "./spec.js";
import { categoryPalette, panelSize, quantityColour } from "./theme.js";

/** Power at one sample size under one design. */
export interface PowerCurvePoint {
  persons: number;
  /** Share of replicates with a significant result, 0 to 1. */
  power: number | null;
  lower?: number | null;
  upper?: number | null;
  /** The design, for example "21 days, 6 prompts a day" (one line each). */
  series: string;
  /** Replicates behind the estimate (tooltip). */
  replicates?: number;
}

export interface PowerCurveInput {
  points: readonly PowerCurvePoint[];
  /** The significance level (dotted reference line). */
  alpha: number;
  /** The target power (dashed reference line); default 0.8. */
  target?: number;
  /** What is tested, for the title, for example "Selby interaction (negative binomial)". */
  test: string;
  subtitle?: readonly string[];
  /** X-axis title (default "Persons"). */
  personsTitle?: string;
  /** Legend title (default "Design"). */
  seriesTitle?: string;
  /** The interval's name for the subtitle (default "Wilson 95% interval"). */
  interval?: string;
}

export interface PowerCurveOptions {
  width?: number;
  height?: number;
}

/**
 * The power-curve chart (see the module comment). Datasets: `points` (one row per sample size and
 * design with a finite power) and `references`. Throws a RangeError when no point has a power.
 */
export function powerCurveChart(input: PowerCurveInput, options: PowerCurveOptions = {}): TopLevelSpec {
  const points = input.points
    .filter((p) => Number.isFinite(p.power))
    .map((p) => ({
      persons: p.persons,
      power: roundTo(p.power, 6),
      lower: roundTo(p.lower, 6),
      upper: roundTo(p.upper, 6),
      series: p.series,
      replicates: p.replicates ?? null,
    }));
  if (points.length === 0) throw new RangeError("powerCurveChart: no point has a defined power");
  const series = [...new Set(points.map((p) => p.series))];
  const persons = [...new Set(points.map((p) => p.persons))].sort((a, b) => a - b);
  const target = input.target ?? 0.8;
  const references = [
    { level: roundTo(target, 6), label: `${Math.round(target * 100)}% power`, kind: "target" },
    { level: roundTo(input.alpha, 6), label: `alpha = ${input.alpha}`, kind: "alpha" },
  ];
  const colour: VlObject = { field: "series", type: "nominal", title: input.seriesTitle ?? "Design", sort: series, scale: { domain: series, range: series.map((_, i) => categoryPalette[i % categoryPalette.length]) } };
  const x: VlObject = {
    field: "persons",
    type: "quantitative",
    title: input.personsTitle ?? "Persons",
    scale: { zero: false, nice: false, padding: 16 },
    axis: { values: persons, format: "d" },
  };
  const y: VlObject = { field: "power", type: "quantitative", title: "Power (share of replicates significant)", scale: { domain: [0, 1] }, axis: { format: "%" } };
  return finishSpec({
    title: {
      text: `Power: ${input.test}`,
      subtitle: [
        ...(input.subtitle ?? []),
        `Points: Monte Carlo power with its ${input.interval ?? "Wilson 95% interval"}; dashed: ${Math.round(target * 100)}% power; dotted: alpha.`,
      ],
    },
    width: options.width ?? panelSize.width,
    height: options.height ?? 360,
    datasets: { points, references },
    layer: [
      {
        name: "references",
        data: { name: "references" },
        mark: { type: "rule", color: quantityColour.reference, strokeWidth: 2 },
        encoding: {
          y: { field: "level", type: "quantitative" },
          strokeDash: { field: "kind", type: "nominal", scale: { domain: ["target", "alpha"], range: [[8, 5], [2, 4]] }, legend: null },
        },
      },
      {
        name: "intervals",
        data: { name: "points" },
        transform: [{ filter: "isValid(datum.lower) && isValid(datum.upper)" }],
        mark: { type: "rule", strokeWidth: 2.5 },
        encoding: { x, y: { field: "lower", type: "quantitative", title: y.title, scale: { domain: [0, 1] } }, y2: { field: "upper" }, color: colour },
      },
      {
        name: "power",
        data: { name: "points" },
        mark: { type: "line", point: { filled: true, size: 110 } },
        encoding: {
          x,
          y,
          color: colour,
          tooltip: [
            { field: "series", type: "nominal", title: "design" },
            { field: "persons", type: "quantitative", title: "persons" },
            { field: "power", type: "quantitative", title: "power", format: ".3f" },
            { field: "lower", type: "quantitative", title: "lower", format: ".3f" },
            { field: "upper", type: "quantitative", title: "upper", format: ".3f" },
            { field: "replicates", type: "quantitative", title: "replicates" },
          ],
        },
      },
    ],
  });
}
