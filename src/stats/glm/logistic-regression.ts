import type { DesignMatrix } from "../linear-algebra/matrix.js";
import { binomialFamily } from "./family.js";
import { failedGlm, prepareGlm, summariseGlm, type GlmFit, type GlmOptions } from "./generalized-linear-model.js";
import { iterativelyReweightedLeastSquares } from "./irls.js";

/**
 * **Logistic regression** (binomial family, logit link) by maximum likelihood, as R's
 * `glm(y ~ ..., family = binomial)`: for a binary outcome per person or per prompt (any NSSI in
 * the study period; an urge at a prompt). The outcome is 0/1, or a proportion with the number of
 * trials as weight.
 *
 * Method: iteratively reweighted least squares from R's starting values μ = (w y + 1/2) / (w + 1),
 * to a relative deviance change below 1e-10; Wald z tests. Returns status "separation" (NaN
 * numbers, never a throw) when every outcome is the same or a fitted probability reaches 0 or 1
 * within 1e-8, the sign of complete or quasi-complete separation, where the maximum-likelihood
 * estimates do not exist (Albert & Anderson 1984, Biometrika 71:1, doi:10.1093/biomet/71.1.1).
 * Checked against R's `glm` in tests/stats-glm.test.ts.
 *
 * @example
 * logisticRegression(designMatrix(persons, ["mssd_A"]), persons.anyNssi).coefficients.estimate;
 */
export function logisticRegression(design: DesignMatrix, outcome: ArrayLike<number>, options: GlmOptions = {}): GlmFit {
  const prepared = prepareGlm(design, outcome, binomialFamily, options);
  if ("status" in prepared) return failedGlm(design, binomialFamily, prepared.status, prepared.message);
  const irls = iterativelyReweightedLeastSquares(design, outcome, binomialFamily, prepared.weights, prepared.offset, options);
  return summariseGlm(design, outcome, binomialFamily, prepared, irls, options);
}
