/**
 * Summaries of a sweep's results over replicates, and the sweep's charts. Browser-safe (no `node:`
 * imports).
 *
 * Summary statistics per (cell, group, outcome), over the replicates with a defined value: `n`,
 * `mean`, `sd` (n - 1 denominator; NaN for one replicate), `min`, `median` (R quantile type 7),
 * `max`. Means and variances by compensated summation (docs/metrics.md).
 */
import type { TopLevelSpec } from "vega-lite";
import { CompensatedSum } from "../analysis/compensatedSum.js";
import { quantileType7Sorted } from "../analysis/quantileType7.js";
import { bifurcationChart } from "../charts/bifurcation.js";
import { heatmapChart, parameterLabel } from "../charts/heatmap.js";
import { cellCount, cellValues } from "./grid.js";
import { OUTCOMES, type OutcomeName } from "./outcomes.js";
import type { SweepPlan, TaskResult } from "./plan.js";

/** One line of summary.csv. */
export interface SummaryRow {
  /** Grid cell, 0-based. */
  cell: number;
  /** The cell's parameter values, in grid order. */
  values: number[];
  group: string;
  outcome: OutcomeName;
  n: number;
  mean: number;
  sd: number;
  min: number;
  median: number;
  max: number;
}

/** Summary statistics of the finite values (see the module comment). */
export function describeValues(values: readonly number[]): Omit<SummaryRow, "cell" | "values" | "group" | "outcome"> {
  const finite = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const n = finite.length;
  if (n === 0) return { n, mean: Number.NaN, sd: Number.NaN, min: Number.NaN, median: Number.NaN, max: Number.NaN };
  const sum = new CompensatedSum();
  for (const value of finite) sum.add(value);
  const mean = sum.value / n;
  const squares = new CompensatedSum();
  for (const value of finite) squares.add((value - mean) * (value - mean));
  return {
    n,
    mean,
    sd: n > 1 ? Math.sqrt(squares.value / (n - 1)) : Number.NaN,
    min: finite[0],
    median: quantileType7Sorted(finite, 0.5),
    max: finite[n - 1],
  };
}

/** The groups of a sweep's results, in order of first appearance. */
export function resultGroups(results: readonly TaskResult[]): string[] {
  return [...new Set(results.flatMap((r) => r.groups.map((g) => g.group)))];
}

/**
 * Summary rows in the order cell, group, outcome. `results` holds every task of the plan (in any
 * order; each (cell, replicate) once).
 */
export function summarise(plan: SweepPlan, results: readonly TaskResult[]): SummaryRow[] {
  const byCell = new Map<number, TaskResult[]>();
  for (const result of results) {
    const list = byCell.get(result.cell) ?? [];
    list.push(result);
    byCell.set(result.cell, list);
  }
  const rows: SummaryRow[] = [];
  const cells = cellCount(plan.parameters);
  for (let cell = 0; cell < cells; cell++) {
    const tasks = (byCell.get(cell) ?? []).slice().sort((a, b) => a.replicate - b.replicate);
    const values = cellValues(plan.parameters, cell);
    for (const group of resultGroups(tasks)) {
      plan.outcomes.forEach((outcome, o) => {
        const samples = tasks.map((task) => task.groups.find((g) => g.group === group)?.values[o] ?? Number.NaN);
        rows.push({ cell, values, group, outcome, ...describeValues(samples) });
      });
    }
  }
  return rows;
}

/** A chart of the sweep, with the file stem it is written under (`charts/<stem>.svg`). */
export interface SweepChart {
  stem: string;
  spec: TopLevelSpec;
}

/** What each simulated study of a sweep looks like (for chart subtitles). */
export interface SweepStudy {
  days: number;
  groups: readonly { name: string; size: number }[];
}

/**
 * A short axis name for a parameter path: `groups.bpd.parameters.wAR.median` -> `wAR median (bpd)`,
 * `groups.*.parameters.wRA` -> `wRA (all groups)`, `design.schedule.perDay` -> `schedule.perDay`.
 */
export function shortParameterName(path: string): string {
  const parts = path.split(".");
  if (parts[0] === "groups" && parts.length >= 3) {
    const group = parts[1] === "*" ? "all groups" : parts[1];
    const rest = parts[2] === "parameters" ? parts.slice(3).join(" ") : parts.slice(-2).join(".");
    return `${rest} (${group})`;
  }
  return parts.slice(-2).join(".");
}

function subtitleOf(plan: SweepPlan, study: SweepStudy | undefined): string[] {
  const persons = study === undefined ? "" : `${study.groups.map((g) => `${g.size} ${g.name}`).join(" and ")} persons, ${study.days} days, `;
  return [
    `Scenario ${plan.scenario.name}: ${persons}seed ${plan.seed}, ${plan.replicates} replicate${plan.replicates === 1 ? "" : "s"} per cell${plan.commonRandomNumbers ? " (common random numbers)" : ""}.`,
    ...plan.parameters.map((axis) => `${shortParameterName(axis.path)}: ${axis.path}`),
  ];
}

/**
 * The sweep's charts, one per outcome with a defined value:
 * - one parameter: a bifurcation-style chart (outcome against the parameter, every replicate as a dot);
 * - two or three: a heatmap over the first two parameters, one panel per group (and one row per value
 *   of the third);
 * - more: none (choose two parameters to draw, or read summary.csv).
 */
export function sweepCharts(plan: SweepPlan, results: readonly TaskResult[], summary: readonly SummaryRow[], study?: SweepStudy): SweepChart[] {
  const charts: SweepChart[] = [];
  const axes = plan.parameters;
  if (axes.length > 3) return charts;
  const groups = resultGroups(results);
  plan.outcomes.forEach((outcome, o) => {
    const spec = OUTCOMES[outcome];
    const rows = summary.filter((row) => row.outcome === outcome);
    if (!rows.some((row) => Number.isFinite(row.mean))) return;
    const title = [spec.label, `(${spec.unit})`];
    const names = axes.map((axis) => shortParameterName(axis.path));
    if (axes.length === 1) {
      charts.push({
        stem: `bifurcation-${outcome}`,
        spec: bifurcationChart({
          x: names[0],
          y: title,
          title: `${spec.label} against ${names[0]}`,
          subtitle: subtitleOf(plan, study),
          summary: rows.map((row) => ({ x: row.values[0], mean: row.mean, lower: row.min, upper: row.max, series: row.group })),
          replicates: results.flatMap((result) =>
            result.groups.map((g) => ({ x: cellValues(axes, result.cell)[0], value: g.values[o], series: g.group, replicate: result.replicate })),
          ),
        }),
      });
    } else {
      charts.push({
        stem: `heatmap-${outcome}`,
        spec: heatmapChart({
          x: names[0],
          y: names[1],
          value: title,
          title: `${spec.label} over ${names[0]} and ${names[1]}`,
          subtitle: subtitleOf(plan, study),
          panelTitle: groups.length > 1 ? "Group" : undefined,
          cells: rows.map((row) => ({
            x: row.values[0],
            y: row.values[1],
            value: row.mean,
            panel: groups.length > 1 ? row.group : undefined,
            row: axes.length === 3 ? `${names[2]} = ${parameterLabel(row.values[2])}` : undefined,
          })),
        }),
      });
    }
  });
  return charts;
}
