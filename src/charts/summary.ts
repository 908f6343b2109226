/**
 * The few summaries the chart builders compute themselves: a mean with its t-based confidence
 * interval (t quantiles from `src/stats`), a least-squares slope, and tertile groups. Everything else a chart shows (MSSD, PAC, ICC,
 * Hedges' g, early-warning indicators) comes from the analysis module and is passed in.
 *
 * Numeric functions return NaN where there is no valid answer, as their doc comments say.
 *
 * Browser-safe: no `node:` imports.
 */
import { mean, sampleStandardDeviation } from "simple-statistics";
import { studentTQuantile } from "../stats/distributions/student-t-quantile.js";

/** A mean with its two-sided confidence interval. */
export interface MeanInterval {
  mean: number;
  lower: number;
  upper: number;
  n: number;
}

/**
 * The mean of the finite values with its t-based confidence interval at `level` (default 0.95):
 * mean +- t(1 - (1 - level)/2, n - 1) * SD / sqrt(n). With one value the interval is NaN; with none,
 * everything is NaN.
 */
export function meanWithInterval(values: readonly number[], level = 0.95): MeanInterval {
  const finite = values.filter(Number.isFinite);
  const n = finite.length;
  if (n === 0) return { mean: Number.NaN, lower: Number.NaN, upper: Number.NaN, n };
  const centre = mean(finite);
  if (n < 2) return { mean: centre, lower: Number.NaN, upper: Number.NaN, n };
  const halfWidth = (studentTQuantile(1 - (1 - level) / 2, n - 1) * sampleStandardDeviation(finite)) / Math.sqrt(n);
  return { mean: centre, lower: centre - halfWidth, upper: centre + halfWidth, n };
}

/**
 * The ordinary least-squares slope of y on x over the pairs where both are finite. NaN with fewer
 * than 3 pairs or when x does not vary.
 *
 * @example leastSquaresSlope([1, 2, 3], [2, 4, 6]) // => 2
 */
export function leastSquaresSlope(x: readonly number[], y: readonly number[]): number {
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (Number.isFinite(x[i]) && Number.isFinite(y[i])) pairs.push([x[i], y[i]]);
  if (pairs.length < 3) return Number.NaN;
  const meanX = mean(pairs.map(([a]) => a));
  const meanY = mean(pairs.map(([, b]) => b));
  let crossProducts = 0;
  let squares = 0;
  for (const [a, b] of pairs) {
    crossProducts += (a - meanX) * (b - meanY);
    squares += (a - meanX) * (a - meanX);
  }
  return squares === 0 ? Number.NaN : crossProducts / squares;
}

/**
 * Splits items into thirds by `value` (ascending): index 0 holds the lowest third. Items with a
 * non-finite value are left out. With n items, the first n mod 3 thirds get one extra item; ties are
 * broken by the items' order, so the split is deterministic.
 */
export function tertileGroups<T>(items: readonly T[], value: (item: T) => number): [T[], T[], T[]] {
  const sorted = items
    .map((item, index) => ({ item, index, value: value(item) }))
    .filter((entry) => Number.isFinite(entry.value))
    .sort((a, b) => a.value - b.value || a.index - b.index);
  const n = sorted.length;
  const sizes = [0, 1, 2].map((third) => Math.floor(n / 3) + (third < n % 3 ? 1 : 0));
  const groups: [T[], T[], T[]] = [[], [], []];
  let start = 0;
  for (let third = 0; third < 3; third++) {
    groups[third] = sorted.slice(start, start + sizes[third]).map((entry) => entry.item);
    start += sizes[third];
  }
  return groups;
}
