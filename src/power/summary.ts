/**
 * Power per setting from the replicates' tests, and the power-curve chart. Browser-safe.
 *
 * Power = significant / replicates, where a replicate is significant only when its fit's status is
 * "ok" and p < alpha: failed fits count as not significant (they are a real risk of the design, and
 * are reported beside the power). The 95% interval is Wilson's score interval (`wilson.ts`).
 */
import type { TopLevelSpec } from "vega-lite";
import { quantileType7Sorted } from "../analysis/quantileType7.js";
import { powerCurveChart } from "../charts/power-curve.js";
import { powerSettings, settingLabel, type PowerPlan, type PowerSetting, type ReplicateResult } from "./plan.js";
import { wilsonInterval } from "./wilson.js";

/** One line of power.csv. */
export interface PowerRow extends PowerSetting {
  replicates: number;
  /** Replicates whose fit succeeded. */
  ok: number;
  /** Replicates whose fit failed (any status but "ok"). */
  failed: number;
  significant: number;
  power: number;
  lower: number;
  upper: number;
  /** Mean estimate over successful fits. */
  meanEstimate: number;
  /** Median p-value over successful fits. */
  medianP: number;
  /** Mean number of persons analysed. */
  meanPersons: number;
  /** Replicates estimated by each method (for example mixed and two-stage with a fallback). */
  methods: Record<string, number>;
}

/** Whether a replicate counts as significant at `alpha`. */
export function isSignificant(result: Pick<ReplicateResult, "status" | "pValue">, alpha: number): boolean {
  return result.status === "ok" && result.pValue < alpha;
}

/** Power rows in setting order. `results` holds every task once. */
export function summarisePower(plan: PowerPlan, results: readonly ReplicateResult[]): PowerRow[] {
  const settings = powerSettings(plan);
  const bySetting = settings.map(() => [] as ReplicateResult[]);
  for (const result of results) bySetting[result.setting].push(result);
  return settings.map((setting, index) => {
    const list = bySetting[index];
    const ok = list.filter((r) => r.status === "ok");
    const significant = list.filter((r) => isSignificant(r, plan.alpha)).length;
    const [lower, upper] = wilsonInterval(significant, list.length);
    const methods: Record<string, number> = {};
    for (const r of list) methods[r.method] = (methods[r.method] ?? 0) + 1;
    const pValues = ok.map((r) => r.pValue).sort((a, b) => a - b);
    return {
      ...setting,
      replicates: list.length,
      ok: ok.length,
      failed: list.length - ok.length,
      significant,
      power: list.length === 0 ? Number.NaN : significant / list.length,
      lower,
      upper,
      meanEstimate: ok.length === 0 ? Number.NaN : ok.reduce((sum, r) => sum + r.estimate, 0) / ok.length,
      medianP: pValues.length === 0 ? Number.NaN : quantileType7Sorted(pValues, 0.5),
      meanPersons: list.length === 0 ? Number.NaN : list.reduce((sum, r) => sum + r.persons, 0) / list.length,
      methods,
    };
  });
}

/** A plain-language name of the test, for titles. */
export function testLabel(plan: PowerPlan): string {
  switch (plan.test) {
    case "selby":
      return `Selby interaction of rumination and NA instability on NSSI (${plan.model === "poisson" ? "Poisson" : "negative binomial"})`;
    case "zaki":
      return `Zaki moderation of the rumination-urge slope by differentiation (${plan.method ?? "mixed"})`;
    case "mssd-difference":
      return `difference in MSSD of NA, ${plan.groups[0]} vs ${plan.groups[1]} (Welch t)`;
  }
}

/** The power-curve chart of a power analysis. */
export function powerChart(plan: PowerPlan, rows: readonly PowerRow[]): TopLevelSpec {
  const group = plan.test === "mssd-difference" ? "Persons per group" : `Persons (group ${plan.groups[0]})`;
  return powerCurveChart({
    test: testLabel(plan),
    alpha: plan.alpha,
    personsTitle: group,
    subtitle: [
      `Scenario ${plan.scenario.name}, ${plan.replicates} replicates per point, seed ${plan.seed}; significant: fit ok and p < ${plan.alpha}.`,
    ],
    points: rows.map((row) => ({ persons: row.persons, power: row.power, lower: row.lower, upper: row.upper, series: settingLabel(row), replicates: row.replicates })),
  });
}
