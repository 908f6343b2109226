import type { FitStatus } from "../coefficient-table.js";
import { applyQTranspose, householderQr, solveUpperTriangular, type QrDecomposition } from "../linear-algebra/householder-qr.js";
import { column, type Matrix } from "../linear-algebra/matrix.js";
import type { GlmFamily } from "./family.js";

/** Convergence settings of IRLS. */
export interface IrlsControl {
  /**
   * Converged when |deviance - previous deviance| / (|deviance| + 0.1) < tolerance, R's rule, and
   * the quadratic model's deviance change along the last step, |R d|², is as small (this catches
   * steps that overshoot the optimum back and forth).
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
 * working weights w μ'(η)² / V(μ), by Householder QR. For a non-canonical link whose family gives
 * the observed information (the negative binomial with log link), the weights are the observed
 * ones and z = η - offset + score / weight: Newton's method, with quadratic convergence where
 * Fisher scoring converges linearly (at a rate near -0.95 on some simulated studies, that is
 * hundreds of oscillating iterations; glm.nb, which uses Fisher scoring, fails on those). The
 * covariance of the estimates is still from the expected information, as R's summary.glm. A step that gives a non-finite deviance or an
 * invalid mean is halved (up to 30 times) towards the previous coefficients, as glm.fit does; so
 * is a step that fails a sufficient-decrease (Armijo) condition (see the loop), which glm.fit does
 * not check and without which the scoring steps of a negative binomial fit can oscillate for
 * hundreds of iterations (1 simulated study in 2000 in the benchmark; glm.nb fails on it too).
 * Stops on R's relative-deviance rule (see `IrlsControl`).
 * Never throws: failures come back as a status. Internal; see `poissonRegression`,
 * `logisticRegression`, `negativeBinomialRegression`.
 *
 * @param start optional starting coefficients, for warm starts (the first step is then subject to
 *   the same halving as the later ones)
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
  if (start === null) for (let i = 0; i < n; i++) eta[i] = family.link(family.startingMean(outcome[i], weights[i]));
  else linearPredictor(design, start, offset, eta);
  for (let i = 0; i < n; i++) mu[i] = family.linkInverse(eta[i]);
  const deviance = (means: Float64Array): number => {
    let sum = 0;
    for (let i = 0; i < n; i++) if (weights[i] > 0) sum += weights[i] * family.unitDeviance(outcome[i], means[i]);
    return sum;
  };
  let previousDeviance = deviance(mu);
  let coefficients: Float64Array | null = start === null ? null : Float64Array.from(start);
  const work = new Float64Array(n * p);
  const rowScale = new Float64Array(n);
  const working = new Float64Array(n);
  const trialEta = new Float64Array(n);
  const trialMu = new Float64Array(n);

  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    for (let i = 0; i < n; i++) {
      // Score of η_i, (y - μ) μ' / V, divided by the working weight: expected information
      // μ'² / V (Fisher scoring), or the observed information where the family gives it (Newton).
      const derivative = family.meanDerivative(eta[i]);
      const variance = family.variance(mu[i]);
      const unitWeight = family.observedWeight === undefined ? (derivative * derivative) / variance : family.observedWeight(outcome[i], mu[i]);
      const workingWeight = weights[i] > 0 ? weights[i] * unitWeight : 0;
      rowScale[i] = Math.sqrt(workingWeight);
      const score = ((outcome[i] - mu[i]) * derivative) / variance;
      working[i] = (eta[i] - offsetAt(i) + score / unitWeight) * rowScale[i];
    }
    const qr = householderQr(design, rowScale, 1e-11, work);
    if (!qr.fullRank) {
      return failure("rank-deficient", `design column ${qr.dependentColumn + 1} is (numerically) a linear combination of the columns before it`, iteration);
    }
    applyQTranspose(qr, working);
    let proposal = solveUpperTriangular(qr, working);
    if (!proposal.every(Number.isFinite)) return failure("not-converged", "IRLS produced non-finite coefficients", iteration);

    // Step halving towards the previous coefficients while the step is invalid or does not lower
    // the deviance enough. This Armijo condition asks a step of fraction s of the scoring step d
    // for a decrease of at least s |Rd|² / 2, a quarter of the deviance's initial rate of decrease
    // along d, 2|Rd|² = 2 dᵀ(XᵀWX)d (and half of what the scoring's quadratic model predicts for a
    // full step, |Rd|², which Newton steps for canonical links meet near the optimum). Fisher
    // scoring for the non-canonical negative binomial log link can otherwise overshoot back and
    // forth for hundreds of iterations while the deviance falls by tiny amounts.
    const previous = coefficients;
    const slope = previous === null ? 0 : 2 * weightedSquaredNorm(qr, proposal, previous);
    let fraction = 1;
    let currentDeviance = Number.NaN;
    for (let halving = 0; halving <= 30; halving++) {
      linearPredictor(design, proposal, offset, trialEta);
      let valid = true;
      for (let i = 0; i < n; i++) {
        trialMu[i] = family.linkInverse(trialEta[i]);
        if (!family.validMean(trialMu[i])) valid = false;
      }
      currentDeviance = valid ? deviance(trialMu) : Number.NaN;
      const required = previousDeviance - 0.25 * fraction * slope + 1e-12 * Math.abs(previousDeviance);
      if (Number.isFinite(currentDeviance) && (previous === null || currentDeviance <= required)) break;
      if (previous === null || halving === 30) {
        if (!Number.isFinite(currentDeviance)) return failure("not-converged", "IRLS could not find valid fitted values", iteration);
        break; // a step that halving cannot fix: accept it (as glm.fit does)
      }
      proposal = proposal.map((value, j) => (value + previous[j]) / 2);
      fraction /= 2;
    }
    coefficients = proposal;
    eta.set(trialEta);
    mu.set(trialMu);
    // Converged: the deviance changed little, and so would it along the step just taken according to
    // the scoring's quadratic model (|Rd|², half the slope), which catches steps that overshoot.
    const scale = Math.abs(currentDeviance) + 0.1;
    if (Math.abs(currentDeviance - previousDeviance) / scale < tolerance && (fraction * fraction * slope) / 2 / scale < tolerance) {
      return { status: "ok", message: "", coefficients, linearPredictor: eta, fittedValues: mu, deviance: currentDeviance, iterations: iteration, qr: finalQr() };
    }
    previousDeviance = currentDeviance;
  }
  return failure("not-converged", `IRLS did not converge in ${maxIterations} iterations`, maxIterations);

  /** QR of the design weighted by the expected information at the final μ, for the covariance. */
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

/** |R (a - b)|² for the R of a QR decomposition: (a - b)ᵀ XᵀWX (a - b). */
function weightedSquaredNorm(qr: QrDecomposition, a: ArrayLike<number>, b: ArrayLike<number>): number {
  const { rows, columns, packed } = qr;
  let sum = 0;
  for (let k = 0; k < columns; k++) {
    let value = 0;
    for (let j = k; j < columns; j++) value += packed[j * rows + k] * (a[j] - b[j]);
    sum += value * value;
  }
  return sum;
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
