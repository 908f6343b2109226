import { choleskyInPlace, inverseFromCholesky } from "../linear-algebra/small-dense.js";
import type { GroupedCrossProducts } from "./grouped-cross-products.js";
import { diagonalThetaIndices } from "./profiled-deviance.js";

/**
 * **Moment starting values for θ**, and the optimiser's initial steps.
 *
 * Each group with more observations than random effects gets its own least-squares coefficients
 * b̂_i = (Z_iᵀZ_i)⁻¹ Z_iᵀy_i; σ² is pooled from their residuals, and the covariance of the random
 * effects is estimated as the spread of the b̂_i minus their average sampling covariance,
 * cov(b̂) - σ² mean((Z_iᵀZ_i)⁻¹) (the method-of-moments idea of Swamy 1970, Econometrica 38:311).
 * Dividing by σ² and taking the Cholesky factor gives θ. The fixed effects are ignored here, so the
 * spread includes what they explain (this is only a start). A variance estimated as negative is
 * floored at 5% of σ / (root mean square of that Z column); a covariance matrix that is not positive
 * definite keeps only its diagonal. Falls back to lme4's start (Λ = I) when no group qualifies.
 *
 * The initial steps are a quarter of each θ's row scale, so that the first simplex is on the scale
 * of every parameter (a random slope's θ is often a hundredth of the intercept's).
 */
export function startingTheta(data: GroupedCrossProducts): { theta: number[]; steps: number[] } {
  const { random: q, groups: m } = data;
  const diagonal = diagonalThetaIndices(q);
  const thetaLength = (q * (q + 1)) / 2;
  const fallback = {
    theta: Array.from({ length: thetaLength }, (_, k) => (diagonal.includes(k) ? 1 : 0)),
    steps: Array.from({ length: thetaLength }, () => 0.25),
  };
  const estimates: Float64Array[] = [];
  const meanInverse = new Float64Array(q * q);
  const secondMoments = new Float64Array(q);
  let residualSquares = 0;
  let residualDf = 0;
  const factor = new Float64Array(q * q);
  let totalObservations = 0;
  for (let g = 0; g < m; g++) {
    const size = data.sizes[g];
    totalObservations += size;
    for (let r = 0; r < q; r++) secondMoments[r] += data.zz[g * q * q + r * q + r];
    if (size <= q) continue;
    factor.set(data.zz.subarray(g * q * q, (g + 1) * q * q));
    if (!choleskyInPlace(factor, q)) continue;
    const inverse = inverseFromCholesky(factor, q);
    const coefficients = new Float64Array(q);
    let fitted = 0;
    for (let r = 0; r < q; r++) {
      for (let c = 0; c < q; c++) coefficients[r] += inverse[r * q + c] * data.zy[g * q + c];
      fitted += coefficients[r] * data.zy[g * q + r];
    }
    residualSquares += Math.max(0, data.groupYy[g] - fitted);
    residualDf += size - q;
    estimates.push(coefficients);
    for (let k = 0; k < q * q; k++) meanInverse[k] += inverse[k];
  }
  const k = estimates.length;
  if (k < 2 || !(residualSquares > 0)) return fallback;
  const variance = residualSquares / residualDf;
  const mean = new Float64Array(q);
  for (const estimate of estimates) for (let r = 0; r < q; r++) mean[r] += estimate[r] / k;
  const relative = new Float64Array(q * q);
  for (let r = 0; r < q; r++) {
    for (let c = 0; c <= r; c++) {
      let spread = 0;
      for (const estimate of estimates) spread += (estimate[r] - mean[r]) * (estimate[c] - mean[c]);
      relative[r * q + c] = (spread / (k - 1) - (variance * meanInverse[r * q + c]) / k) / variance;
    }
  }
  const floors = Array.from({ length: q }, (_, r) => 0.05 / Math.sqrt(secondMoments[r] / totalObservations));
  for (let r = 0; r < q; r++) relative[r * q + r] = Math.max(relative[r * q + r], floors[r] ** 2);
  factor.set(relative);
  if (!choleskyInPlace(factor, q)) {
    factor.fill(0);
    for (let r = 0; r < q; r++) factor[r * q + r] = Math.sqrt(relative[r * q + r]);
  }
  const theta: number[] = [];
  const steps: number[] = [];
  for (let c = 0; c < q; c++) {
    for (let r = c; r < q; r++) {
      theta.push(factor[r * q + c]);
      steps.push(0.25 * factor[r * q + r]);
    }
  }
  return theta.every(Number.isFinite) ? { theta, steps } : fallback;
}
