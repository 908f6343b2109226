import type { Matrix } from "./matrix.js";

/**
 * Householder QR decomposition of a tall matrix A (n x p, n >= p): A = Q R with Q orthogonal and R
 * upper triangular, computed by p Householder reflections (Golub & Van Loan, Matrix Computations,
 * 4th ed., section 5.2.2). This is the least-squares method of R's `lm` and `glm.fit` (LINPACK
 * dqrdc2), and it works on A itself rather than on AᵀA, so the condition number is not squared.
 *
 * Rank: column k is declared linearly dependent on the earlier ones when the norm of what remains
 * of it after the earlier reflections is below `tolerance` (default 1e-7, R's `lm` default) times
 * its original norm. Unlike R, which then pivots the column to the end and reports NA for its
 * coefficient, we stop and report the decomposition as rank deficient: in a simulation loop that
 * design has no answer to give, and callers return NaN with a status.
 *
 * Cost: 2 n p² flops.
 */
export interface QrDecomposition {
  readonly rows: number;
  readonly columns: number;
  /** Column-major work array: on and above the diagonal, R; below it, the Householder vectors. */
  readonly packed: Float64Array;
  /** The diagonal of R. */
  readonly diagonal: Float64Array;
  /** Each reflection's first vector component (its remaining components are in `packed`). */
  readonly vectorHead: Float64Array;
  /** 2 / (vᵀv) of each reflection, 0 for an identity reflection. */
  readonly scale: Float64Array;
  /** False when a column was found linearly dependent on the earlier ones. */
  readonly fullRank: boolean;
  /** The first dependent column, or -1. */
  readonly dependentColumn: number;
}

/**
 * Decomposes A (optionally with each row i multiplied by rowScale[i], for weighted least squares).
 * `work`, if given, must hold n p doubles and is overwritten (reuse it across iterations of IRLS).
 */
export function householderQr(
  matrix: Matrix,
  rowScale: ArrayLike<number> | null = null,
  tolerance = 1e-7,
  work?: Float64Array,
): QrDecomposition {
  const { rows, columns } = matrix;
  const packed = work && work.length >= rows * columns ? work : new Float64Array(rows * columns);
  if (rowScale === null) packed.set(matrix.values.subarray(0, rows * columns));
  else {
    for (let j = 0; j < columns; j++) {
      const offset = j * rows;
      for (let i = 0; i < rows; i++) packed[offset + i] = matrix.values[offset + i] * rowScale[i];
    }
  }
  const diagonal = new Float64Array(columns);
  const vectorHead = new Float64Array(columns);
  const scale = new Float64Array(columns);
  const originalNorms = new Float64Array(columns);
  for (let j = 0; j < columns; j++) originalNorms[j] = norm(packed, j * rows, rows);
  let dependentColumn = -1;

  for (let k = 0; k < columns; k++) {
    const start = k * rows + k;
    const length = rows - k;
    const columnNorm = length > 0 ? norm(packed, start, length) : 0;
    if (!(columnNorm > tolerance * originalNorms[k]) || columnNorm === 0) {
      dependentColumn = k;
      break;
    }
    // Reflect x = A[k:, k] onto alpha e_1 with alpha = -sign(x_0) |x|: v = x - alpha e_1.
    const head = packed[start];
    const alpha = head >= 0 ? -columnNorm : columnNorm;
    const v0 = head - alpha;
    // vᵀv = |x|² - 2 alpha x_0 + alpha² = 2 (|x|² - alpha x_0).
    const vNormSquared = 2 * (columnNorm * columnNorm - alpha * head);
    const reflectionScale = 2 / vNormSquared;
    vectorHead[k] = v0;
    scale[k] = reflectionScale;
    diagonal[k] = alpha;
    packed[start] = alpha;
    for (let j = k + 1; j < columns; j++) {
      const target = j * rows + k;
      let dot = v0 * packed[target];
      for (let i = 1; i < length; i++) dot += packed[start + i] * packed[target + i];
      const factor = reflectionScale * dot;
      packed[target] -= factor * v0;
      for (let i = 1; i < length; i++) packed[target + i] -= factor * packed[start + i];
    }
  }
  return { rows, columns, packed, diagonal, vectorHead, scale, fullRank: dependentColumn < 0, dependentColumn };
}

/** Overwrites y (length n) with Qᵀ y. */
export function applyQTranspose(qr: QrDecomposition, y: Float64Array): void {
  const { rows, columns, packed, vectorHead, scale } = qr;
  for (let k = 0; k < columns; k++) {
    const start = k * rows + k;
    const length = rows - k;
    let dot = vectorHead[k] * y[k];
    for (let i = 1; i < length; i++) dot += packed[start + i] * y[k + i];
    const factor = scale[k] * dot;
    y[k] -= factor * vectorHead[k];
    for (let i = 1; i < length; i++) y[k + i] -= factor * packed[start + i];
  }
}

/** Solves R b = c (c = the first p entries of Qᵀ y) by back substitution. */
export function solveUpperTriangular(qr: QrDecomposition, rhs: ArrayLike<number>): Float64Array {
  const { rows, columns, packed } = qr;
  const solution = new Float64Array(columns);
  for (let k = columns - 1; k >= 0; k--) {
    let sum = rhs[k];
    for (let j = k + 1; j < columns; j++) sum -= packed[j * rows + k] * solution[j];
    solution[k] = sum / packed[k * rows + k];
  }
  return solution;
}

/**
 * (AᵀA)⁻¹ = R⁻¹ R⁻ᵀ, the unscaled covariance of least-squares coefficients, as a row-major
 * p x p array. Computed by inverting the triangular R.
 */
export function unscaledCovariance(qr: QrDecomposition): Float64Array {
  const { rows, columns: p, packed } = qr;
  // inverse = R⁻¹ (upper triangular), column by column: R inverse_j = e_j.
  const inverse = new Float64Array(p * p); // row-major
  for (let j = 0; j < p; j++) {
    for (let k = j; k >= 0; k--) {
      let sum = k === j ? 1 : 0;
      for (let m = k + 1; m <= j; m++) sum -= packed[m * rows + k] * inverse[m * p + j];
      inverse[k * p + j] = sum / packed[k * rows + k];
    }
  }
  const covariance = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = i; j < p; j++) {
      let sum = 0;
      for (let m = j; m < p; m++) sum += inverse[i * p + m] * inverse[j * p + m];
      covariance[i * p + j] = sum;
      covariance[j * p + i] = sum;
    }
  }
  return covariance;
}

/** Euclidean norm of values[start .. start + length), scaled to avoid overflow and underflow. */
function norm(values: Float64Array, start: number, length: number): number {
  let largest = 0;
  for (let i = 0; i < length; i++) largest = Math.max(largest, Math.abs(values[start + i]));
  if (largest === 0 || !Number.isFinite(largest)) return largest;
  let sum = 0;
  for (let i = 0; i < length; i++) {
    const scaled = values[start + i] / largest;
    sum += scaled * scaled;
  }
  return largest * Math.sqrt(sum);
}
