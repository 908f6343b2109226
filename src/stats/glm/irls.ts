import type { FitStatus } from "../coefficient-table.js";
import { applyQTranspose, householderQr, solveUpperTriangular, type QrDecomposition } from "../linear-algebra/householder-qr.js";
import { column, type Matrix } from "../linear-algebra/matrix.js";
import type { GlmFamily } from "./family.js";

/** Convergence settings of IRLS. */
export interface IrlsControl {
  /**
   * Converged when |deviance - previous deviance| / (|deviance| + 0.1) < tolerance, R's rule.
   * Default 1e-10 (R's `glm` uses 1e-8; the tighter default costs one iteration at most and
   * removes the stopping rule from comparisons with R).
   */
  tolerance?: number;
  /** Maximum iterations. Default 50 (R: 25). */
  maxIterations?: number;
}

/** The state IRLS ends in. Internal to the GLM functions. */
export interface IrlsResult {
  status: FitStatus;
  message: string;
  coefficients: Float64Array;
  linearPredictor: Float64Array;
  fittedValues: Float64Array;
  deviance: number;
  iterations: number;
  /** QR of the weighted design at the final fitted values: its R gives (XᵀWX)⁻¹. */
  qr: QrDecomposition | null;
}

/**
 * **Iteratively reweighted least squares** (Nelder & Wedderburn 1972; McCullagh & Nelder 1989,
 * section 2.5), the maximum-likelihood algorithm of R's `glm.fit`: Fisher scoring, which is
 * Newton's method for canonical links (Poisson-log, binomial-logit).
 *
 * Each iteration regresses the working response z = η - offset + (y - μ) / μ'(η) on the design with
 * working weights w μ'(η)² / V(μ), by Householder QR. A step that gives a non-finite deviance, an
 * invalid mean, or a larger deviance is halved (up to 30 times) towards the previous coefficients,
 * as glm.fit does for the first two. Stops on R's relative-deviance rule (see `IrlsControl`).
 * Never throws: failures come back as a status. Internal; see `poissonRegression`,
 * `logisticRegression`, `negativeBinomialRegression`.
 *
 * @param start optional starting linear predictor (without the offset), for warm starts
 */
export function iterativelyReweightedLeastSquares(
  design: Matrix,
  outcome: ArrayLike<number>,
  family: GlmFamily,
  weights: ArrayLike<number>,
  offset: ArrayLike<number> | null,
  control: IrlsControl = {},
  start: ArrayLike<number> | null = null,
): IrlsResult {
  const { rows: n, columns: p } = design;
  const tolerance = control.tolerance ?? 1e-10;
  const maxIterations = control.maxIterations ?? 50;
  const offsetAt = (i: number): number => (offset === null ? 0 : offset[i]);

  const eta = new Float64Array(n);
  const mu = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    eta[i] = start === null ? family.link(family.startingMean(outcome[i], weights[i])) : start[i] + offsetAt(i);
    mu[i] = family.linkInverse(eta[i]);
  }
  const deviance = (means: Float64Array): number => {
    let sum = 0;
    for (let i = 0; i < n; i++) if (weights[i] > 0) sum += weights[i] * family.unitDeviance(outcome[i], means[i]);
    return sum;
  };
  let previousDeviance = deviance(mu);
  let coefficients: Float64Array | null = null;
  const work = new Float64Array(n * p);
  const rowScale = new Float64Array(n);
  const working = new Float64Array(n);
  const trialEta = new Float64Array(n);
  const trialMu = new Float64Array(n);

  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    for (let i = 0; i < n; i++) {
      const derivative = family.meanDerivative(eta[i]);
      const workingWeight = weights[i] > 0 ? (weights[i] * derivative * derivative) / family.variance(mu[i]) : 0;
      rowScale[i] = Math.sqrt(workingWeight);
      working[i] = (eta[i] - offsetAt(i) + (outcome[i] - mu[i]) / derivative) * rowScale[i];
    }
    const qr = householderQr(design, rowScale, 1e-11, work);
    if (!qr.fullRank) {
      return failure("rank-deficient", `design column ${qr.dependentColumn + 1} is (numerically) a linear combination of the columns before it`, iteration);
    }
    applyQTranspose(qr, working);
    let proposal = solveUpperTriangular(qr, working);
    if (!proposal.every(Number.isFinite)) return failure("not-converged", "IRLS produced non-finite coefficients", iteration);

    // Step halving towards the previous coefficients while the step is invalid or uphill.
    let currentDeviance = Number.NaN;
    for (let halving = 0; halving <= 30; halving++) {
      linearPredictor(design, proposal, offset, trialEta);
      let valid = true;
      for (let i = 0; i < n; i++) {
        trialMu[i] = family.linkInverse(trialEta[i]);
        if (!family.validMean(trialMu[i])) valid = false;
      }
      currentDeviance = valid ? deviance(trialMu) : Number.NaN;
      const acceptable = Number.isFinite(currentDeviance) && (coefficients === null || currentDeviance <= previousDeviance * (1 + 1e-12) + 1e-12);
      if (acceptable) break;
      if (coefficients === null || halving === 30) {
        if (!Number.isFinite(currentDeviance)) return failure("not-converged", "IRLS could not find valid fitted values", iteration);
        break; // an uphill step that halving cannot fix: accept it (as glm.fit does)
      }
      const previous = coefficients;
      proposal = proposal.map((value, j) => (value + previous[j]) / 2);
    }
    coefficients = proposal;
    eta.set(trialEta);
    mu.set(trialMu);
    if (Math.abs(currentDeviance - previousDeviance) / (Math.abs(currentDeviance) + 0.1) < tolerance) {
      return { status: "ok", message: "", coefficients, linearPredictor: eta, fittedValues: mu, deviance: currentDeviance, iterations: iteration, qr: finalQr() };
    }
    previousDeviance = currentDeviance;
  }
  return failure("not-converged", `IRLS did not converge in ${maxIterations} iterations`, maxIterations);

  /** QR of the weighted design at the final μ, for the coefficient covariance. */
  function finalQr(): QrDecomposition | null {
    for (let i = 0; i < n; i++) {
      const derivative = family.meanDerivative(eta[i]);
      rowScale[i] = weights[i] > 0 ? Math.sqrt((weights[i] * derivative * derivative) / family.variance(mu[i])) : 0;
    }
    const qr = householderQr(design, rowScale, 1e-11);
    return qr.fullRank ? qr : null;
  }

  function failure(status: FitStatus, message: string, iterations: number): IrlsResult {
    return {
      status,
      message,
      coefficients: new Float64Array(p).fill(Number.NaN),
      linearPredictor: eta,
      fittedValues: mu,
      deviance: Number.NaN,
      iterations,
      qr: null,
    };
  }
}

/** η = Xβ + offset, written into `target`. */
export function linearPredictor(design: Matrix, coefficients: ArrayLike<number>, offset: ArrayLike<number> | null, target: Float64Array): void {
  const n = design.rows;
  if (offset === null) target.fill(0);
  else for (let i = 0; i < n; i++) target[i] = offset[i];
  for (let j = 0; j < design.columns; j++) {
    const values = column(design, j);
    const coefficient = coefficients[j];
    for (let i = 0; i < n; i++) target[i] += values[i] * coefficient;
  }
}
