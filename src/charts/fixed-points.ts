/**
 * Fixed points of a two-dimensional drift, and their stability, for the phase chart.
 *
 * The Emotional Cascade Model's deterministic part (MODEL.md section 1, with no noise and no stress
 * input) is a planar vector field (A, R) -> (dA/dt, dR/dt). Its fixed points are where both rates are
 * zero; with the default coupling there are three: the calm attractor, the cascade attractor, and the
 * saddle (tipping point) between them. The chart layer needs them without depending on the engine's
 * internals, so this module finds them for any drift function: Newton's method with a numerical
 * Jacobian started from a grid of points over the plotted region, with duplicates merged. Stability
 * follows from the Jacobian's trace and determinant (Strogatz 2015, "Nonlinear Dynamics and Chaos",
 * section 5.2): determinant < 0 is a saddle; determinant > 0 with trace < 0 is stable (an attractor);
 * otherwise unstable.
 *
 * Cost: gridSize^2 Newton runs of at most 60 steps, each 3 drift calls: about 40,000 calls at the
 * default grid, a few milliseconds.
 *
 * Browser-safe: no `node:` imports.
 */

/** The deterministic rates of change (dA/dt, dR/dt) at a state, per hour. */
export type Drift = (A: number, R: number) => readonly [number, number];

/** A rectangle of the (A, R) plane: [min, max] of each coordinate. */
export interface PhaseExtent {
  A: readonly [number, number];
  R: readonly [number, number];
}

/** "stable": an attractor; "saddle": the tipping point between two attractors; "unstable": a repeller. */
export type FixedPointKind = "stable" | "saddle" | "unstable";

/** A state where the drift is zero. */
export interface FixedPoint {
  A: number;
  R: number;
  kind: FixedPointKind;
  /** Name shown on the chart; by default "calm", "cascade" or "tipping point" (see `labelFixedPoints`). */
  label?: string;
}

/** The Jacobian of `drift` at (A, R) by central differences with step `step`: [[dFa/dA, dFa/dR], [dFr/dA, dFr/dR]]. */
export function numericalJacobian(drift: Drift, A: number, R: number, step = 1e-6): [[number, number], [number, number]] {
  const [aPlusA, rPlusA] = drift(A + step, R);
  const [aMinusA, rMinusA] = drift(A - step, R);
  const [aPlusR, rPlusR] = drift(A, R + step);
  const [aMinusR, rMinusR] = drift(A, R - step);
  return [
    [(aPlusA - aMinusA) / (2 * step), (aPlusR - aMinusR) / (2 * step)],
    [(rPlusA - rMinusA) / (2 * step), (rPlusR - rMinusR) / (2 * step)],
  ];
}

/** Stability of a fixed point from its Jacobian (trace-determinant classification). */
export function classifyFixedPoint(jacobian: readonly (readonly number[])[]): FixedPointKind {
  const trace = jacobian[0][0] + jacobian[1][1];
  const determinant = jacobian[0][0] * jacobian[1][1] - jacobian[0][1] * jacobian[1][0];
  if (determinant < 0) return "saddle";
  return trace < 0 ? "stable" : "unstable";
}

function newton(drift: Drift, startA: number, startR: number, tolerance: number): [number, number] | undefined {
  let A = startA;
  let R = startR;
  for (let iteration = 0; iteration < 60; iteration++) {
    const [fA, fR] = drift(A, R);
    if (!Number.isFinite(fA) || !Number.isFinite(fR)) return undefined;
    if (Math.hypot(fA, fR) < tolerance) return [A, R];
    const [[a, b], [c, d]] = numericalJacobian(drift, A, R);
    const determinant = a * d - b * c;
    if (determinant === 0 || !Number.isFinite(determinant)) return undefined;
    let stepA = (d * fA - b * fR) / determinant;
    let stepR = (-c * fA + a * fR) / determinant;
    // Damping: never jump further than 2 units at once, so starts far away do not fly off.
    const length = Math.hypot(stepA, stepR);
    if (length > 2) {
      stepA *= 2 / length;
      stepR *= 2 / length;
    }
    A -= stepA;
    R -= stepR;
  }
  const [fA, fR] = drift(A, R);
  return Math.hypot(fA, fR) < tolerance ? [A, R] : undefined;
}

export interface FindFixedPointsOptions {
  /** Newton starts per side of the grid over the extent (default 15). */
  gridSize?: number;
  /** A point counts as fixed when |drift| is below this (default 1e-10). */
  tolerance?: number;
}

/**
 * Every fixed point of `drift` inside `extent` that Newton's method reaches from a grid of starts,
 * classified and sorted by A. Returns an empty list when there is none.
 */
export function findFixedPoints(drift: Drift, extent: PhaseExtent, options: FindFixedPointsOptions = {}): FixedPoint[] {
  const gridSize = options.gridSize ?? 15;
  const tolerance = options.tolerance ?? 1e-10;
  const [minA, maxA] = extent.A;
  const [minR, maxR] = extent.R;
  const merge = 1e-6 * Math.max(1, maxA - minA, maxR - minR);
  const found: Array<[number, number]> = [];
  for (let i = 0; i < gridSize; i++) {
    for (let j = 0; j < gridSize; j++) {
      const startA = minA + ((i + 0.5) / gridSize) * (maxA - minA);
      const startR = minR + ((j + 0.5) / gridSize) * (maxR - minR);
      const root = newton(drift, startA, startR, tolerance);
      if (root === undefined) continue;
      const [A, R] = root;
      if (A < minA || A > maxA || R < minR || R > maxR) continue;
      if (found.some(([a, r]) => Math.abs(a - A) < merge && Math.abs(r - R) < merge)) continue;
      found.push(root);
    }
  }
  return labelFixedPoints(
    found
      .sort((a, b) => a[0] - b[0] || a[1] - b[1])
      .map(([A, R]) => ({ A, R, kind: classifyFixedPoint(numericalJacobian(drift, A, R)) })),
  );
}

/**
 * Names fixed points for students: among the attractors the one with the lowest negative affect is
 * "calm" and the one with the highest is "cascade" (a lone attractor is "calm" below A = 1 and
 * "cascade" above); saddles are "tipping point"; repellers "unstable". Labels already set are kept.
 */
export function labelFixedPoints(points: readonly FixedPoint[]): FixedPoint[] {
  const stable = points.filter((p) => p.kind === "stable").sort((a, b) => a.A - b.A);
  return points.map((point) => {
    if (point.label !== undefined) return { ...point };
    if (point.kind === "saddle") return { ...point, label: "tipping point" };
    if (point.kind === "unstable") return { ...point, label: "unstable" };
    if (stable.length === 1) return { ...point, label: point.A < 1 ? "calm" : "cascade" };
    if (point === stable[0]) return { ...point, label: "calm" };
    if (point === stable[stable.length - 1]) return { ...point, label: "cascade" };
    return { ...point, label: "attractor" };
  });
}
