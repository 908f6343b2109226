import { CascadeError } from "../../errors.js";
import type { FitStatus } from "../coefficient-table.js";
import { designMatrix } from "../design-matrix.js";
import { checkLength } from "../linear-algebra/matrix.js";
import { ordinaryLeastSquares, weightedLeastSquares, type LinearModelFit } from "../ordinary-least-squares.js";
import { indexGroups } from "./grouped-cross-products.js";

/** Options of `twoStageSlopes`. */
export interface TwoStageOptions {
  /**
   * Weights of the second stage:
   * - "random-effects" (default): 1 / (SE_i² + τ²), with τ² the between-person variance of the true
   *   slopes by the method of moments (DerSimonian & Laird 1986, extended to meta-regression);
   * - "inverse-variance": 1 / SE_i², which treats every person's true slope as on the line;
   * - "equal": ordinary least squares on the slopes.
   */
  weighting?: "random-effects" | "inverse-variance" | "equal";
  /** Persons with fewer observations get no slope. Default 3 (the least that gives a standard error). */
  minimumObservations?: number;
}

/** The result of `twoStageSlopes`. */
export interface TwoStageFit {
  readonly status: FitStatus;
  readonly message: string;
  readonly weighting: "random-effects" | "inverse-variance" | "equal";
  /** The persons with a slope, in order of first appearance, and their first-stage results. */
  readonly groupLabels: readonly (number | string)[];
  readonly slopes: number[];
  readonly slopeStandardErrors: number[];
  readonly groupSizes: number[];
  /** Persons left out: too few observations, a constant predictor, or (weighted) a perfect fit. */
  readonly excludedGroups: number;
  /** Moment estimate of the variance of the true slopes around the second-stage line (0 if negative). */
  readonly tau2: number;
  /** The second stage: slopes regressed on the moderators, with t tests on (persons - p) df. */
  readonly regression: LinearModelFit;
}

/**
 * **Two-stage (slopes-as-outcomes) estimate of a cross-level moderation**: first an ordinary
 * least-squares slope of `outcome` on `predictor` within each person, then a weighted regression of
 * those slopes on person-level `moderators` (each person's mean of each moderator). The classical
 * alternative to the random-slope mixed model (`linearMixedModel`) for the Zaki et al. (2013)
 * question, "is the within-person rumination-to-urge slope weaker in high differentiators?"
 * (Lorch & Myers 1990, J Exp Psychol Learn Mem Cogn 16:149; Raudenbush & Bryk 2002, chapter 3).
 *
 * With "random-effects" weights the second stage is a mixed-effects meta-regression with the
 * DerSimonian-Laird τ², τ² = max(0, (Q_E - (k - p)) / (Σw - tr((XᵀWX)⁻¹ XᵀW²X))), W = diag(1/SE²), and
 * its standard errors are scaled by the residual mean square (the Knapp-Hartung adjustment), so
 * that the t tests on k - p df stay close to nominal with few persons.
 *
 * When to use which: the mixed model uses every observation with its proper weight and is the
 * estimator of choice; the two-stage estimate needs no iterative optimisation (it never fails to
 * converge, and its cost is one pass over the data), is nearly as efficient when persons have many
 * observations each (ESM designs with 50+ prompts per person), and stays valid when the mixed model
 * is singular or does not converge. With few observations per person its slopes are noisy and the
 * mixed model's shrinkage matters more.
 *
 * Never throws on data (status as the other fits; "too-few-observations" when fewer than p + 1
 * persons have a slope). Checked against R (per-person lm, then lm with weights) in
 * tests/stats-mixed.test.ts.
 */
export function twoStageSlopes(
  outcome: ArrayLike<number>,
  predictor: ArrayLike<number>,
  groups: ArrayLike<number | string>,
  moderators: Readonly<Record<string, ArrayLike<number>>>,
  options: TwoStageOptions = {},
): TwoStageFit {
  const n = outcome.length;
  checkLength(predictor, n, "predictor");
  checkLength(groups, n, "groups");
  for (const [name, values] of Object.entries(moderators)) checkLength(values, n, name);
  const weighting = options.weighting ?? "random-effects";
  const minimumObservations = Math.max(3, options.minimumObservations ?? 3);
  const moderatorNames = Object.keys(moderators);
  if (moderatorNames.length === 0) throw new CascadeError("expected at least one moderator", { field: "moderators" });

  // First stage: per-group sums for a simple regression (two-pass, centred).
  const { labels, groupOf } = indexGroups(groups);
  const m = labels.length;
  const count = new Float64Array(m);
  const sumX = new Float64Array(m);
  const sumY = new Float64Array(m);
  const moderatorSums = moderatorNames.map(() => new Float64Array(m));
  for (let i = 0; i < n; i++) {
    const g = groupOf[i];
    count[g] += 1;
    sumX[g] += predictor[i];
    sumY[g] += outcome[i];
  }
  moderatorNames.forEach((name, k) => {
    const values = moderators[name];
    const sums = moderatorSums[k];
    for (let i = 0; i < n; i++) sums[groupOf[i]] += values[i];
  });
  const sxx = new Float64Array(m);
  const sxy = new Float64Array(m);
  const syy = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    const g = groupOf[i];
    const dx = predictor[i] - sumX[g] / count[g];
    const dy = outcome[i] - sumY[g] / count[g];
    sxx[g] += dx * dx;
    sxy[g] += dx * dy;
    syy[g] += dy * dy;
  }
  const included: number[] = [];
  const slopes: number[] = [];
  const standardErrors: number[] = [];
  for (let g = 0; g < m; g++) {
    if (count[g] < minimumObservations || !(sxx[g] > 0)) continue;
    const slope = sxy[g] / sxx[g];
    const residualVariance = Math.max(0, syy[g] - slope * sxy[g]) / (count[g] - 2);
    const standardError = Math.sqrt(residualVariance / sxx[g]);
    if (weighting !== "equal" && !(standardError > 0)) continue;
    if (!Number.isFinite(slope) || !Number.isFinite(standardError)) continue;
    included.push(g);
    slopes.push(slope);
    standardErrors.push(standardError);
  }

  const personData: Record<string, number[]> = {};
  moderatorNames.forEach((name, k) => (personData[name] = included.map((g) => moderatorSums[k][g] / count[g])));
  const design = designMatrix(personData, moderatorNames);
  const base = {
    weighting,
    groupLabels: included.map((g) => labels[g]),
    slopes,
    slopeStandardErrors: standardErrors,
    groupSizes: included.map((g) => count[g]),
    excludedGroups: m - included.length,
  };
  const variances = standardErrors.map((se) => se * se);
  let tau2 = Number.NaN;
  let regression: LinearModelFit;
  if (weighting === "equal") {
    regression = ordinaryLeastSquares(design, slopes);
  } else {
    const inverse = variances.map((v) => 1 / v);
    const fixedEffect = weightedLeastSquares(design, slopes, inverse);
    tau2 = weighting === "random-effects" ? momentTau2(design, inverse, fixedEffect) : 0;
    const useFixed = weighting === "inverse-variance" || fixedEffect.status !== "ok";
    regression = useFixed ? fixedEffect : weightedLeastSquares(design, slopes, variances.map((v) => 1 / (v + tau2)));
  }
  return { status: regression.status, message: regression.message, ...base, tau2, regression };
}

/** DerSimonian-Laird τ² for a meta-regression, from the fixed-effect (weights 1/v) fit. */
function momentTau2(design: ReturnType<typeof designMatrix>, weights: number[], fixedEffect: LinearModelFit): number {
  if (fixedEffect.status !== "ok") return Number.NaN;
  const k = weights.length;
  const p = design.columns;
  let residualQ = 0;
  let weightSum = 0;
  for (let i = 0; i < k; i++) {
    residualQ += weights[i] * fixedEffect.residuals[i] ** 2;
    weightSum += weights[i];
  }
  // (XᵀWX)⁻¹ = covariance / σ̂², and tr((XᵀWX)⁻¹ XᵀW²X).
  const scale = fixedEffect.sigma ** 2;
  let trace = 0;
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) {
      let crossSquared = 0;
      for (let i = 0; i < k; i++) crossSquared += design.values[b * k + i] * weights[i] * weights[i] * design.values[a * k + i];
      trace += (fixedEffect.covariance[a][b] / scale) * crossSquared;
    }
  }
  return Math.max(0, (residualQ - (k - p)) / (weightSum - trace));
}
