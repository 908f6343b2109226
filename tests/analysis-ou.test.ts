// Closed-form checks on exact Ornstein-Uhlenbeck series (seeded): for a stationary OU process with
// stationary variance sigma^2 and rate theta, E[(x(t + d) - x(t))^2] = 2 sigma^2 (1 - exp(-theta d)).
import { describe, expect, it } from "vitest";
import { ar1Slope } from "../src/analysis/ar1Slope.js";
import { LambdaEstimator } from "../src/analysis/estimateTimeLambda.js";
import { lag1Autocorrelation } from "../src/analysis/lag1Autocorrelation.js";
import { mssd, mssdOfPairs } from "../src/analysis/mssd.js";
import { successivePairs } from "../src/analysis/successivePairs.js";
import { medianPositive, pairIntervals, timeAdjustedMssd } from "../src/analysis/timeAdjustedMssd.js";
import { normalStream, ornsteinUhlenbeck } from "./analysis-helpers.js";
import seedrandom from "seedrandom";

/** Persons x days x beeps on a regular grid (beeps `gap` hours apart, 08:00 onwards), with missed prompts. */
function regularStudy(theta: number, sigma: number, gap: number, seed: string) {
  const normal = normalStream(seed);
  const random = seedrandom(`${seed}-missing`);
  const day: number[] = [];
  const beep: number[] = [];
  const time: number[] = [];
  const values: number[] = [];
  for (let d = 1; d <= 28; d++) {
    for (let b = 1; b <= 6; b++) {
      day.push(d);
      beep.push(b);
      time.push(24 * d + 8 + gap * (b - 1));
    }
  }
  const series = ornsteinUhlenbeck(time, theta, sigma, normal);
  for (let i = 0; i < series.length; i++) values.push(random() < 0.2 ? Number.NaN : series[i]);
  return { day, beep, time, values };
}

describe("MSSD on Ornstein-Uhlenbeck data", () => {
  const theta = 0.35;
  const sigma = 1.3;
  const gap = 2.5;
  const expected = 2 * sigma * sigma * (1 - Math.exp(-theta * gap));
  const squares: number[] = [];
  const correlations: number[] = [];
  const slopes: number[] = [];
  for (let p = 0; p < 400; p++) {
    const { day, beep, values } = regularStudy(theta, sigma, gap, `ou-${p}`);
    const pairs = successivePairs(values, { day, beep });
    for (let i = 0; i < pairs.count; i++) squares.push((pairs.second[i] - pairs.first[i]) ** 2);
    correlations.push(lag1Autocorrelation(values, { day, beep }));
    slopes.push(ar1Slope(values, { day, beep }));
  }
  it(`pooled MSSD is 2 sigma^2 (1 - exp(-theta d)) = ${expected.toFixed(4)} within 4 standard errors`, () => {
    const pooled = squares.reduce((a, b) => a + b, 0) / squares.length;
    // Gaussian differences: Var(d^2) = 2 (E d^2)^2.
    const standardError = expected * Math.sqrt(2 / squares.length);
    expect(squares.length).toBeGreaterThan(30_000);
    expect(Math.abs(pooled - expected)).toBeLessThan(4 * standardError);
  });
  it("lag-1 autocorrelation and AR(1) slope estimate exp(-theta d) (mean over persons, small-sample bias allowed)", () => {
    const target = Math.exp(-theta * gap);
    const meanCorrelation = correlations.reduce((a, b) => a + b, 0) / correlations.length;
    const meanSlope = slopes.reduce((a, b) => a + b, 0) / slopes.length;
    // With about 85 pairs per person the downward bias of the estimators is about (1 + 3 rho) / n = 0.03.
    expect(meanCorrelation).toBeGreaterThan(target - 0.06);
    expect(meanCorrelation).toBeLessThan(target + 0.01);
    expect(meanSlope).toBeGreaterThan(target - 0.06);
    expect(meanSlope).toBeLessThan(target + 0.01);
  });
  it("does not form overnight pairs (a series of day means far apart does not inflate it)", () => {
    const { day, beep, values } = regularStudy(theta, sigma, gap, "ou-night");
    const shifted = values.map((v, i) => v + 100 * day[i]);
    expect(mssd(shifted, { day, beep })).toBeCloseTo(mssd(values, { day, beep }), 9);
  });
});

describe("time-adjusted MSSD on irregularly spaced Ornstein-Uhlenbeck data", () => {
  // A slow process (theta small): over these intervals E[d^2] ~ 2 sigma^2 theta dt, diffusion.
  const theta = 0.01;
  const sigma = 5;
  const random = seedrandom("irregular");
  const normal = normalStream("irregular-noise");
  const times: number[] = [0];
  for (let i = 1; i < 60_000; i++) times.push(times[i - 1] + (random() < 0.5 ? 0.25 + 0.75 * random() : 1 + 5 * random()));
  const values = ornsteinUhlenbeck(times, theta, sigma, normal);
  const pairs = successivePairs(values);
  const intervals = pairIntervals(pairs, times);
  const median = medianPositive(intervals);

  it("with lambda = 0.5 estimates the diffusion scaling 2 sigma^2 (1 - exp(-theta dt)) * median / dt, exactly in expectation", () => {
    let expected = 0;
    for (let i = 0; i < pairs.count; i++) expected += (2 * sigma * sigma * (1 - Math.exp(-theta * intervals[i])) * median) / intervals[i];
    expected /= pairs.count;
    const adjusted = timeAdjustedMssd(values, { time: times, lambda: 0.5 });
    expect(Math.abs(adjusted - expected)).toBeLessThan(4 * expected * Math.sqrt(2 / pairs.count));
    // and that is close to the diffusion coefficient times the median interval:
    expect(adjusted / (2 * sigma * sigma * theta * median)).toBeCloseTo(1, 1);
  });
  it("with lambda = 0 is the plain MSSD, which depends on the spacing", () => {
    expect(timeAdjustedMssd(values, { time: times, lambda: 0 })).toBeCloseTo(mssdOfPairs(pairs), 12);
    expect(Math.abs(mssdOfPairs(pairs) / timeAdjustedMssd(values, { time: times, lambda: 0.5 }) - 1)).toBeGreaterThan(0.2);
  });
  it("the documented lambda estimator recovers 0.5 for diffusion", () => {
    const estimator = new LambdaEstimator();
    estimator.addPairs(pairs, intervals);
    expect(estimator.estimate()).toBeGreaterThan(0.45);
    expect(estimator.estimate()).toBeLessThan(0.52);
  });
  it("the estimator gives 0 for white noise (no dependence on the interval)", () => {
    const noise = normalStream("white");
    const white = times.map(() => noise());
    const whitePairs = successivePairs(white);
    const estimator = new LambdaEstimator();
    estimator.addPairs(whitePairs, pairIntervals(whitePairs, times));
    expect(Math.abs(estimator.estimate())).toBeLessThan(0.03);
  });
});
