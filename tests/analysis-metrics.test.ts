// Specifications of the single metrics: conventions, documented examples, undefined cases.
import { describe, expect, it } from "vitest";
import { analyzeDataset } from "../src/analysis/analyzeDataset.js";
import { ar1Slope } from "../src/analysis/ar1Slope.js";
import { CompensatedSum, compensatedSum } from "../src/analysis/compensatedSum.js";
import { countObserved } from "../src/analysis/countObserved.js";
import { DifferenceTally } from "../src/analysis/differenceTally.js";
import { earlyWarningSignals } from "../src/analysis/earlyWarningSignals.js";
import { emotionDifferentiation } from "../src/analysis/emotionDifferentiation.js";
import { EventLockedMeans } from "../src/analysis/eventLockedMeans.js";
import { GroupComparison } from "../src/analysis/groupComparison.js";
import { hedgesG, hedgesGFromSummaries } from "../src/analysis/hedgesG.js";
import { iccConsistency } from "../src/analysis/iccConsistency.js";
import { lag1Autocorrelation } from "../src/analysis/lag1Autocorrelation.js";
import { maximumMssd } from "../src/analysis/maximumMssd.js";
import { maximumVariance } from "../src/analysis/maximumVariance.js";
import { meanOfObserved } from "../src/analysis/meanOfObserved.js";
import { momentaryNonDifferentiation } from "../src/analysis/momentaryNonDifferentiation.js";
import { mssd } from "../src/analysis/mssd.js";
import { mssdPsych } from "../src/analysis/mssdPsych.js";
import { naMean } from "../src/analysis/naMean.js";
import { pac } from "../src/analysis/pac.js";
import { pooledPacCutoff } from "../src/analysis/pooledPacCutoff.js";
import { relativeMssd } from "../src/analysis/relativeMssd.js";
import { relativeStandardDeviation } from "../src/analysis/relativeStandardDeviation.js";
import { rmssd } from "../src/analysis/rmssd.js";
import { sampleStandardDeviation } from "../src/analysis/sampleStandardDeviation.js";
import { timeAdjustedMssd } from "../src/analysis/timeAdjustedMssd.js";
import { TruthRecovery } from "../src/analysis/truthRecovery.js";
import { loadPersons } from "../src/io/import-file.js";
import { completeMapping } from "../src/io/import-mapping.js";
import { kossakowskiFile, person } from "./analysis-helpers.js";

describe("compensated summation", () => {
  it("keeps the small terms that a naive sum loses (pinned case)", () => {
    const values = [1e16, ...new Array<number>(1000).fill(1), -1e16];
    let naive = 0;
    for (const v of values) naive += v;
    expect(naive).toBe(0); // every +1 is lost next to 1e16
    expect(compensatedSum(values)).toBe(1000);
    expect(meanOfObserved(values)).toBe(1000 / 1002);
  });
  it("resets", () => {
    const sum = new CompensatedSum();
    sum.add(3);
    sum.reset();
    expect(sum.value).toBe(0);
  });
});

describe("n, mean and SD", () => {
  it("ignore missed prompts (NaN)", () => {
    expect(countObserved([1, Number.NaN, 3, 4])).toBe(3);
    expect(meanOfObserved([1, Number.NaN, 3, 4])).toBeCloseTo(8 / 3, 15);
    expect(sampleStandardDeviation([1, 2, Number.NaN, 3, 4, 5])).toBeCloseTo(Math.sqrt(2.5), 15);
  });
  it("are NaN without enough values", () => {
    expect(meanOfObserved([Number.NaN])).toBeNaN();
    expect(sampleStandardDeviation([2])).toBeNaN();
  });
});

describe("successive-difference conventions (SCIENCE.md: x = 1, NA, 3, 4)", () => {
  const x = [1, Number.NaN, 3, 4];
  it("adjacent pairs give 1, bridge 2.5, psych 0.5", () => {
    expect(mssd(x)).toBe(1);
    expect(mssd(x, { pairs: "bridge" })).toBe(2.5);
    expect(mssd(x, { pairs: "psych" })).toBe(0.5);
    expect(mssdPsych(x)).toBe(0.5);
  });
  it("never pair across days (adjacent, bridge) but psych does", () => {
    expect(mssd([1, 2, 4], { day: [1, 2, 2] })).toBe(4);
    expect(mssd([1, 2, 4], { day: [1, 2, 2], pairs: "bridge" })).toBe(4);
    expect(mssd([1, 2, 4], { day: [1, 2, 2], pairs: "psych" })).toBe(2.5);
  });
  it("need consecutive beeps for adjacent pairs (absent rows break them)", () => {
    expect(mssd([1, 3, 6], { beep: [1, 3, 4] })).toBe(9);
    expect(mssd([1, 3, 6], { beep: [1, 3, 4], pairs: "bridge" })).toBe(6.5);
  });
  it("are NaN without a valid pair, and RMSSD is the root", () => {
    expect(mssd([1, Number.NaN, 2])).toBeNaN();
    expect(rmssd([1, 3, 2, 4])).toBeCloseTo(Math.sqrt(3), 15);
  });
});

describe("PAC", () => {
  it("counts |difference| >= cutoff, or increases only for worsening", () => {
    expect(pac([1, 3, 2, 2], { cutoff: 2 })).toBeCloseTo(1 / 3, 15);
    expect(pac([3, 1, 2, 2], { cutoff: 1, direction: "worsening" })).toBeCloseTo(1 / 3, 15);
    expect(pac([3, 1, 2, 2], { cutoff: 1 })).toBeCloseTo(2 / 3, 15);
  });
  it("takes the pooled cutoff as the type-7 90th percentile over every person's pairs", () => {
    expect(pooledPacCutoff([[1, 2, 4], [5, 5, 6]])).toBeCloseTo(1.7, 15);
    const tally = new DifferenceTally();
    for (const d of [0, 1, 0, 2, 1]) tally.add(d);
    expect(tally.quantile(0.9)).toBeCloseTo(1.6, 15);
    expect(tally.distinct).toBe(3);
  });
  it("can take the cutoff from a reference group only", () => {
    const persons = [
      person("c1", { a: [1, 1, 1, 2] }, { group: "control" }),
      person("p1", { a: [1, 5, 1, 5] }, { group: "patient" }),
    ];
    const pooled = analyzeDataset(persons, { items: ["a"], pac: { referenceGroup: "control" }, ews: false });
    expect(pooled.pooled.cutoffs.a).toBeCloseTo(0.8, 12); // |differences| 0, 0, 1 of the control
    const everyone = analyzeDataset(persons, { items: ["a"], ews: false });
    expect(everyone.pooled.cutoffs.a).toBeCloseTo(4, 12);
  });
});

describe("inertia", () => {
  it("lag-1 autocorrelation is a Pearson correlation over valid pairs, NaN for < 3 pairs or no variance", () => {
    expect(lag1Autocorrelation([1, 2, 3, 4, 5])).toBeCloseTo(1, 15);
    expect(lag1Autocorrelation([1, 2, 1, 2])).toBeCloseTo(-1, 15);
    expect(lag1Autocorrelation([1, 2, 3])).toBeNaN();
    expect(lag1Autocorrelation([2, 2, 2, 2, 3])).toBeNaN();
  });
  it("AR(1) slope regresses x[b+1] on x[b]", () => {
    expect(ar1Slope([1, 2, 3, 5])).toBeCloseTo(1.5, 15);
  });
});

describe("time-adjusted MSSD", () => {
  it("scales each difference by (dt / median dt)^lambda", () => {
    expect(timeAdjustedMssd([1, 3, 4], { time: [0, 1, 5], lambda: 0.5 })).toBeCloseTo(5.3125, 12);
    expect(timeAdjustedMssd([1, 3, 4], { time: [0, 1, 5], lambda: 0 })).toBeCloseTo(2.5, 12);
  });
  it("is NaN without times", () => {
    expect(timeAdjustedMssd([1, 3, 4], { time: [Number.NaN, Number.NaN, Number.NaN], lambda: 0.5 })).toBeNaN();
  });
});

describe("relative variability (Mestdagh et al. 2018)", () => {
  it("maximum variance follows the published formula", () => {
    expect(maximumVariance(2.5, 1, 5, 4)).toBeCloseTo(11 / 3, 14);
    expect(maximumVariance(1, 1, 5, 4)).toBe(0);
    expect(maximumVariance(6, 1, 5, 4)).toBeNaN();
  });
  it("maximum MSSD is found exactly (5, 1, 3 for mean 3 on 1..5)", () => {
    expect(maximumMssd(3, 1, 5, 3)).toBe(10);
    expect(maximumMssd(3, 1, 5, 4)).toBeCloseTo(16, 12); // 1, 5, 1, 5
  });
  it("relative SD and relative MSSD are 1 for the most variable series and NaN at a bound", () => {
    expect(relativeStandardDeviation([1, 1, 3, 5], { min: 1, max: 5 })).toBeCloseTo(1, 14);
    expect(relativeMssd([5, 1, 3], { min: 1, max: 5 })).toBeCloseTo(1, 14);
    expect(relativeStandardDeviation([1, 1, 1], { min: 1, max: 5 })).toBeNaN();
    expect(relativeMssd([1, 9], { min: 1, max: 5 })).toBeNaN();
  });
});

describe("emotion differentiation", () => {
  const matrix = [[1, 2], [2, 3], [3, 5]];
  it("ICC(C,k) and ICC(C,1) of a small matrix", () => {
    const icc = iccConsistency(matrix);
    expect(icc.average).toBeCloseTo(0.9473684210526316, 14);
    expect(icc.single).toBeCloseTo(0.9, 14);
    expect(iccConsistency([[1, 2], [2, 3]]).average).toBeNaN(); // fewer than 3 complete occasions
    expect(iccConsistency([[1, 2], [2, Number.NaN], [3, 5], [4, 4]]).occasions).toBe(3);
  });
  it("ED reverses the ICC; negative ICCs are missing by default or kept", () => {
    expect(emotionDifferentiation(0.8)).toBeCloseTo(0.2, 15);
    expect(emotionDifferentiation(0.5, { index: "fisher-z" })).toBeCloseTo(-Math.atanh(0.5), 15);
    expect(emotionDifferentiation(-0.1)).toBeNaN();
    expect(emotionDifferentiation(-0.1, { negative: "keep" })).toBeCloseTo(1.1, 15);
    expect(emotionDifferentiation(1, { index: "fisher-z" })).toBeNaN();
  });
  it("momentary non-differentiation is large when items deviate together", () => {
    expect(Array.from(momentaryNonDifferentiation([[1, 1], [3, 3], [2, 2]]))).toEqual([2, 2, 0]);
    expect(Array.from(momentaryNonDifferentiation([[1, 3], [3, 1], [2, Number.NaN]]))).toEqual([0, 0, Number.NaN]);
  });
  it("na_mean is the mean of the items only where all were answered", () => {
    expect(Array.from(naMean(person("1", { a: [1, 2], b: [3, Number.NaN] }), ["a", "b"]))).toEqual([2, Number.NaN]);
  });
});

describe("Hedges' g", () => {
  it("reproduces Borenstein et al. (2009, chapter 4): d = 0.5970, g = 0.5924, V_g = 0.0411", () => {
    const result = hedgesGFromSummaries({ n: 50, mean: 103, sd: 5.5 }, { n: 50, mean: 100, sd: 4.5 });
    expect(result.d).toBeCloseTo(0.597, 3);
    expect(result.correction).toBeCloseTo(0.9923, 4);
    expect(result.g).toBeCloseTo(0.5924, 4);
    expect(result.standardError ** 2).toBeCloseTo(0.0411, 4);
    expect(result.lower).toBeCloseTo(result.g - 1.959963984540054 * result.standardError, 12);
  });
  it("from raw values; NaN with fewer than 2 per group", () => {
    expect(hedgesG([2, 3, 4], [1, 2, 3]).g).toBeCloseTo(0.8, 12);
    expect(hedgesG([2], [1, 2, 3]).g).toBeNaN();
  });
  it("group comparison summarises persons by group against the reference group", () => {
    const comparison = new GroupComparison(["mssd"], "hc");
    for (const [group, value] of [["hc", 1], ["hc", 2], ["hc", 3], ["bpd", 2], ["bpd", 3], ["bpd", 4]] as const) {
      comparison.add({ group, variable: "na_mean", mssd: value });
    }
    const [row] = comparison.rows();
    expect(row).toMatchObject({ group: "bpd", reference: "hc", n: 3, n_reference: 3, mean: 3, mean_reference: 2 });
    expect(row.g).toBeCloseTo(0.8, 12);
  });
});

describe("event-locked means", () => {
  it("average by prompt offset over persons, with t intervals", () => {
    const locked = new EventLockedMeans({ event: "nssi", variables: ["urge"], before: 1, after: 1 });
    locked.add(person("1", { nssi: [0, 0, 1, 0, 0], urge: [10, 20, 80, 30, 10] }));
    locked.add(person("2", { nssi: [0, 1, 0, 0, 0], urge: [40, 60, 20, 10, 10] }));
    const rows = locked.rows();
    expect(rows.map((r) => [r.offset, r.persons, r.mean])).toEqual([[-1, 2, 30], [0, 2, 70], [1, 2, 25]]);
    // t(0.975, 1) = 12.706: mean 70, SD 14.142, SE 10 -> [-57.06, 197.06]
    expect(rows[1].upper).toBeCloseTo(70 + 12.706204736174705 * 10, 8);
  });
  it("can keep to the event's day", () => {
    const locked = new EventLockedMeans({ event: "nssi", variables: ["urge"], before: 1, after: 0, sameDay: true });
    locked.add(person("1", { nssi: [0, 1], urge: [5, 9] }, { day: [1, 2], beep: [6, 1] }));
    expect(locked.rows().map((r) => r.offset)).toEqual([0]);
  });
});

describe("truth recovery", () => {
  it("correlates true parameters with estimates across persons", () => {
    const recovery = new TruthRecovery();
    [0.1, 0.3, 0.5, 0.7].forEach((delta, i) => recovery.add({ variable: "na_mean", icc3k: 0.9 - delta + (i % 2) * 0.01 }, { delta }));
    const row = recovery.rows().find((r) => r.truth === "delta" && r.estimate === "icc3k")!;
    expect(row.n).toBe(4);
    expect(row.correlation).toBeLessThan(-0.99);
  });
});

describe("early-warning signals", () => {
  it("the documented example: variance rising in every window gives tau = 1", () => {
    const rising = [1, 2, 1, 2, 0, 3, 0, 3, -1, 4, -1, 4];
    expect(earlyWarningSignals(rising, { window: 4, minimumObservations: 3, minimumPairs: 3 }).varianceTau).toBe(1);
  });
  it("run on the real single-person dataset (kossakowski2017) with windows in days and in prompts", async () => {
    const mapping = completeMapping({ singlePerson: true, day: "date", beep: "beepno", date: "date", time: "beeptime", dateFormat: "dmy", items: ["mood_down"] });
    const [series] = await loadPersons(kossakowskiFile, mapping);
    expect(series.day.length).toBe(1476);
    const index = { day: series.day, beep: series.beep, time: series.time };
    const byDays = earlyWarningSignals(series.variables.mood_down, { ...index, unit: "days", window: 28, step: 7 });
    // 239 study days: windows of 28 days every 7 days
    expect(byDays.windows.length).toBeGreaterThan(25);
    expect(byDays.windows[0].end - byDays.windows[0].start).toBe(28);
    for (const window of byDays.windows) {
      expect(window.pairs).toBeLessThan(window.observations);
      if (!Number.isNaN(window.ac1)) expect(Math.abs(window.ac1)).toBeLessThanOrEqual(1);
    }
    expect(byDays.varianceTau).toBeGreaterThanOrEqual(-1);
    expect(byDays.varianceTau).toBeLessThanOrEqual(1);
    const byPrompts = earlyWarningSignals(series.variables.mood_down, { ...index, window: 500, step: 50 });
    // prompt slots count the missed (absent) prompts: 10 a day over the study's days
    expect(byPrompts.windows[0].observations).toBeLessThan(500);
    expect(Number.isNaN(byPrompts.ac1Tau)).toBe(false);
  });
});

describe("browser safety", () => {
  it("the analysis layer and the pure import modules import no node: module", async () => {
    const { readdirSync, readFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const root = join(import.meta.dirname, "..", "src");
    const files = [
      ...readdirSync(join(root, "analysis")).map((f) => join(root, "analysis", f)),
      ...["import-mapping.ts", "import-rows.ts", "import-text.ts", "import-time.ts"].map((f) => join(root, "io", f)),
    ];
    const offenders = files.filter((file) => /from "node:/.test(readFileSync(file, "utf8")));
    expect(files.length).toBeGreaterThan(30);
    expect(offenders).toEqual([]);
  });
});

describe("analyzePerson", () => {
  it("gives the same early-warning trends as earlyWarningSignals on each variable", () => {
    const values = Array.from({ length: 60 }, (_, i) => ((i * 7) % 5) + (i > 30 ? (i % 3) * 2 : 0));
    const day = values.map((_, i) => Math.floor(i / 6) + 1);
    const beep = values.map((_, i) => (i % 6) + 1);
    const series = person("1", { a: values, b: values.map((v, i) => (i % 4 === 0 ? Number.NaN : 7 - v)) }, { day, beep });
    const { rows } = analyzeDataset([series], { items: ["a", "b"], ews: { window: 24, minimumObservations: 4, minimumPairs: 3 } });
    for (const variable of ["a", "b"]) {
      const expected = earlyWarningSignals(series.variables[variable], { day: series.day, beep: series.beep, window: 24, minimumObservations: 4, minimumPairs: 3 });
      const row = rows.find((r) => r.variable === variable)!;
      expect(row.ews_windows).toBe(expected.windows.length);
      expect(row.ews_var_tau).toBe(expected.varianceTau);
      expect(row.ews_ac1_tau).toBe(expected.ac1Tau);
    }
  });
});
