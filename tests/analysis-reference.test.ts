// The metrics reproduce R: ../shared/reference/fried2022_metrics.csv (copied to tests/fixtures/r/
// with make_reference.R) and the extended values of tests/fixtures/r/analysis-extended.R.
import { describe, expect, it } from "vitest";
import { analyzeDataset } from "../src/analysis/analyzeDataset.js";
import type { PersonVariableMetrics } from "../src/analysis/analyzePerson.js";
import { kendallTau } from "../src/analysis/kendallTau.js";
import { maximumMssd } from "../src/analysis/maximumMssd.js";
import { maximumVariance } from "../src/analysis/maximumVariance.js";
import { cronbachAlpha } from "../src/analysis/cronbachAlpha.js";
import { mssd } from "../src/analysis/mssd.js";
import { quantileType7Sorted } from "../src/analysis/quantileType7.js";
import { loadPersons } from "../src/io/import-file.js";
import { completeMapping } from "../src/io/import-mapping.js";
import { agrees, friedFile, readRTable, rNumber } from "./analysis-helpers.js";

const items = ["irritable", "nervous", "angry"];
const mapping = completeMapping({ items, time: "response", duplicates: "keep", scales: { irritable: { min: 1, max: 5 }, nervous: { min: 1, max: 5 }, angry: { min: 1, max: 5 } } });
const persons = await loadPersons(friedFile, mapping);
const { rows } = analyzeDataset(persons, { items, scales: mapping.scales, ews: false });
const byKey = new Map<string, PersonVariableMetrics>(rows.map((row) => [`${row.id}|${row.variable}`, row]));

/** Every cell of an R table against our rows, by the named columns; returns the number compared. */
function compareTable(name: string, columns: Record<string, (row: PersonVariableMetrics) => number>): number {
  const table = readRTable(name);
  let compared = 0;
  const problems: string[] = [];
  for (const cells of table.rows) {
    const row = byKey.get(`${cells[0]}|${cells[1]}`);
    if (row === undefined) {
      problems.push(`no row for person ${cells[0]} ${cells[1]}`);
      continue;
    }
    for (const [column, value] of Object.entries(columns)) {
      const expected = rNumber(cells[table.header.indexOf(column)]);
      const actual = value(row);
      compared++;
      if (!agrees(actual, expected)) problems.push(`person ${cells[0]} ${cells[1]} ${column}: R ${expected}, ours ${actual}`);
    }
  }
  expect(problems).toEqual([]);
  return compared;
}

describe("fried2022 against make_reference.R (R 4.2, psych 2.2.9)", () => {
  it("has one row per person and variable, as the reference", () => {
    expect(persons).toHaveLength(79);
    expect(rows).toHaveLength(readRTable("fried2022_metrics.csv").rows.length);
  });
  it("reproduces every value to a relative error of 1e-9, and every empty cell", () => {
    const header = readRTable("fried2022_metrics.csv").header.slice(2);
    const columns = Object.fromEntries(header.map((column) => [column, (row: PersonVariableMetrics) => row[column as keyof PersonVariableMetrics] as number]));
    const compared = compareTable("fried2022_metrics.csv", columns);
    expect(compared).toBe(316 * 13);
  });
  it("has undefined cells where R has them (ac1 of a constant series, for example)", () => {
    expect(byKey.get("1|irritable")!.ac1).toBeNaN();
    expect(rows.filter((row) => Number.isNaN(row.ac1)).length).toBeGreaterThan(10);
  });
});

describe("fried2022 against analysis-extended.R", () => {
  it("reproduces the bridge-policy MSSD", () => {
    const bridged = new Map(persons.flatMap((p) => items.map((item) => [`${p.id}|${item}`, mssd(p.variables[item], { day: p.day, beep: p.beep, pairs: "bridge" })] as const)));
    const table = readRTable("analysis-extended-fried2022.csv");
    const problems = table.rows
      .filter((cells) => cells[1] !== "na_mean")
      .filter((cells) => !agrees(bridged.get(`${cells[0]}|${cells[1]}`)!, rNumber(cells[2])));
    expect(problems).toEqual([]);
  });
  it("reproduces Mestdagh's published maximum variance and the relative SD", () => {
    compareTable("analysis-extended-fried2022.csv", {
      var_max: (row) => maximumVariance(row.mean, 1, 5, row.n_obs),
      sd_rel: (row) => row.sd_rel,
    });
  });
  it("ICC(C,k) equals psych::alpha on every person's complete occasions", () => {
    compareTable("analysis-extended-fried2022.csv", { alpha: (row) => row.icc3k });
    const person = persons[0];
    const matrix = Array.from(person.day, (_, t) => items.map((item) => person.variables[item][t]));
    expect(agrees(cronbachAlpha(matrix), byKey.get(`${person.id}|irritable`)!.icc3k)).toBe(true);
  });
});

describe("times with zones on the real data", () => {
  it("`response` (CET, CEST, EET, EEST, MSK, +03) gives the instants of the `date` column up to a constant per day", async () => {
    // The harmonised `date` column converts every response as if it were Central European time,
    // with its daylight-saving change on 29 March 2020: equal to our instants for CET/CEST
    // participants, 1 h later for EET/EEST, and 2 h, then 1 h after 29 March, for MSK/+03 (no
    // daylight saving), where we honour the stated zone. Within a day the difference is constant,
    // so every within-day interval (and every pair-based metric) agrees.
    const utc = await loadPersons(friedFile, completeMapping({ items, time: "date", duplicates: "keep" }));
    const offsets = new Map<number, number>();
    let compared = 0;
    persons.forEach((person, p) => {
      const byDay = new Map<number, number>();
      person.time.forEach((time, i) => {
        const other = utc[p].time[i];
        expect(Number.isNaN(time)).toBe(Number.isNaN(other));
        if (Number.isNaN(time)) return;
        const offset = byDay.get(person.day[i]) ?? (Math.round(time - other) || 0);
        byDay.set(person.day[i], offset);
        expect(Math.abs(time - other - offset)).toBeLessThan(1e-9);
        offsets.set(offset, (offsets.get(offset) ?? 0) + 1);
        compared++;
      });
    });
    expect(compared).toBeGreaterThan(3000);
    expect([...offsets.keys()].sort((a, b) => a - b)).toEqual([-2, -1, 0]);
    expect(offsets.get(0)).toBeGreaterThan(2500); // responses, most of them in CET/CEST
  });
  it("time-adjusted MSSD with lambda = 0.5 reproduces analysis-extended.R", () => {
    const timed = analyzeDataset(persons, { items, lambda: 0.5, ews: false }).rows;
    const ours = new Map(timed.map((row) => [`${row.id}|${row.variable}`, row.tmssd]));
    const table = readRTable("analysis-extended-fried2022.csv");
    const column = table.header.indexOf("tmssd_05");
    const problems = table.rows.filter((cells) => !agrees(ours.get(`${cells[0]}|${cells[1]}`)!, rNumber(cells[column])));
    expect(problems).toEqual([]);
  });
});

describe("exact searches and rank statistics against R", () => {
  it("maximumMssd equals the exhaustive maximum over every integer sequence (n = 2..7)", () => {
    const table = readRTable("analysis-maximum-mssd.csv");
    const problems = table.rows.filter(([min, max, n, sum, best]) => {
      const ours = maximumMssd(Number(sum) / Number(n), Number(min), Number(max), Number(n));
      return Math.abs(ours - Number(best)) > 1e-9 * Math.max(1, Number(best));
    });
    expect(table.rows.length).toBe(201);
    expect(problems).toEqual([]);
  });
  it("kendallTau equals R's cor(method = 'kendall'), ties included", () => {
    for (const [x, y, tau] of readRTable("analysis-kendall.csv").rows) {
      const parse = (text: string): number[] => text.split(";").map((v) => Number(v.trim()));
      expect(agrees(kendallTau(parse(x), parse(y)), Number(tau))).toBe(true);
    }
  });
  it("quantileType7Sorted equals R's quantile(type = 7)", () => {
    for (const [x, p, q] of readRTable("analysis-quantile.csv").rows) {
      const sorted = x.split(";").map(Number).sort((a, b) => a - b);
      expect(agrees(quantileType7Sorted(sorted, Number(p)), Number(q))).toBe(true);
    }
  });
});
