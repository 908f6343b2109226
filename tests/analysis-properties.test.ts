// Invariants of the metrics, checked with fast-check on random series and datasets.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyzeDataset } from "../src/analysis/analyzeDataset.js";
import { cronbachAlpha } from "../src/analysis/cronbachAlpha.js";
import { earlyWarningSignals, windowPositions } from "../src/analysis/earlyWarningSignals.js";
import { iccConsistency } from "../src/analysis/iccConsistency.js";
import { kendallTau } from "../src/analysis/kendallTau.js";
import { lag1Autocorrelation } from "../src/analysis/lag1Autocorrelation.js";
import { maximumMssd } from "../src/analysis/maximumMssd.js";
import { maximumVariance } from "../src/analysis/maximumVariance.js";
import { mssd } from "../src/analysis/mssd.js";
import { sampleVarianceOfObserved } from "../src/analysis/sampleStandardDeviation.js";
import { successivePairs } from "../src/analysis/successivePairs.js";
import type { PairPolicy } from "../src/analysis/types.js";
import { completeMapping } from "../src/io/import-mapping.js";
import { parseEsmText } from "../src/io/import-text.js";

const close = (a: number, b: number, tolerance = 1e-9): boolean =>
  (Number.isNaN(a) && Number.isNaN(b)) || Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));

/** A sorted ESM series: days 1..3, beeps 1..6 with some absent, values on 1..7 or NaN. */
const series = fc
  .array(fc.record({ present: fc.boolean(), value: fc.option(fc.integer({ min: 1, max: 7 }), { nil: Number.NaN, freq: 4 }) }), { minLength: 18, maxLength: 18 })
  .map((slots) => {
    const day: number[] = [];
    const beep: number[] = [];
    const values: number[] = [];
    slots.forEach((slot, i) => {
      if (!slot.present && i % 3 !== 0) return;
      day.push(Math.floor(i / 6) + 1);
      beep.push((i % 6) + 1);
      values.push(slot.value);
    });
    return { day, beep, values };
  });
const policy = fc.constantFrom<PairPolicy>("adjacent", "bridge", "psych");

describe("MSSD", () => {
  it("is unchanged when a constant is added to every value", () => {
    fc.assert(
      fc.property(series, policy, fc.double({ min: -100, max: 100, noNaN: true }), ({ day, beep, values }, pairs, shift) => {
        const shifted = values.map((v) => v + shift);
        expect(close(mssd(shifted, { day, beep, pairs }), mssd(values, { day, beep, pairs }), 1e-9)).toBe(true);
      }),
    );
  });
  it("is multiplied by c^2 when every value is multiplied by c", () => {
    fc.assert(
      fc.property(series, policy, fc.double({ min: -10, max: 10, noNaN: true }), ({ day, beep, values }, pairs, factor) => {
        const scaled = values.map((v) => v * factor);
        expect(close(mssd(scaled, { day, beep, pairs }), factor * factor * mssd(values, { day, beep, pairs }))).toBe(true);
      }),
    );
  });
});

describe("successive pairs", () => {
  it("never cross days under adjacent and bridge, and adjacent pairs are beeps b and b + 1", () => {
    fc.assert(
      fc.property(series, fc.constantFrom<PairPolicy>("adjacent", "bridge"), ({ day, beep, values }, pairs) => {
        const formed = successivePairs(values, { day, beep, pairs });
        for (let i = 0; i < formed.count; i++) {
          const a = formed.firstIndex[i];
          const b = formed.secondIndex[i];
          expect(day[a]).toBe(day[b]);
          expect(Number.isNaN(values[a]) || Number.isNaN(values[b])).toBe(false);
          if (pairs === "adjacent") expect(beep[b]).toBe(beep[a] + 1);
          else for (let k = a + 1; k < b; k++) expect(values[k]).toBeNaN();
        }
      }),
    );
  });
});

const matrix = fc.integer({ min: 2, max: 5 }).chain((items) =>
  fc.array(fc.array(fc.integer({ min: 1, max: 7 }), { minLength: items, maxLength: items }), { minLength: 3, maxLength: 25 }),
);

describe("ICC", () => {
  it("ICC(C,k) equals Cronbach's alpha across items", () => {
    fc.assert(
      fc.property(matrix, (rows) => {
        expect(close(iccConsistency(rows).average, cronbachAlpha(rows), 1e-9)).toBe(true);
      }),
    );
  });
  it("lies in its range: ICC(C,1) in [-1/(K-1), 1] and ICC(C,k) <= 1", () => {
    fc.assert(
      fc.property(matrix, (rows) => {
        const icc = iccConsistency(rows);
        if (Number.isNaN(icc.single)) return;
        expect(icc.single).toBeLessThanOrEqual(1 + 1e-12);
        expect(icc.single).toBeGreaterThanOrEqual(-1 / (icc.items - 1) - 1e-12);
        // ICC(C,k) is undefined (NaN) when the occasions do not differ at all (MS_occasions = 0).
        if (!Number.isNaN(icc.average)) expect(icc.average).toBeLessThanOrEqual(1 + 1e-12);
        else expect(icc.meanSquareOccasions).toBe(0);
      }),
    );
  });
});

describe("relative variability bounds", () => {
  it("no series on the scale exceeds the maximum variance or the maximum MSSD for its mean", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 1, max: 5, noNaN: true }), { minLength: 2, maxLength: 30 }), (values) => {
        const mean = values.reduce((a, b) => a + b, 0) / values.length;
        expect(sampleVarianceOfObserved(values)).toBeLessThanOrEqual(maximumVariance(mean, 1, 5, values.length) * (1 + 1e-9) + 1e-9);
        expect(mssd(values)).toBeLessThanOrEqual(maximumMssd(mean, 1, 5, values.length) * (1 + 1e-9) + 1e-9);
      }),
    );
  });
  it("maximumMssd equals a dynamic program over every order of the extreme values", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 40 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, fraction) => {
        const mean = 1 + 4 * fraction;
        expect(close(maximumMssd(mean, 1, 5, n), maximumMssdByDynamicProgram(mean, 1, 5, n), 1e-9)).toBe(true);
      }),
    );
  });
});

/** Exhaustive over orders: positions 1..n, state (a's used, middle used, last value kind). */
function maximumMssdByDynamicProgram(mean: number, min: number, max: number, n: number): number {
  const nMax = Math.min(n - 1, Math.floor((n * (mean - min)) / (max - min) + 1e-9));
  const nMin = n - 1 - nMax;
  const middle = Math.min(max, Math.max(min, n * mean - nMin * min - nMax * max));
  const kinds = [min, max, middle];
  const counts = [nMin, nMax, 1];
  // best[a][b][m][last]: best sum of squared differences using a mins, b maxes, m middles, ending in `last`.
  const key = (a: number, b: number, m: number, last: number): string => `${a},${b},${m},${last}`;
  let layer = new Map<string, number>();
  for (let kind = 0; kind < 3; kind++) if (counts[kind] > 0) layer.set(key(kind === 0 ? 1 : 0, kind === 1 ? 1 : 0, kind === 2 ? 1 : 0, kind), 0);
  for (let position = 1; position < n; position++) {
    const next = new Map<string, number>();
    for (const [state, value] of layer) {
      const [a, b, m, last] = state.split(",").map(Number);
      const used = [a, b, m];
      for (let kind = 0; kind < 3; kind++) {
        if (used[kind] >= counts[kind]) continue;
        const step = (kinds[kind] - kinds[last]) ** 2;
        const k = key(a + (kind === 0 ? 1 : 0), b + (kind === 1 ? 1 : 0), m + (kind === 2 ? 1 : 0), kind);
        next.set(k, Math.max(next.get(k) ?? -Infinity, value + step));
      }
    }
    layer = next;
  }
  if (mean === min || mean === max) return 0;
  return Math.max(...layer.values()) / (n - 1);
}

describe("Kendall's tau", () => {
  it("equals the O(n^2) definition of tau-b, ties included", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 })), { minLength: 2, maxLength: 40 }), (points) => {
        const x = points.map((p) => p[0]);
        const y = points.map((p) => p[1]);
        let concordance = 0;
        let tiedX = 0;
        let tiedY = 0;
        let total = 0;
        for (let i = 0; i < x.length; i++) {
          for (let j = i + 1; j < x.length; j++) {
            total++;
            concordance += Math.sign(x[i] - x[j]) * Math.sign(y[i] - y[j]);
            if (x[i] === x[j]) tiedX++;
            if (y[i] === y[j]) tiedY++;
          }
        }
        const naive = concordance / Math.sqrt((total - tiedX) * (total - tiedY));
        expect(close(kendallTau(x, y), Number.isFinite(naive) ? naive : Number.NaN, 1e-12)).toBe(true);
        // Strictly increasing x (the direct-count path used for window trends) against the sorting path.
        const order = y.map((_, i) => i);
        const longer = [...order, ...Array.from({ length: 150 }, (_, i) => y.length + i)];
        const yLonger = [...y, ...Array.from({ length: 150 }, (_, i) => (i * 7) % 5)];
        expect(close(kendallTau(order, y), kendallTau(order.map((i) => -i), y.map((v) => -v)), 1e-12)).toBe(true);
        expect(close(kendallTau(longer.slice(0, 128), yLonger.slice(0, 128)), kendallTau(longer.slice(0, 128).reverse(), yLonger.slice(0, 128).reverse()), 1e-12)).toBe(true);
      }),
    );
  });
});

describe("early-warning windows", () => {
  it("equal a direct computation of each window's variance and lag-1 autocorrelation", () => {
    fc.assert(
      fc.property(series, fc.integer({ min: 3, max: 12 }), fc.integer({ min: 1, max: 4 }), ({ day, beep, values }, window, step) => {
        const signals = earlyWarningSignals(values, { day, beep, window, step, minimumObservations: 2, minimumPairs: 3 });
        const positions = windowPositions(values.length, { day, beep }, "prompts");
        for (const w of signals.windows) {
          const inside = values.filter((v, i) => positions[i] >= w.start && positions[i] < w.end);
          const direct = inside.filter((v) => !Number.isNaN(v)).length >= 2 ? sampleVarianceOfObserved(inside) : Number.NaN;
          expect(close(w.variance, direct, 1e-9)).toBe(true);
          const keep = values.map((v, i) => (positions[i] >= w.start && positions[i] < w.end ? v : Number.NaN));
          const pairs = successivePairs(keep, { day, beep });
          const ac1 = pairs.count >= 3 ? lag1Autocorrelation(keep, { day, beep }) : Number.NaN;
          expect(w.pairs).toBe(pairs.count);
          if (!Number.isNaN(ac1) && !Number.isNaN(w.ac1)) expect(close(w.ac1, ac1, 1e-9)).toBe(true);
        }
      }),
    );
  });
});

describe("row order in the file", () => {
  const items = ["a", "b"];
  const dataset = fc.array(
    fc.record({ id: fc.integer({ min: 1, max: 4 }), day: fc.integer({ min: 1, max: 3 }), beep: fc.integer({ min: 1, max: 5 }), a: fc.option(fc.integer({ min: 1, max: 7 }), { nil: undefined }), b: fc.option(fc.integer({ min: 1, max: 7 }), { nil: undefined }) }),
    { minLength: 5, maxLength: 60 },
  ).map((rows) => {
    const seen = new Set<string>();
    return rows.filter((row) => {
      const key = `${row.id}-${row.day}-${row.beep}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  });
  it("does not change any metric", () => {
    fc.assert(
      fc.property(dataset, fc.func(fc.integer()), (rows, order) => {
        const text = (list: typeof rows): string =>
          "id,day,beep,a,b\n" + list.map((r) => `${r.id},${r.day},${r.beep},${r.a ?? "NA"},${r.b ?? ""}`).join("\n") + "\n";
        const shuffled = [...rows].map((row, i) => ({ row, key: order(i) })).sort((x, y) => x.key - y.key).map((x) => x.row);
        const mapping = completeMapping({ items });
        const analyse = (list: typeof rows): string[] =>
          analyzeDataset(parseEsmText(text(list), "x.csv", mapping), { items, ews: { window: 6, minimumObservations: 2, minimumPairs: 3 } })
            .rows.map((r) => JSON.stringify(r, (_, v: unknown) => (typeof v === "number" && Number.isNaN(v) ? "NaN" : v)))
            .sort();
        expect(analyse(shuffled)).toEqual(analyse(rows));
      }),
      { numRuns: 60 },
    );
  });
});
