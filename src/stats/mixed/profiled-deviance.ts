import { backSubstituteTransposed, choleskyInPlace, forwardSubstitute } from "../linear-algebra/small-dense.js";
import type { GroupedCrossProducts } from "./grouped-cross-products.js";

/**
 * The penalised least-squares solution of a linear mixed model at a relative covariance factor θ,
 * following lme4's formulation (Bates, Mächler, Bolker & Walker 2015, Fitting linear mixed-effects
 * models using lme4, J Stat Softw 67(1), doi:10.18637/jss.v067.i01, sections 3.2 to 3.4).
 *
 * Model: y = Xβ + Zb + ε, b ~ N(0, σ² Λ Λᵀ), ε ~ N(0, σ² I), with b made of one q-vector per group
 * and Λ (q x q, lower triangular) filled column by column from θ, as lme4 orders it (for q = 2:
 * θ = (λ11, λ21, λ22)). Because Z is block diagonal by group, the sparse Cholesky factor L of
 * ΛᵀZᵀZΛ + I that lme4 computes splits into one q x q factor per group:
 *   L_i L_iᵀ = Λᵀ Z_iᵀZ_i Λ + I,  c_u,i = L_i⁻¹ Λᵀ Z_iᵀy,  R_ZX,i = L_i⁻¹ Λᵀ Z_iᵀX,
 *   R_XᵀR_X = XᵀX - Σ_i R_ZX,iᵀ R_ZX,i,  R_Xᵀ c_β = Xᵀy - Σ_i R_ZX,iᵀ c_u,i,  R_X β = c_β,
 *   r²(θ) = yᵀy - Σ_i |c_u,i|² - |c_β|²  (the penalised residual sum of squares),
 * which costs O(m q² p + p³) per evaluation from the cross-products (`groupedCrossProducts`).
 */
export interface PenalizedSolution {
  /** log |L|² = 2 Σ_i log det L_i. */
  logDeterminantL: number;
  /** log |R_X|². */
  logDeterminantRX: number;
  /** r²(θ). */
  penalizedResidualSumOfSquares: number;
  /** β̂(θ). */
  beta: Float64Array;
  /** Cholesky factor of R_XᵀR_X (row-major lower p x p, = R_Xᵀ). */
  fixedFactor: Float64Array;
  /** Per group: L_i (q x q lower, row-major), c_u,i (q) and R_ZX,i (q x p). */
  groupFactors: Float64Array;
  groupRhs: Float64Array;
  groupCross: Float64Array;
}

/** Λ (q x q, row-major lower) from θ, column by column. */
export function relativeFactor(theta: readonly number[], q: number, target: Float64Array = new Float64Array(q * q)): Float64Array {
  target.fill(0);
  let k = 0;
  for (let c = 0; c < q; c++) for (let r = c; r < q; r++) target[r * q + c] = theta[k++];
  return target;
}

/** Index in θ of each diagonal element of Λ (those are bounded below by 0). */
export function diagonalThetaIndices(q: number): number[] {
  const indices: number[] = [];
  let k = 0;
  for (let c = 0; c < q; c++) {
    indices.push(k);
    k += q - c;
  }
  return indices;
}

/**
 * Scratch space and results of `evaluateDeviance`: allocated once per fit, reused by every
 * evaluation (no allocation inside the optimiser's loop).
 */
export interface DevianceWorkspace {
  lambda: Float64Array;
  product: Float64Array;
  factor: Float64Array;
  rhs: Float64Array;
  cross: Float64Array;
  /** After an evaluation: the Cholesky factor of R_XᵀR_X (row-major lower p x p). */
  fixedFactor: Float64Array;
  fixedRhs: Float64Array;
  logDeterminantL: number;
  logDeterminantRX: number;
  penalizedResidualSumOfSquares: number;
}

export function devianceWorkspace(data: GroupedCrossProducts): DevianceWorkspace {
  const { fixed: p, random: q } = data;
  return {
    lambda: new Float64Array(q * q),
    product: new Float64Array(q * q),
    factor: new Float64Array(q * q),
    rhs: new Float64Array(q),
    cross: new Float64Array(q * p),
    fixedFactor: new Float64Array(p * p),
    fixedRhs: new Float64Array(p),
    logDeterminantL: 0,
    logDeterminantRX: 0,
    penalizedResidualSumOfSquares: 0,
  };
}

/**
 * The determinants and r²(θ) of `penalizedSolution` without its per-group outputs, written into the
 * workspace: the optimiser's inner loop. Random intercept-and-slope models (q = 2) take a path
 * written out in scalars; other q a general one. Returns false when a factorisation fails.
 */
export function evaluateDeviance(data: GroupedCrossProducts, theta: readonly number[], work: DevianceWorkspace): boolean {
  const { fixed: p, random: q, groups: m } = data;
  const fixedFactor = work.fixedFactor;
  const fixedRhs = work.fixedRhs;
  fixedFactor.set(data.xx);
  fixedRhs.set(data.xy);
  let logDeterminantL = 0;
  let squaredRhs = 0;
  if (q === 2) {
    const [a, b, c] = theta;
    const { zz, zx, zy } = data;
    for (let g = 0; g < m; g++) {
      const s11 = zz[4 * g];
      const s21 = zz[4 * g + 2];
      const s22 = zz[4 * g + 3];
      // Λᵀ Z_iᵀZ_i Λ + I with Λ = [a 0; b c], then its Cholesky factor [l11 0; l21 l22].
      const p11 = s11 * a + s21 * b;
      const p21 = s21 * a + s22 * b;
      const t11 = a * p11 + b * p21 + 1;
      const t21 = c * p21;
      const t22 = c * s22 * c + 1;
      const l11 = Math.sqrt(t11);
      const l21 = t21 / l11;
      const l22squared = t22 - l21 * l21;
      if (!(l22squared > 0) || !(t11 > 0)) return false;
      const l22 = Math.sqrt(l22squared);
      logDeterminantL += Math.log(t11 * l22squared);
      const u1 = (a * zy[2 * g] + b * zy[2 * g + 1]) / l11;
      const u2 = (c * zy[2 * g + 1] - l21 * u1) / l22;
      squaredRhs += u1 * u1 + u2 * u2;
      const offset = 2 * p * g;
      const cross = work.cross;
      for (let j = 0; j < p; j++) {
        const r1j = (a * zx[offset + j] + b * zx[offset + p + j]) / l11;
        const r2j = (c * zx[offset + p + j] - l21 * r1j) / l22;
        cross[j] = r1j;
        cross[p + j] = r2j;
        fixedRhs[j] -= r1j * u1 + r2j * u2;
      }
      for (let j = 0; j < p; j++) {
        const r1j = cross[j];
        const r2j = cross[p + j];
        const row = j * p;
        for (let k = 0; k <= j; k++) fixedFactor[row + k] -= r1j * cross[k] + r2j * cross[p + k];
      }
    }
  } else {
    const lambda = relativeFactor(theta, q, work.lambda);
    const { product, factor, rhs, cross } = work;
    for (let g = 0; g < m; g++) {
      const logDeterminant = groupFactor(data, g, lambda, product, factor, 0, rhs, 0, cross, 0);
      if (Number.isNaN(logDeterminant)) return false;
      logDeterminantL += logDeterminant;
      for (let r = 0; r < q; r++) {
        const value = rhs[r];
        squaredRhs += value * value;
        for (let j = 0; j < p; j++) {
          const crossJ = cross[r * p + j];
          fixedRhs[j] -= crossJ * value;
          for (let k = 0; k <= j; k++) fixedFactor[j * p + k] -= crossJ * cross[r * p + k];
        }
      }
    }
  }
  if (!choleskyInPlace(fixedFactor, p)) return false;
  let logDeterminantRX = 0;
  for (let j = 0; j < p; j++) logDeterminantRX += 2 * Math.log(fixedFactor[j * p + j]);
  forwardSubstitute(fixedFactor, p, fixedRhs);
  let squaredFixed = 0;
  for (let j = 0; j < p; j++) squaredFixed += fixedRhs[j] * fixedRhs[j];
  work.logDeterminantL = logDeterminantL;
  work.logDeterminantRX = logDeterminantRX;
  work.penalizedResidualSumOfSquares = data.yy - squaredRhs - squaredFixed;
  return true;
}

/**
 * One group's factor L_i (into `factor` at factorOffset), c_u,i (into `rhs`) and R_ZX,i (into
 * `cross`, q x p); returns log det(L_i)², or NaN when L_i fails.
 */
function groupFactor(
  data: GroupedCrossProducts,
  g: number,
  lambda: Float64Array,
  product: Float64Array,
  factor: Float64Array,
  factorOffset: number,
  rhs: Float64Array,
  rhsOffset: number,
  cross: Float64Array,
  crossOffset: number,
): number {
  const { fixed: p, random: q } = data;
  const zzOffset = g * q * q;
  const zxOffset = g * q * p;
  // product = Z_iᵀZ_i Λ; factor = Λᵀ product + I (lower triangle).
  for (let r = 0; r < q; r++) {
    for (let c = 0; c < q; c++) {
      let sum = 0;
      for (let k = c; k < q; k++) sum += data.zz[zzOffset + r * q + k] * lambda[k * q + c];
      product[r * q + c] = sum;
    }
  }
  for (let r = 0; r < q; r++) {
    for (let c = 0; c <= r; c++) {
      let sum = r === c ? 1 : 0;
      for (let k = r; k < q; k++) sum += lambda[k * q + r] * product[k * q + c];
      factor[factorOffset + r * q + c] = sum;
    }
  }
  if (!choleskyInPlace(factor, q, factorOffset)) return Number.NaN;
  let logDeterminant = 0;
  for (let r = 0; r < q; r++) logDeterminant += 2 * Math.log(factor[factorOffset + r * q + r]);
  // c_u = L⁻¹ Λᵀ Zᵀy and R_ZX = L⁻¹ Λᵀ ZᵀX.
  for (let r = 0; r < q; r++) {
    let sum = 0;
    for (let k = r; k < q; k++) sum += lambda[k * q + r] * data.zy[g * q + k];
    rhs[rhsOffset + r] = sum;
    for (let j = 0; j < p; j++) {
      let value = 0;
      for (let k = r; k < q; k++) value += lambda[k * q + r] * data.zx[zxOffset + k * p + j];
      cross[crossOffset + r * p + j] = value;
    }
  }
  forwardSubstitute(factor, q, rhs, rhsOffset, factorOffset);
  for (let j = 0; j < p; j++) {
    // Column j of R_ZX: forward substitution with stride p.
    for (let r = 0; r < q; r++) {
      let sum = cross[crossOffset + r * p + j];
      for (let k = 0; k < r; k++) sum -= factor[factorOffset + r * q + k] * cross[crossOffset + k * p + j];
      cross[crossOffset + r * p + j] = sum / factor[factorOffset + r * q + r];
    }
  }
  return logDeterminant;
}

/** Solves the penalised least-squares problem at θ; null when a factorisation fails. */
export function penalizedSolution(data: GroupedCrossProducts, theta: readonly number[]): PenalizedSolution | null {
  const { fixed: p, random: q, groups: m } = data;
  const lambda = relativeFactor(theta, q);
  const groupFactors = new Float64Array(m * q * q);
  const groupRhs = new Float64Array(m * q);
  const groupCross = new Float64Array(m * q * p);
  const product = new Float64Array(q * q);
  for (let g = 0; g < m; g++) {
    const logDeterminant = groupFactor(data, g, lambda, product, groupFactors, g * q * q, groupRhs, g * q, groupCross, g * q * p);
    if (Number.isNaN(logDeterminant)) return null;
  }
  const work = devianceWorkspace(data);
  if (!evaluateDeviance(data, theta, work)) return null;
  const beta = Float64Array.from(work.fixedRhs);
  backSubstituteTransposed(work.fixedFactor, p, beta);
  return {
    logDeterminantL: work.logDeterminantL,
    logDeterminantRX: work.logDeterminantRX,
    penalizedResidualSumOfSquares: work.penalizedResidualSumOfSquares,
    beta,
    fixedFactor: work.fixedFactor,
    groupFactors,
    groupRhs,
    groupCross,
  };
}

/**
 * The profiled deviance at θ (σ and β profiled out): REML (lme4's REMLcrit)
 *   log|L|² + log|R_X|² + (n - p) (1 + log(2π r² / (n - p))),
 * or ML: log|L|² + n (1 + log(2π r² / n)). Infinity where θ gives no valid factorisation.
 */
export function profiledDeviance(data: GroupedCrossProducts, theta: readonly number[], reml: boolean, work = devianceWorkspace(data)): number {
  if (!evaluateDeviance(data, theta, work)) return Number.POSITIVE_INFINITY;
  return devianceFromSolution(work, data, reml);
}

/** The profiled deviance of a solution (see `profiledDeviance`). */
export function devianceFromSolution(
  solution: Pick<PenalizedSolution, "logDeterminantL" | "logDeterminantRX" | "penalizedResidualSumOfSquares">,
  data: GroupedCrossProducts,
  reml: boolean,
): number {
  const n = data.observations;
  const residualDf = reml ? n - data.fixed : n;
  const r2 = solution.penalizedResidualSumOfSquares;
  if (!(r2 > 0)) return Number.POSITIVE_INFINITY;
  const logDeterminants = solution.logDeterminantL + (reml ? solution.logDeterminantRX : 0);
  return logDeterminants + residualDf * (1 + Math.log((2 * Math.PI * r2) / residualDf));
}

/**
 * The deviance at θ and a given σ (not profiled), lmerTest's function of the variance parameters
 * (θ, σ) whose Hessian gives their asymptotic covariance for the Satterthwaite df:
 * REML: log|L|² + log|R_X|² + r²/σ² + (n - p) log(2πσ²);  ML: log|L|² + r²/σ² + n log(2πσ²).
 */
export function devianceAtSigma(data: GroupedCrossProducts, theta: readonly number[], sigma: number, reml: boolean, work = devianceWorkspace(data)): number {
  if (!evaluateDeviance(data, theta, work)) return Number.POSITIVE_INFINITY;
  const solution = work;
  const n = data.observations;
  const variance = sigma * sigma;
  const residualDf = reml ? n - data.fixed : n;
  const logDeterminants = solution.logDeterminantL + (reml ? solution.logDeterminantRX : 0);
  return logDeterminants + solution.penalizedResidualSumOfSquares / variance + residualDf * Math.log(2 * Math.PI * variance);
}
