/**
 * The chart layer's own numerics: means with t-based confidence intervals and least-squares slopes
 * against R (tests/fixtures/r/charts-summary.R), tertile splits, the fixed-point
 * finder against an independent reduction for random parameters, and the text metrics.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  classifyFixedPoint,
  findFixedPoints,
  formatEstimate,
  formatNumber,
  leastSquaresSlope,
  meanWithInterval,
  numericalJacobian,
  roundTo,
  stableJitter,
  tertileGroups,
} from "../src/charts/index.js";
import { textWidth } from "../src/charts/text-metrics.js";
import { ecmDrift, ecmParameters } from "./helpers/charts-data.js";
import { repoRoot } from "./helpers/cli.js";

interface Reference {
  sample: number[];
  response: number[];
  mean: number;
  ci95: [number, number];
  ci90: [number, number];
  slope: number;
}
const reference = JSON.parse(readFileSync(join(repoRoot, "tests", "fixtures", "r", "charts-summary.json"), "utf8")) as Reference;

describe("meanWithInterval(values, level)", () => {
  it("matches R's t.test() confidence intervals", () => {
    const interval95 = meanWithInterval(reference.sample);
    expect(interval95.mean).toBeCloseTo(reference.mean, 12);
    expect(interval95.lower).toBeCloseTo(reference.ci95[0], 10);
    expect(interval95.upper).toBeCloseTo(reference.ci95[1], 10);
    const interval90 = meanWithInterval(reference.sample, 0.9);
    expect(interval90.lower).toBeCloseTo(reference.ci90[0], 10);
    expect(interval90.upper).toBeCloseTo(reference.ci90[1], 10);
  });

  it("ignores non-finite values and gives NaN where there is no answer", () => {
    expect(meanWithInterval([Number.NaN, 1, 3]).mean).toBe(2);
    expect(meanWithInterval([Number.NaN, 1, 3]).n).toBe(2);
    const one = meanWithInterval([4]);
    expect(one.mean).toBe(4);
    expect(one.lower).toBeNaN();
    expect(meanWithInterval([]).mean).toBeNaN();
  });
});

describe("leastSquaresSlope(x, y)", () => {
  it("matches R's lm() slope", () => {
    expect(leastSquaresSlope(reference.sample, reference.response)).toBeCloseTo(reference.slope, 12);
  });

  it("is unchanged by shifting x or y, and scales with y / x", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: -50, max: 50, noNaN: true }), fc.double({ min: -50, max: 50, noNaN: true })), { minLength: 3, maxLength: 30 }),
        fc.double({ min: -10, max: 10, noNaN: true }),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        (pairs, shift, factor) => {
          const x = pairs.map(([a]) => a);
          const y = pairs.map(([, b]) => b);
          const slope = leastSquaresSlope(x, y);
          if (!Number.isFinite(slope) || Math.max(...x) - Math.min(...x) < 1e-3) return true;
          const shifted = leastSquaresSlope(
            x.map((v) => v + shift),
            y.map((v) => v - shift),
          );
          const scaled = leastSquaresSlope(x, y.map((v) => v * factor));
          return Math.abs(shifted - slope) < 1e-6 * Math.max(1, Math.abs(slope)) && Math.abs(scaled - factor * slope) < 1e-6 * Math.max(1, Math.abs(factor * slope));
        },
      ),
    );
  });

  it("is NaN with fewer than three pairs or when x does not vary", () => {
    expect(leastSquaresSlope([1, 2], [1, 2])).toBeNaN();
    expect(leastSquaresSlope([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(leastSquaresSlope([1, Number.NaN, 2, 3], [2, 5, 4, 6])).toBe(2);
  });
});

describe("tertileGroups(items, value)", () => {
  it("splits the finite items into ordered thirds whose sizes differ by at most one", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double({ min: -100, max: 100, noNaN: true }), fc.constant(Number.NaN)), { maxLength: 40 }), (values) => {
        const groups = tertileGroups(values, (v) => v);
        const finite = values.filter(Number.isFinite);
        const sizes = groups.map((g) => g.length);
        if (sizes.reduce((a, b) => a + b, 0) !== finite.length) return false;
        if (Math.max(...sizes) - Math.min(...sizes) > 1 || sizes[0] < sizes[2]) return false;
        for (let third = 0; third < 2; third++) {
          if (groups[third].length > 0 && groups[third + 1].length > 0 && Math.max(...groups[third]) > Math.min(...groups[third + 1])) return false;
        }
        return true;
      }),
    );
  });
});

describe("findFixedPoints(drift, extent)", () => {
  /** Roots of the drift reduced to one equation in A along the rumination nullcline. */
  function reducedRootCount(p: typeof ecmParameters): number {
    const sig = (x: number): number => 1 / (1 + Math.exp(-x));
    const f = (A: number): number =>
      -p.thetaA * (A - p.muA) + p.wRA * (1 - p.eps * p.delta) * sig(p.k * (p.muR + (p.wAR / p.thetaR) * sig(p.k * (A - p.h)) - p.h));
    let count = 0;
    for (let i = 0; i < 20_000; i++) if (Math.sign(f(-5 + i * 0.001)) !== Math.sign(f(-5 + (i + 1) * 0.001))) count += 1;
    return count;
  }

  it("finds every fixed point of MODEL.md's drift, each a zero of the drift, with the right stability", () => {
    fc.assert(
      fc.property(
        fc.record({
          wRA: fc.double({ min: 0.3, max: 2.5, noNaN: true }),
          wAR: fc.double({ min: 0.3, max: 2.5, noNaN: true }),
          delta: fc.double({ min: 0, max: 1, noNaN: true }),
          thetaA: fc.double({ min: 0.15, max: 0.8, noNaN: true }),
          thetaR: fc.double({ min: 0.15, max: 0.8, noNaN: true }),
        }),
        (overrides) => {
          const p = { ...ecmParameters, ...overrides };
          const drift = ecmDrift(p);
          const points = findFixedPoints(drift, { A: [-5, 15], R: [-5, 20] });
          const expected = reducedRootCount(p);
          // A root that touches zero without crossing (a fold) may be missed by the sign scan; skip those.
          if (expected !== points.length) return Math.abs(expected - points.length) === 1 && expected % 2 === 0;
          for (const point of points) {
            const [dA, dR] = drift(point.A, point.R);
            if (Math.hypot(dA, dR) > 1e-9) return false;
            if (point.kind !== classifyFixedPoint(numericalJacobian(drift, point.A, point.R))) return false;
          }
          // Attractors and saddles alternate along A: stable, saddle, stable.
          return points.every((point, index) => point.kind === (index % 2 === 0 ? "stable" : "saddle"));
        },
      ),
      { numRuns: 60 },
    );
  });

  it("classifies by trace and determinant", () => {
    expect(classifyFixedPoint([[-1, 0], [0, -2]])).toBe("stable");
    expect(classifyFixedPoint([[1, 0], [0, -2]])).toBe("saddle");
    expect(classifyFixedPoint([[1, 0], [0, 2]])).toBe("unstable");
  });
});

describe("number formatting and jitter", () => {
  it("formats numbers for titles with a real minus sign and n/a", () => {
    expect(formatNumber(-0.4567, 2)).toBe("\u22120.46");
    expect(formatNumber(-0.001, 2)).toBe("0.00");
    expect(formatNumber(Number.NaN)).toBe("n/a");
    expect(formatEstimate(0.5, 0.1, 0.9)).toBe("0.50 [0.10, 0.90]");
    expect(formatEstimate(0.5, null, 0.9)).toBe("0.50");
  });

  it("rounds to null where there is no number, never to -0", () => {
    expect(roundTo(Number.NaN)).toBeNull();
    expect(roundTo(Number.POSITIVE_INFINITY)).toBeNull();
    expect(Object.is(roundTo(-0.00001, 3), 0)).toBe(true);
  });

  it("jitters deterministically within its width", () => {
    fc.assert(
      fc.property(fc.string(), fc.double({ min: 0.01, max: 10, noNaN: true }), (key, width) => {
        const offset = stableJitter(key, width);
        return offset === stableJitter(key, width) && Math.abs(offset) <= width / 2;
      }),
    );
  });
});

describe("textWidth(text, fontSize, bold)", () => {
  it("uses the Arial/Liberation Sans advance widths", () => {
    // H 722 + e 556 + l 222 + l 222 + o 556 = 2278 thousandths of an em.
    expect(textWidth("Hello", 10)).toBeCloseTo(22.78, 10);
    expect(textWidth("Hello", 10, true)).toBeGreaterThan(textWidth("Hello", 10));
    expect(textWidth("", 20)).toBe(0);
  });
});
