import { CompensatedSum } from "./compensatedSum.js";

/** Result of `iccConsistency`. */
export interface IccConsistency {
  /** ICC(C,1), Shrout-Fleiss ICC3: (MS_occasions - MS_error) / (MS_occasions + (K - 1) MS_error). */
  single: number;
  /** ICC(C,k), Shrout-Fleiss ICC3k: (MS_occasions - MS_error) / MS_occasions (= Cronbach's alpha). */
  average: number;
  /** Complete occasions used (rows with every item answered). */
  occasions: number;
  /** Number of items K. */
  items: number;
  /** Mean square between occasions. */
  meanSquareOccasions: number;
  /** Residual mean square of the two-way model. */
  meanSquareError: number;
}

/**
 * Two-way consistency intraclass correlations of one person's occasions x items matrix: the
 * standard emotion-differentiation measure (high ICC = items move together = low differentiation).
 *
 * Rows are occasions, columns are the K negative-emotion items; rows with a missing (NaN) item are
 * dropped (only complete occasions count). A two-way ANOVA without interaction gives
 *
 *     MS_occasions = K * sum_t (row mean_t - grand mean)^2 / (T - 1)
 *     MS_error     = sum_t,k (x_tk - row mean_t - column mean_k + grand mean)^2 / ((T - 1)(K - 1))
 *     ICC(C,1) = (MS_occasions - MS_error) / (MS_occasions + (K - 1) MS_error)      (ICC3)
 *     ICC(C,k) = (MS_occasions - MS_error) / MS_occasions                            (ICC3k)
 *
 * as psych::ICC (lmer = FALSE) reports them. The residuals are summed directly (not as a difference of
 * totals), with compensated sums. Both are NaN with fewer than `minimumOccasions` (default 3)
 * complete occasions or fewer than 2 items, and where a denominator is 0 (for example a person who
 * gave the same answer throughout). Negative values are returned as they are: `emotionDifferentiation`
 * applies the negative-ICC policy. Cost O(T K).
 *
 * References: Shrout, P. E., & Fleiss, J. L. (1979). Intraclass correlations: Uses in assessing
 * rater reliability. Psychological Bulletin 86(2), 420-428. doi:10.1037/0033-2909.86.2.420.
 * Kalokerinos, E. K., Erbas, Y., Ceulemans, E., & Kuppens, P. (2019). Differentiate to regulate: Low
 * negative emotion differentiation is associated with ineffective use but not selection of emotion-
 * regulation strategies. Psychological Science 30(6), 863-879. doi:10.1177/0956797619838763
 *
 * @example
 * iccConsistency([[1, 2], [2, 3], [3, 5]]).average; // => 0.9473684210526316
 */
export function iccConsistency(matrix: ReadonlyArray<ArrayLike<number>>, options: { minimumOccasions?: number } = {}): IccConsistency {
  const items = matrix.length > 0 ? matrix[0].length : 0;
  const columns = Array.from({ length: items }, (_, k) => Float64Array.from(matrix, (row) => (row.length === items ? row[k] : Number.NaN)));
  return iccConsistencyOfColumns(columns, options);
}

/** `iccConsistency` on the items as columns (one array per item, parallel over occasions). */
export function iccConsistencyOfColumns(columns: ReadonlyArray<ArrayLike<number>>, options: { minimumOccasions?: number } = {}): IccConsistency {
  const items = columns.length;
  const length = items > 0 ? columns[0].length : 0;
  const complete: number[] = [];
  for (let t = 0; t < length; t++) {
    let ok = true;
    for (let k = 0; k < items && ok; k++) if (Number.isNaN(columns[k][t])) ok = false;
    if (ok) complete.push(t);
  }
  const occasions = complete.length;
  const undefinedResult: IccConsistency = {
    single: Number.NaN,
    average: Number.NaN,
    occasions,
    items,
    meanSquareOccasions: Number.NaN,
    meanSquareError: Number.NaN,
  };
  if (occasions < (options.minimumOccasions ?? 3) || items < 2) return undefinedResult;
  const rowMeans = new Float64Array(occasions);
  const columnMeans = new Float64Array(items);
  const grandSum = new CompensatedSum();
  const rowSum = new CompensatedSum();
  for (let k = 0; k < items; k++) {
    const columnSum = new CompensatedSum();
    for (let r = 0; r < occasions; r++) columnSum.add(columns[k][complete[r]]);
    columnMeans[k] = columnSum.value / occasions;
    grandSum.add(columnSum.value);
  }
  for (let r = 0; r < occasions; r++) {
    rowSum.reset();
    for (let k = 0; k < items; k++) rowSum.add(columns[k][complete[r]]);
    rowMeans[r] = rowSum.value / items;
  }
  const grandMean = grandSum.value / (occasions * items);
  const betweenOccasions = new CompensatedSum();
  const residual = new CompensatedSum();
  for (let r = 0; r < occasions; r++) {
    betweenOccasions.add((rowMeans[r] - grandMean) * (rowMeans[r] - grandMean));
    for (let k = 0; k < items; k++) {
      const e = columns[k][complete[r]] - rowMeans[r] - columnMeans[k] + grandMean;
      residual.add(e * e);
    }
  }
  const meanSquareOccasions = (items * betweenOccasions.value) / (occasions - 1);
  const meanSquareError = residual.value / ((occasions - 1) * (items - 1));
  const singleDenominator = meanSquareOccasions + (items - 1) * meanSquareError;
  return {
    single: singleDenominator > 0 ? (meanSquareOccasions - meanSquareError) / singleDenominator : Number.NaN,
    average: meanSquareOccasions > 0 ? (meanSquareOccasions - meanSquareError) / meanSquareOccasions : Number.NaN,
    occasions,
    items,
    meanSquareOccasions,
    meanSquareError,
  };
}
