// Helpers for the comparisons with R reference values in tests/stats-*.test.ts.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";

export const rFixtureDir = join(import.meta.dirname, "..", "fixtures", "r", "stats");

/** Reads a JSON file written by tests/fixtures/r/stats/json17.R (Inf is written as 1e999). */
export function readRJson<T>(name: string): T {
  return JSON.parse(readFileSync(join(rFixtureDir, name), "utf8")) as T;
}

/** Reads a numeric CSV written by R's write.csv(row.names = FALSE) into named columns. */
export function readRCsv(name: string): Record<string, number[]> {
  const lines = readFileSync(join(rFixtureDir, name), "utf8").trimEnd().split("\n");
  const header = lines[0].split(",").map((h) => h.replaceAll('"', ""));
  const columns: Record<string, number[]> = Object.fromEntries(header.map((h) => [h, [] as number[]]));
  for (const line of lines.slice(1)) {
    const cells = line.split(",");
    header.forEach((h, j) => columns[h].push(cells[j] === "NA" ? Number.NaN : Number(cells[j])));
  }
  return columns;
}

/**
 * Relative error |actual - expected| / max(|expected|, 1e-290). Values below 1e-290 (near and
 * below the smallest normal double, 2.2e-308, where numbers lose significant digits) are thus
 * compared in absolute terms. Equal infinities and two NaNs count as exact.
 */
export function relativeError(actual: number, expected: number): number {
  if (Number.isNaN(expected)) return Number.isNaN(actual) ? 0 : Number.POSITIVE_INFINITY;
  if (actual === expected) return 0;
  return Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-290);
}

/**
 * Tracks the largest relative error of a family of comparisons, failing with the offending case
 * when one exceeds the tolerance.
 */
export class ErrorTracker {
  maximum = 0;
  worstCase = "";

  constructor(readonly tolerance: number) {}

  check(actual: number, expected: number, label: string): void {
    const error = relativeError(actual, expected);
    if (!(error <= this.maximum)) {
      this.maximum = error;
      this.worstCase = label;
    }
    if (!(error <= this.tolerance)) {
      expect.fail(`${label}: got ${actual}, R gives ${expected} (relative error ${error.toExponential(2)} > ${this.tolerance})`);
    }
  }

  checkAll(actual: ArrayLike<number>, expected: ArrayLike<number>, label: string): void {
    expect(actual.length, `${label}: length`).toBe(expected.length);
    for (let i = 0; i < expected.length; i++) this.check(actual[i], expected[i], `${label}[${i}]`);
  }
}
