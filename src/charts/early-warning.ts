/**
 * The early-warning chart: do variance and autocorrelation rise before a transition?
 *
 * Critical slowing down (Scheffer et al. 2009, Nature 461:53; van de Leemput et al. 2014, PNAS 111:87)
 * predicts that as a system nears a tipping point it recovers more slowly from small perturbations,
 * so the rolling-window variance and lag-1 autocorrelation of its observed states rise beforehand.
 * Panels, sharing the time axis: the observed series (optional), the rolling variance and the rolling
 * autocorrelation, each with Kendall's tau for its trend in the title and the transitions (a cascade
 * onset, or the start of a phase such as the antidepressant dose reduction in Kossakowski et al.
 * 2017) as vertical rules. The indicators come from the analysis module (windows that respect missed
 * prompts and nights); the chart draws them. Signals are often absent in real data (Smit et al. 2025
 * found them before 32.9% of recurrences), and the subtitle says so.
 *
 * Browser-safe: no `node:` imports.
 */
import type { TopLevelSpec } from "vega-lite";
import { finishSpec, formatNumber, isFiniteNumber, roundTo, type VlObject } from "./spec.js";
import { okabeIto, quantityColour } from "./theme.js";

/** One observation of the variable (time in the chart's unit, for example study days). */
export interface EarlyWarningSample {
  time: number;
  value: number | null;
}

/** The indicators of one rolling window, placed at the window's end. */
export interface EarlyWarningWindow {
  time: number;
  variance: number | null;
  autocorrelation: number | null;
}

/** A transition to mark, for example "cascade onset" or "dose reduction starts". */
export interface EarlyWarningTransition {
  time: number;
  label: string;
}

export interface EarlyWarningInput {
  /** The observed series (drawn in the top panel when given). */
  series?: readonly EarlyWarningSample[];
  indicators: readonly EarlyWarningWindow[];
  /** Kendall's tau of each indicator against time. */
  tau?: { variance?: number | null; autocorrelation?: number | null };
  transitions?: readonly EarlyWarningTransition[];
  /** The variable, for titles (default "negative affect"). */
  variable?: string;
  /** The time axis title with its unit (default "Time in the study (days)"). */
  timeTitle?: string;
  /** The observed series' axis title with its unit (default "Answer"). */
  valueTitle?: string;
  /** A note on the windows, for example "windows of 7 days, at least 20 answered prompts". */
  windowNote?: string;
}

export interface EarlyWarningOptions {
  /** Panel width and height in pixels (default 760 by 170). */
  width?: number;
  height?: number;
}

/**
 * The early-warning chart (see the module comment). Datasets: `series`, `indicators`,
 * `transitions`. Throws a RangeError when no window has a defined indicator.
 */
export function earlyWarningChart(input: EarlyWarningInput, options: EarlyWarningOptions = {}): TopLevelSpec {
  const indicators = input.indicators
    .filter((w) => isFiniteNumber(w.time))
    .map((w) => ({ time: roundTo(w.time, 4), variance: roundTo(w.variance, 6), autocorrelation: roundTo(w.autocorrelation, 6) }));
  if (!indicators.some((w) => w.variance !== null || w.autocorrelation !== null)) {
    throw new RangeError("earlyWarningChart: no window has a defined variance or autocorrelation");
  }
  const series = (input.series ?? [])
    .filter((s) => isFiniteNumber(s.time) && isFiniteNumber(s.value))
    .map((s) => ({ time: roundTo(s.time, 4), value: roundTo(s.value, 4) }));
  const transitions = (input.transitions ?? []).map((t) => ({ time: roundTo(t.time, 4), label: t.label }));
  const times = [...indicators.map((w) => w.time), ...series.map((s) => s.time), ...transitions.map((t) => t.time)].filter(
    (t): t is number => t !== null,
  );
  const domain = [Math.min(...times), Math.max(...times)];
  const width = options.width ?? 760;
  const height = options.height ?? 170;
  const variable = input.variable ?? "negative affect";
  const timeTitle = input.timeTitle ?? "Time in the study (days)";
  const x = (withTitle: boolean): VlObject => ({
    field: "time",
    type: "quantitative",
    title: withTitle ? timeTitle : null,
    scale: { domain, nice: false, zero: false },
  });
  const transitionLayers = (withLabels: boolean): VlObject[] =>
    transitions.length === 0
      ? []
      : [
          {
            name: "transitions",
            data: { name: "transitions" },
            mark: { type: "rule", color: okabeIto.black, strokeWidth: 3, strokeDash: [8, 4] },
            encoding: { x: { field: "time", type: "quantitative" } },
          },
          ...(withLabels
            ? [
                {
                  name: "transition-labels",
                  data: { name: "transitions" },
                  mark: { type: "text", align: "left", baseline: "top", dx: 6, y: 4, fontSize: 16, fontWeight: "bold" },
                  encoding: { x: { field: "time", type: "quantitative" }, text: { field: "label" } },
                },
              ]
            : []),
        ];
  const tauText = (value: number | null | undefined): string => (isFiniteNumber(value) ? ` (Kendall's τ = ${formatNumber(value)})` : "");
  const panels: VlObject[] = [];
  if (series.length > 0) {
    panels.push({
      width,
      height,
      title: { text: `Observed ${variable}`, fontSize: 20, anchor: "start" },
      layer: [
        {
          name: "series",
          data: { name: "series" },
          mark: { type: "line", strokeWidth: 1.5, color: quantityColour.negativeAffect, opacity: 0.8 },
          encoding: { x: x(false), y: { field: "value", type: "quantitative", title: input.valueTitle ?? "Answer", scale: { zero: false } } },
        },
        ...transitionLayers(true),
      ],
    });
  }
  const indicatorPanel = (field: "variance" | "autocorrelation", title: string, axis: string, colour: string, last: boolean, labels: boolean): VlObject => ({
    width,
    height,
    title: { text: `${title}${tauText(input.tau?.[field])}`, fontSize: 20, anchor: "start" },
    layer: [
      {
        name: field,
        data: { name: "indicators" },
        transform: [{ filter: `isValid(datum.${field})` }],
        mark: { type: "line", color: colour, point: { filled: true, size: 40, color: colour } },
        encoding: { x: x(last), y: { field, type: "quantitative", title: axis, scale: { zero: false } } },
      },
      ...transitionLayers(labels),
    ],
  });
  panels.push(
    indicatorPanel("variance", "Rolling variance", "Variance", okabeIto.blue, false, series.length === 0),
    indicatorPanel("autocorrelation", "Rolling lag-1 autocorrelation", "Autocorrelation", okabeIto.bluishGreen, true, false),
  );
  const subtitle = [
    "Before a tipping point a system recovers more slowly, so variance and autocorrelation may rise. τ > 0: a rising trend.",
    input.windowNote === undefined
      ? "Real data often show no warning; a rise is a hint, not a prediction."
      : `${input.windowNote.charAt(0).toUpperCase()}${input.windowNote.slice(1)}. A rise is a hint, not a prediction.`,
  ];
  return finishSpec({
    title: { text: `Early-warning signals in ${variable}`, subtitle },
    datasets: { series, indicators, transitions },
    vconcat: panels,
  });
}
