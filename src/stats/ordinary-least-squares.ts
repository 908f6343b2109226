import { fCdf } from "./distributions/f-cdf.js";
import { applyQTranspose, householderQr, solveUpperTriangular, unscaledCovariance } from "./linear-algebra/householder-qr.js";
import { allFinite, checkLength, column, interceptColumn, type DesignMatrix } from "./linear-algebra/matrix.js";
import { coefficientTable, emptyTable, toNestedArrays, type CoefficientTable, type FitStatus } from "./coefficient-table.js";

/** Options of `ordinaryLeastSquares` and `weightedLeastSquares`. */
export interface LinearModelOptions {
  /**
   * Prior weights (>= 0), one per row: weighted least squares minimises Σ w_i (y_i - x_iᵀβ)².
   * Rows with weight 0 are left out of the fit and of the residual df, as in R. Default: all 1.
   */
  weights?: ArrayLike<number>;
  /**
   * Whether the model has an intercept, which decides how R² and the overall F test are formed
   * (around the mean, or around 0). Default: true when a design column is all ones.
   */
  intercept?: boolean;
  /** Relative tolerance of the rank check (see `householderQr`). Default 1e-7, as R's `lm`. */
  rankTolerance?: number;
}

/** The result of a linear least-squares fit; the numbers are NaN unless `status` is "ok". */
export interface LinearModelFit {
  readonly status: FitStatus;
  /** Why the fit failed, naming the column or value; empty when `status` is "ok". */
  readonly message: string;
  /** Coefficients with t statistics on `dfResidual` degrees of freedom. */
  readonly coefficients: CoefficientTable;
  /** Covariance matrix of the coefficients, σ² (XᵀWX)⁻¹. */
  readonly covariance: number[][];
  /** Observations used (with a positive weight). */
  readonly observations: number;
  /** Residual degrees of freedom, observations - coefficients. */
  readonly dfResidual: number;
  /** Residual standard error σ = sqrt(Σ w r² / dfResidual). */
  readonly sigma: number;
  /** R² = MSS / (MSS + RSS), weighted, around the (weighted) mean if the model has an intercept. */
  readonly rSquared: number;
  /** 1 - (1 - R²)(n - i) / dfResidual, with i = 1 with an intercept, else 0. */
  readonly adjustedRSquared: number;
  /** Overall F statistic (all coefficients but the intercept are 0), its df and p-value. */
  readonly fStatistic: number;
  readonly fDf: readonly [number, number];
  readonly fPValue: number;
  /** Gaussian log-likelihood at the estimates (σ² by maximum likelihood), as R's logLik.lm. */
  readonly logLikelihood: number;
  /** -2 logLikelihood + 2 (coefficients + 1), as R's AIC. */
  readonly aic: number;
  /** y - Xβ for every row (unweighted). */
  readonly residuals: Float64Array;
  /** Xβ for every row. */
  readonly fittedValues: Float64Array;
}

/**
 * **Ordinary (and weighted) least squares** regression of `outcome` on the columns of `design`,
 * with the inference of R's `summary.lm`: coefficients, standard errors, t statistics and p-values on
 * n - p df, σ, R², adjusted R², the overall F test, log-likelihood and AIC.
 *
 * Method: Householder QR decomposition of the (row-scaled by sqrt(w)) design (`householderQr`), so
 * that XᵀX is never formed; coefficients by back substitution, covariance σ² R⁻¹R⁻ᵀ. A design whose
 * column is numerically a combination of the others gives status "rank-deficient" (R would drop
 * the column and report NA); NaN or infinite values give "invalid-input". Never throws on data;
 * throws a `CascadeError` only when the lengths of the arguments disagree.
 *
 * Cost: O(n p²). Checked against R's `lm` in tests/stats-regression.test.ts.
 *
 * @example
 * const x = designMatrix({ dose: [1, 2, 3, 4] }, ["dose"]);
 * ordinaryLeastSquares(x, [2.1, 3.9, 6.2, 7.8]).coefficients.estimate; // => [0.15, 1.94]
 */
export function ordinaryLeastSquares(design: DesignMatrix, outcome: ArrayLike<number>, options: LinearModelOptions = {}): LinearModelFit {
  const { rows: n, columns: p, names } = design;
  checkLength(outcome, n, "outcome");
  const weights = options.weights;
  if (weights !== undefined) checkLength(weights, n, "weights");
  const fail = (status: FitStatus, message: string): LinearModelFit => failedLinearModel(design, status, message);

  if (!allFinite(design.values)) return fail("invalid-input", "the design matrix has a NaN or infinite value");
  if (!allFinite(outcome)) return fail("invalid-input", "the outcome has a NaN or infinite value");
  let used = n;
  let rowScale: Float64Array | null = null;
  if (weights !== undefined) {
    rowScale = new Float64Array(n);
    used = 0;
    for (let i = 0; i < n; i++) {
      const weight = weights[i];
      if (!(weight >= 0) || !Number.isFinite(weight)) return fail("invalid-input", `weight ${i + 1} is ${weight}, expected a finite number >= 0`);
      if (weight > 0) used += 1;
      rowScale[i] = Math.sqrt(weight);
    }
  }
  if (used <= p) return fail("too-few-observations", `${used} observations for ${p} coefficients leave no residual degrees of freedom`);

  const qr = householderQr(design, rowScale, options.rankTolerance ?? 1e-7);
  if (!qr.fullRank) {
    return fail("rank-deficient", `column "${names[qr.dependentColumn]}" is (numerically) a linear combination of the columns before it`);
  }
  const rotated = Float64Array.from(outcome);
  if (rowScale !== null) for (let i = 0; i < n; i++) rotated[i] *= rowScale[i];
  applyQTranspose(qr, rotated);
  const estimate = solveUpperTriangular(qr, rotated);

  const fittedValues = new Float64Array(n);
  for (let j = 0; j < p; j++) {
    const values = column(design, j);
    const coefficient = estimate[j];
    for (let i = 0; i < n; i++) fittedValues[i] += values[i] * coefficient;
  }
  const residuals = new Float64Array(n);
  let residualSumOfSquares = 0;
  let weightSum = 0;
  let weightedFittedSum = 0;
  let logWeightSum = 0;
  for (let i = 0; i < n; i++) {
    const weight = weights === undefined ? 1 : weights[i];
    residuals[i] = outcome[i] - fittedValues[i];
    residualSumOfSquares += weight * residuals[i] * residuals[i];
    weightSum += weight;
    weightedFittedSum += weight * fittedValues[i];
    if (weight > 0) logWeightSum += Math.log(weight);
  }
  const dfResidual = used - p;
  const variance = residualSumOfSquares / dfResidual;
  const covariance = unscaledCovariance(qr).map((value) => value * variance);

  const hasIntercept = options.intercept ?? interceptColumn(design) >= 0;
  const fittedMean = hasIntercept ? weightedFittedSum / weightSum : 0;
  let modelSumOfSquares = 0;
  for (let i = 0; i < n; i++) {
    const weight = weights === undefined ? 1 : weights[i];
    modelSumOfSquares += weight * (fittedValues[i] - fittedMean) ** 2;
  }
  const interceptDf = hasIntercept ? 1 : 0;
  const rSquared = modelSumOfSquares / (modelSumOfSquares + residualSumOfSquares);
  const modelDf = p - interceptDf;
  const fStatistic = modelDf > 0 ? modelSumOfSquares / modelDf / variance : Number.NaN;
  const logLikelihood = 0.5 * (logWeightSum - used * (Math.log(2 * Math.PI) + 1 - Math.log(used) + Math.log(residualSumOfSquares)));

  return {
    status: "ok",
    message: "",
    coefficients: coefficientTable(names, estimate, covariance, dfResidual),
    covariance: toNestedArrays(covariance, p),
    observations: used,
    dfResidual,
    sigma: Math.sqrt(variance),
    rSquared,
    adjustedRSquared: 1 - ((1 - rSquared) * (used - interceptDf)) / dfResidual,
    fStatistic,
    fDf: [modelDf, dfResidual],
    fPValue: modelDf > 0 ? fCdf(fStatistic, modelDf, dfResidual, false) : Number.NaN,
    logLikelihood,
    aic: -2 * logLikelihood + 2 * (p + 1),
    residuals,
    fittedValues,
  };
}

/**
 * **Weighted least squares**: `ordinaryLeastSquares` with prior weights (inverse variances, up to
 * a common factor), as R's `lm(weights = )`.
 *
 * @example
 * weightedLeastSquares(x, y, [1, 1, 2, 2]).coefficients.estimate;
 */
export function weightedLeastSquares(
  design: DesignMatrix,
  outcome: ArrayLike<number>,
  weights: ArrayLike<number>,
  options: Omit<LinearModelOptions, "weights"> = {},
): LinearModelFit {
  return ordinaryLeastSquares(design, outcome, { ...options, weights });
}

function failedLinearModel(design: DesignMatrix, status: FitStatus, message: string): LinearModelFit {
  const p = design.columns;
  const nan = Number.NaN;
  return {
    status,
    message,
    coefficients: emptyTable(design.names),
    covariance: Array.from({ length: p }, () => Array.from({ length: p }, () => nan)),
    observations: design.rows,
    dfResidual: nan,
    sigma: nan,
    rSquared: nan,
    adjustedRSquared: nan,
    fStatistic: nan,
    fDf: [nan, nan],
    fPValue: nan,
    logLikelihood: nan,
    aic: nan,
    residuals: new Float64Array(design.rows).fill(nan),
    fittedValues: new Float64Array(design.rows).fill(nan),
  };
}
