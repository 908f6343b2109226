import { afterAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { designMatrix } from "../src/stats/design-matrix.js";
import { linearMixedModel, type LinearMixedModelFit } from "../src/stats/mixed/linear-mixed-model.js";
import { twoStageSlopes } from "../src/stats/mixed/two-stage-slopes.js";
import { nelderMead } from "../src/stats/optimize/nelder-mead.js";
import { numericalHessian, numericalJacobian } from "../src/stats/optimize/finite-differences.js";
import { ErrorTracker, readRCsv, readRJson } from "./helpers/r-reference.js";

// Reference fits: tests/fixtures/r/stats/make_mixed_reference.R (lme4::lmer with tight optimiser
// tolerances, lmerTest's Satterthwaite df). Tolerance 1e-4 relative, as the brief sets for the mixed
// model: the two programs minimise the same profiled REML deviance with different optimisers
// (BOBYQA in lme4, Nelder-Mead here), each stopping when its own criterion is met, so θ agrees to
// about the optimisers' tolerances, and the Satterthwaite df come from numerical second derivatives
// in both. In practice the agreement is closer (see the printed maximum).

interface LmerReference {
  names: string[];
  estimate: number[];
  standard_error: number[];
  df: number[];
  statistic: number[];
  p_value: number[];
  theta: number[];
  sigma: number;
  variance_components: { names: string[]; variance: number[]; sd_cor: number[] };
  deviance: number;
  log_likelihood: number;
  aic: number;
  singular: boolean;
  covariance: number[][];
  conditional_modes: number[][];
}
interface TwoStageReference {
  slopes: number[];
  standard_errors: number[];
  tau2: number;
  random_effects: { estimate: number[]; standard_error: number[]; p_value: number[] };
  inverse_variance: { estimate: number[]; standard_error: number[]; p_value: number[] };
  equal: { estimate: number[]; standard_error: number[]; p_value: number[] };
}
const reference = readRJson<{
  zaki_reml: LmerReference;
  zaki_ml: LmerReference;
  singular_reml: LmerReference;
  intercept_reml: LmerReference;
  zaki_two_stage: TwoStageReference;
}>("mixed.json");
const zaki = readRCsv("mixed_zaki.csv");
const singular = readRCsv("mixed_singular.csv");
const interceptOnly = readRCsv("mixed_intercept.csv");

// One tracker per kind of quantity, all at the 1e-4 tolerance, so that the printed maxima say where
// the differences are (p-values amplify small differences in t: dp/p ~ t² dt/t).
const trackers = {
  fixed: new ErrorTracker(1e-4),
  df: new ErrorTracker(1e-4),
  p: new ErrorTracker(1e-4),
  variance: new ErrorTracker(1e-4),
  likelihood: new ErrorTracker(1e-4),
  modes: new ErrorTracker(1e-4),
};
const twoStageCheck = new ErrorTracker(1e-10);
afterAll(() => {
  const summary = Object.entries(trackers).map(([name, t]) => `${name} ${t.maximum.toExponential(1)}`);
  console.log(`max relative error vs R: lmer ${summary.join(", ")}; two-stage ${twoStageCheck.maximum.toExponential(1)}`);
});

function fitSlopeModel(data: Record<string, number[]>, reml = true): LinearMixedModelFit {
  return linearMixedModel(designMatrix(data, ["rum_w*ed"]), data.urge, data.person, designMatrix(data, ["rum_w"]), { reml });
}

function compareLmer(fit: LinearMixedModelFit, expected: LmerReference, label: string): void {
  const { fixed, df, p, variance, likelihood, modes } = trackers;
  expect(fit.status, fit.message).toBe("ok");
  expect(fit.converged).toBe(true);
  expect(fit.coefficients.names).toEqual(expected.names);
  fixed.checkAll(fit.coefficients.estimate, expected.estimate, `${label} estimate`);
  fixed.checkAll(fit.coefficients.standardError, expected.standard_error, `${label} SE`);
  fixed.checkAll(fit.coefficients.statistic, expected.statistic, `${label} t`);
  fit.covariance.forEach((row, i) => fixed.checkAll(row, expected.covariance[i], `${label} vcov row ${i}`));
  df.checkAll(fit.coefficients.df, expected.df, `${label} Satterthwaite df`);
  p.checkAll(fit.coefficients.pValue, expected.p_value, `${label} p`);
  variance.check(fit.sigma, expected.sigma, `${label} sigma`);
  likelihood.check(fit.deviance, expected.deviance, `${label} deviance`);
  likelihood.check(fit.logLikelihood, expected.log_likelihood, `${label} logLik`);
  likelihood.check(fit.aic, expected.aic, `${label} AIC`);
  expect(fit.singular).toBe(expected.singular);
  // VarCorr order: each random effect's variance, then the covariances, then the residual.
  const q = fit.randomEffectNames.length;
  const variances = fit.randomEffectStandardDeviations.map((sd) => sd * sd);
  const covariances: number[] = [];
  const correlations: number[] = [];
  for (let c = 0; c < q; c++) {
    for (let r = c + 1; r < q; r++) {
      covariances.push(fit.randomEffectCovariance[r][c]);
      correlations.push(fit.randomEffectCorrelations[r][c]);
    }
  }
  variance.checkAll([...variances, ...covariances, fit.sigma ** 2], expected.variance_components.variance, `${label} variance components`);
  if (!expected.singular) {
    // A singular fit's θ sits on the boundary, where lme4's and our optimiser stop at different
    // distances from 0 (the deviance is flat there); compare θ only for interior optima.
    variance.checkAll(fit.theta, expected.theta, `${label} theta`);
    variance.checkAll(correlations, expected.variance_components.sd_cor.slice(q, q + covariances.length), `${label} correlations`);
  }
  fit.conditionalModes.forEach((values, g) => modes.checkAll(values, expected.conditional_modes[g], `${label} conditional modes ${g}`));
}

describe("linearMixedModel against lme4::lmer and lmerTest", () => {
  it("fits the Zaki-style random-slope moderation model by REML, with Satterthwaite df", () => {
    compareLmer(fitSlopeModel(zaki), reference.zaki_reml, "zaki REML");
  });
  it("fits it by maximum likelihood", () => {
    compareLmer(fitSlopeModel(zaki, false), reference.zaki_ml, "zaki ML");
  });
  it("reaches a singular fit (slope variance 0) and flags it", () => {
    const fit = fitSlopeModel(singular);
    compareLmer(fit, reference.singular_reml, "singular REML");
    expect(fit.theta[2]).toBeLessThan(1e-4);
  });
  it("fits a random-intercept model on unbalanced groups", () => {
    const x = designMatrix(interceptOnly, ["rum_w", "ed"]);
    const z = designMatrix(interceptOnly, []);
    compareLmer(linearMixedModel(x, interceptOnly.urge, interceptOnly.person, z), reference.intercept_reml, "intercept REML");
  });
});

describe("two-stage slopes against R", () => {
  const expected = reference.zaki_two_stage;
  it("reproduces the per-person OLS slopes and their standard errors", () => {
    const fit = twoStageSlopes(zaki.urge, zaki.rum_w, zaki.person, { ed: zaki.ed });
    twoStageCheck.checkAll(fit.slopes, expected.slopes, "slopes");
    twoStageCheck.checkAll(fit.slopeStandardErrors, expected.standard_errors, "slope SEs");
    expect(fit.excludedGroups).toBe(0);
  });
  it("reproduces the second stage with random-effects, inverse-variance and equal weights", () => {
    for (const [weighting, values] of [
      ["random-effects", expected.random_effects],
      ["inverse-variance", expected.inverse_variance],
      ["equal", expected.equal],
    ] as const) {
      const fit = twoStageSlopes(zaki.urge, zaki.rum_w, zaki.person, { ed: zaki.ed }, { weighting });
      expect(fit.status).toBe("ok");
      twoStageCheck.checkAll(fit.regression.coefficients.estimate, values.estimate, `${weighting} estimate`);
      twoStageCheck.checkAll(fit.regression.coefficients.standardError, values.standard_error, `${weighting} SE`);
      twoStageCheck.checkAll(fit.regression.coefficients.pValue, values.p_value, `${weighting} p`);
      if (weighting === "random-effects") twoStageCheck.check(fit.tau2, expected.tau2, "tau2");
    }
  });
  it("leaves out persons with too few observations or a constant predictor", () => {
    const fit = twoStageSlopes([1, 3, 2, 4, 5, 6, 7, 8, 9], [1, 2, 3, 1, 1, 1, 2, 3, 1], ["a", "a", "a", "b", "b", "b", "c", "c", "c"], {
      m: [0, 0, 0, 1, 1, 1, 2, 2, 2],
    });
    expect(fit.excludedGroups).toBe(1);
    expect(fit.groupLabels).toEqual(["a", "c"]);
    expect(fit.status).toBe("too-few-observations");
  });
});

describe("linearMixedModel properties and failures", () => {
  it("gives the same fit whatever the order of the rows and the group labels", () => {
    const fit = fitSlopeModel(zaki);
    const order = zaki.urge.map((_, i) => i).reverse();
    const permuted = Object.fromEntries(Object.entries(zaki).map(([name, values]) => [name, order.map((i) => values[i])]));
    permuted.person = permuted.person.map((p) => 1000 - p);
    const refit = fitSlopeModel(permuted);
    refit.coefficients.estimate.forEach((b, j) => expect(b).toBeCloseTo(fit.coefficients.estimate[j], 7));
    expect(refit.deviance).toBeCloseTo(fit.deviance, 7);
  });
  it("moves only the intercept when a constant is added to the outcome (to optimiser precision)", () => {
    const fit = fitSlopeModel(zaki);
    const shifted = fitSlopeModel({ ...zaki, urge: zaki.urge.map((u) => u + 1000) });
    expect(shifted.coefficients.estimate[0] - fit.coefficients.estimate[0]).toBeCloseTo(1000, 6);
    // The optimiser stops within about 1e-6 (relative) of the optimum θ, in a different place for
    // the shifted data; the estimates move by far less than their standard errors.
    for (const j of [1, 2, 3]) expect(Math.abs(shifted.coefficients.estimate[j] - fit.coefficients.estimate[j])).toBeLessThan(1e-5 * fit.coefficients.standardError[j]);
    expect(Math.abs(shifted.sigma / fit.sigma - 1)).toBeLessThan(1e-7);
  });
  it("gives normal-reference p-values with df = Infinity on request", () => {
    const x = designMatrix(zaki, ["rum_w*ed"]);
    const fit = linearMixedModel(x, zaki.urge, zaki.person, designMatrix(zaki, ["rum_w"]), { df: "normal" });
    expect(fit.coefficients.df.every((d) => d === Number.POSITIVE_INFINITY)).toBe(true);
    expect(fit.dfMethod).toBe("normal");
  });
  it("returns a status and NaN for NaN input, one group, or a dependent column; never throws", () => {
    const x = designMatrix(zaki, ["rum_w"]);
    const z = designMatrix(zaki, ["rum_w"]);
    const urge = [...zaki.urge];
    urge[3] = Number.NaN;
    expect(linearMixedModel(x, urge, zaki.person, z).status).toBe("invalid-input");
    expect(linearMixedModel(x, zaki.urge, zaki.person.map(() => 1), z).status).toBe("too-few-observations");
    // As lme4: no more observations than random effects (here 2 per person, 2 random effects each).
    const twoEach = designMatrix({ w: [1, 2, 1, 3, 2, 1, 4, 2] }, ["w"]);
    const tooFew = linearMixedModel(twoEach, [1, 2, 2, 4, 3, 1, 5, 3], [1, 1, 2, 2, 3, 3, 4, 4], twoEach);
    expect(tooFew.status).toBe("too-few-observations");
    expect(tooFew.message).toMatch(/not identifiable/);
    const dependent = designMatrix({ ...zaki, twice: zaki.rum_w.map((v) => 2 * v) }, ["rum_w", "twice"]);
    const fit = linearMixedModel(dependent, zaki.urge, zaki.person, z);
    expect(fit.status).toBe("rank-deficient");
    expect(fit.coefficients.estimate.every(Number.isNaN)).toBe(true);
  });
});

describe("optimiser and numerical derivatives", () => {
  it("nelderMead minimises a bounded quadratic, also when the minimum is on the bound", () => {
    fc.assert(
      fc.property(fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true }), (a, b) => {
        const quadratic = (x: readonly number[]): number => (x[0] - a) ** 2 + 2 * (x[1] - b) ** 2 + 0.5 * (x[0] - a) * (x[1] - b);
        const result = nelderMead(quadratic, [1, 1], { lower: [0, Number.NEGATIVE_INFINITY] });
        expect(result.converged).toBe(true);
        // Unconstrained optimum (a, b); with x0 >= 0 and a < 0 the optimum is on x0 = 0, x1 = b + a/8.
        const expected = [Math.max(a, 0), a >= 0 ? b : b + (0.5 * a) / 4];
        // The optimiser stops when its simplex's values are within the function tolerance (1e-10)
        // of each other, a few times that above the minimum ...
        expect(result.value - quadratic(expected)).toBeLessThanOrEqual(1e-9 * (1 + quadratic(expected)));
        // ... which pins the point down to about sqrt(1e-9) = 3e-5.
        expect(Math.abs(result.x[0] - expected[0])).toBeLessThan(1e-4);
        expect(Math.abs(result.x[1] - expected[1])).toBeLessThan(1e-4);
      }),
    );
  });
  it("nelderMead finds the Rosenbrock valley's minimum", () => {
    const result = nelderMead((x) => 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2, [-1.2, 1]);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 6);
    expect(result.x[1]).toBeCloseTo(1, 6);
  });
  it("numerical Hessian and Jacobian match closed forms", () => {
    const f = (x: readonly number[]): number => Math.exp(x[0]) * Math.sin(x[1]) + x[0] * x[1] ** 3;
    const [u, v] = [0.3, 1.1];
    const hessian = numericalHessian(f, [u, v]);
    expect(hessian[0]).toBeCloseTo(Math.exp(u) * Math.sin(v), 8);
    expect(hessian[1]).toBeCloseTo(Math.exp(u) * Math.cos(v) + 3 * v * v, 8);
    expect(hessian[3]).toBeCloseTo(-Math.exp(u) * Math.sin(v) + 6 * u * v, 8);
    const jacobian = numericalJacobian((x) => [x[0] * x[1], Math.log(x[1])], [u, v]);
    expect(jacobian[0][0]).toBeCloseTo(v, 10);
    expect(jacobian[1][0]).toBeCloseTo(u, 10);
    expect(jacobian[1][1]).toBeCloseTo(1 / v, 10);
  });
});
