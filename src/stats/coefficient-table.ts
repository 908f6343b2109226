import { CascadeError } from "../errors.js";
import { closestName } from "../io/suggest.js";
import { studentTQuantile } from "./distributions/student-t-quantile.js";
import { twoSidedPValue } from "./distributions/two-sided-p-value.js";

/**
 * Why a fit has or has no answer. Fitting functions never throw on bad data: inside a Monte Carlo
 * loop a failed replicate must be counted, not crash the run. Every numeric field of a fit whose
 * status is not "ok" is NaN.
 * - "ok": the fit converged and its numbers are valid.
 * - "invalid-input": a NaN or infinite value in the outcome, design, weights or offset, a negative
 *   weight, or an outcome outside the family's range (a negative count, a proportion above 1).
 * - "too-few-observations": fewer observations than coefficients (+ variance parameters).
 * - "rank-deficient": a design column is (numerically) a combination of the others.
 * - "separation": the likelihood has no maximum at finite coefficients (a fitted count rate or
 *   probability at its boundary: all counts zero in a subgroup, a perfectly predicted binary outcome).
 * - "not-converged": the iterations stopped before meeting the convergence criterion.
 */
export type FitStatus = "ok" | "invalid-input" | "too-few-observations" | "rank-deficient" | "separation" | "not-converged";

/** A table of coefficients with their Wald statistics, one entry per design column. */
export interface CoefficientTable {
  /** Design column names. */
  readonly names: readonly string[];
  /** Estimates. */
  readonly estimate: number[];
  /** Standard errors, the square roots of the diagonal of the covariance matrix. */
  readonly standardError: number[];
  /** estimate / standardError: a t statistic (linear and mixed models) or z (GLMs). */
  readonly statistic: number[];
  /** Degrees of freedom of each statistic's reference distribution; Infinity for a normal (z). */
  readonly df: number[];
  /** Two-sided p-values from the t (or normal) distribution with `df`. */
  readonly pValue: number[];
}

/** One coefficient of a table: its estimate, standard error, statistic, df and p-value. */
export interface CoefficientRow {
  readonly name: string;
  readonly estimate: number;
  readonly standardError: number;
  readonly statistic: number;
  readonly df: number;
  readonly pValue: number;
}

/**
 * The row of a coefficient table for the named design column, for example the interaction
 * `"mssd_R:mssd_A"` whose p-value a power analysis counts. Throws a `CascadeError` (with a
 * did-you-mean suggestion) when no column has that name: a programming error, not a data problem.
 *
 * @example
 * coefficientRow(fit.coefficients, "mssd_R:mssd_A").pValue < 0.05;
 */
export function coefficientRow(table: CoefficientTable, name: string): CoefficientRow {
  const index = table.names.indexOf(name);
  if (index < 0) {
    const suggestion = closestName(name, [...table.names]);
    const hint = suggestion === undefined ? `; the columns are ${table.names.map((n) => `"${n}"`).join(", ")}` : `; did you mean "${suggestion}"?`;
    throw new CascadeError(`no coefficient named "${name}"${hint}`, { field: "name" });
  }
  return {
    name,
    estimate: table.estimate[index],
    standardError: table.standardError[index],
    statistic: table.statistic[index],
    df: table.df[index],
    pValue: table.pValue[index],
  };
}

/** Builds a coefficient table from estimates, their covariance (row-major p x p) and df. */
export function coefficientTable(
  names: readonly string[],
  estimate: ArrayLike<number>,
  covariance: ArrayLike<number>,
  df: number | ArrayLike<number>,
): CoefficientTable {
  const p = names.length;
  const table = emptyTable(names);
  for (let j = 0; j < p; j++) {
    const standardError = Math.sqrt(covariance[j * p + j]);
    const statistic = estimate[j] / standardError;
    const degrees = typeof df === "number" ? df : df[j];
    table.estimate[j] = estimate[j];
    table.standardError[j] = standardError;
    table.statistic[j] = statistic;
    table.df[j] = degrees;
    table.pValue[j] = twoSidedPValue(statistic, degrees);
  }
  return table;
}

/** A table of NaN, for fits without an answer. */
export function emptyTable(names: readonly string[]): { -readonly [K in keyof CoefficientTable]: CoefficientTable[K] } {
  const nan = (): number[] => names.map(() => Number.NaN);
  return { names, estimate: nan(), standardError: nan(), statistic: nan(), df: nan(), pValue: nan() };
}

/**
 * Wald confidence intervals, estimate ± q SE with q the (1 + level)/2 quantile of the t (or
 * normal) distribution with each coefficient's df. Kept apart from the fits because quantiles cost
 * more than p-values and Monte Carlo loops rarely need them.
 *
 * @example
 * confidenceIntervals(fit.coefficients, 0.95); // => { lower: [...], upper: [...] }
 */
export function confidenceIntervals(table: CoefficientTable, level = 0.95): { lower: number[]; upper: number[] } {
  const lower: number[] = [];
  const upper: number[] = [];
  table.names.forEach((_, j) => {
    const quantile = studentTQuantile((1 + level) / 2, table.df[j]);
    lower.push(table.estimate[j] - quantile * table.standardError[j]);
    upper.push(table.estimate[j] + quantile * table.standardError[j]);
  });
  return { lower, upper };
}

/** A row-major square matrix as nested arrays, for results that users read. */
export function toNestedArrays(values: ArrayLike<number>, size: number): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i < size; i++) rows.push(Array.from({ length: size }, (_, j) => values[i * size + j]));
  return rows;
}
