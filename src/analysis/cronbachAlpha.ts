import { sampleVarianceOfObserved } from "./sampleStandardDeviation.js";

/**
 * Cronbach's alpha of the items (columns) over the complete occasions (rows):
 *
 *     alpha = K / (K - 1) * (1 - sum_k var(item k) / var(sum of items))
 *
 * Algebraically equal to ICC(C,k) (`iccConsistency`), which is why the emotion-differentiation
 * literature uses either (the emodiff package computes alpha). Rows with a NaN are dropped. NaN with
 * fewer than 2 complete rows or 2 items, or a constant sum.
 *
 * Reference: Cronbach, L. J. (1951). Coefficient alpha and the internal structure of tests.
 * Psychometrika 16(3), 297-334. doi:10.1007/BF02310555
 *
 * @example
 * cronbachAlpha([[1, 2], [2, 3], [3, 5]]); // => 0.9473684210526316
 */
export function cronbachAlpha(matrix: ReadonlyArray<ArrayLike<number>>): number {
  const items = matrix.length > 0 ? matrix[0].length : 0;
  const complete = matrix.filter((row) => row.length === items && Array.from(row).every((v) => !Number.isNaN(v)));
  if (complete.length < 2 || items < 2) return Number.NaN;
  let itemVariances = 0;
  for (let k = 0; k < items; k++) itemVariances += sampleVarianceOfObserved(complete.map((row) => row[k]));
  const totals = complete.map((row) => {
    let total = 0;
    for (let k = 0; k < items; k++) total += row[k];
    return total;
  });
  const totalVariance = sampleVarianceOfObserved(totals);
  if (!(totalVariance > 0)) return Number.NaN;
  return (items / (items - 1)) * (1 - itemVariances / totalVariance);
}
