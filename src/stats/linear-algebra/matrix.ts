import { CascadeError } from "../../errors.js";

/**
 * A dense matrix of doubles stored column by column ("column-major", as in R and LAPACK): entry
 * (row i, column j) is `values[j * rows + i]`. Regression designs are tall and thin, and the
 * least-squares code works on whole columns, which are then contiguous.
 */
export interface Matrix {
  readonly rows: number;
  readonly columns: number;
  readonly values: Float64Array;
}

/** A design matrix: a `Matrix` whose columns have names (for coefficient tables). */
export interface DesignMatrix extends Matrix {
  /** One name per column, for example `["(Intercept)", "mssd_R", "mssd_A", "mssd_R:mssd_A"]`. */
  readonly names: readonly string[];
}

/**
 * Builds a design matrix from its columns (each an array of the same length). Names default to
 * `x1`, `x2`, ... Throws a `CascadeError` when the columns differ in length or the names do not
 * match the columns: that is a programming error, not a property of the data.
 *
 * @example
 * const x = matrixFromColumns([[1, 1, 1], [0.5, 1.5, 2.5]], ["(Intercept)", "dose"]);
 * x.values; // => Float64Array [1, 1, 1, 0.5, 1.5, 2.5]
 */
export function matrixFromColumns(columns: readonly ArrayLike<number>[], names?: readonly string[]): DesignMatrix {
  const rows = columns.length === 0 ? 0 : columns[0].length;
  const columnNames = names ?? columns.map((_, j) => `x${j + 1}`);
  if (columnNames.length !== columns.length) {
    throw new CascadeError(`expected ${columns.length} column names, got ${columnNames.length}`, { field: "names" });
  }
  const values = new Float64Array(rows * columns.length);
  columns.forEach((column, j) => {
    if (column.length !== rows) {
      throw new CascadeError(`expected every column to have ${rows} values, got ${column.length}`, { field: columnNames[j] });
    }
    for (let i = 0; i < rows; i++) values[j * rows + i] = column[i];
  });
  return { rows, columns: columns.length, values, names: columnNames };
}

/** Column j of a matrix, as a view (no copy). */
export function column(matrix: Matrix, j: number): Float64Array {
  return matrix.values.subarray(j * matrix.rows, (j + 1) * matrix.rows);
}

/** Checks that an outcome (or weight, offset) vector has one value per row of the design. */
export function checkLength(values: ArrayLike<unknown>, rows: number, field: string): void {
  if (values.length !== rows) {
    throw new CascadeError(`expected ${rows} values (one per row of the design matrix), got ${values.length}`, { field });
  }
}

/** True when every value is a finite number. */
export function allFinite(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return false;
  return true;
}

/** The index of a column whose values are all exactly 1 (an intercept), or -1. */
export function interceptColumn(matrix: Matrix): number {
  for (let j = 0; j < matrix.columns; j++) {
    const values = column(matrix, j);
    if (values.length > 0 && values.every((v) => v === 1)) return j;
  }
  return -1;
}
