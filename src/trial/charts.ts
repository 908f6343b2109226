/**
 * Charts of a simulated trial (Vega-Lite specs, built as in src/charts):
 *
 * - `trialTrajectoriesChart`: each outcome's arm means over the assessments, with 95% intervals of
 *   the mean (mean -/+ 1.96 SD / sqrt(n)), one panel per outcome, one line per arm;
 * - `trialForestChart`: every arm-versus-control effect with its 95% interval, Hedges' g (reference
 *   line 0; negative: less in the arm) and risk ratios (log axis, reference line 1);
 * - `trialFunctioningChart`: weekly mean functioning F per arm, with the GAF 60 threshold.
 *
 * Browser-safe: no `node:` imports.
 */
import type { TopLevelSpec } from "vega-lite";
import { finishSpec, roundTo, type VlObject } from "../charts/spec.js";
import { categoryPalette, quantityColour } from "../charts/theme.js";
import { TRIAL_OUTCOMES, type TrialOutcomeName } from "./person.js";
import type { TrialPlan } from "./plan.js";
import type { ArmOutcome, TrialEffect, WeeklyRow } from "./summary.js";

/** Outcomes drawn in the trajectories chart. */
export const TRAJECTORY_OUTCOMES: readonly TrialOutcomeName[] = ["nssi_per_week", "any_nssi", "urge", "na_mssd", "gaf", "gaf_above_60"];

const Z_975 = 1.959963984540054;

function armColour(plan: TrialPlan): VlObject {
  const names = plan.arms.map((arm) => arm.name);
  return { field: "arm", type: "nominal", title: "Arm", sort: names, scale: { domain: names, range: names.map((_, i) => categoryPalette[i % categoryPalette.length]) } };
}

function subtitle(plan: TrialPlan, extra: string): string[] {
  const arms = plan.arms.map((arm) => `${arm.name}${arm.exploratory ? " (exploratory)" : ""}`).join(" vs ");
  return [`${plan.scenarioName}: ${arms}, ${plan.persons} persons randomised, seed ${plan.seed}.`, extra];
}

/** Arm means over the assessments, one panel per outcome (see the module comment). */
export function trialTrajectoriesChart(plan: TrialPlan, arms: readonly ArmOutcome[]): TopLevelSpec {
  const outcomes = TRAJECTORY_OUTCOMES.filter((outcome) => arms.some((row) => row.outcome === outcome && Number.isFinite(row.mean)));
  const values = arms
    .filter((row) => outcomes.includes(row.outcome))
    .map((row) => {
      const half = row.n > 0 ? (Z_975 * row.sd) / Math.sqrt(row.n) : Number.NaN;
      return {
        arm: row.arm,
        assessment: row.assessment,
        week: row.week,
        outcome: TRIAL_OUTCOMES[row.outcome].label,
        mean: roundTo(row.mean, 5),
        lower: roundTo(row.mean - half, 5),
        upper: roundTo(row.mean + half, 5),
        n: row.n,
      };
    });
  const x: VlObject = { field: "week", type: "quantitative", title: "Week of the study (assessment)", scale: { nice: false, padding: 12 } };
  const colour = armColour(plan);
  return finishSpec({
    title: { text: "Outcomes by arm over the assessments", subtitle: subtitle(plan, "Points: arm means; bars: 95% intervals of the mean (1.96 SD / sqrt(n)).") },
    data: { values },
    facet: { field: "outcome", type: "nominal", title: null, sort: outcomes.map((o) => TRIAL_OUTCOMES[o].label) },
    columns: 2,
    spec: {
      width: 340,
      height: 200,
      layer: [
        { mark: { type: "rule", strokeWidth: 2 }, encoding: { x, y: { field: "lower", type: "quantitative", title: "Mean", scale: { zero: false }, axis: { format: ".3~g" } }, y2: { field: "upper" }, color: colour } },
        {
          mark: { type: "line", point: { filled: true, size: 70 } },
          encoding: {
            x,
            y: { field: "mean", type: "quantitative", title: "Mean", scale: { zero: false }, axis: { format: ".3~g" } },
            color: colour,
            tooltip: [
              { field: "arm", type: "nominal" },
              { field: "assessment", type: "nominal" },
              { field: "mean", type: "quantitative", format: ".3f" },
              { field: "lower", type: "quantitative", format: ".3f" },
              { field: "upper", type: "quantitative", format: ".3f" },
              { field: "n", type: "quantitative" },
            ],
          },
        },
      ],
    },
    resolve: { scale: { y: "independent" } },
  });
}

/** Every effect with its 95% interval: Hedges' g and risk ratios in two panels (see the module comment). */
export function trialForestChart(plan: TrialPlan, effects: readonly TrialEffect[]): TopLevelSpec {
  const rows = effects
    .filter((effect) => Number.isFinite(effect.estimate) && Number.isFinite(effect.lower) && Number.isFinite(effect.upper))
    .map((effect) => ({
      label: `${TRIAL_OUTCOMES[effect.outcome].label}, ${effect.assessment}`,
      comparison: `${effect.arm} vs ${effect.control}`,
      measure: effect.measure,
      estimate: roundTo(effect.estimate, 5),
      lower: roundTo(effect.lower, 5),
      upper: roundTo(effect.upper, 5),
    }));
  const order = [...new Set(rows.map((row) => row.label))];
  const comparisons = [...new Set(rows.map((row) => row.comparison))];
  const colour: VlObject = { field: "comparison", type: "nominal", title: "Comparison", sort: comparisons, scale: { domain: comparisons, range: comparisons.map((_, i) => categoryPalette[i % categoryPalette.length]) } };
  const panel = (measure: TrialEffect["measure"], title: string, reference: number, log: boolean): VlObject => {
    const x: VlObject = { field: "estimate", type: "quantitative", title, scale: log ? { type: "log" } : { zero: false } };
    const y: VlObject = { field: "label", type: "nominal", title: null, sort: order.filter((label) => rows.some((row) => row.label === label && row.measure === measure)) };
    return {
      width: 560,
      height: { step: 22 },
      transform: [{ filter: { field: "measure", equal: measure } }],
      layer: [
        { data: { values: [{ reference }] }, mark: { type: "rule", color: quantityColour.reference, strokeDash: [6, 4], strokeWidth: 2 }, encoding: { x: { field: "reference", type: "quantitative" } } },
        { mark: { type: "rule", strokeWidth: 2.5 }, encoding: { y, x: { field: "lower", type: "quantitative", title, scale: x.scale }, x2: { field: "upper" }, color: colour, yOffset: { field: "comparison", type: "nominal", sort: comparisons } } },
        {
          mark: { type: "point", filled: true, size: 90 },
          encoding: {
            y,
            x,
            color: colour,
            yOffset: { field: "comparison", type: "nominal", sort: comparisons },
            tooltip: [
              { field: "comparison", type: "nominal" },
              { field: "label", type: "nominal", title: "outcome" },
              { field: "estimate", type: "quantitative", format: ".3f" },
              { field: "lower", type: "quantitative", format: ".3f" },
              { field: "upper", type: "quantitative", format: ".3f" },
            ],
          },
        },
      ],
    };
  };
  const panels: VlObject[] = [];
  if (rows.some((row) => row.measure === "hedges_g")) panels.push(panel("hedges_g", "Hedges' g (arm minus control; negative: less in the arm)", 0, false));
  if (rows.some((row) => row.measure === "risk_ratio")) panels.push(panel("risk_ratio", "Risk ratio (arm / control, log scale)", 1, true));
  if (panels.length === 0) throw new RangeError("trialForestChart: no effect has an estimate with an interval");
  return finishSpec({
    title: { text: "Effects against the control arm", subtitle: subtitle(plan, "Points: estimates; bars: 95% confidence intervals (Hedges' g: Hedges & Olkin variance; risk ratio: log method).") },
    data: { values: rows },
    vconcat: panels,
    resolve: { scale: { color: "shared" } },
  });
}

/** Weekly mean functioning per arm, with the GAF 60 threshold (see the module comment). */
export function trialFunctioningChart(plan: TrialPlan, weekly: readonly WeeklyRow[]): TopLevelSpec {
  const values = weekly.map((row) => ({ arm: row.arm, week: row.week, functioning: roundTo(row.functioning, 4), above: roundTo(row.aboveSixty, 4) }));
  return finishSpec({
    title: { text: "Psychosocial functioning by arm", subtitle: subtitle(plan, "Lines: weekly mean functioning F (GAF-like, 0-100); dashed: GAF 60.") },
    width: 760,
    height: 320,
    layer: [
      { data: { values: [{ threshold: 60 }] }, mark: { type: "rule", color: quantityColour.reference, strokeDash: [8, 5], strokeWidth: 2 }, encoding: { y: { field: "threshold", type: "quantitative" } } },
      {
        data: { values },
        mark: { type: "line", strokeWidth: 3 },
        encoding: {
          x: { field: "week", type: "quantitative", title: "Week of the study", scale: { nice: false }, axis: { labelOverlap: true, labelFlush: true } },
          y: { field: "functioning", type: "quantitative", title: "Mean functioning F (GAF points)", scale: { zero: false } },
          color: armColour(plan),
          tooltip: [
            { field: "arm", type: "nominal" },
            { field: "week", type: "quantitative" },
            { field: "functioning", type: "quantitative", format: ".1f", title: "mean F" },
            { field: "above", type: "quantitative", format: ".0%", title: "share above 60" },
          ],
        },
      },
    ],
  });
}
