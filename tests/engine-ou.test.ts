/**
 * The latent integrator against closed-form results: with the coupling switched off (and no stress,
 * no acts) A and R are Ornstein-Uhlenbeck processes, so their stationary variance is sigma^2 / (2 theta)
 * and their autocorrelation at lag d is exp(-theta d). Statistics must not depend noticeably on dt at
 * or below 2 minutes, with and without the coupling.
 */
import { describe, expect, it } from "vitest";
import { LatentProcess } from "../src/model/latent.js";
import { defaultParameters, type PersonParameters } from "../src/model/parameters.js";
import { personStreams } from "../src/random/stream.js";

const uncoupled: Partial<PersonParameters> = {
  wRA: 0,
  wAR: 0,
  stressRate: 0,
  rejectionRate: 0,
  ptsdReminderRate: 0,
  b0: -200,
  thetaA: 0.35,
  thetaR: 0.3,
  sigmaA: 1.1,
  sigmaR: 0.77,
};

/** A, R every `everyHours` over `hours` hours for several persons (after a 20-hour burn-in). */
function samplePaths(overrides: Partial<PersonParameters>, dtMinutes: number, persons: number, hours: number, everyHours: number, seed = 1) {
  const parameters = { ...defaultParameters(), ...overrides };
  const paths: { A: Float64Array; R: Float64Array }[] = [];
  const stepsBetween = Math.round((everyHours * 60) / dtMinutes);
  const count = Math.floor(hours / everyHours);
  let acts = 0;
  let cascade = 0;
  let steps = 0;
  for (let person = 0; person < persons; person++) {
    const latent = new LatentProcess(parameters, { dtMinutes, wakeHour: 7, sleepHour: 23, startHours: -20, covariates: { trauma: 0, ptsd: 0 } }, personStreams(seed, "ou", person));
    latent.advance(0);
    latent.resetCounters();
    const A = new Float64Array(count);
    const R = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      latent.advance(latent.step + stepsBetween);
      const state = latent.state();
      A[i] = state.A;
      R[i] = state.R;
    }
    acts += latent.counters.acts;
    cascade += latent.counters.cascadeSteps;
    steps += latent.counters.steps;
    paths.push({ A, R });
  }
  return { paths, acts, cascadeShare: cascade / steps, parameters };
}

function pooledVariance(series: Float64Array[], mean = 0): number {
  let sum = 0;
  let n = 0;
  for (const x of series) for (const v of x) {
    sum += (v - mean) ** 2;
    n++;
  }
  return sum / n;
}

function pooledAutocorrelation(series: Float64Array[], lag: number, mean = 0): number {
  let cross = 0;
  let square = 0;
  for (const x of series) {
    for (let i = lag; i < x.length; i++) cross += (x[i] - mean) * (x[i - lag] - mean);
    for (const v of x) square += (v - mean) ** 2;
  }
  const pairs = series.reduce((s, x) => s + x.length - lag, 0);
  const n = series.reduce((s, x) => s + x.length, 0);
  return cross / pairs / (square / n);
}

describe("with the coupling off, the latent process is Ornstein-Uhlenbeck", () => {
  // 40 persons x 1000 hours sampled every 30 minutes: about 40 * 1000 / (2 * 2.9) = 7000 effective
  // observations for A, so the relative SE of the variance is about sqrt(2 / 7000) = 1.7%. Tolerance:
  // 7% for variances, 0.03 for autocorrelations (about 4 SE), plus the Euler bias theta dt / 2 < 0.4%.
  const { paths, acts } = samplePaths(uncoupled, 1, 40, 1000, 0.5);
  const A = paths.map((p) => p.A);
  const R = paths.map((p) => p.R);

  it("stationary variance is sigma^2 / (2 theta) for A and R (within 7%)", () => {
    expect(pooledVariance(A) / (1.1 ** 2 / (2 * 0.35))).toBeGreaterThan(0.93);
    expect(pooledVariance(A) / (1.1 ** 2 / (2 * 0.35))).toBeLessThan(1.07);
    expect(pooledVariance(R) / (0.77 ** 2 / (2 * 0.3))).toBeGreaterThan(0.93);
    expect(pooledVariance(R) / (0.77 ** 2 / (2 * 0.3))).toBeLessThan(1.07);
  });
  it("autocorrelation at lag d is exp(-theta d) for d = 0.5, 2.5 and 5 hours (within 0.03)", () => {
    for (const [lagSteps, hours] of [[1, 0.5], [5, 2.5], [10, 5]] as const) {
      expect(Math.abs(pooledAutocorrelation(A, lagSteps) - Math.exp(-0.35 * hours))).toBeLessThan(0.03);
      expect(Math.abs(pooledAutocorrelation(R, lagSteps) - Math.exp(-0.3 * hours))).toBeLessThan(0.03);
    }
  });
  it("A and R are independent (cross-correlation near 0) and no act happens with b0 = -200", () => {
    let cross = 0;
    let n = 0;
    for (const p of paths) for (let i = 0; i < p.A.length; i++) {
      cross += p.A[i] * p.R[i];
      n++;
    }
    expect(Math.abs(cross / n / Math.sqrt(pooledVariance(A) * pooledVariance(R)))).toBeLessThan(0.05);
    expect(acts).toBe(0);
  });
});

describe("results do not change noticeably between dt of 1 and 2 minutes", () => {
  it("OU variance and lag-1 autocorrelation agree within 7% / 0.03", () => {
    const one = samplePaths(uncoupled, 1, 30, 800, 0.5, 2).paths.map((p) => p.A);
    const two = samplePaths(uncoupled, 2, 30, 800, 0.5, 3).paths.map((p) => p.A);
    expect(Math.abs(pooledVariance(one) / pooledVariance(two) - 1)).toBeLessThan(0.07);
    expect(Math.abs(pooledAutocorrelation(one, 5) - pooledAutocorrelation(two, 5))).toBeLessThan(0.03);
  });
  it("with the default coupling, stress and acts, time in the cascade and the act rate agree", () => {
    // Default (BPD-like) parameters, b0 raised so acts are frequent enough to compare.
    const model: Partial<PersonParameters> = { b0: -9 };
    const one = samplePaths(model, 1, 40, 600, 1, 4);
    const two = samplePaths(model, 2, 40, 600, 1, 5);
    // Cascade share: SE of the difference about 0.03 with 40 persons (between-person spread dominates).
    expect(Math.abs(one.cascadeShare - two.cascadeShare)).toBeLessThan(0.08);
    expect(one.acts).toBeGreaterThan(100);
    // Acts: compare counts as Poisson-like with overdispersion: within 25%.
    expect(Math.abs(one.acts / two.acts - 1)).toBeLessThan(0.25);
  });
});
