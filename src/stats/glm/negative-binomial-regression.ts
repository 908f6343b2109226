import type { DesignMatrix } from "../linear-algebra/matrix.js";
import { negativeBinomialFamily, poissonFamily } from "./family.js";
import { failedGlm, prepareGlm, summariseGlm, type GlmFit, type GlmOptions } from "./generalized-linear-model.js";
import { iterativelyReweightedLeastSquares } from "./irls.js";
import { thetaMaximumLikelihood } from "./theta-maximum-likelihood.js";

/** Options of `negativeBinomialRegression`. */
export interface NegativeBinomialOptions extends GlmOptions {
  /** Upper limit of θ, standing for the Poisson limit. Default 1e8. */
  maximumTheta?: number;
  /** Maximum rounds of (IRLS given θ, θ given μ). Default 50. */
  maxRounds?: number;
}

/** A negative binomial regression: a `GlmFit` plus the dispersion θ. */
export interface NegativeBinomialFit extends GlmFit {
  /** Maximum-likelihood θ (Var Y = μ + μ²/θ); NaN unless status is "ok". */
  readonly theta: number;
  /** Its standard error, sqrt(1 / observed information) at the final μ, as MASS reports it. */
  readonly thetaStandardError: number;
  /**
   * True when θ̂ reached `maximumTheta`: the counts are no more dispersed than Poisson counts, the
   * likelihood rises towards θ = Infinity, and the fit is the Poisson fit (MASS's `glm.nb` then
   * stops at its iteration limit with a very large θ and a warning).
   */
  readonly thetaAtBound: boolean;
  /** Rounds of the alternation. */
  readonly rounds: number;
}

/**
 * **Negative binomial regression** (log link, optional offset) with the dispersion θ estimated by
 * maximum likelihood, as `MASS::glm.nb`: for overdispersed NSSI counts (ESM base rates are low and
 * overdispersed; Selby et al. 2013 used negative binomial models for episode counts).
 *
 * Method, as glm.nb (Venables & Ripley 2002, section 7.4): a Poisson fit gives starting means; then
 * rounds alternate θ̂ given μ (`thetaMaximumLikelihood`) and IRLS for the coefficients given θ
 * (warm-started from the previous round), until θ changes by less than a relative 1e-9 and the
 * deviance by less than the IRLS tolerance; a last IRLS pass at the final θ makes coefficients and
 * θ consistent. The result is the joint maximum-likelihood estimate. Coefficient standard errors
 * are Wald's from (XᵀWX)⁻¹ at the final θ (β and θ are orthogonal in the information, so θ's
 * uncertainty does not enter, as in glm.nb); AIC counts θ as a parameter.
 *
 * Never throws on data: the statuses are those of `poissonRegression`, plus "not-converged" when
 * the rounds run out; Poisson-like counts give status "ok" with `thetaAtBound`. Checked against
 * `MASS::glm.nb` in tests/stats-glm.test.ts.
 *
 * @example
 * const fit = negativeBinomialRegression(x, persons.nssi, { offset: persons.prompts.map(Math.log) });
 * fit.theta; fit.coefficients.pValue;
 */
export function negativeBinomialRegression(design: DesignMatrix, counts: ArrayLike<number>, options: NegativeBinomialOptions = {}): NegativeBinomialFit {
  const failed = (fit: GlmFit, rounds = 0): NegativeBinomialFit => ({ ...fit, theta: Number.NaN, thetaStandardError: Number.NaN, thetaAtBound: false, rounds });
  const prepared = prepareGlm(design, counts, poissonFamily, options);
  if ("status" in prepared) return failed(failedGlm(design, negativeBinomialFamily(1), prepared.status, prepared.message));
  const { weights, offset } = prepared;

  let irls = iterativelyReweightedLeastSquares(design, counts, poissonFamily, weights, offset, options);
  if (irls.status !== "ok") return failed(summariseGlm(design, counts, poissonFamily, prepared, irls, options));
  const thetaOptions = { maximumTheta: options.maximumTheta ?? 1e8 };
  let estimate = thetaMaximumLikelihood(counts, irls.fittedValues, weights, thetaOptions);
  const maxRounds = options.maxRounds ?? 50;
  const tolerance = options.tolerance ?? 1e-10;
  let rounds = 0;
  let converged = false;
  let previousDeviance = Number.NaN;
  while (rounds < maxRounds && Number.isFinite(estimate.theta)) {
    rounds += 1;
    irls = iterativelyReweightedLeastSquares(design, counts, negativeBinomialFamily(estimate.theta), weights, offset, options, irls.coefficients);
    if (irls.status !== "ok") break;
    const next = thetaMaximumLikelihood(counts, irls.fittedValues, weights, { ...thetaOptions, start: estimate.theta });
    const thetaChange = Math.abs(Math.log(next.theta / estimate.theta));
    const devianceChange = Math.abs(irls.deviance - previousDeviance) / (Math.abs(irls.deviance) + 0.1);
    estimate = next;
    previousDeviance = irls.deviance;
    if ((thetaChange < 1e-9 || (next.atBound && thetaChange === 0)) && devianceChange < tolerance) {
      converged = true;
      break;
    }
  }
  const family = negativeBinomialFamily(estimate.theta);
  if (converged) irls = iterativelyReweightedLeastSquares(design, counts, family, weights, offset, options, irls.coefficients);
  else if (irls.status === "ok") irls = { ...irls, status: "not-converged", message: `the alternation of θ and the coefficients did not converge in ${maxRounds} rounds` };
  if (!Number.isFinite(estimate.theta)) irls = { ...irls, status: "not-converged", message: "the maximum-likelihood θ could not be computed" };
  const fit = summariseGlm(design, counts, family, prepared, irls, options, 1);
  if (fit.status !== "ok") return failed(fit, rounds);
  return { ...fit, theta: estimate.theta, thetaStandardError: estimate.standardError, thetaAtBound: estimate.atBound, rounds };
}
