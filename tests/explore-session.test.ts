/**
 * The classroom explorer's compute side, in Node (the browser tests drive the built page):
 *
 * - the page's person is exactly what `cascade simulate` gives for the scenario the page exports
 *   (every table byte for byte), and the metrics panel's study column is what `cascade analyze` gives;
 * - values outside the model's valid range are reported in the schema's words and replaced;
 * - links round-trip every control;
 * - the speed devices (the phase chart cache, data-only chart updates) give the charts a fresh build
 *   would give;
 * - the true ICC's closed form, and metrics that are never NaN.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import type { TopLevelSpec } from "vega-lite";
import { describe, expect, it } from "vitest";
import { iccConsistency } from "../src/analysis/iccConsistency.js";
import { phaseFromPerson, timelineFromPerson } from "../src/charts/adapters/engine.js";
import { phaseChart } from "../src/charts/phase.js";
import { timelineChart } from "../src/charts/timeline.js";
import { formatCell } from "../src/io/csv-writer.js";
import { RandomStream } from "../src/random/stream.js";
import { simulatePerson } from "../src/simulate/person.js";
import { ChartChannel, compileForUpdates, layerDomains } from "../explorer/src/chart-updates.js";
import { CONTROLS, CONTROL_IDS, type ControlValues } from "../explorer/src/controls.js";
import { csvCell } from "../explorer/src/csv.js";
import { PAC_CUTOFF, trueIcc } from "../explorer/src/metrics.js";
import { SUBTITLE_SIGNAL, TITLE_SIGNAL, type ChartUpdate, type ComputeResponse } from "../explorer/src/protocol.js";
import { resolveScenario } from "../explorer/src/scenario.js";
import { ExplorerSession, MAX_DRAWN_SAMPLES, NULLCLINE_RESOLUTION, PhaseCharts, TRAJECTORY_MINUTES, phaseRegion } from "../explorer/src/session.js";
import { decodeState, encodeState } from "../explorer/src/state.js";
import { repoRoot, runCli, tempDir } from "./helpers/cli.js";

const baseYaml = readFileSync(join(repoRoot, "scenarios", "bpd-cascade.yaml"), "utf8");

function newSession(): ExplorerSession {
  return new ExplorerSession(baseYaml);
}

function compute(session: ExplorerSession, values: Partial<ControlValues>, id = 1): ComputeResponse {
  return session.compute({ type: "compute", id, values: { ...session.defaults, ...values } });
}

/** Rows of a CSV file keyed by column (simple: the files compared here have no quoted commas). */
function csvRows(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trimEnd().split("\n");
  const columns = header.split(",");
  return lines.map((line) => Object.fromEntries(line.split(",").map((cell, index) => [columns[index], cell])));
}

describe("the explorer's defaults", () => {
  it("are the typical BPD person of bpd-cascade (each parameter at its median) in its design, for 28 days", () => {
    expect(newSession().defaults).toEqual({
      coupling: 1.1,
      delta: 0.3,
      urgency: 1,
      stressRate: 0.15,
      reactivity: 1.5,
      relief: 2,
      rebound: 1.6,
      skills: 0,
      perDay: 6,
      compliance: 0.87,
      distressSkip: -0.25,
      days: 28,
      seed: 1,
      fromDay: 1,
      showDays: 7,
    });
  });

  it("lie on every slider", () => {
    const defaults = newSession().defaults;
    for (const spec of CONTROLS) {
      expect(defaults[spec.id], spec.id).toBeGreaterThanOrEqual(spec.min);
      expect(defaults[spec.id], spec.id).toBeLessThanOrEqual(spec.max);
    }
  });
});

describe("the page's person is the command line's person", () => {
  const session = newSession();
  const values = { coupling: 1.3, delta: 0.2, urgency: 1.5, stressRate: 0.25, relief: 3, rebound: 0.2, skills: 0.3, perDay: 8, compliance: 0.75, distressSkip: -0.6, days: 9, seed: 17 };
  const response = compute(session, values);
  const dir = tempDir();
  const scenarioFile = join(dir, "explorer.yaml");
  writeFileSync(scenarioFile, session.exportFile("scenario", 2, "file:///page.html#v=1").text);
  const simulated = runCli(["simulate", scenarioFile, "--out", join(dir, "sim"), "--trajectory-every", String(TRAJECTORY_MINUTES), "--quiet"]);

  it("the exported scenario runs with cascade simulate", () => {
    expect(simulated.code, simulated.stderr).toBe(0);
    expect(readFileSync(scenarioFile, "utf8")).toContain("# Page: file:///page.html#v=1");
  });

  it.each([
    ["observed", "observed.csv"],
    ["prompts", "truth/prompts.csv"],
    ["events", "truth/events.csv"],
    ["persons", "truth/persons.csv"],
    ["trajectory", "truth/trajectory.csv"],
  ] as const)("the %s download equals %s byte for byte", (kind, file) => {
    const download = session.exportFile(kind, 3);
    expect(download.fileName).toBe(`cascade-explorer-seed17-${kind}.csv`);
    expect(download.text).toBe(readFileSync(join(dir, "sim", file), "utf8"));
  });

  it("the data table shows the first rows of observed.csv", () => {
    const observed = readFileSync(join(dir, "sim", "observed.csv"), "utf8").trimEnd().split("\n");
    expect(response.table.columns.join(",")).toBe(observed[0]);
    const shown = response.table.rows.map((row) => row.map((cell) => (cell === null ? "" : String(cell))).join(","));
    expect(shown).toEqual(observed.slice(1, 1 + shown.length));
    expect(shown.length).toBe(8);
  });

  it("the counts are the truth's and the reports'", () => {
    const events = csvRows(readFileSync(join(dir, "sim", "truth", "events.csv"), "utf8"));
    const observed = csvRows(readFileSync(join(dir, "sim", "observed.csv"), "utf8"));
    expect(response.figures.acts).toBe(events.filter((row) => row["event"] === "nssi").length);
    expect(response.figures.skillUses).toBe(events.filter((row) => row["event"] === "skill").length);
    expect(response.figures.reportedActs).toBe(observed.reduce((sum, row) => sum + (row["nssi"] === "" ? 0 : Number(row["nssi"])), 0));
    expect(response.figures.answered).toBe(observed.filter((row) => row["answered"] === "1").length);
    expect(response.figures.prompts).toBe(observed.length);
  });

  it("the study column equals cascade analyze's metrics of na_mean (with the explorer's PAC cutoff)", () => {
    const analysed = runCli(["analyze", join(dir, "sim"), "--pac-cutoff", String(PAC_CUTOFF), "--out", join(dir, "analysis")]);
    expect(analysed.code, analysed.stderr).toBe(0);
    const row = csvRows(readFileSync(join(dir, "analysis", "metrics.csv"), "utf8")).find((r) => r["variable"] === "na_mean") as Record<string, string>;
    const study = Object.fromEntries(response.metrics.map((metric) => [metric.id, metric.study.value]));
    expect(study["mean"]).toBeCloseTo(Number(row["mean"]), 12);
    expect(study["mssd"]).toBeCloseTo(Number(row["mssd"]), 12);
    expect(study["pac"]).toBeCloseTo(Number(row["pac"]), 12);
    expect(study["ac1"]).toBeCloseTo(Number(row["ac1"]), 12);
    expect(study["icc"]).toBeCloseTo(Number(row["icc3k"]), 12);
  });
});

describe("PAC_CUTOFF", () => {
  it("is the pooled 90th percentile of |change| in na_mean of the bundled bpd-cascade study", () => {
    const dir = tempDir();
    expect(runCli(["simulate", "bpd-cascade", "--out", join(dir, "sim"), "--quiet"]).code).toBe(0);
    expect(runCli(["analyze", join(dir, "sim"), "--out", join(dir, "analysis")]).code).toBe(0);
    const cutoffs = new Set(csvRows(readFileSync(join(dir, "analysis", "metrics.csv"), "utf8")).filter((r) => r["variable"] === "na_mean").map((r) => Number(r["pac_cutoff"])));
    expect([...cutoffs]).toEqual([PAC_CUTOFF]);
  });
});

describe("values outside the model's valid range", () => {
  const session = newSession();
  it.each([
    [{ delta: 1.5 }, "delta", 1, "expected a number <= 1, got 1.5"],
    [{ compliance: 1 }, "compliance", 0.99, "expected a number < 1, got 1"],
    [{ days: 0 }, "days", 1, "expected a number >= 1, got 0"],
    [{ days: 3651 }, "days", 90, "expected a number <= 3650, got 3651"],
    [{ seed: -3 }, "seed", 0, "expected a number >= 0, got -3"],
    [{ seed: 2.5 }, "seed", 3, "expected an integer, got 2.5"],
    [{ perDay: 0 }, "perDay", 1, "expected a number >= 1, got 0"],
    [{ perDay: 101 }, "perDay", 20, "expected a number <= 100, got 101"],
    [{ coupling: -1 }, "coupling", 0, "expected a number >= 0, got -1"],
    [{ relief: Number.NaN }, "relief", 0, "expected a number"],
  ] as const)("%j: reported for %s with the schema's message and simulated with %d", (given, control, used, message) => {
    const resolved = resolveScenario(session.base, { ...session.defaults, ...given });
    expect(resolved.issues).toHaveLength(1);
    expect(resolved.issues[0]).toMatchObject({ control, used });
    expect(resolved.issues[0].message).toContain(message);
    expect(resolved.values[control]).toBe(used);
  });

  it("a valid value beyond a slider's end is used as given", () => {
    const resolved = resolveScenario(session.base, { ...session.defaults, stressRate: 3, days: 120 });
    expect(resolved.issues).toEqual([]);
    expect(resolved.scenario.groups[0].parameters.stressRate).toBe(3);
    expect(resolved.scenario.days).toBe(120);
  });

  it("the response reports them, and the page's values are those simulated", () => {
    const response = compute(session, { delta: 2, urgency: -1, days: 2 });
    expect(response.issues.map((issue) => issue.control).sort()).toEqual(["delta", "urgency"]);
    expect(response.values.delta).toBe(1);
    expect(response.values.urgency).toBe(0);
  });
});

describe("links", () => {
  const defaults = newSession().defaults;
  const anyValues = fc.record(Object.fromEntries(CONTROL_IDS.map((id) => [id, fc.double({ noNaN: true, noDefaultInfinity: true })])) as Record<keyof ControlValues, fc.Arbitrary<number>>);

  it("carry every control and the lesson, and read back the same", () => {
    fc.assert(
      fc.property(anyValues, fc.option(fc.constantFrom("cascade", "esm"), { nil: undefined }), (values, lesson) => {
        const decoded = decodeState(`#${encodeState({ values, ...(lesson === undefined ? {} : { lesson }) })}`, defaults);
        expect(decoded.values).toEqual(Object.fromEntries(CONTROL_IDS.map((id) => [id, Object.is(values[id], -0) ? 0 : values[id]])));
        expect(decoded.lesson).toBe(lesson);
        expect(decoded.issues).toEqual([]);
        expect(decoded.notes).toEqual([]);
      }),
    );
  });

  it("keep the default for text that is not a number, and say so", () => {
    const decoded = decodeState("#v=1&delta=abc&seed=&days=12", defaults);
    expect(decoded.values.delta).toBe(defaults.delta);
    expect(decoded.values.seed).toBe(defaults.seed);
    expect(decoded.values.days).toBe(12);
    expect(decoded.issues.map((issue) => [issue.control, issue.message])).toEqual([
      ["delta", 'expected a number, got "abc"'],
      ["seed", 'expected a number, got ""'],
    ]);
  });

  it("note settings they do not know and another format version", () => {
    const decoded = decodeState("v=2&colour=red&coupling=2", defaults);
    expect(decoded.values.coupling).toBe(2);
    expect(decoded.notes).toEqual([
      "This link was made by another version of the explorer (format 2); its settings are read as version 1.",
      'The link\'s setting "colour" is not known to the explorer and was ignored.',
    ]);
  });
});

describe("faster redraws draw the same charts", () => {
  const session = newSession();
  const person = (seed: number) =>
    simulatePerson(resolveScenario(session.base, { ...session.defaults, coupling: 1.3, seed, days: 7 }).scenario, { group: 0, indexInGroup: 0, trajectoryEveryMinutes: TRAJECTORY_MINUTES });

  it("a phase chart from the cache equals a fresh phaseChart with the same options", () => {
    const cache = new PhaseCharts();
    cache.chart(phaseFromPerson(person(1), "1"));
    for (const seed of [2, 3, 4]) {
      const input = phaseFromPerson(person(seed), "1");
      const options = { extent: phaseRegion(input), maxTrajectoryPoints: MAX_DRAWN_SAMPLES, nullclineResolution: NULLCLINE_RESOLUTION, width: 470, height: 420 };
      expect(cache.chart(input)).toEqual(phaseChart(input, options));
    }
  });

  /** The Vega spec a view holds after taking `update` (data values and signals replaced). */
  function applied(vega: Record<string, unknown>, update: ChartUpdate): Record<string, unknown> {
    const copy = structuredClone(vega) as { data: { name: string; values?: unknown }[]; signals: { name: string; value?: unknown }[] };
    for (const data of copy.data) if (data.name in update.datasets) data.values = update.datasets[data.name];
    const values: Record<string, unknown> = { ...update.domains, [TITLE_SIGNAL]: update.title, [SUBTITLE_SIGNAL]: update.subtitle };
    for (const signal of copy.signals) if (signal.name in values) signal.value = values[signal.name];
    return copy as unknown as Record<string, unknown>;
  }

  it.each(["timeline", "phase"] as const)("a data-only update of the %s turns the view's spec into the compiled spec of the new chart", (name) => {
    const channel = new ChartChannel();
    const views = new Map<string, Record<string, unknown>>();
    let dataOnly = 0;
    for (const [seed, coupling] of [[4, 1.3], [5, 1.3], [4, 1.35], [6, 1.4], [7, 1.4], [8, 1.45]]) {
      const values = { ...session.defaults, coupling, seed, days: 7 };
      const scenario = resolveScenario(session.base, values).scenario;
      const result = simulatePerson(scenario, { group: 0, indexInGroup: 0, trajectoryEveryMinutes: TRAJECTORY_MINUTES });
      const spec: TopLevelSpec =
        name === "phase" ? new PhaseCharts().chart(phaseFromPerson(result, "1")) : timelineChart(timelineFromPerson(result, scenario, "1"), { fromHours: 0, toHours: 168, maxLatentPoints: MAX_DRAWN_SAMPLES });
      const update = channel.update(spec);
      if (update.vega !== undefined) {
        views.set(update.key, update.vega as Record<string, unknown>);
      } else {
        dataOnly += 1;
        const now = applied(views.get(update.key) as Record<string, unknown>, update);
        expect(now).toEqual(compileForUpdates(spec, layerDomains(spec)));
        views.set(update.key, now);
      }
    }
    expect(dataOnly).toBeGreaterThanOrEqual(2);
  });

  it("a data-only update leaves out the datasets the page's view already holds", () => {
    const channel = new ChartChannel();
    const phaseCharts = new PhaseCharts();
    const first = channel.update(phaseCharts.chart(phaseFromPerson(person(3), "1")));
    expect(Object.keys(first.datasets).sort()).toEqual(["fixedPoints", "flow", "nullclines", "trajectory"]);
    // Another seed whose path stays in the same region: the same drift, region and fixed points; only the path differs.
    expect(phaseRegion(phaseFromPerson(person(5), "1"))).toEqual(phaseRegion(phaseFromPerson(person(3), "1")));
    const second = channel.update(phaseCharts.chart(phaseFromPerson(person(5), "1")));
    expect(second.vega).toBeUndefined();
    expect(Object.keys(second.datasets)).toEqual(["trajectory"]);
    // After a full request (the page lost its views) everything is sent again.
    const full = channel.update(phaseCharts.chart(phaseFromPerson(person(5), "1")), true);
    expect(full.vega).toBeDefined();
    expect(Object.keys(full.datasets).sort()).toEqual(["fixedPoints", "flow", "nullclines", "trajectory"]);
  });
});

describe("the true ICC(C,k) of the emotion items", () => {
  it("is K (1 - delta) V / (K (1 - delta) V + delta) with equal loadings", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.01, max: 10, noNaN: true }), fc.integer({ min: 2, max: 8 }), fc.double({ min: 0.1, max: 3, noNaN: true }), (delta, variance, K, loading) => {
        const expected = (K * (1 - delta) * variance) / (K * (1 - delta) * variance + delta);
        expect(trueIcc(Array(K).fill(loading), delta, variance)).toBeCloseTo(expected, 12);
      }),
    );
  });

  it("lies between 0 and 1, falls with differentiation and rises with the variance of negative affect", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.1, max: 2, noNaN: true }), { minLength: 2, maxLength: 6 }), fc.double({ min: 0, max: 0.99, noNaN: true }), fc.double({ min: 0.05, max: 5, noNaN: true }), (loadings, delta, variance) => {
        const icc = trueIcc(loadings, delta, variance);
        expect(icc).toBeGreaterThanOrEqual(-1e-12);
        expect(icc).toBeLessThanOrEqual(1 + 1e-12);
        expect(trueIcc(loadings, Math.min(1, delta + 0.01), variance)).toBeLessThanOrEqual(icc + 1e-12);
        expect(trueIcc(loadings, delta, variance * 1.5)).toBeGreaterThanOrEqual(icc - 1e-12);
      }),
    );
  });

  it("is what the analysis module's ICC(C,k) gives on many error-free occasions (within 0.01)", () => {
    const random = new RandomStream("explore-session/true-icc");
    const loadings = [0.9, 0.8, 0.7, 0.7];
    for (const [delta, variance] of [[0.3, 1.5], [0.7, 0.8], [0.05, 2]]) {
      const rows = Array.from({ length: 20_000 }, () => {
        const A = Math.sqrt(variance) * random.normal();
        return loadings.map((loading) => loading * (Math.sqrt(1 - delta) * A + Math.sqrt(delta) * random.normal()));
      });
      expect(iccConsistency(rows).average).toBeCloseTo(trueIcc(loadings, delta, variance), 2);
    }
  });
});

describe("the metrics panel", () => {
  const session = newSession();
  it.each([
    { perDay: 1, compliance: 0.05, days: 1, distressSkip: -2 },
    { perDay: 1, days: 3 },
    { compliance: 0.05, days: 2 },
    { coupling: 2.5, delta: 0, urgency: 3, stressRate: 1, reactivity: 4, relief: 4, rebound: 3, skills: 1, perDay: 20, compliance: 0.99, distressSkip: 0, days: 5 },
  ])("%j: every value is a finite number or undefined with a reason", (values) => {
    const response = compute(session, values);
    for (const row of response.metrics) {
      for (const cell of [row.study, row.truthAtPrompts, row.truthHourly]) {
        if (cell.value === null) expect(cell.reason, row.id).toMatch(/\w/);
        else expect(Number.isFinite(cell.value), row.id).toBe(true);
      }
    }
    expect(response.metrics.map((row) => row.id)).toEqual(["mean", "mssd", "pac", "ac1", "icc"]);
  });

  it("with one prompt a day, the study's MSSD is undefined because no two prompts fall on one day", () => {
    const mssd = compute(session, { perDay: 1, days: 3 }).metrics.find((row) => row.id === "mssd");
    expect(mssd?.study).toEqual({ value: null, reason: "no two answered prompts in a row on the same day" });
    expect(mssd?.truthHourly.value).toBeGreaterThan(0);
  });
});

describe("downloads", () => {
  it("write cells as cascade simulate's CSV writer does", () => {
    const cell = fc.oneof(fc.string(), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.constantFrom('a,b', 'say "hi"', "two\nlines", Infinity, -Infinity, NaN, -0));
    fc.assert(
      fc.property(cell, (value) => {
        expect(csvCell(value)).toBe(formatCell(value));
      }),
    );
  });
});
