import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { betaQuantile } from "../src/population/beta-quantile.js";
import { choleskyLower } from "../src/population/cholesky.js";
import { binaryAtScore, nominalMean, valueAtScore } from "../src/population/distributions.js";
import { drawPerson } from "../src/population/draw.js";
import { RandomStream } from "../src/random/stream.js";
import { parseScenario } from "../src/scenario/parse.js";
import type { Distribution } from "../src/scenario/schema.js";

const fixture = JSON.parse(readFileSync(join(import.meta.dirname, "fixtures", "r", "engine", "beta-quantile.json"), "utf8")) as {
  p: number[];
  a: number[];
  b: number[];
  q: number[];
};

function sampleOf(distribution: Distribution | number, n: number, seed = "d"): number[] {
  const stream = new RandomStream(seed);
  return Array.from({ length: n }, () => valueAtScore(distribution, stream.normal()));
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function sd(values: readonly number[]): number {
  const m = mean(values);
  return Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1));
}

describe("betaQuantile", () => {
  it("agrees with R's qbeta to a relative 1e-9 (tests/fixtures/r/engine/beta-quantile.R)", () => {
    for (let i = 0; i < fixture.p.length; i++) {
      const expected = fixture.q[i];
      const actual = betaQuantile(fixture.p[i], fixture.a[i], fixture.b[i]);
      expect(Math.abs(actual - expected) / Math.max(expected, 1e-300), `p=${fixture.p[i]} a=${fixture.a[i]} b=${fixture.b[i]}`).toBeLessThan(1e-9);
    }
  });
  it("returns the ends for p = 0 and 1, and NaN for invalid input", () => {
    expect(betaQuantile(0, 2, 3)).toBe(0);
    expect(betaQuantile(1, 2, 3)).toBe(1);
    expect(betaQuantile(1.5, 2, 3)).toBeNaN();
    expect(betaQuantile(0.5, -1, 3)).toBeNaN();
  });
});

describe("person-level distributions by inversion of a normal score", () => {
  const n = 40_000;
  it("normal: mean and SD, clipped to [min, max]", () => {
    const x = sampleOf({ dist: "normal", mean: 0.3, sd: 0.15 }, n);
    expect(Math.abs(mean(x) - 0.3)).toBeLessThan(5 * 0.15 / Math.sqrt(n));
    expect(Math.abs(sd(x) - 0.15)).toBeLessThan(0.005);
    const clipped = sampleOf({ dist: "normal", mean: 0.3, sd: 0.15, min: 0, max: 1 }, n);
    expect(Math.min(...clipped)).toBe(0);
    expect(clipped.filter((v) => v === 0).length / n).toBeCloseTo(0.0228, 2); // P(Z < -2)
  });
  it("truncnormal: stays inside the bounds with no mass on them, and has the truncated mean", () => {
    const x = sampleOf({ dist: "truncnormal", mean: 1, sd: 0.5, min: 0 }, n);
    expect(Math.min(...x)).toBeGreaterThan(0);
    // Mean of N(1, 0.5) truncated below at 0: 1 + 0.5 phi(2) / Phi(2).
    const expected = 1 + (0.5 * 0.05399096651318806) / 0.9772498680518208;
    expect(Math.abs(mean(x) - expected)).toBeLessThan(0.01);
    const far = sampleOf({ dist: "truncnormal", mean: 0, sd: 1, min: 4, max: 5 }, 2000);
    expect(far.every((v) => v >= 4 && v <= 5)).toBe(true);
    expect(mean(far)).toBeGreaterThan(4.1);
    expect(mean(far)).toBeLessThan(4.35);
  });
  it("lognormal: median * exp(sdlog Z), with mean median exp(sdlog^2 / 2)", () => {
    const x = sampleOf({ dist: "lognormal", median: 1.1, sdlog: 0.2 }, n);
    const sorted = [...x].sort((a, b) => a - b);
    expect(Math.abs(sorted[n / 2] - 1.1)).toBeLessThan(0.01);
    expect(Math.abs(mean(x) - nominalMean({ dist: "lognormal", median: 1.1, sdlog: 0.2 }))).toBeLessThan(0.01);
    expect(valueAtScore({ dist: "lognormal", median: 1.1, sdlog: 0.2 }, 1)).toBeCloseTo(1.1 * Math.exp(0.2), 12);
  });
  it("beta: scaled to [min, max] with mean min + (max - min) a / (a + b)", () => {
    const x = sampleOf({ dist: "beta", shape1: 2, shape2: 6, min: 0, max: 10 }, n);
    expect(x.every((v) => v >= 0 && v <= 10)).toBe(true);
    expect(Math.abs(mean(x) - 2.5)).toBeLessThan(0.05);
  });
  it("uniform and fixed", () => {
    const x = sampleOf({ dist: "uniform", min: 2, max: 4 }, n);
    expect(x.every((v) => v >= 2 && v <= 4)).toBe(true);
    expect(Math.abs(mean(x) - 3)).toBeLessThan(0.02);
    expect(sampleOf(0.35, 3)).toEqual([0.35, 0.35, 0.35]);
    expect(sampleOf({ dist: "fixed", value: -11 }, 2)).toEqual([-11, -11]);
  });
  it("are increasing in the normal score, so copula correlations keep their sign", () => {
    const distributions: Distribution[] = [
      { dist: "normal", mean: 0, sd: 1 },
      { dist: "truncnormal", mean: 0, sd: 1, min: 1, max: 3 },
      { dist: "lognormal", median: 2, sdlog: 0.5 },
      { dist: "beta", shape1: 0.5, shape2: 0.5, min: 0, max: 1 },
      { dist: "uniform", min: 0, max: 1 },
    ];
    for (const distribution of distributions) {
      let previous = -Infinity;
      for (let z = -4; z <= 4; z += 0.25) {
        const value = valueAtScore(distribution, z);
        expect(value).toBeGreaterThan(previous);
        previous = value;
      }
    }
  });
  it("binary covariates are 1 with probability p", () => {
    const stream = new RandomStream("b");
    const ones = Array.from({ length: n }, () => binaryAtScore(0.4, stream.normal())).reduce<number>((a, b) => a + b, 0);
    expect(Math.abs(ones / n - 0.4)).toBeLessThan(5 * Math.sqrt(0.24 / n));
  });
});

describe("drawPerson", () => {
  const scenario = parseScenario(
    `
groups:
  - name: g
    size: 1
    parameters:
      wRA: { dist: lognormal, median: 1.1, sdlog: 0.3 }
      wAR: { dist: lognormal, median: 1.1, sdlog: 0.3 }
      delta: { dist: normal, mean: 0.3, sd: 0.15, min: 0, max: 1 }
    correlations:
      - { between: [wRA, wAR], r: 0.7 }
      - { between: [trauma, delta], r: -0.5 }
    covariates: { ptsd: 0.35 }
`,
    "draw.yaml",
  );
  const group = scenario.groups[0];
  const people = Array.from({ length: 8000 }, (_, i) => drawPerson(group, new RandomStream(`person-${i}`)));

  it("induces the requested correlation between normal scores (Gaussian copula)", () => {
    const scores = people.map((p) => [Math.log(p.parameters.wRA / 1.1) / 0.3, Math.log(p.parameters.wAR / 1.1) / 0.3]);
    const mx = mean(scores.map((s) => s[0]));
    const my = mean(scores.map((s) => s[1]));
    const r =
      scores.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0) /
      Math.sqrt(scores.reduce((s, [x]) => s + (x - mx) ** 2, 0) * scores.reduce((s, [, y]) => s + (y - my) ** 2, 0));
    expect(Math.abs(r - 0.7)).toBeLessThan(0.03);
  });
  it("keeps each quantity's own distribution (marginals) and defaults for the rest", () => {
    expect(people.every((p) => p.parameters.thetaA === 0.35 && p.parameters.delta >= 0 && p.parameters.delta <= 1)).toBe(true);
    const ptsd = people.filter((p) => p.covariates.ptsd === 1).length / people.length;
    expect(Math.abs(ptsd - 0.35)).toBeLessThan(0.03);
    const trauma = people.map((p) => p.covariates.trauma);
    expect(Math.abs(mean(trauma) - 0.2)).toBeLessThan(0.01); // default beta(1, 4)
  });
  it("a negative copula correlation gives a negative rank correlation", () => {
    const low = people.filter((p) => p.covariates.trauma < 0.1).map((p) => p.parameters.delta);
    const high = people.filter((p) => p.covariates.trauma > 0.4).map((p) => p.parameters.delta);
    expect(mean(high)).toBeLessThan(mean(low) - 0.05);
  });
  it("is deterministic given the stream's seed", () => {
    expect(drawPerson(group, new RandomStream("same"))).toEqual(drawPerson(group, new RandomStream("same")));
  });
});

describe("choleskyLower", () => {
  it("factors a correlation matrix and accepts a perfect correlation", () => {
    const lower = choleskyLower([
      [1, 0.5],
      [0.5, 1],
    ])!;
    expect(lower[1][0]).toBeCloseTo(0.5, 15);
    expect(lower[1][1]).toBeCloseTo(Math.sqrt(0.75), 15);
    expect(choleskyLower([[1, 1], [1, 1]])).toBeDefined();
  });
  it("rejects an impossible correlation matrix", () => {
    expect(
      choleskyLower([
        [1, 0.9, -0.9],
        [0.9, 1, 0.9],
        [-0.9, 0.9, 1],
      ]),
    ).toBeUndefined();
  });
});
