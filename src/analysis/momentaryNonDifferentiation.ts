import { meanOfObserved } from "./meanOfObserved.js";
import { sampleVarianceOfObserved } from "./sampleStandardDeviation.js";

/**
 * Momentary (non-)differentiation (Erbas et al.): for each complete occasion t of one person, with
 * the items centred on the person's item means (x~_k) and s_k^2 the person's item variances,
 *
 *     m_nonED(t) = (sum_k x~_k(t))^2 / sum_k s_k^2
 *
 * Large values: the items deviate together in the same direction at that moment (low momentary
 * differentiation). Means and variances use the complete occasions only. Returns one value per row
 * of `matrix` (NaN for rows with a missing item, and everywhere when fewer than 2 complete occasions
 * or every item is constant). The per-person column `momentary_noned` of `cascade analyze` is the mean
 * over complete occasions.
 *
 * Reference: Erbas, Y., Kalokerinos, E. K., Kuppens, P., van Halem, S., & Ceulemans, E. (2022).
 * Momentary emotion differentiation: The derivation and validation of an index to study
 * within-person fluctuations in emotion differentiation. Assessment 29(4), 700-716.
 * doi:10.1177/1073191121990089 (author list and DOI to be verified against the article)
 *
 * @example
 * momentaryNonDifferentiation([[1, 1], [3, 3], [2, 2]]); // => Float64Array [2, 2, 0]
 */
export function momentaryNonDifferentiation(matrix: ReadonlyArray<ArrayLike<number>>): Float64Array {
  const items = matrix.length > 0 ? matrix[0].length : 0;
  const result = new Float64Array(matrix.length).fill(Number.NaN);
  const complete = (row: ArrayLike<number>): boolean => {
    for (let k = 0; k < items; k++) if (Number.isNaN(row[k])) return false;
    return row.length === items;
  };
  const rows = matrix.filter(complete);
  if (rows.length < 2 || items < 1) return result;
  const means: number[] = [];
  let varianceSum = 0;
  for (let k = 0; k < items; k++) {
    const column = rows.map((row) => row[k]);
    means.push(meanOfObserved(column));
    varianceSum += sampleVarianceOfObserved(column);
  }
  if (!(varianceSum > 0)) return result;
  matrix.forEach((row, t) => {
    if (!complete(row)) return;
    let deviation = 0;
    for (let k = 0; k < items; k++) deviation += row[k] - means[k];
    result[t] = (deviation * deviation) / varianceSum;
  });
  return result;
}
