import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { drift, effectiveCoupling, fixedPoints, inCascade, urge } from "../src/model/drift.js";
import { expFast, sigmoid, sigmoidFast } from "../src/model/fast-math.js";
import { PARAMETERS, PARAMETER_NAMES, defaultParameters, describeRange, inRange } from "../src/model/parameters.js";

describe("table-based logistic and exponential", () => {
  it("sigmoidFast is within 1e-6 of the logistic function everywhere", () => {
    fc.assert(
      fc.property(fc.double({ min: -60, max: 60, noNaN: true }), (x) => {
        expect(Math.abs(sigmoidFast(x) - sigmoid(x))).toBeLessThan(1e-6);
      }),
      { numRuns: 5000 },
    );
  });
  it("expFast has relative error below 1e-11 on [-64, 20], is 0 below and saturates above", () => {
    fc.assert(
      fc.property(fc.double({ min: -63.99, max: 19.99, noNaN: true }), (x) => {
        expect(Math.abs(expFast(x) / Math.exp(x) - 1)).toBeLessThan(1e-11);
      }),
      { numRuns: 5000 },
    );
    expect(expFast(-70)).toBe(0);
    expect(expFast(30)).toBeCloseTo(Math.exp(20), -3);
  });
});

describe("the parameter table", () => {
  it("gives every parameter a description, a default within its valid range", () => {
    for (const name of PARAMETER_NAMES) {
      const spec = PARAMETERS[name];
      expect(spec.description.length).toBeGreaterThan(10);
      expect(inRange(spec, spec.default)).toBe(true);
    }
  });
  it("describes ranges for messages", () => {
    expect(describeRange(PARAMETERS.thetaA)).toBe("> 0");
    expect(describeRange(PARAMETERS.delta)).toBe("between 0 and 1");
    expect(describeRange(PARAMETERS.b0)).toBe("any number");
    expect(inRange(PARAMETERS.thetaA, 0)).toBe(false);
    expect(inRange(PARAMETERS.delta, 1.01)).toBe(false);
  });
});

describe("the drift and its fixed points", () => {
  it("is the Ornstein-Uhlenbeck drift when the coupling is off", () => {
    const p = { ...defaultParameters(), wRA: 0, wAR: 0, muA: 0.5, muR: -0.2 };
    expect(drift(p, 1.5, 0.8)).toEqual({ dA: -p.thetaA * 1, dR: -p.thetaR * 1 });
    const analysis = fixedPoints(p);
    expect(analysis.points).toHaveLength(1);
    expect(analysis.points[0].A).toBeCloseTo(0.5, 9);
    expect(analysis.points[0].R).toBeCloseTo(-0.2, 9);
    expect(analysis.bistable).toBe(false);
    expect(analysis.calm?.stable).toBe(true);
  });
  it("damps the rumination-to-affect coupling by (1 - eps delta)", () => {
    expect(effectiveCoupling({ wRA: 1.1, eps: 0.8, delta: 0.3 })).toBeCloseTo(1.1 * 0.76, 12);
  });
  it("has a calm and a cascade attractor with a saddle between them for a low differentiator", () => {
    const p = { ...defaultParameters(), delta: 0 };
    const analysis = fixedPoints(p);
    expect(analysis.bistable).toBe(true);
    expect(analysis.points.map((x) => x.kind)).toEqual(["calm", "saddle", "cascade"]);
    const { calm, saddle, cascade } = analysis;
    expect(calm!.A).toBeLessThan(saddle!.A);
    expect(saddle!.A).toBeLessThan(cascade!.A);
    expect(saddle!.stable).toBe(false);
    expect(saddle!.eigenvalues[0]).toBeGreaterThan(0);
    expect(inCascade(p, cascade!.R)).toBe(true);
    expect(inCascade(p, calm!.R)).toBe(false);
    for (const point of analysis.points) {
      const d = drift(p, point.A, point.R);
      expect(Math.abs(d.dA)).toBeLessThan(1e-9);
      expect(Math.abs(d.dR)).toBeLessThan(1e-9);
    }
  });
  it("loses the cascade attractor as differentiation rises (its protective role)", () => {
    const bistableAt = (delta: number) => fixedPoints({ ...defaultParameters(), delta }).bistable;
    expect(bistableAt(0)).toBe(true);
    expect(bistableAt(0.6)).toBe(false);
  });
  it("finds fixed points that are zeros of the drift for random parameters (property)", () => {
    fc.assert(
      fc.property(
        fc.record({
          thetaA: fc.double({ min: 0.05, max: 2, noNaN: true }),
          thetaR: fc.double({ min: 0.05, max: 2, noNaN: true }),
          wRA: fc.double({ min: 0, max: 3, noNaN: true }),
          wAR: fc.double({ min: 0, max: 3, noNaN: true }),
          k: fc.double({ min: 0.5, max: 5, noNaN: true }),
          delta: fc.double({ min: 0, max: 1, noNaN: true }),
          S: fc.double({ min: 0, max: 2, noNaN: true }),
        }),
        ({ S, ...values }) => {
          const p = { ...defaultParameters(), ...values };
          const analysis = fixedPoints(p, S);
          expect(analysis.points.filter((x) => x.stable).length).toBeGreaterThanOrEqual(1);
          for (const point of analysis.points) {
            const d = drift(p, point.A, point.R, S);
            expect(Math.abs(d.dA) + Math.abs(d.dR)).toBeLessThan(1e-7);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
  it("stress input moves the calm attractor up and can leave only the cascade state", () => {
    const p = defaultParameters();
    const calm = fixedPoints(p, 0).calm!;
    const stressed = fixedPoints(p, 0.5);
    expect(stressed.points[0].A).toBeGreaterThan(calm.A);
    expect(fixedPoints(p, 3).cascade).toBeDefined();
    expect(fixedPoints(p, 3).calm).toBeUndefined();
  });
});

describe("the urge", () => {
  it("is the logistic of the urge predictor, rising with A, R and urgency above aStar", () => {
    const p = defaultParameters();
    expect(urge(p, 0, 0)).toBeCloseTo(1 / (1 + Math.exp(6)), 15);
    expect(urge(p, 3, 0)).toBeCloseTo(sigmoid(p.u0 + p.uA * 3 + p.nu * (3 - p.aStar)), 15);
    expect(urge(p, 3, 2)).toBeGreaterThan(urge(p, 3, 0));
    expect(urge({ ...p, nu: 0 }, 4, 0)).toBeLessThan(urge(p, 4, 0));
  });
});
