/**
 * Charts drawn from the analysis module's results: a small two-group study written as a CSV file and
 * the real single-person dataset of Kossakowski et al. (2017) go through `openChartData`,
 * `analyseChartData` (the `cascade analyze` pipeline, in memory) and the adapters; the charts carry
 * the analysis module's numbers, validate against the Vega-Lite schema and render without warnings.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { TopLevelSpec } from "vega-lite";
import { earlyWarningSignals } from "../src/analysis/earlyWarningSignals.js";
import { naMean } from "../src/analysis/naMean.js";
import { differentiationFromAnalysis, occasionStudyDays, referenceGroup } from "../src/charts/adapters/analysis.js";
import { analysisKinds, chartFromAnalysis } from "../src/charts/from-data.js";
import { renderSvg } from "../src/charts/render.js";
import { analyseChartData, openChartData, type AnalysedChartData } from "../src/charts/sources.js";
import { CascadeError } from "../src/errors.js";
import { kossakowskiFile } from "./analysis-helpers.js";
import { simulateStudy, vegaLiteValidator } from "./helpers/charts-data.js";
import { tempDir } from "./helpers/cli.js";

type Datasets = Record<string, Array<Record<string, unknown>>>;
const datasetsOf = (spec: TopLevelSpec): Datasets => (spec as unknown as { datasets: Datasets }).datasets;
const titleOf = (spec: unknown): { text: string; subtitle: string[] } => (spec as { title: { text: string; subtitle: string[] } }).title;

/** The small simulated study as a long-format CSV (one row per prompt) with a YAML mapping beside it. */
function writeStudy(): { file: string; mapping: string } {
  const dir = tempDir();
  const lines = ["id,group,day,beep,sad,anxious,rumination,urge,nssi"];
  for (const person of simulateStudy(6, 3)) {
    const beeps = new Map<number, number>();
    for (const prompt of person.prompts) {
      const beep = (beeps.get(prompt.day) ?? 0) + 1;
      beeps.set(prompt.day, beep);
      const cell = (value: number | null | undefined): string => (prompt.answered && typeof value === "number" ? String(value) : "");
      const urge = typeof prompt.rumination === "number" ? String(10 * prompt.rumination) : "";
      lines.push(
        [person.id, person.group, prompt.day, beep, cell(prompt.na), cell(prompt.na === null ? null : Math.min(7, (prompt.na ?? 0) + 1)), cell(prompt.rumination), prompt.answered ? urge : "", prompt.answered ? prompt.nssiSince : ""].join(","),
      );
    }
  }
  const file = join(dir, "study.csv");
  writeFileSync(file, lines.join("\n") + "\n");
  const mapping = join(dir, "mapping.yaml");
  writeFileSync(mapping, "items: [sad, anxious]\nextra_items: [rumination, urge]\ngroup: group\nevent: nssi\nscales:\n  sad: [1, 7]\n  anxious: [1, 7]\n");
  return { file, mapping };
}

let study: AnalysedChartData;
let validate: (spec: unknown) => string[];

beforeAll(async () => {
  const { file, mapping } = writeStudy();
  study = await analyseChartData(openChartData(file, mapping));
  validate = vegaLiteValidator();
});

describe("charts from analysed data", () => {
  it.each(analysisKinds)("the %s chart validates and renders without warnings", async (kind) => {
    const spec = chartFromAnalysis(kind, study);
    expect(validate(spec)).toEqual([]);
    expect((await renderSvg(spec)).startsWith("<svg")).toBe(true);
  });

  it("compares the clinical group with the healthy one, whatever their alphabetical order", () => {
    expect(study.groups).toEqual(["BPD", "Healthy"]);
    expect(study.reference).toBe("Healthy");
    expect(referenceGroup(["patients", "controls", "others"])).toBe("controls");
    expect(referenceGroup(["a", "b"])).toBe("b");
  });

  it("puts the analysis module's Hedges' g in the instability titles, and one dot per person", () => {
    const spec = chartFromAnalysis("instability", study);
    const mssd = study.groupRows.find((row) => row.variable === "na_mean" && row.metric === "mssd" && row.group === "BPD");
    expect(mssd?.reference).toBe("Healthy");
    const panels = (spec as unknown as { hconcat: Array<{ title: { subtitle: string[] } }> }).hconcat;
    expect(panels[0].title.subtitle[0]).toContain(`g = ${(mssd?.g as number).toFixed(2).replace("-", "\u2212")}`);
    const persons = datasetsOf(spec).persons.filter((row) => row.metric === "mssd");
    const expected = study.metrics.filter((row) => row.variable === "na_mean" && Number.isFinite(row.mssd)).length;
    expect(persons).toHaveLength(expected);
    expect(titleOf(spec).subtitle.join(" ")).toContain("BPD vs Healthy");
  });

  it("draws the analysis module's event-locked means", () => {
    const spec = chartFromAnalysis("event-locked", study);
    const points = datasetsOf(spec).points;
    expect(points).toHaveLength(study.eventRows.filter((row) => Number.isFinite(row.mean)).length);
    const row = study.eventRows.find((r) => r.variable === "na_mean" && r.offset === 0);
    const drawn = points.find((p) => p.variable === "na_mean" && p.offset === 0);
    expect(drawn?.mean as number).toBeCloseTo(row?.mean as number, 4);
  });

  it("pairs each answered prompt's rumination and urge with the person's ICC(C,k)", () => {
    const input = differentiationFromAnalysis(study.persons, study.metrics);
    const answeredBoth = study.persons.reduce(
      (sum, person) => sum + Array.from(person.variables.rumination).filter((v, i) => !Number.isNaN(v) && !Number.isNaN(person.variables.urge[i])).length,
      0,
    );
    expect(input.observations).toHaveLength(answeredBoth);
    const icc = study.metrics.find((row) => row.id === "B01")?.icc3k;
    expect(input.persons.find((p) => p.person === "B01")?.icc).toBe(icc);
  });

  it("refuses what the data cannot show, naming the flag and the choices", () => {
    expect(() => chartFromAnalysis("differentiation", study, { rumination: "brooding" })).toThrow(CascadeError);
    expect(() => chartFromAnalysis("differentiation", study, { rumination: "brooding" })).toThrow(/--rumination: no analysed variable "brooding"/);
    expect(() => chartFromAnalysis("instability", study, { variable: "rumnation" })).toThrow(/did you mean "rumination"/);
    expect(() => chartFromAnalysis("early-warning", study, { person: "B1" })).toThrow(/--person: no person "B1"/);
  });
});

describe("the early-warning chart of the real single-person dataset (Kossakowski et al. 2017)", () => {
  let koss: AnalysedChartData;

  beforeAll(async () => {
    const mapping = join(tempDir(), "kossakowski.yaml");
    writeFileSync(
      mapping,
      "single_person: true\nday: date\nbeep: beepno\ndate: date\ntime: beeptime\ndate_format: dmy\nitems: [mood_down, mood_lonely, mood_anxious, mood_guilty]\n",
    );
    koss = await analyseChartData(openChartData(kossakowskiFile, mapping));
  });

  it("draws the analysis module's windows and Kendall's tau, on a time axis of study days", async () => {
    const spec = chartFromAnalysis("early-warning", koss, {
      ews: { window: 28, unit: "days", step: 7 },
      marks: [{ time: 43, label: "dose reduction starts" }],
    });
    expect(validate(spec)).toEqual([]);
    const person = koss.persons[0];
    const signals = earlyWarningSignals(naMean(person, koss.data.analysis.items), {
      day: person.day,
      beep: person.beep,
      time: person.time,
      window: 28,
      unit: "days",
      step: 7,
    });
    const data = datasetsOf(spec);
    expect(data.indicators).toHaveLength(signals.windows.length);
    const values = naMean(person, koss.data.analysis.items);
    expect(person.day.length).toBe(1476);
    expect(data.series).toHaveLength(Array.from(values).filter(Number.isFinite).length);
    const times = data.series.map((s) => s.time as number);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...times)).toBeLessThan(240);
    // The first window ends 28 days after the start.
    expect(data.indicators[0].time as number).toBeGreaterThan(27);
    expect(data.indicators[0].time as number).toBeLessThan(30);
    const panels = (spec as unknown as { vconcat: Array<{ title: { text: string } }> }).vconcat;
    expect(panels[1].title.text).toContain(`τ = ${signals.varianceTau.toFixed(2).replace("-", "\u2212")}`);
    expect(panels[2].title.text).toContain(`τ = ${signals.ac1Tau.toFixed(2).replace("-", "\u2212")}`);
    expect(data.transitions).toEqual([{ time: 43, label: "dose reduction starts" }]);
    await renderSvg(spec);
  });
});

describe("openChartData(path)", () => {
  it("names what a data file needs, and what a directory should hold", () => {
    expect(() => openChartData(kossakowskiFile)).toThrow(/needs --mapping FILE\.yaml/);
    expect(() => openChartData(tempDir())).toThrow(/not one written by `cascade simulate`/);
    expect(() => openChartData(join(tempDir(), "missing.csv"))).toThrow(/not found/);
  });
});

describe("occasionStudyDays(person)", () => {
  it("uses clock times, interpolates missed prompts between answered ones, and extrapolates at the day's ends", () => {
    const hours = (day: number, hour: number): number => 480_000 + (day - 1) * 24 + hour;
    const days = occasionStudyDays({
      day: Float64Array.from([1, 1, 1, 1, 2, 2, 3]),
      beep: Float64Array.from([1, 2, 3, 4, 1, 2, 1]),
      time: Float64Array.from([hours(1, 9), Number.NaN, hours(1, 15), Number.NaN, Number.NaN, hours(2, 12), Number.NaN]),
    });
    expect(days[0]).toBeCloseTo(1 + 9 / 24, 12);
    expect(days[1]).toBeCloseTo(1 + 12 / 24, 12); // halfway between 09:00 and 15:00
    expect(days[2]).toBeCloseTo(1 + 15 / 24, 12);
    expect(days[3]).toBeCloseTo(1 + 18 / 24, 12); // one median beep step (3 h) after the last known
    expect(days[4]).toBeCloseTo(2 + 9 / 24, 12); // one step before 12:00
    expect(days[5]).toBeCloseTo(2 + 12 / 24, 12);
    expect(Math.floor(days[6])).toBe(3); // a day without any time stays on its day
  });

  it("without any time, places beeps evenly within their day", () => {
    const days = occasionStudyDays({ day: Float64Array.from([5, 5, 6]), beep: Float64Array.from([1, 2, 1]), time: Float64Array.from([Number.NaN, Number.NaN, Number.NaN]) });
    expect(Array.from(days)).toEqual([1.25, 1.75, 2.25]);
  });
});
