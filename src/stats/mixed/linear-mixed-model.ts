import { CascadeError } from "../../errors.js";
import { coefficientTable, emptyTable, toNestedArrays, type CoefficientTable, type FitStatus } from "../coefficient-table.js";
import { householderQr } from "../linear-algebra/householder-qr.js";
import { allFinite, checkLength, interceptColumn, type DesignMatrix } from "../linear-algebra/matrix.js";
import { backSubstituteTransposed, inverseFromCholesky, invertMatrix } from "../linear-algebra/small-dense.js";
import { numericalHessian, numericalJacobian } from "../optimize/finite-differences.js";
import { nelderMead } from "../optimize/nelder-mead.js";
import { groupedCrossProducts, indexGroups, type GroupedCrossProducts } from "./grouped-cross-products.js";
import {
  devianceAtSigma,
  devianceFromSolution,
  devianceWorkspace,
  diagonalThetaIndices,
  evaluateDeviance,
  penalizedSolution,
  profiledDeviance,
  relativeFactor,
  type PenalizedSolution,
} from "./profiled-deviance.js";
import { startingTheta } from "./starting-values.js";

/** Options of `linearMixedModel`. */
export interface LinearMixedModelOptions {
  /** Restricted maximum likelihood (default true, as lmer's REML = TRUE) or maximum likelihood. */
  reml?: boolean;
  /**
   * Degrees of freedom of the fixed-effect t tests: "satterthwaite" (default; as lmerTest's summary)
   * or "normal" (Wald z tests, df = Infinity: cheaper, fine with many groups).
   */
  df?: "satterthwaite" | "normal";
  /**
   * Starting θ. Default: a moment estimate from per-group least-squares fits (`startingTheta`),
   * which puts the optimiser's first simplex near the optimum and on the scale of each parameter.
   */
  start?: readonly number[];
  /** Maximum deviance evaluations of the optimiser. Default 3000. */
  maxEvaluations?: number;
  /**
   * Relative (and absolute) deviance tolerance of the optimiser. Default 1e-10, which with the
   * parameter tolerance leaves θ within about 1e-6 (relative) of the optimum.
   */
  functionTolerance?: number;
  /** Tolerance on θ of the optimiser (relative to max(1, |θ|)). Default 1e-6. */
  parameterTolerance?: number;
  /** A diagonal element of Λ below this makes the fit "singular", as lme4's isSingular. Default 1e-4. */
  singularTolerance?: number;
}

/** The result of `linearMixedModel`. Every number is NaN unless `status` is "ok". */
export interface LinearMixedModelFit {
  readonly status: FitStatus;
  /** Why the fit failed; empty when `status` is "ok". */
  readonly message: string;
  /** Fixed effects with t statistics, df by `dfMethod`, and two-sided p-values. */
  readonly coefficients: CoefficientTable;
  readonly dfMethod: "satterthwaite" | "normal";
  /** Covariance of the fixed effects, σ² (R_XᵀR_X)⁻¹, as lme4's vcov. */
  readonly covariance: number[][];
  /** Names of the random effects (the columns of the random-effects design). */
  readonly randomEffectNames: readonly string[];
  /** Covariance matrix of one group's random effects, σ² Λ Λᵀ. */
  readonly randomEffectCovariance: number[][];
  /** Their standard deviations and correlations, as lme4's VarCorr. */
  readonly randomEffectStandardDeviations: number[];
  readonly randomEffectCorrelations: number[][];
  /** Residual standard deviation σ. */
  readonly sigma: number;
  /** Relative covariance factor θ at the optimum, in lme4's order. */
  readonly theta: number[];
  /** REML criterion (-2 restricted log-likelihood) or ML deviance at the optimum, as lme4's. */
  readonly deviance: number;
  /** -deviance / 2: the (restricted) log-likelihood. */
  readonly logLikelihood: number;
  /** deviance + 2 (p + number of θ + 1), as lme4's AIC (which for a REML fit uses the REML criterion). */
  readonly aic: number;
  readonly reml: boolean;
  /** True when a diagonal element of Λ is below `singularTolerance` (a variance at its boundary 0). */
  readonly singular: boolean;
  /** True when the optimiser met its convergence tests. */
  readonly converged: boolean;
  /** Deviance evaluations used by the optimiser. */
  readonly evaluations: number;
  readonly observations: number;
  /** Group labels in order of first appearance, and each group's conditional modes (BLUPs), m x q. */
  readonly groupLabels: readonly (number | string)[];
  readonly conditionalModes: number[][];
}

/**
 * **Linear mixed model** with one grouping factor and correlated random effects (an unstructured
 * q x q covariance), fitted by REML (default) or ML, as `lme4::lmer(y ~ X + (Z | group))`: for the
 * Zaki et al. (2013, Behavior Therapy 44:529, doi:10.1016/j.beth.2013.04.008) moderation of the
 * within-person rumination-to-urge slope by emotion differentiation,
 * urge ~ rumination_within * ED + (1 + rumination_within | person).
 *
 * Method (lme4's, Bates et al. 2015, J Stat Softw 67(1)): β and σ are profiled out of the
 * likelihood, leaving the deviance as a function of the relative covariance factor θ only
 * (`profiledDeviance`), which is minimised by a bounded Nelder-Mead search (`nelderMead`; diagonal
 * elements of Λ >= 0, so singular fits are reached exactly). Because Z is block diagonal by group,
 * each evaluation uses per-group q x q factorisations of precomputed cross-products
 * (`groupedCrossProducts`) instead of dense n x n matrices: after one O(n) pass, each evaluation
 * costs O(m q² p), so a few hundred persons with a hundred prompts each fit in milliseconds.
 *
 * Inference: fixed-effect covariance σ² (R_XᵀR_X)⁻¹ (lme4's vcov); t tests with Satterthwaite
 * degrees of freedom computed as lmerTest does (Kuznetsova, Brockhoff & Christensen 2017, J Stat
 * Softw 82(13), doi:10.18637/jss.v082.i13): the asymptotic covariance of the variance parameters
 * (θ, σ) is twice the inverse Hessian of the deviance, the gradient of Var(β̂_j) with respect to
 * them is taken numerically, and df_j = 2 Var(β̂_j)² / (gᵀ A g). With `df: "normal"`, Wald z tests.
 * Both are Wald tests: with few groups they are liberal; Satterthwaite's df correct part of that.
 *
 * Never throws on data: returns status "invalid-input" (NaN values), "too-few-observations" (fewer
 * than 2 groups, or no residual df), "rank-deficient" (fixed-effect design) or "not-converged",
 * with NaN numbers. A singular fit (a variance estimated as 0) is a valid answer: status "ok",
 * `singular` true. Throws a `CascadeError` only when argument lengths disagree.
 * Checked against lme4::lmer and lmerTest in tests/stats-mixed.test.ts.
 *
 * @param design fixed-effect design matrix X (n x p), for example from `designMatrix`
 * @param outcome the outcome y (n)
 * @param groups the group (person) of each observation; any labels, in any order
 * @param randomDesign random-effect design Z (n x q), for example
 *   `designMatrix({ rumination_within }, ["rumination_within"])` for a random intercept and slope
 * @example
 * const x = designMatrix(prompts, ["rumination_within*ed"]);
 * const z = designMatrix(prompts, ["rumination_within"]);
 * const fit = linearMixedModel(x, prompts.urge, prompts.person, z);
 * fit.coefficients.pValue[3]; // the cross-level interaction
 */
export function linearMixedModel(
  design: DesignMatrix,
  outcome: ArrayLike<number>,
  groups: ArrayLike<number | string>,
  randomDesign: DesignMatrix,
  options: LinearMixedModelOptions = {},
): LinearMixedModelFit {
  const n = design.rows;
  const p = design.columns;
  const q = randomDesign.columns;
  checkLength(outcome, n, "outcome");
  checkLength(groups, n, "groups");
  if (randomDesign.rows !== n) throw new CascadeError(`expected ${n} rows in the random-effects design, got ${randomDesign.rows}`, { field: "randomDesign" });
  const reml = options.reml ?? true;
  const dfMethod = options.df ?? "satterthwaite";
  const fail = (status: FitStatus, message: string, evaluations = 0): LinearMixedModelFit =>
    failedMixedModel(design, randomDesign, status, message, reml, dfMethod, evaluations);

  if (!allFinite(design.values) || !allFinite(randomDesign.values)) return fail("invalid-input", "a design matrix has a NaN or infinite value");
  if (!allFinite(outcome)) return fail("invalid-input", "the outcome has a NaN or infinite value");
  const grouping = indexGroups(groups);
  const thetaLength = (q * (q + 1)) / 2;
  if (grouping.labels.length < 2) return fail("too-few-observations", `${grouping.labels.length} group(s): a random effect needs at least 2`);
  if (n - p <= thetaLength) return fail("too-few-observations", `${n} observations for ${p} fixed effects and ${thetaLength + 1} variance parameters`);
  // lme4's check.nobs.vs.nRE: with no more observations than random effects, the variance
  // parameters and the residual variance are not identifiable.
  if (n <= grouping.labels.length * q) {
    return fail("too-few-observations", `${n} observations for ${grouping.labels.length * q} random effects: the variances are not identifiable`);
  }
  const rank = householderQr(design, null, 1e-7);
  if (!rank.fullRank) {
    return fail("rank-deficient", `column "${design.names[rank.dependentColumn]}" is (numerically) a linear combination of the columns before it`);
  }

  // Centre y on its mean when X has an intercept: only the intercept changes, and r²(θ), a
  // difference of sums of squares, then loses fewer digits.
  const intercept = interceptColumn(design);
  let shift = 0;
  if (intercept >= 0) {
    for (let i = 0; i < n; i++) shift += outcome[i];
    shift /= n;
  }
  const data = groupedCrossProducts(design, randomDesign, outcome, grouping, shift);

  const diagonal = diagonalThetaIndices(q);
  const initial = startingTheta(data);
  const start = options.start ?? initial.theta;
  const lower = start.map((_, k) => (diagonal.includes(k) ? 0 : Number.NEGATIVE_INFINITY));
  const work = devianceWorkspace(data);
  const optimum = nelderMead((theta) => profiledDeviance(data, theta, reml, work), start, {
    lower,
    initialStep: initial.steps,
    functionTolerance: options.functionTolerance ?? 1e-10,
    parameterTolerance: options.parameterTolerance ?? 1e-6,
    maxEvaluations: options.maxEvaluations ?? 3000,
  });
  const theta = optimum.x;
  const solution = penalizedSolution(data, theta);
  if (!optimum.converged || solution === null || !Number.isFinite(optimum.value)) {
    return fail("not-converged", `the optimiser stopped after ${optimum.evaluations} deviance evaluations without converging`, optimum.evaluations);
  }

  // σ² = r² / (n - p) (REML) or r² / n (ML), with r² recomputed from explicit residuals.
  const modes = conditionalModes(data, solution, theta);
  const r2 = explicitPenalizedResiduals(design, randomDesign, outcome, shift, data, solution.beta, modes.effects, modes.spherical);
  const residualDf = reml ? n - p : n;
  const variance = r2 / residualDf;
  const sigma = Math.sqrt(variance);
  const unscaled = inverseFromCholesky(solution.fixedFactor, p);
  const covariance = unscaled.map((value) => value * variance);
  const beta = Float64Array.from(solution.beta);
  if (intercept >= 0) beta[intercept] += shift;

  const df = dfMethod === "normal" ? Number.POSITIVE_INFINITY : satterthwaiteDf(data, theta, sigma, reml, covariance);
  const lambda = relativeFactor(theta, q);
  const randomCovariance = new Float64Array(q * q);
  for (let r = 0; r < q; r++) {
    for (let c = 0; c < q; c++) {
      let sum = 0;
      for (let k = 0; k <= Math.min(r, c); k++) sum += lambda[r * q + k] * lambda[c * q + k];
      randomCovariance[r * q + c] = variance * sum;
    }
  }
  const standardDeviations = Array.from({ length: q }, (_, r) => Math.sqrt(randomCovariance[r * q + r]));
  const correlations = Array.from({ length: q }, (_, r) =>
    Array.from({ length: q }, (_, c) => (r === c ? 1 : randomCovariance[r * q + c] / (standardDeviations[r] * standardDeviations[c]))),
  );
  const deviance = devianceFromSolution({ ...solution, penalizedResidualSumOfSquares: r2 }, data, reml);
  const singularTolerance = options.singularTolerance ?? 1e-4;
  return {
    status: "ok",
    message: "",
    coefficients: coefficientTable(design.names, beta, covariance, df),
    dfMethod,
    covariance: toNestedArrays(covariance, p),
    randomEffectNames: randomDesign.names,
    randomEffectCovariance: toNestedArrays(randomCovariance, q),
    randomEffectStandardDeviations: standardDeviations,
    randomEffectCorrelations: correlations,
    sigma,
    theta: [...theta],
    deviance,
    logLikelihood: -deviance / 2,
    aic: deviance + 2 * (p + thetaLength + 1),
    reml,
    singular: diagonal.some((k) => theta[k] < singularTolerance),
    converged: true,
    evaluations: optimum.evaluations,
    observations: n,
    groupLabels: grouping.labels,
    conditionalModes: Array.from({ length: data.groups }, (_, g) => Array.from(modes.effects.subarray(g * q, (g + 1) * q))),
  };
}

/** Conditional modes: u_i = L_i⁻ᵀ (c_u,i - R_ZX,i β) (spherical) and b_i = Λ u_i. */
function conditionalModes(data: GroupedCrossProducts, solution: PenalizedSolution, theta: readonly number[]): { spherical: Float64Array; effects: Float64Array } {
  const { random: q, fixed: p, groups: m } = data;
  const lambda = relativeFactor(theta, q);
  const spherical = new Float64Array(m * q);
  const effects = new Float64Array(m * q);
  for (let g = 0; g < m; g++) {
    for (let r = 0; r < q; r++) {
      let value = solution.groupRhs[g * q + r];
      for (let j = 0; j < p; j++) value -= solution.groupCross[g * q * p + r * p + j] * solution.beta[j];
      spherical[g * q + r] = value;
    }
    backSubstituteTransposed(solution.groupFactors, q, spherical, g * q, g * q * q);
    for (let r = 0; r < q; r++) {
      let sum = 0;
      for (let k = 0; k <= r; k++) sum += lambda[r * q + k] * spherical[g * q + k];
      effects[g * q + r] = sum;
    }
  }
  return { spherical, effects };
}

/** r² = |y - Xβ - Zb|² + |u|², summed from explicit residuals (more accurate than the difference form). */
function explicitPenalizedResiduals(
  design: DesignMatrix,
  randomDesign: DesignMatrix,
  outcome: ArrayLike<number>,
  shift: number,
  data: GroupedCrossProducts,
  beta: Float64Array,
  effects: Float64Array,
  spherical: Float64Array,
): number {
  const n = design.rows;
  const { fixed: p, random: q } = data;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const g = data.groupOf[i];
    let residual = outcome[i] - shift;
    for (let j = 0; j < p; j++) residual -= design.values[j * n + i] * beta[j];
    for (let r = 0; r < q; r++) residual -= randomDesign.values[r * n + i] * effects[g * q + r];
    sum += residual * residual;
  }
  for (let k = 0; k < spherical.length; k++) sum += spherical[k] * spherical[k];
  return sum;
}

/**
 * Steps of the numerical derivatives for the Satterthwaite df: h = 0.01 |x| with two Richardson
 * levels (error O(h⁴) ~ 1e-8 relative), a fifth of the evaluations of numDeriv's default (0.1, four
 * levels) that lmerTest uses, with the same answer to about 1e-7 on the reference fits.
 */
const DERIVATIVE_STEPS = { relativeStep: 0.01, levels: 2 };

/**
 * Satterthwaite df of each fixed effect, lmerTest's method: A = 2 H⁻¹ with H the Hessian of the
 * deviance in (θ, σ) at the optimum, g_k = d Var(β̂_j) / d (θ, σ)_k, df_j = 2 Var(β̂_j)² / (gᵀ A g).
 * NaN for every coefficient when H cannot be inverted.
 */
function satterthwaiteDf(data: GroupedCrossProducts, theta: readonly number[], sigma: number, reml: boolean, covariance: Float64Array): number[] {
  const p = data.fixed;
  const parameters = [...theta, sigma];
  const k = parameters.length;
  const work = devianceWorkspace(data);
  const deviance = (varpar: readonly number[]): number => devianceAtSigma(data, varpar.slice(0, -1), varpar[varpar.length - 1], reml, work);
  const hessian = numericalHessian(deviance, parameters, DERIVATIVE_STEPS);
  const inverse = invertMatrix(hessian, k);
  if (inverse === null) return Array.from({ length: p }, () => Number.NaN);
  const coefficientCovariance = (varpar: readonly number[]): Float64Array => {
    if (!evaluateDeviance(data, varpar.slice(0, -1), work)) return new Float64Array(p * p).fill(Number.NaN);
    const scale = varpar[varpar.length - 1] ** 2;
    return inverseFromCholesky(work.fixedFactor, p).map((value) => value * scale);
  };
  const jacobian = numericalJacobian(coefficientCovariance, parameters, DERIVATIVE_STEPS);
  return Array.from({ length: p }, (_, j) => {
    const gradient = jacobian.map((row) => row[j * p + j]);
    let denominator = 0;
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) denominator += gradient[a] * 2 * inverse[a * k + b] * gradient[b];
    const varianceJ = covariance[j * p + j];
    return (2 * varianceJ * varianceJ) / denominator;
  });
}

function failedMixedModel(
  design: DesignMatrix,
  randomDesign: DesignMatrix,
  status: FitStatus,
  message: string,
  reml: boolean,
  dfMethod: "satterthwaite" | "normal",
  evaluations: number,
): LinearMixedModelFit {
  const p = design.columns;
  const q = randomDesign.columns;
  const nan = Number.NaN;
  const square = (size: number): number[][] => Array.from({ length: size }, () => Array.from({ length: size }, () => nan));
  return {
    status,
    message,
    coefficients: emptyTable(design.names),
    dfMethod,
    covariance: square(p),
    randomEffectNames: randomDesign.names,
    randomEffectCovariance: square(q),
    randomEffectStandardDeviations: Array.from({ length: q }, () => nan),
    randomEffectCorrelations: square(q),
    sigma: nan,
    theta: Array.from({ length: (q * (q + 1)) / 2 }, () => nan),
    deviance: nan,
    logLikelihood: nan,
    aic: nan,
    reml,
    singular: false,
    converged: false,
    evaluations,
    observations: design.rows,
    groupLabels: [],
    conditionalModes: [],
  };
}
