/**
 * Evaluates the continued fraction b_0 + a_1 / (b_1 + a_2 / (b_2 + a_3 / ...)) by the modified
 * Lentz algorithm (Thompson & Barnett 1986, J Comput Phys 64:490, doi:10.1016/0021-9991(86)90046-X),
 * which runs forward term by term and stops when a term changes the value by at most a relative
 * 2.2e-16 (one ulp of 1). `numerator(j)` gives a_j and `denominator(j)` gives b_j for j = 1, 2, ... Returns NaN if it
 * has not converged after `maxTerms` terms. Internal to the incomplete beta and gamma functions.
 */
export function continuedFraction(
  leading: number,
  numerator: (j: number) => number,
  denominator: (j: number) => number,
  maxTerms: number,
): number {
  const tiny = 1e-300;
  let value = leading === 0 ? tiny : leading;
  let numeratorRatio = value; // Lentz's C_j
  let denominatorRatio = 0; // Lentz's D_j
  for (let j = 1; j <= maxTerms; j++) {
    const partialNumerator = numerator(j);
    const partialDenominator = denominator(j);
    denominatorRatio = partialDenominator + partialNumerator * denominatorRatio;
    if (Math.abs(denominatorRatio) < tiny) denominatorRatio = tiny;
    numeratorRatio = partialDenominator + partialNumerator / numeratorRatio;
    if (Math.abs(numeratorRatio) < tiny) numeratorRatio = tiny;
    denominatorRatio = 1 / denominatorRatio;
    const change = numeratorRatio * denominatorRatio;
    value *= change;
    if (Math.abs(change - 1) <= Number.EPSILON) return value;
  }
  return Number.NaN;
}
