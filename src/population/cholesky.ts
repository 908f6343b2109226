/**
 * Cholesky factor of a correlation matrix, tolerant of semi-definite matrices (a correlation of
 * exactly 1 or -1), for drawing correlated normal scores: z = L e with e independent standard normals.
 */

/**
 * The lower-triangular L with L L' = matrix (row-major, n x n), or undefined when the matrix is not
 * positive semi-definite. Pivots within 1e-10 of zero are taken as zero (their column of L is zero),
 * which accepts perfect correlations. Cost O(n^3).
 *
 * @example choleskyLower([[1, 0.5], [0.5, 1]]) // => [[1, 0], [0.5, 0.8660254037844386]]
 */
export function choleskyLower(matrix: readonly (readonly number[])[]): number[][] | undefined {
  const n = matrix.length;
  const lower = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const tolerance = 1e-10;
  for (let j = 0; j < n; j++) {
    let pivot = matrix[j][j];
    for (let k = 0; k < j; k++) pivot -= lower[j][k] * lower[j][k];
    if (pivot < -tolerance) return undefined;
    const root = pivot > tolerance ? Math.sqrt(pivot) : 0;
    lower[j][j] = root;
    for (let i = j + 1; i < n; i++) {
      let sum = matrix[i][j];
      for (let k = 0; k < j; k++) sum -= lower[i][k] * lower[j][k];
      if (root === 0) {
        if (Math.abs(sum) > 1e-8) return undefined;
        lower[i][j] = 0;
      } else {
        lower[i][j] = sum / root;
      }
    }
  }
  return lower;
}
