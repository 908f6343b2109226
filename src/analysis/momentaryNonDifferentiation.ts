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
  const columns = Array.from({ length: items }, (_, k) => Float64Array.from(matrix, (row) => (row.length === items ? row[k] : Number.NaN)));
  return momentaryNonDifferentiationOfColumns(columns);
}

/** `momentaryNonDifferentiation` on the items as columns (one array per item). */
export function momentaryNonDifferentiationOfColumns(columns: ReadonlyArray<ArrayLike<number>>): Float64Array {
  const items = columns.length;
  const length = items > 0 ? columns[0].length : 0;
  const result = new Float64Array(length).fill(Number.NaN);
  const complete = new Uint8Array(length);
  let completeCount = 0;
  for (let t = 0; t < length; t++) {
    let ok = items > 0;
    for (let k = 0; k < items && ok; k++) if (Number.isNaN(columns[k][t])) ok = false;
    if (ok) {
      complete[t] = 1;
      completeCount++;
    }
  }
  if (completeCount < 2) return result;
  const means = new Float64Array(items);
  let varianceSum = 0;
  for (let k = 0; k < items; k++) {
    const column = new Float64Array(completeCount);
    for (let t = 0, r = 0; t < length; t++) if (complete[t] === 1) column[r++] = columns[k][t];
    means[k] = meanOfObserved(column);
    varianceSum += sampleVarianceOfObserved(column);
  }
  if (!(varianceSum > 0)) return result;
  for (let t = 0; t < length; t++) {
    if (complete[t] === 0) continue;
    let deviation = 0;
    for (let k = 0; k < items; k++) deviation += columns[k][t] - means[k];
    result[t] = (deviation * deviation) / varianceSum;
  }
  return result;
}
