import { studentTCdf } from "./distributions/student-t-cdf.js";
import { studentTQuantile } from "./distributions/student-t-quantile.js";
import { twoSidedPValue } from "./distributions/two-sided-p-value.js";

/** Options of `welchTTest`. */
export interface TTestOptions {
  /** "two-sided" (default), "less" (mean of x below mean of y) or "greater". */
  alternative?: "two-sided" | "less" | "greater";
  /** Confidence level of the interval for the difference in means. Default 0.95. */
  confidenceLevel?: number;
  /**
   * Assume equal variances and pool them (Student's two-sample t test) instead of Welch's test.
   * Default false.
   */
  equalVariances?: boolean;
}

/** The result of `welchTTest`. Numbers are NaN when a group has fewer than 2 values or both have zero variance. */
export interface TTestResult {
  /** t = (mean x - mean y) / standardError. */
  readonly statistic: number;
  /** Welch-Satterthwaite degrees of freedom (n_x + n_y - 2 with equal variances). */
  readonly df: number;
  readonly pValue: number;
  /** mean x - mean y. */
  readonly difference: number;
  readonly standardError: number;
  /** Confidence interval for the difference (one-sided alternatives give an infinite end). */
  readonly confidenceInterval: readonly [number, number];
  readonly means: readonly [number, number];
  /** Sample variances (n - 1 denominator). */
  readonly variances: readonly [number, number];
  /** Values used in each group (NaN values are dropped). */
  readonly sizes: readonly [number, number];
}

/**
 * **Welch's two-sample t test** of equal means without assuming equal variances (Welch 1947,
 * Biometrika 34:28, doi:10.1093/biomet/34.1-2.28), as R's `t.test(x, y)`, with Student's pooled
 * test as an option. For the group difference in instability (MSSD) of `cascade power`.
 *
 * t = (m_x - m_y) / sqrt(s_x²/n_x + s_y²/n_y), with the Welch-Satterthwaite df
 * (s_x²/n_x + s_y²/n_y)² / [(s_x²/n_x)² / (n_x - 1) + (s_y²/n_y)² / (n_y - 1)].
 * NaN values are dropped, as R's `t.test` drops NA. Means and variances use two-pass sums.
 * Checked against R's `t.test` in tests/stats-regression.test.ts.
 *
 * @example
 * welchTTest([1, 2, 3, 4], [2, 4, 6, 8, 10]).df; // => 5.41... ; R: t.test(1:4, c(2,4,6,8,10))
 */
export function welchTTest(x: ArrayLike<number>, y: ArrayLike<number>, options: TTestOptions = {}): TTestResult {
  const alternative = options.alternative ?? "two-sided";
  const level = options.confidenceLevel ?? 0.95;
  const first = summarise(x);
  const second = summarise(y);
  const difference = first.mean - second.mean;
  let standardError: number;
  let df: number;
  if (options.equalVariances === true) {
    df = first.size + second.size - 2;
    const pooled = ((first.size - 1) * first.variance + (second.size - 1) * second.variance) / df;
    standardError = Math.sqrt(pooled * (1 / first.size + 1 / second.size));
  } else {
    const shareX = first.variance / first.size;
    const shareY = second.variance / second.size;
    standardError = Math.sqrt(shareX + shareY);
    df = (shareX + shareY) ** 2 / (shareX ** 2 / (first.size - 1) + shareY ** 2 / (second.size - 1));
  }
  const valid = first.size >= 2 && second.size >= 2 && standardError > 0 && Number.isFinite(standardError);
  if (!valid) {
    standardError = Number.NaN;
    df = Number.NaN;
  }
  const statistic = difference / standardError;
  let pValue: number;
  let interval: [number, number];
  if (alternative === "two-sided") {
    pValue = twoSidedPValue(statistic, df);
    const quantile = studentTQuantile((1 + level) / 2, df);
    interval = [difference - quantile * standardError, difference + quantile * standardError];
  } else if (alternative === "less") {
    pValue = studentTCdf(statistic, df);
    interval = [Number.NEGATIVE_INFINITY, difference + studentTQuantile(level, df) * standardError];
  } else {
    pValue = studentTCdf(statistic, df, false);
    interval = [difference - studentTQuantile(level, df) * standardError, Number.POSITIVE_INFINITY];
  }
  if (!valid) interval = [Number.NaN, Number.NaN];
  return {
    statistic,
    df,
    pValue,
    difference,
    standardError,
    confidenceInterval: interval,
    means: [first.mean, second.mean],
    variances: [first.variance, second.variance],
    sizes: [first.size, second.size],
  };
}

/** Size, mean and sample variance of the non-NaN values (two-pass). */
function summarise(values: ArrayLike<number>): { size: number; mean: number; variance: number } {
  let size = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) continue;
    size += 1;
    sum += values[i];
  }
  const mean = size > 0 ? sum / size : Number.NaN;
  let squares = 0;
  let correction = 0;
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) continue;
    const deviation = values[i] - mean;
    squares += deviation * deviation;
    correction += deviation;
  }
  // Corrected two-pass formula (Chan, Golub & LeVeque 1983): subtract the rounding in the mean.
  const variance = size > 1 ? (squares - (correction * correction) / size) / (size - 1) : Number.NaN;
  return { size, mean, variance };
}
