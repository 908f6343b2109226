import { coefficientTable, emptyTable, toNestedArrays, type CoefficientTable, type FitStatus } from "../coefficient-table.js";
import { householderQr, unscaledCovariance } from "../linear-algebra/householder-qr.js";
import { allFinite, checkLength, interceptColumn, matrixFromColumns, type DesignMatrix } from "../linear-algebra/matrix.js";
import type { GlmFamily } from "./family.js";
import { iterativelyReweightedLeastSquares, type IrlsControl, type IrlsResult } from "./irls.js";

/** Options shared by the GLM functions. */
export interface GlmOptions extends IrlsControl {
  /**
   * Offset added to the linear predictor, one per row: for count models the log of each person's
   * exposure (answered prompts, days), so that coefficients act on the rate per unit of exposure.
   */
  offset?: ArrayLike<number>;
  /** Prior weights (>= 0), one per row (for logistic regression: the number of trials). Default 1. */
  weights?: ArrayLike<number>;
}

/** The result of a GLM fit. Every number is NaN unless `status` is "ok". */
export interface GlmFit {
  readonly status: FitStatus;
  /** Why the fit failed, naming the problem; empty when `status` is "ok". */
  readonly message: string;
  readonly family: GlmFamily["name"];
  /** Coefficients with Wald z statistics and normal p-values (df = Infinity), as R's summary.glm. */
  readonly coefficients: CoefficientTable;
  /** Covariance (XᵀWX)⁻¹ of the coefficients (dispersion 1). */
  readonly covariance: number[][];
  /** Observations with a positive weight. */
  readonly observations: number;
  /** Residual deviance Σ w d(y, μ). */
  readonly deviance: number;
  /** Deviance of the model with only the intercept (and the offset). */
  readonly nullDeviance: number;
  readonly dfResidual: number;
  readonly dfNull: number;
  /** Log-likelihood at the estimates. */
  readonly logLikelihood: number;
  /** -2 logLikelihood + 2 (number of parameters), as R's AIC. */
  readonly aic: number;
  /** True when IRLS met its convergence criterion (false whenever status is "not-converged"). */
  readonly converged: boolean;
  readonly iterations: number;
  /** Fitted means μ. */
  readonly fittedValues: Float64Array;
  /** Linear predictor η = Xβ + offset. */
  readonly linearPredictor: Float64Array;
}

/** Checked inputs of a GLM, or the failed fit to return. Internal. */
export interface PreparedGlm {
  weights: Float64Array;
  offset: Float64Array | null;
  used: number;
  meanOutcome: number;
  intercept: number;
}

/**
 * Validates a GLM's inputs without throwing on data (only on mismatched lengths, a programming
 * error). Returns the failure status and message, or the prepared weights and offset. Internal.
 */
export function prepareGlm(
  design: DesignMatrix,
  outcome: ArrayLike<number>,
  family: GlmFamily,
  options: GlmOptions,
): PreparedGlm | { status: FitStatus; message: string } {
  const n = design.rows;
  checkLength(outcome, n, "outcome");
  if (options.offset !== undefined) checkLength(options.offset, n, "offset");
  if (options.weights !== undefined) checkLength(options.weights, n, "weights");
  if (!allFinite(design.values)) return { status: "invalid-input", message: "the design matrix has a NaN or infinite value" };
  if (options.offset !== undefined && !allFinite(options.offset)) {
    return { status: "invalid-input", message: "the offset has a NaN or infinite value (an exposure of 0 gives log 0)" };
  }
  const weights = new Float64Array(n);
  let used = 0;
  let weightedSum = 0;
  let weightSum = 0;
  for (let i = 0; i < n; i++) {
    const weight = options.weights === undefined ? 1 : options.weights[i];
    if (!(weight >= 0) || !Number.isFinite(weight)) return { status: "invalid-input", message: `weight ${i + 1} is ${weight}, expected a finite number >= 0` };
    if (!family.validOutcome(outcome[i])) {
      const expected = family.name === "binomial" ? "a proportion in [0, 1]" : "a count >= 0";
      return { status: "invalid-input", message: `outcome ${i + 1} is ${outcome[i]}, expected ${expected}` };
    }
    weights[i] = weight;
    if (weight > 0) {
      used += 1;
      weightedSum += weight * outcome[i];
      weightSum += weight;
    }
  }
  if (used <= design.columns) {
    return { status: "too-few-observations", message: `${used} observations for ${design.columns} coefficients leave no residual degrees of freedom` };
  }
  const rank = householderQr(design, null, 1e-7);
  if (!rank.fullRank) {
    return { status: "rank-deficient", message: `column "${design.names[rank.dependentColumn]}" is (numerically) a linear combination of the columns before it` };
  }
  const meanOutcome = weightedSum / weightSum;
  if (family.name !== "binomial" && meanOutcome === 0) {
    return { status: "separation", message: "every count is 0: the rate has no finite maximum-likelihood estimate" };
  }
  if (family.name === "binomial" && (meanOutcome === 0 || meanOutcome === 1)) {
    return { status: "separation", message: `every outcome is ${meanOutcome}: the probability has no finite maximum-likelihood estimate` };
  }
  return { weights, offset: options.offset === undefined ? null : Float64Array.from(options.offset), used, meanOutcome, intercept: interceptColumn(design) };
}

/**
 * Turns a converged IRLS result into a `GlmFit`: covariance, Wald table, deviances, AIC and the
 * separation check. `extraParameters` counts parameters beyond the coefficients in the AIC (1 for
 * the negative binomial θ). Internal.
 */
export function summariseGlm(
  design: DesignMatrix,
  outcome: ArrayLike<number>,
  family: GlmFamily,
  prepared: PreparedGlm,
  irls: IrlsResult,
  control: IrlsControl,
  extraParameters = 0,
): GlmFit {
  if (irls.status !== "ok" || irls.qr === null) {
    return failedGlm(design, family, irls.status === "ok" ? "not-converged" : irls.status, irls.message || "the weighted design became singular", irls.iterations);
  }
  const n = design.rows;
  const { weights } = prepared;
  for (let i = 0; i < n; i++) {
    if (weights[i] > 0 && family.atBoundary(irls.fittedValues[i], prepared.meanOutcome)) {
      return failedGlm(
        design,
        family,
        "separation",
        `fitted value ${i + 1} is ${irls.fittedValues[i].toExponential(2)}, at the edge of its range: the estimates run off to infinity (separation)`,
        irls.iterations,
      );
    }
  }
  const p = design.columns;
  const covariance = unscaledCovariance(irls.qr);
  let logLikelihood = 0;
  for (let i = 0; i < n; i++) if (weights[i] > 0) logLikelihood += family.logLikelihood(outcome[i], irls.fittedValues[i], weights[i]);
  const nullDeviance = nullModelDeviance(design, outcome, family, prepared, control);
  return {
    status: "ok",
    message: "",
    family: family.name,
    coefficients: coefficientTable(design.names, irls.coefficients, covariance, Number.POSITIVE_INFINITY),
    covariance: toNestedArrays(covariance, p),
    observations: prepared.used,
    deviance: irls.deviance,
    nullDeviance,
    dfResidual: prepared.used - p,
    dfNull: prepared.used - (prepared.intercept >= 0 ? 1 : 0),
    logLikelihood,
    aic: -2 * logLikelihood + 2 * (p + extraParameters),
    converged: true,
    iterations: irls.iterations,
    fittedValues: irls.fittedValues,
    linearPredictor: irls.linearPredictor,
  };
}

/**
 * The null deviance as R's `glm` computes it: with an intercept and no offset, the deviance at the
 * weighted mean; with an intercept and an offset, the deviance of an intercept-only fit with that
 * offset; without an intercept, the deviance at μ = g⁻¹(offset).
 */
function nullModelDeviance(design: DesignMatrix, outcome: ArrayLike<number>, family: GlmFamily, prepared: PreparedGlm, control: IrlsControl): number {
  const n = design.rows;
  const { weights, offset } = prepared;
  const devianceAt = (mean: (i: number) => number): number => {
    let sum = 0;
    for (let i = 0; i < n; i++) if (weights[i] > 0) sum += weights[i] * family.unitDeviance(outcome[i], mean(i));
    return sum;
  };
  if (prepared.intercept < 0) return devianceAt((i) => family.linkInverse(offset === null ? 0 : offset[i]));
  if (offset === null) return devianceAt(() => prepared.meanOutcome);
  const ones = matrixFromColumns([new Float64Array(n).fill(1)], ["(Intercept)"]);
  const fit = iterativelyReweightedLeastSquares(ones, outcome, family, weights, offset, control);
  return fit.deviance;
}

/** A GLM fit without an answer: the status, the message and NaN everywhere. Internal. */
export function failedGlm(design: DesignMatrix, family: GlmFamily, status: FitStatus, message: string, iterations = 0): GlmFit {
  const p = design.columns;
  const nan = Number.NaN;
  return {
    status,
    message,
    family: family.name,
    coefficients: emptyTable(design.names),
    covariance: Array.from({ length: p }, () => Array.from({ length: p }, () => nan)),
    observations: design.rows,
    deviance: nan,
    nullDeviance: nan,
    dfResidual: nan,
    dfNull: nan,
    logLikelihood: nan,
    aic: nan,
    converged: false,
    iterations,
    fittedValues: new Float64Array(design.rows).fill(nan),
    linearPredictor: new Float64Array(design.rows).fill(nan),
  };
}
