import type { DesignMatrix } from "../linear-algebra/matrix.js";
import { poissonFamily } from "./family.js";
import { failedGlm, prepareGlm, summariseGlm, type GlmFit, type GlmOptions } from "./generalized-linear-model.js";
import { iterativelyReweightedLeastSquares } from "./irls.js";

/**
 * **Poisson regression** (log link, optional offset) by maximum likelihood, as R's
 * `glm(y ~ ..., family = poisson, offset = log(exposure))`: for NSSI counts per person regressed on
 * instability, with the log of answered prompts (or days) as offset, as in Selby et al. (2013,
 * J Clin Psychol 69:1213, doi:10.1002/jclp.21966).
 *
 * Method: iteratively reweighted least squares (`iterativelyReweightedLeastSquares`) from R's
 * starting values μ = y + 0.1, to a relative deviance change below 1e-10. Wald z tests with
 * standard errors from (XᵀWX)⁻¹ (dispersion fixed at 1: with overdispersed counts these are too
 * small, and `negativeBinomialRegression` is the model to use). Counts may be non-integer (the
 * log-likelihood then uses the gamma function), as in quasi-Poisson use.
 *
 * Never throws on data: returns status "separation" when every count is 0 or a fitted rate runs to
 * 0 (for example all-zero counts in one group of a binary predictor), "not-converged",
 * "rank-deficient" or "invalid-input" (negative counts, NaN, an offset of log 0), with NaN numbers.
 * Checked against R's `glm` in tests/stats-glm.test.ts.
 *
 * Cost: O(n p²) per iteration, typically 5 to 8 iterations.
 *
 * @example
 * const x = designMatrix(persons, ["mssd_R*mssd_A"], { center: ["mssd_R", "mssd_A"] });
 * poissonRegression(x, persons.nssi, { offset: persons.prompts.map(Math.log) }).coefficients.pValue[3];
 */
export function poissonRegression(design: DesignMatrix, counts: ArrayLike<number>, options: GlmOptions = {}): GlmFit {
  const prepared = prepareGlm(design, counts, poissonFamily, options);
  if ("status" in prepared) return failedGlm(design, poissonFamily, prepared.status, prepared.message);
  const irls = iterativelyReweightedLeastSquares(design, counts, poissonFamily, prepared.weights, prepared.offset, options);
  return summariseGlm(design, counts, poissonFamily, prepared, irls, options);
}
