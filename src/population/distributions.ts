/**
 * Person-level values from their distributions, by inversion of a normal score: x = F^-1(Phi(z)).
 *
 * Drawing every quantity from a standard normal score z lets correlations be induced between any of
 * them through a Gaussian copula (`draw.ts`), whatever their distributions, and makes a person's
 * draws stable under edits: changing one parameter's distribution moves only that parameter.
 */
import { normalCdf } from "../stats/distributions/normal-cdf.js";
import { normalQuantile } from "../stats/distributions/normal-quantile.js";
import type { ValueOrDistribution } from "../scenario/schema.js";
import { betaQuantile } from "./beta-quantile.js";

function clamp(value: number, min: number | undefined, max: number | undefined): number {
  if (min !== undefined && value < min) return min;
  if (max !== undefined && value > max) return max;
  return value;
}

/**
 * The value of `distribution` at normal score `z` (a standard normal draw).
 *
 * - number or `fixed`: the value;
 * - `normal`: mean + sd z, clipped to [min, max];
 * - `truncnormal`: the normal quantile at Phi(a) + Phi(z) (Phi(b) - Phi(a)), a and b the standardised
 *   bounds (exact inversion of the truncated distribution);
 * - `lognormal`: median exp(sdlog z), clipped;
 * - `beta`: min + (max - min) times the Beta(shape1, shape2) quantile at Phi(z);
 * - `uniform`: min + (max - min) Phi(z).
 *
 * @example valueAtScore({ dist: "lognormal", median: 1.1, sdlog: 0.2 }, 0) // => 1.1
 */
export function valueAtScore(distribution: ValueOrDistribution, z: number): number {
  if (typeof distribution === "number") return distribution;
  switch (distribution.dist) {
    case "fixed":
      return distribution.value;
    case "normal":
      return clamp(distribution.mean + distribution.sd * z, distribution.min, distribution.max);
    case "truncnormal": {
      const { mean, sd, min, max } = distribution;
      // Work in the lower tail of whichever side the interval lies on, for accuracy far out.
      const flip = min !== undefined && min > mean;
      const lowScore = min === undefined ? -Infinity : (min - mean) / sd;
      const highScore = max === undefined ? Infinity : (max - mean) / sd;
      const u = normalCdf(flip ? -z : z);
      const a = flip ? normalCdf(-highScore) : normalCdf(lowScore);
      const b = flip ? normalCdf(-lowScore) : normalCdf(highScore);
      const score = normalQuantile(a + u * (b - a));
      return clamp(mean + sd * (flip ? -score : score), min, max);
    }
    case "lognormal":
      return clamp(distribution.median * Math.exp(distribution.sdlog * z), distribution.min, distribution.max);
    case "beta":
      return distribution.min + (distribution.max - distribution.min) * betaQuantile(normalCdf(z), distribution.shape1, distribution.shape2);
    case "uniform":
      return distribution.min + (distribution.max - distribution.min) * normalCdf(z);
  }
}

/** A binary value (0 or 1) that is 1 with probability `p`, at normal score `z`: 1 when z < Phi^-1(p). */
export function binaryAtScore(p: number, z: number): 0 | 1 {
  return z < normalQuantile(p) ? 1 : 0;
}

/** The mean of a distribution where it has a closed form (clipping ignored), for documentation and tests. */
export function nominalMean(distribution: ValueOrDistribution): number {
  if (typeof distribution === "number") return distribution;
  switch (distribution.dist) {
    case "fixed":
      return distribution.value;
    case "normal":
    case "truncnormal":
      return distribution.mean;
    case "lognormal":
      return distribution.median * Math.exp(0.5 * distribution.sdlog * distribution.sdlog);
    case "beta":
      return distribution.min + ((distribution.max - distribution.min) * distribution.shape1) / (distribution.shape1 + distribution.shape2);
    case "uniform":
      return 0.5 * (distribution.min + distribution.max);
  }
}
