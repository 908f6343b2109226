import { describe, expect, it } from "vitest";
import seedrandom from "seedrandom";
import { aleaNext, aleaState } from "../src/random/alea.js";
import { RandomStream, personStreams, streamSeed } from "../src/random/stream.js";
import { zigguratNormal } from "../src/random/ziggurat.js";

/** Mean, variance and standardized central moments of a sample. */
function moments(values: Float64Array) {
  const n = values.length;
  let mean = 0;
  for (const v of values) mean += v;
  mean /= n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (const v of values) {
    const d = v - mean;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
  }
  m2 /= n;
  return { mean, variance: m2, skewness: m3 / n / m2 ** 1.5, kurtosis: m4 / n / (m2 * m2) };
}

describe("Alea streams", () => {
  it("give exactly the numbers of seedrandom.alea for the same seed", () => {
    for (const seed of ["x", "cascade-lab/v1/1/bpd/0/noiseA", ""]) {
      const reference = seedrandom.alea(seed);
      const state = aleaState(seed);
      for (let i = 0; i < 10_000; i++) expect(aleaNext(state)).toBe(reference());
    }
  });
  it("RandomStream.uniform is the same sequence, within [0, 1)", () => {
    const reference = seedrandom.alea("abc");
    const stream = new RandomStream("abc");
    for (let i = 0; i < 1000; i++) {
      const u = stream.uniform();
      expect(u).toBe(reference());
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
    }
  });
  it("derive per-person seeds from scenario seed, group, index and purpose only", () => {
    expect(streamSeed(3, "bpd", 7, "noiseA")).toBe("cascade-lab/v1/3/bpd/7/noiseA");
    const a = personStreams(1, "bpd", 4);
    const b = personStreams(1, "bpd", 4);
    const c = personStreams(1, "bpd", 5);
    const d = personStreams(1, "control", 4);
    const first = (s: RandomStream) => s.uniform();
    const x = first(a.noiseA);
    expect(first(b.noiseA)).toBe(x);
    expect(first(c.noiseA)).not.toBe(x);
    expect(first(d.noiseA)).not.toBe(x);
    expect(first(a.noiseR)).not.toBe(first(b.noiseA));
  });
});

describe("ziggurat normals (Marsaglia & Tsang 2000)", () => {
  const n = 400_000;
  const state = aleaState("normals");
  const sample = new Float64Array(n);
  for (let i = 0; i < n; i++) sample[i] = zigguratNormal(state);
  const m = moments(sample);

  it("have mean 0, variance 1, skewness 0 and kurtosis 3 (within 5 standard errors)", () => {
    expect(Math.abs(m.mean)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(m.variance - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    expect(Math.abs(m.skewness)).toBeLessThan(5 * Math.sqrt(6 / n));
    expect(Math.abs(m.kurtosis - 3)).toBeLessThan(5 * Math.sqrt(24 / n));
  });
  it("have the normal tail frequencies, including beyond the base layer's edge r = 3.44", () => {
    const expected: [number, number][] = [
      [1, 0.3173105078629141],
      [2, 0.04550026389635842],
      [3, 0.0026997960632601866],
      [3.442619855899, 0.0005762],
      [4, 6.334248366623996e-5],
    ];
    for (const [x, p] of expected) {
      const count = sample.filter((z) => Math.abs(z) > x).length;
      const sd = Math.sqrt(n * p * (1 - p));
      expect(Math.abs(count - n * p)).toBeLessThan(5 * sd + 1);
    }
  });
  it("are serially uncorrelated (lag-1 and lag-2 correlation within 5 standard errors of 0)", () => {
    for (const lag of [1, 2]) {
      let sum = 0;
      for (let i = lag; i < n; i++) sum += sample[i] * sample[i - lag];
      expect(Math.abs(sum / (n - lag))).toBeLessThan(5 / Math.sqrt(n));
    }
  });
  it("are symmetric: the share of positive values is 1/2", () => {
    const positive = sample.filter((z) => z > 0).length / n;
    expect(Math.abs(positive - 0.5)).toBeLessThan(5 * 0.5 / Math.sqrt(n));
  });
});

describe("RandomStream distributions", () => {
  it("exponential() has mean 1 and variance 1", () => {
    const stream = new RandomStream("exp");
    const sample = Float64Array.from({ length: 200_000 }, () => stream.exponential());
    const m = moments(sample);
    expect(Math.abs(m.mean - 1)).toBeLessThan(5 / Math.sqrt(sample.length));
    expect(Math.abs(m.variance - 1)).toBeLessThan(0.05);
    expect(sample.every((x) => x >= 0 && Number.isFinite(x))).toBe(true);
  });
  it("integerBelow(n) covers 0..n-1 uniformly", () => {
    const stream = new RandomStream("int");
    const counts = new Array(6).fill(0);
    for (let i = 0; i < 60_000; i++) counts[stream.integerBelow(6)]++;
    for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(5 * Math.sqrt(60_000 * (1 / 6) * (5 / 6)));
  });
});
