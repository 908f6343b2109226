/**
 * The deterministic part of the latent dynamics (the drift of MODEL.md section 1) and its fixed
 * points: the calm attractor, the cascade attractor and the saddle between them. For phase-plane
 * charts (flow field and attractors) and for tests of bistability.
 *
 * ```
 * dA/dt = -thetaA (A - muA) + wRA (1 - eps delta) sig(k (R - h)) + S
 * dR/dt = -thetaR (R - muR) + wAR sig(k (A - h))
 * ```
 */
import { sigmoid } from "./fast-math.js";
import type { PersonParameters } from "./parameters.js";

type DriftParameters = Pick<PersonParameters, "thetaA" | "thetaR" | "muA" | "muR" | "wRA" | "wAR" | "k" | "h" | "delta" | "eps">;

/** The rumination-to-affect coupling after damping by differentiation: wRA (1 - eps delta). */
export function effectiveCoupling(parameters: Pick<PersonParameters, "wRA" | "eps" | "delta">): number {
  return parameters.wRA * (1 - parameters.eps * parameters.delta);
}

/**
 * The drift (dA/dt, dR/dt) at (A, R) with stress input S (default 0).
 *
 * @example drift(defaultParameters(), 0, 0) // => { dA: 0.01504..., dR: 0.01979... }
 */
export function drift(parameters: DriftParameters, A: number, R: number, S = 0): { dA: number; dR: number } {
  return {
    dA: -parameters.thetaA * (A - parameters.muA) + effectiveCoupling(parameters) * sigmoid(parameters.k * (R - parameters.h)) + S,
    dR: -parameters.thetaR * (R - parameters.muR) + parameters.wAR * sigmoid(parameters.k * (A - parameters.h)),
  };
}

/** A fixed point of the drift. */
export interface FixedPoint {
  A: number;
  R: number;
  /** Both eigenvalues of the Jacobian have negative real parts (an attractor). */
  stable: boolean;
  /** "calm" or "cascade" for attractors (see `fixedPoints`), "saddle" otherwise. */
  kind: "calm" | "cascade" | "saddle";
  /** Eigenvalues of the Jacobian (real parts; complex pairs share theirs). */
  eigenvalues: [number, number];
}

export interface FixedPointAnalysis {
  /** All fixed points, by increasing A. */
  points: FixedPoint[];
  /** Two attractors: a calm and a cascade state. */
  bistable: boolean;
  calm?: FixedPoint;
  cascade?: FixedPoint;
  saddle?: FixedPoint;
}

/** Jacobian eigenvalues (real parts) at (A, R). */
function eigenvalues(parameters: DriftParameters, A: number, R: number): [number, number] {
  const sR = sigmoid(parameters.k * (R - parameters.h));
  const sA = sigmoid(parameters.k * (A - parameters.h));
  const a11 = -parameters.thetaA;
  const a12 = effectiveCoupling(parameters) * parameters.k * sR * (1 - sR);
  const a21 = parameters.wAR * parameters.k * sA * (1 - sA);
  const a22 = -parameters.thetaR;
  const trace = a11 + a22;
  const determinant = a11 * a22 - a12 * a21;
  const discriminant = trace * trace - 4 * determinant;
  if (discriminant < 0) return [trace / 2, trace / 2];
  const root = Math.sqrt(discriminant);
  return [(trace + root) / 2, (trace - root) / 2];
}

/**
 * The fixed points of the drift with constant stress input S (default 0), classified.
 *
 * Method: on the R-nullcline R(A) = muR + (wAR / thetaR) sig(k (A - h)), a fixed point is a root of
 * f(A) = dA/dt(A, R(A)). Every root lies in [muA + S/thetaA, muA + (g + S)/thetaA], g the effective
 * coupling (sig is between 0 and 1), which is scanned in 1000 steps for sign changes; each is refined
 * by bisection to 1e-12. (A tangency, where two fixed points merge at a bifurcation, may be missed.)
 * Stability from the Jacobian's eigenvalues. With two attractors, the one with lower A is `calm`, the
 * other `cascade`; a single attractor is `calm` when R < h there and `cascade` otherwise.
 */
export function fixedPoints(parameters: DriftParameters, S = 0): FixedPointAnalysis {
  const gain = effectiveCoupling(parameters);
  const nullclineR = (A: number): number => parameters.muR + (parameters.wAR / parameters.thetaR) * sigmoid(parameters.k * (A - parameters.h));
  const f = (A: number): number => drift(parameters, A, nullclineR(A), S).dA;
  const low = parameters.muA + Math.min(S, S + gain) / parameters.thetaA - 1e-9;
  const high = parameters.muA + Math.max(S, S + gain) / parameters.thetaA + 1e-9;
  const steps = 1000;
  const roots: number[] = [];
  let previousA = low;
  let previousF = f(low);
  for (let i = 1; i <= steps; i++) {
    const A = low + ((high - low) * i) / steps;
    const value = f(A);
    if (previousF === 0) roots.push(previousA);
    else if (previousF * value < 0) {
      let a = previousA;
      let b = A;
      let fa = previousF;
      while (b - a > 1e-12) {
        const mid = 0.5 * (a + b);
        const fm = f(mid);
        if (fa * fm <= 0) b = mid;
        else {
          a = mid;
          fa = fm;
        }
      }
      roots.push(0.5 * (a + b));
    }
    previousA = A;
    previousF = value;
  }
  const points: FixedPoint[] = roots.map((A) => {
    const R = nullclineR(A);
    const values = eigenvalues(parameters, A, R);
    const stable = values[0] < 0 && values[1] < 0;
    return { A, R, stable, kind: stable ? "calm" : "saddle", eigenvalues: values };
  });
  const attractors = points.filter((p) => p.stable);
  if (attractors.length >= 2) {
    attractors[attractors.length - 1].kind = "cascade";
  } else if (attractors.length === 1 && attractors[0].R >= parameters.h) {
    attractors[0].kind = "cascade";
  }
  const bistable = attractors.length >= 2;
  return {
    points,
    bistable,
    calm: points.find((p) => p.kind === "calm"),
    cascade: points.find((p) => p.kind === "cascade"),
    saddle: points.find((p) => p.kind === "saddle"),
  };
}

/**
 * The urge U = sig(u0 + uA A + uR R + nu max(0, A - aStar)), 0..1 (MODEL.md section 2).
 */
export function urge(parameters: Pick<PersonParameters, "u0" | "uA" | "uR" | "nu" | "aStar">, A: number, R: number): number {
  return sigmoid(parameters.u0 + parameters.uA * A + parameters.uR * R + parameters.nu * Math.max(0, A - parameters.aStar));
}

/**
 * Whether the state is in the cascade: rumination above the coupling threshold, R > h, where
 * rumination drives negative affect at more than half the loop's strength (sig(k (R - h)) > 1/2).
 *
 * Why R and not A: at the cascade attractor A sits only a little above h (the loop's push on A is
 * bounded by the effective coupling), while R sits well above it, so R > h separates the two
 * attractors' basins cleanly; a calm person crosses it rarely (about 5% of the time for the default
 * scenario's healthy controls, against about 30% for its BPD group).
 */
export function inCascade(parameters: Pick<PersonParameters, "h">, R: number): boolean {
  return R > parameters.h;
}
