/**
 * The instability chart: how unstable each group's negative affect is, one dot per person.
 *
 * One panel per metric (by default MSSD, PAC and relative MSSD), each showing the per-person values of
 * every group as a box plot with the persons as jittered dots, and the groups' standardised difference
 * (Hedges' g with its confidence interval, computed by the analysis module) in the panel title. Raw
 * and relative MSSD side by side show the point of Mestdagh et al. (2018): part of the group difference
 * in raw instability can come from the difference in mean level on a bounded scale.
 *
 * Browser-safe: no `node:` imports.
 */
import type { TopLevelSpec } from "vega-lite";
import { finishSpec, formatEstimate, roundTo, stableJitter, type VlObject } from "./spec.js";
import { categoryPalette, panelSize } from "./theme.js";

/** One metric of one person. */
export interface PersonMetric {
  person: string;
  group: string;
  /** The metric's key, as the analysis module names its columns: for example "mssd", "pac" or "mssd_rel". */
  metric: string;
  /** Undefined values (null or NaN) are left out of the panel and counted in its subtitle. */
  value: number | null;
}

/** A standardised group difference for one metric, as the analysis module reports it. */
export interface GroupEffect {
  metric: string;
  /** Hedges' g (bias-corrected standardised mean difference). */
  g: number;
  lower?: number | null;
  upper?: number | null;
  /** What is compared with what, for example "BPD vs healthy". */
  comparison?: string;
}

/** How a metric is named on the chart. */
export interface MetricLabel {
  key: string;
  /** Short name for the panel title, for example "MSSD". */
  title: string;
  /** The y-axis title in words, with the unit. */
  axis: string | string[];
}

/** The default metrics: the three instability measures of SCIENCE.md. */
export const instabilityMetrics: readonly MetricLabel[] = [
  { key: "mssd", title: "MSSD", axis: ["Mean squared successive", "difference (scale units²)"] },
  { key: "pac", title: "PAC", axis: ["Share of prompt-to-prompt", "changes that are acute"] },
  { key: "mssd_rel", title: "Relative MSSD", axis: ["MSSD as a share of its", "maximum given the mean"] },
];

export interface InstabilityInput {
  rows: readonly PersonMetric[];
  effects?: readonly GroupEffect[];
  /** The variable the metrics describe, for the title (default "negative affect"). */
  variable?: string;
}

export interface InstabilityOptions {
  /** Which metrics to show, in order (default `instabilityMetrics`; metrics without rows are skipped). */
  metrics?: readonly MetricLabel[];
  /** Group order (default: order of first appearance). */
  groups?: readonly string[];
  /** Panel width and height in pixels (default 300 by 320). */
  width?: number;
  height?: number;
}

/**
 * The instability chart (see the module comment). Datasets: `persons` (one row per person and metric
 * with a finite value, with `jitter`). Throws a RangeError when no metric has any value.
 */
export function instabilityChart(input: InstabilityInput, options: InstabilityOptions = {}): TopLevelSpec {
  const metrics = (options.metrics ?? instabilityMetrics).filter((metric) =>
    input.rows.some((row) => row.metric === metric.key && Number.isFinite(row.value)),
  );
  if (metrics.length === 0) throw new RangeError("instabilityChart: no metric has a defined value");
  const groups = options.groups ?? [...new Set(input.rows.map((row) => row.group))];
  const persons = input.rows
    .filter((row) => metrics.some((metric) => metric.key === row.metric) && Number.isFinite(row.value))
    .map((row) => ({
      person: row.person,
      group: row.group,
      metric: row.metric,
      value: roundTo(row.value, 6),
      jitter: roundTo(stableJitter(`${row.person}|${row.metric}`, 0.5), 3),
    }));
  const colour: VlObject = {
    field: "group",
    type: "nominal",
    title: "Group",
    scale: { domain: groups, range: categoryPalette.slice(0, groups.length) },
  };
  const panels = metrics.map((metric) => {
    const effect = input.effects?.find((e) => e.metric === metric.key);
    const missing = input.rows.filter((row) => row.metric === metric.key && !Number.isFinite(row.value)).length;
    const subtitle: string[] = [];
    if (effect !== undefined && Number.isFinite(effect.g)) subtitle.push(`g = ${formatEstimate(effect.g, effect.lower, effect.upper)}`);
    if (missing > 0) subtitle.push(`${missing} without a value`);
    const x: VlObject = { field: "group", type: "nominal", title: null, sort: groups, axis: { labelAngle: 0 } };
    const y: VlObject = { field: "value", type: "quantitative", title: metric.axis };
    return {
      width: options.width ?? panelSize.narrowWidth,
      height: options.height ?? 320,
      title: { text: metric.title, subtitle, fontSize: 22, subtitleFontSize: 17, anchor: "start" },
      transform: [{ filter: { field: "metric", equal: metric.key } }],
      layer: [
        {
          name: `${metric.key}-box`,
          mark: { type: "boxplot", extent: 1.5, opacity: 0.35, median: { color: "black", strokeWidth: 3 }, outliers: false },
          encoding: { x, y, color: colour },
        },
        {
          name: `${metric.key}-persons`,
          mark: { type: "point", filled: true, size: 70, opacity: 0.8, stroke: "white", strokeWidth: 0.8 },
          encoding: {
            x,
            xOffset: { field: "jitter", type: "quantitative", scale: { domain: [-1, 1] } },
            y,
            color: colour,
            tooltip: [
              { field: "person", type: "nominal", title: "person" },
              { field: "value", type: "quantitative", format: ".3f", title: metric.title },
            ],
          },
        },
      ],
    };
  });
  const variable = input.variable ?? "negative affect";
  const main = input.effects?.find((e) => e.metric === metrics[0].key);
  return finishSpec({
    title: {
      text: `How unstable is ${variable}? One dot per person`,
      subtitle: [
        "Box: the middle half of the persons; line: the median.",
        `g: Hedges' g${main?.comparison === undefined ? "" : ` for ${main.comparison}`}, the difference in standard deviations [95% confidence interval].`,
      ],
    },
    data: { name: "persons" },
    datasets: { persons },
    hconcat: panels,
    resolve: { scale: { color: "shared" } },
  });
}
