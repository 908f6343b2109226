/**
 * The chart kinds, with a one-line description each: the `cascade chart <kind>` command and the
 * report list them from here, so names and help cannot drift apart.
 *
 * Browser-safe: no `node:` imports.
 */

export const chartKinds = {
  timeline: "one person's latent NA and rumination (the truth) with the ESM prompts, missed prompts, stressors, NSSI acts and nights",
  phase: "rumination against NA: a trajectory coloured by time over the drift's flow field, with the calm and cascade attractors",
  instability: "per-group distributions of MSSD, PAC and relative MSSD, with Hedges' g",
  differentiation: "within-person slope of urge on rumination by emotion-differentiation third (Zaki et al. 2013)",
  "event-locked": "mean NA, rumination and urge by prompt offset around reported NSSI, with confidence bands",
  "early-warning": "rolling variance and lag-1 autocorrelation before a transition, with Kendall's tau",
  design: "how well MSSD and PAC from the prompts recover their latent values as prompts per day and compliance change",
} as const;

export type ChartKind = keyof typeof chartKinds;

/** The kinds in their canonical order. */
export const chartKindNames = Object.keys(chartKinds) as ChartKind[];

/** True when `name` is a chart kind. */
export function isChartKind(name: string): name is ChartKind {
  return Object.prototype.hasOwnProperty.call(chartKinds, name);
}

/** The kinds drawn from a simulation's truth (they need a `cascade simulate` directory); the others come from analysed data. */
export const modelKinds: readonly ChartKind[] = ["timeline", "phase", "design"];
