/**
 * General statistics for Cascade Lab: distribution functions, least squares, GLMs and mixed models,
 * used by the ESM metrics, `cascade power` and `cascade validate`. Browser-safe (no `node:` imports).
 * See docs/statistics.md for each method, its convention and its source, and
 * tests/fixtures/r/stats/ for the R scripts whose fits the tests reproduce.
 */

// Special functions.
export { logGamma } from "./special/log-gamma.js";
export { logBeta } from "./special/log-beta.js";
export { digamma } from "./special/digamma.js";
export { trigamma } from "./special/trigamma.js";

// Distribution functions.
export { regularizedIncompleteBeta } from "./distributions/incomplete-beta.js";
export { regularizedIncompleteGamma } from "./distributions/incomplete-gamma.js";
export { normalCdf, normalDensity } from "./distributions/normal-cdf.js";
export { normalQuantile } from "./distributions/normal-quantile.js";
export { studentTCdf, studentTDensity } from "./distributions/student-t-cdf.js";
export { studentTQuantile } from "./distributions/student-t-quantile.js";
export { chiSquareCdf } from "./distributions/chi-square-cdf.js";
export { fCdf } from "./distributions/f-cdf.js";
export { twoSidedPValue } from "./distributions/two-sided-p-value.js";

// Designs and coefficient tables.
export { matrixFromColumns, type DesignMatrix, type Matrix } from "./linear-algebra/matrix.js";
export { completeCases, designMatrix, type DesignMatrixOptions } from "./design-matrix.js";
export { coefficientRow, confidenceIntervals, type CoefficientRow, type CoefficientTable, type FitStatus } from "./coefficient-table.js";

// Linear models and tests.
export { ordinaryLeastSquares, weightedLeastSquares, type LinearModelFit, type LinearModelOptions } from "./ordinary-least-squares.js";
export { welchTTest, type TTestOptions, type TTestResult } from "./welch-t-test.js";

// Generalised linear models.
export type { GlmFit, GlmOptions } from "./glm/generalized-linear-model.js";
export { poissonRegression } from "./glm/poisson-regression.js";
export { logisticRegression } from "./glm/logistic-regression.js";
export { negativeBinomialRegression, type NegativeBinomialFit, type NegativeBinomialOptions } from "./glm/negative-binomial-regression.js";
export { thetaMaximumLikelihood, type ThetaEstimate, type ThetaOptions } from "./glm/theta-maximum-likelihood.js";

// Mixed models.
export { linearMixedModel, type LinearMixedModelFit, type LinearMixedModelOptions } from "./mixed/linear-mixed-model.js";
export { twoStageSlopes, type TwoStageFit, type TwoStageOptions } from "./mixed/two-stage-slopes.js";

// Optimisation and numerical derivatives (exposed for model code that needs them).
export { nelderMead, type NelderMeadOptions, type NelderMeadResult } from "./optimize/nelder-mead.js";
export { numericalHessian, numericalJacobian, type FiniteDifferenceOptions } from "./optimize/finite-differences.js";
