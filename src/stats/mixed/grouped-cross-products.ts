import type { Matrix } from "../linear-algebra/matrix.js";

/**
 * The sufficient statistics of a linear mixed model with one grouping factor: per group i the
 * cross-products Z_iᵀZ_i (q x q), Z_iᵀX_i (q x p) and Z_iᵀy_i (q), and overall XᵀX, Xᵀy and yᵀy.
 * Computed once in O(n (p + q) q); every evaluation of the profiled deviance then costs O(m q² p + p³)
 * for m groups, whatever the number of observations. Internal to `linearMixedModel`.
 */
export interface GroupedCrossProducts {
  /** Observations n, fixed effects p, random effects per group q, groups m. */
  readonly observations: number;
  readonly fixed: number;
  readonly random: number;
  readonly groups: number;
  /** Group labels in order of first appearance; index g of the arrays below is group labels[g]. */
  readonly labels: readonly (number | string)[];
  /** Group index of each observation. */
  readonly groupOf: Int32Array;
  /** Observations per group. */
  readonly sizes: Int32Array;
  /** m blocks of q x q, row-major. */
  readonly zz: Float64Array;
  /** m blocks of q x p, row-major. */
  readonly zx: Float64Array;
  /** m blocks of q. */
  readonly zy: Float64Array;
  /** p x p, row-major. */
  readonly xx: Float64Array;
  readonly xy: Float64Array;
  readonly yy: number;
  /** yᵀy within each group (for the starting values). */
  readonly groupYy: Float64Array;
}

/** Maps group labels to indices 0..m-1 in order of first appearance. */
export function indexGroups(groups: ArrayLike<number | string>): { labels: (number | string)[]; groupOf: Int32Array } {
  const indices = new Map<number | string, number>();
  const labels: (number | string)[] = [];
  const groupOf = new Int32Array(groups.length);
  for (let i = 0; i < groups.length; i++) {
    const label = groups[i];
    let index = indices.get(label);
    if (index === undefined) {
      index = labels.length;
      indices.set(label, index);
      labels.push(label);
    }
    groupOf[i] = index;
  }
  return { labels, groupOf };
}

/** Accumulates the cross-products; `outcomeShift` is subtracted from y (centring, for accuracy). */
export function groupedCrossProducts(
  design: Matrix,
  randomDesign: Matrix,
  outcome: ArrayLike<number>,
  grouping: { labels: readonly (number | string)[]; groupOf: Int32Array },
  outcomeShift: number,
): GroupedCrossProducts {
  const n = design.rows;
  const p = design.columns;
  const q = randomDesign.columns;
  const m = grouping.labels.length;
  const { groupOf } = grouping;
  const x = design.values;
  const z = randomDesign.values;
  const sizes = new Int32Array(m);
  const zz = new Float64Array(m * q * q);
  const zx = new Float64Array(m * q * p);
  const zy = new Float64Array(m * q);
  const xx = new Float64Array(p * p);
  const xy = new Float64Array(p);
  let yy = 0;
  const groupYy = new Float64Array(m);
  const xRow = new Float64Array(p);
  const zRow = new Float64Array(q);
  for (let i = 0; i < n; i++) {
    const g = groupOf[i];
    sizes[g] += 1;
    const y = outcome[i] - outcomeShift;
    for (let j = 0; j < p; j++) xRow[j] = x[j * n + i];
    for (let r = 0; r < q; r++) zRow[r] = z[r * n + i];
    yy += y * y;
    groupYy[g] += y * y;
    for (let j = 0; j < p; j++) {
      xy[j] += xRow[j] * y;
      for (let k = 0; k <= j; k++) xx[j * p + k] += xRow[j] * xRow[k];
    }
    const zzOffset = g * q * q;
    const zxOffset = g * q * p;
    for (let r = 0; r < q; r++) {
      zy[g * q + r] += zRow[r] * y;
      for (let c = 0; c <= r; c++) zz[zzOffset + r * q + c] += zRow[r] * zRow[c];
      for (let j = 0; j < p; j++) zx[zxOffset + r * p + j] += zRow[r] * xRow[j];
    }
  }
  for (let j = 0; j < p; j++) for (let k = 0; k < j; k++) xx[k * p + j] = xx[j * p + k];
  for (let g = 0; g < m; g++) for (let r = 0; r < q; r++) for (let c = 0; c < r; c++) zz[g * q * q + c * q + r] = zz[g * q * q + r * q + c];
  return { observations: n, fixed: p, random: q, groups: m, labels: grouping.labels, groupOf, sizes, zz, zx, zy, xx, xy, yy, groupYy };
}
