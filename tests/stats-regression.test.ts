import { afterAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { CascadeError } from "../src/errors.js";
import { completeCases, designMatrix } from "../src/stats/design-matrix.js";
import { matrixFromColumns } from "../src/stats/linear-algebra/matrix.js";
import { ordinaryLeastSquares, weightedLeastSquares, type LinearModelFit } from "../src/stats/ordinary-least-squares.js";
import { coefficientRow, confidenceIntervals } from "../src/stats/coefficient-table.js";
import { welchTTest, type TTestResult } from "../src/stats/welch-t-test.js";
import { ErrorTracker, readRCsv, readRJson } from "./helpers/r-reference.js";

// Reference fits: tests/fixtures/r/stats/make_regression_reference.R (R's lm, t.test). Least
// squares by QR is exact up to rounding, so well-conditioned fits agree with R to 1e-10 relative;
// the ill-conditioned polynomial is checked on what it determines well (fitted values) and more
// loosely on its coefficients, which both programs get only to about cond(X) x 1e-16.

interface LmReference {
  names: string[];
  estimate: number[];
  standard_error: number[];
  statistic: number[];
  p_value: number[];
  df_residual: number;
  sigma: number;
  r_squared: number;
  adjusted_r_squared: number;
  f_statistic: number | null;
  f_df: (number | null)[];
  f_p_value: number | null;
  log_likelihood: number;
  aic: number;
  covariance: number[][];
  confint: number[][];
  residuals: number[];
}
interface TReference {
  statistic: number;
  df: number;
  p_value: number;
  confidence_interval: number[];
  means: number[];
  standard_error: number;
}
const reference = readRJson<{
  interaction: LmReference;
  weighted: LmReference;
  no_intercept: LmReference;
  polynomial: LmReference;
  welch: TReference;
  welch_less_90: TReference;
  welch_greater: TReference;
  student: TReference;
}>("regression.json");
const data = readRCsv("regression_data.csv");
const welchData = readRCsv("welch_data.csv");

const lmCheck = new ErrorTracker(1e-10);
const tCheck = new ErrorTracker(1e-10);
afterAll(() => {
  console.log(`max relative error vs R: lm ${lmCheck.maximum.toExponential(1)} (${lmCheck.worstCase}), t.test ${tCheck.maximum.toExponential(1)}`);
});

function compareLm(fit: LinearModelFit, expected: LmReference, label: string, check = lmCheck): void {
  expect(fit.status).toBe("ok");
  expect(fit.coefficients.names).toEqual(expected.names);
  check.checkAll(fit.coefficients.estimate, expected.estimate, `${label} estimate`);
  check.checkAll(fit.coefficients.standardError, expected.standard_error, `${label} SE`);
  check.checkAll(fit.coefficients.statistic, expected.statistic, `${label} t`);
  check.checkAll(fit.coefficients.pValue, expected.p_value, `${label} p`);
  expect(fit.dfResidual).toBe(expected.df_residual);
  check.check(fit.sigma, expected.sigma, `${label} sigma`);
  check.check(fit.rSquared, expected.r_squared, `${label} R2`);
  check.check(fit.adjustedRSquared, expected.adjusted_r_squared, `${label} adjusted R2`);
  check.check(fit.fStatistic, expected.f_statistic ?? Number.NaN, `${label} F`);
  check.check(fit.fPValue, expected.f_p_value ?? Number.NaN, `${label} F p`);
  check.check(fit.logLikelihood, expected.log_likelihood, `${label} logLik`);
  check.check(fit.aic, expected.aic, `${label} AIC`);
  fit.covariance.forEach((row, i) => check.checkAll(row, expected.covariance[i], `${label} vcov row ${i}`));
  const intervals = confidenceIntervals(fit.coefficients);
  check.checkAll(intervals.lower, expected.confint.map((row) => row[0]), `${label} confint lower`);
  check.checkAll(intervals.upper, expected.confint.map((row) => row[1]), `${label} confint upper`);
}

describe("ordinaryLeastSquares against R's lm", () => {
  it("fits the Selby-style interaction model y ~ mssd_R * mssd_A", () => {
    const x = designMatrix(data, ["mssd_R*mssd_A"]);
    compareLm(ordinaryLeastSquares(x, data.y), reference.interaction, "interaction");
  });
  it("fits weighted least squares (weights = answered prompts)", () => {
    const x = designMatrix(data, ["mssd_R*mssd_A"]);
    compareLm(weightedLeastSquares(x, data.y, data.prompts), reference.weighted, "weighted");
  });
  it("forms R² and F around 0 without an intercept", () => {
    const x = designMatrix(data, ["mssd_R", "mssd_A"], { intercept: false });
    compareLm(ordinaryLeastSquares(x, data.y), reference.no_intercept, "no intercept");
  });
  it("keeps an ill-conditioned polynomial accurate (QR, not normal equations)", () => {
    const x = designMatrix({ ...data, daySquared: data.day.map((d) => d * d) }, ["day", "daySquared"]);
    const fit = ordinaryLeastSquares(x, data.trend);
    const expected = reference.polynomial;
    // The residuals and fit statistics are well determined.
    const wellDetermined = new ErrorTracker(1e-9);
    wellDetermined.checkAll(fit.residuals, expected.residuals, "polynomial residuals");
    wellDetermined.check(fit.sigma, expected.sigma, "polynomial sigma");
    wellDetermined.check(fit.rSquared, expected.r_squared, "polynomial R2");
    // Coefficients of 1, d, d² with d near 1000: cond(X) is about 1e11, so each program's
    // coefficients carry a relative error of up to about 1e-5.
    const coefficients = new ErrorTracker(1e-5);
    coefficients.checkAll(fit.coefficients.estimate, expected.estimate, "polynomial estimate");
    coefficients.checkAll(fit.coefficients.standardError, expected.standard_error, "polynomial SE");
  });
});

describe("coefficientRow", () => {
  it("returns a coefficient by name, and names the columns when the name is wrong", () => {
    const fit = ordinaryLeastSquares(designMatrix(data, ["mssd_R*mssd_A"]), data.y);
    const row = coefficientRow(fit.coefficients, "mssd_R:mssd_A");
    expect(row.estimate).toBe(fit.coefficients.estimate[3]);
    expect(row.pValue).toBe(fit.coefficients.pValue[3]);
    expect(() => coefficientRow(fit.coefficients, "mssd_R:mssd_a")).toThrow(/did you mean "mssd_R:mssd_A"/);
  });
});

describe("least squares properties", () => {
  // Data on the scale of real measurements: values with two decimals.
  const measurement = (bound: number): fc.Arbitrary<number> => fc.integer({ min: -100 * bound, max: 100 * bound }).map((v) => v / 100);
  const smallDesign = fc.integer({ min: 6, max: 30 }).chain((n) =>
    fc.record({
      x1: fc.array(measurement(10), { minLength: n, maxLength: n }),
      x2: fc.array(measurement(10), { minLength: n, maxLength: n }),
      y: fc.array(measurement(100), { minLength: n, maxLength: n }),
      shift: measurement(1000),
    }),
  );

  it("leaves residuals orthogonal to every design column", () => {
    fc.assert(
      fc.property(smallDesign, ({ x1, x2, y }) => {
        const x = designMatrix({ x1, x2 }, ["x1*x2"]);
        const fit = ordinaryLeastSquares(x, y);
        if (fit.status !== "ok") return; // a random design can be (nearly) collinear
        const yNorm = Math.hypot(...y);
        for (let j = 0; j < x.columns; j++) {
          const values = x.values.subarray(j * x.rows, (j + 1) * x.rows);
          const dot = values.reduce((sum, v, i) => sum + v * fit.residuals[i], 0);
          expect(Math.abs(dot)).toBeLessThanOrEqual(1e-9 * (Math.hypot(...values) * yNorm + 1));
        }
      }),
    );
  });
  it("keeps slopes and their SEs when a constant is added to the outcome; the intercept absorbs it", () => {
    fc.assert(
      fc.property(smallDesign, ({ x1, x2, y, shift }) => {
        const x = designMatrix({ x1, x2 }, ["x1", "x2"]);
        const fit = ordinaryLeastSquares(x, y);
        const shifted = ordinaryLeastSquares(x, y.map((v) => v + shift));
        if (fit.status !== "ok") return;
        const scale = Math.max(1, ...y.map(Math.abs), Math.abs(shift));
        for (const j of [1, 2]) {
          expect(shifted.coefficients.estimate[j]).toBeCloseTo(fit.coefficients.estimate[j], 6);
          expect(Math.abs(shifted.coefficients.standardError[j] - fit.coefficients.standardError[j])).toBeLessThan(1e-8 * scale);
        }
        expect(Math.abs(shifted.coefficients.estimate[0] - fit.coefficients.estimate[0] - shift)).toBeLessThan(1e-8 * scale);
      }),
    );
  });
  it("gives OLS when all weights are equal, and treats weight 2 as a duplicated row", () => {
    const x = designMatrix(data, ["mssd_R", "mssd_A"]);
    const ols = ordinaryLeastSquares(x, data.y);
    const equal = weightedLeastSquares(x, data.y, data.y.map(() => 3.5));
    ols.coefficients.estimate.forEach((b, j) => expect(equal.coefficients.estimate[j]).toBeCloseTo(b, 12));
    ols.coefficients.standardError.forEach((se, j) => expect(equal.coefficients.standardError[j]).toBeCloseTo(se, 12));
    const weights = data.y.map((_, i) => (i < 10 ? 2 : 1));
    const weighted = weightedLeastSquares(x, data.y, weights);
    const duplicated = completeCases({
      mssd_R: [...data.mssd_R, ...data.mssd_R.slice(0, 10)],
      mssd_A: [...data.mssd_A, ...data.mssd_A.slice(0, 10)],
      y: [...data.y, ...data.y.slice(0, 10)],
    });
    const stacked = ordinaryLeastSquares(designMatrix(duplicated, ["mssd_R", "mssd_A"]), duplicated.y);
    weighted.coefficients.estimate.forEach((b, j) => expect(stacked.coefficients.estimate[j]).toBeCloseTo(b, 12));
  });
  it("leaves rows with weight 0 out of the fit and of the residual df", () => {
    const x = designMatrix(data, ["mssd_R"]);
    const weights = data.y.map((_, i) => (i % 3 === 0 ? 0 : 1));
    const fit = weightedLeastSquares(x, data.y, weights);
    const kept = completeCases({ mssd_R: data.mssd_R.filter((_, i) => i % 3 !== 0), y: data.y.filter((_, i) => i % 3 !== 0) });
    const subset = ordinaryLeastSquares(designMatrix(kept, ["mssd_R"]), kept.y);
    expect(fit.dfResidual).toBe(subset.dfResidual);
    fit.coefficients.standardError.forEach((se, j) => expect(subset.coefficients.standardError[j]).toBeCloseTo(se, 12));
  });
});

describe("least squares without an answer", () => {
  it("reports a rank-deficient design by name, with NaN numbers", () => {
    const x = matrixFromColumns([[1, 1, 1, 1, 1], [1, 2, 3, 4, 5], [2, 4, 6, 8, 10]], ["(Intercept)", "a", "twiceA"]);
    const fit = ordinaryLeastSquares(x, [1, 3, 2, 5, 4]);
    expect(fit.status).toBe("rank-deficient");
    expect(fit.message).toContain('"twiceA"');
    expect(fit.coefficients.estimate.every(Number.isNaN)).toBe(true);
    expect(fit.sigma).toBeNaN();
  });
  it("reports NaN input, negative weights and too few rows without throwing", () => {
    const x = designMatrix({ a: [1, 2, 3, 4] }, ["a"]);
    expect(ordinaryLeastSquares(x, [1, Number.NaN, 3, 4]).status).toBe("invalid-input");
    expect(weightedLeastSquares(x, [1, 2, 3, 4], [1, -1, 1, 1]).status).toBe("invalid-input");
    const two = designMatrix({ a: [1, 2] }, ["a"]);
    expect(ordinaryLeastSquares(two, [1, 2]).status).toBe("too-few-observations");
  });
  it("throws a CascadeError for arguments of mismatched length (a programming error)", () => {
    const x = designMatrix({ a: [1, 2, 3, 4] }, ["a"]);
    expect(() => ordinaryLeastSquares(x, [1, 2, 3])).toThrow(CascadeError);
    expect(() => ordinaryLeastSquares(x, [1, 2, 3])).toThrow(/outcome: expected 4 values/);
  });
});

describe("designMatrix", () => {
  it("expands a*b into main effects and interaction, ordered by degree as in R", () => {
    const x = designMatrix({ r: [1, 2, 3], a: [2, 0, 1], c: [5, 6, 7] }, ["r*a", "c"]);
    expect(x.names).toEqual(["(Intercept)", "r", "a", "c", "r:a"]);
    expect(Array.from(x.values.subarray(12, 15))).toEqual([2, 0, 3]);
  });
  it("expands three-way crossings and drops repeated terms", () => {
    const x = designMatrix({ a: [1], b: [2], c: [3] }, ["a*b*c", "b:a"], { intercept: false });
    expect(x.names).toEqual(["a", "b", "c", "a:b", "a:c", "b:c", "a:b:c"]);
  });
  it("mean-centres the listed variables before forming products", () => {
    const x = designMatrix({ r: [1, 2, 3], a: [2, 4, 6] }, ["r:a"], { center: ["r", "a"] });
    expect(Array.from(x.values.subarray(3, 6))).toEqual([2, 0, 2]);
  });
  it("names an unknown variable and suggests the closest", () => {
    expect(() => designMatrix({ mssd_R: [1], mssd_A: [2] }, ["mssd_r"])).toThrow(/unknown variable "mssd_r"; did you mean "mssd_R"\?/);
    expect(() => designMatrix({ a: [1] }, ["a*"])).toThrow(CascadeError);
  });
  it("completeCases keeps the rows where every listed variable is finite", () => {
    const kept = completeCases({ x: [1, Number.NaN, 3, 4], y: [4, 5, Number.POSITIVE_INFINITY, 7], z: [Number.NaN, 1, 1, 1] }, ["x", "y"]);
    expect(Array.from(kept.x)).toEqual([1, 4]);
    expect(Array.from(kept.z)).toEqual([Number.NaN, 1]);
  });
});

describe("welchTTest against R's t.test", () => {
  const bpd = welchData.mssd.filter((_, i) => welchData.bpd[i] === 1);
  const control = welchData.mssd.filter((_, i) => welchData.bpd[i] === 0);
  const compare = (actual: TTestResult, expected: TReference, label: string): void => {
    tCheck.check(actual.statistic, expected.statistic, `${label} t`);
    tCheck.check(actual.df, expected.df, `${label} df`);
    tCheck.check(actual.pValue, expected.p_value, `${label} p`);
    tCheck.check(actual.standardError, expected.standard_error, `${label} SE`);
    tCheck.checkAll(actual.confidenceInterval, expected.confidence_interval, `${label} CI`);
    tCheck.checkAll(actual.means, expected.means, `${label} means`);
  };
  it("matches Welch's test, two-sided and one-sided", () => {
    compare(welchTTest(bpd, control), reference.welch, "welch");
    compare(welchTTest(bpd, control, { alternative: "less", confidenceLevel: 0.9 }), reference.welch_less_90, "less");
    compare(welchTTest(bpd, control, { alternative: "greater" }), reference.welch_greater, "greater");
  });
  it("matches Student's pooled test with equalVariances", () => {
    compare(welchTTest(bpd, control, { equalVariances: true }), reference.student, "student");
  });
  it("changes the sign of t and keeps p when the groups are swapped", () => {
    const forward = welchTTest(bpd, control);
    const backward = welchTTest(control, bpd);
    expect(backward.statistic).toBe(-forward.statistic);
    expect(backward.pValue).toBe(forward.pValue);
  });
  it("drops NaN values and gives NaN for a group of one or constant data", () => {
    expect(welchTTest([1, Number.NaN, 3, 5], [2, 4, 6]).sizes).toEqual([3, 3]);
    expect(welchTTest([1], [2, 4, 6]).pValue).toBeNaN();
    expect(welchTTest([2, 2, 2], [3, 3, 3]).pValue).toBeNaN();
  });
});
