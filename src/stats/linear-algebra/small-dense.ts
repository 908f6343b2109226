/**
 * Small dense symmetric-matrix helpers (row-major n x n, n up to about 10) for the fixed-effect and
 * variance-parameter blocks of mixed models: Cholesky factorisation, triangular solves and inverses.
 * Written for speed on tiny matrices: no allocation beyond the outputs.
 */

/**
 * In-place Cholesky factorisation A = L Lᵀ of a symmetric positive-definite matrix (row-major,
 * reading the lower triangle); on return the lower triangle holds L and the strict upper triangle
 * is zeroed. Returns false (leaving A partly overwritten) if A is not numerically positive definite.
 */
export function choleskyInPlace(matrix: Float64Array, n: number, offset = 0): boolean {
  for (let j = 0; j < n; j++) {
    let diagonal = matrix[offset + j * n + j];
    for (let k = 0; k < j; k++) diagonal -= matrix[offset + j * n + k] ** 2;
    if (!(diagonal > 0)) return false;
    const pivot = Math.sqrt(diagonal);
    matrix[offset + j * n + j] = pivot;
    for (let i = j + 1; i < n; i++) {
      let sum = matrix[offset + i * n + j];
      for (let k = 0; k < j; k++) sum -= matrix[offset + i * n + k] * matrix[offset + j * n + k];
      matrix[offset + i * n + j] = sum / pivot;
    }
    for (let k = j + 1; k < n; k++) matrix[offset + j * n + k] = 0;
  }
  return true;
}

/** Solves L x = b in place (L lower triangular, row-major n x n, b of length n at bOffset). */
export function forwardSubstitute(lower: Float64Array, n: number, b: Float64Array, bOffset = 0, lowerOffset = 0): void {
  for (let i = 0; i < n; i++) {
    let sum = b[bOffset + i];
    for (let k = 0; k < i; k++) sum -= lower[lowerOffset + i * n + k] * b[bOffset + k];
    b[bOffset + i] = sum / lower[lowerOffset + i * n + i];
  }
}

/** Solves Lᵀ x = b in place (L lower triangular, row-major n x n). */
export function backSubstituteTransposed(lower: Float64Array, n: number, b: Float64Array, bOffset = 0, lowerOffset = 0): void {
  for (let i = n - 1; i >= 0; i--) {
    let sum = b[bOffset + i];
    for (let k = i + 1; k < n; k++) sum -= lower[lowerOffset + k * n + i] * b[bOffset + k];
    b[bOffset + i] = sum / lower[lowerOffset + i * n + i];
  }
}

/** (L Lᵀ)⁻¹ from the Cholesky factor L (row-major lower), as a new row-major n x n matrix. */
export function inverseFromCholesky(lower: Float64Array, n: number): Float64Array {
  const inverse = new Float64Array(n * n);
  const column = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    column.fill(0);
    column[j] = 1;
    forwardSubstitute(lower, n, column);
    backSubstituteTransposed(lower, n, column);
    for (let i = 0; i < n; i++) inverse[i * n + j] = column[i];
  }
  return inverse;
}

/**
 * Inverse of a general square matrix by Gauss-Jordan elimination with partial pivoting (row-major).
 * Returns null when a pivot is exactly 0 or the result is not finite.
 */
export function invertMatrix(matrix: ArrayLike<number>, n: number): Float64Array | null {
  const work = Float64Array.from(matrix);
  const inverse = new Float64Array(n * n);
  for (let i = 0; i < n; i++) inverse[i * n + i] = 1;
  for (let col = 0; col < n; col++) {
    let pivotRow = col;
    for (let row = col + 1; row < n; row++) if (Math.abs(work[row * n + col]) > Math.abs(work[pivotRow * n + col])) pivotRow = row;
    const pivot = work[pivotRow * n + col];
    if (pivot === 0) return null;
    if (pivotRow !== col) {
      for (let k = 0; k < n; k++) {
        [work[col * n + k], work[pivotRow * n + k]] = [work[pivotRow * n + k], work[col * n + k]];
        [inverse[col * n + k], inverse[pivotRow * n + k]] = [inverse[pivotRow * n + k], inverse[col * n + k]];
      }
    }
    for (let k = 0; k < n; k++) {
      work[col * n + k] /= pivot;
      inverse[col * n + k] /= pivot;
    }
    for (let row = 0; row < n; row++) {
      if (row === col) continue;
      const factor = work[row * n + col];
      if (factor === 0) continue;
      for (let k = 0; k < n; k++) {
        work[row * n + k] -= factor * work[col * n + k];
        inverse[row * n + k] -= factor * inverse[col * n + k];
      }
    }
  }
  return inverse.every(Number.isFinite) ? inverse : null;
}
