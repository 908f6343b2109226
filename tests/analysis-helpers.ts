// Shared helpers of tests/analysis-*.test.ts and tests/import-*.test.ts (not a test file itself).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import seedrandom from "seedrandom";
import type { PersonSeries } from "../src/analysis/types.js";

export const fixtures = join(import.meta.dirname, "fixtures");
export const friedFile = join(fixtures, "data", "fried2022_covid_ema_ts.tsv");
export const kossakowskiFile = join(fixtures, "data", "kossakowski2017_ESMdata.csv");

/** Reads a CSV written by R's write.csv: header names and rows of cell texts (quotes removed). */
export function readRTable(name: string): { header: string[]; rows: string[][] } {
  const lines = readFileSync(join(fixtures, "r", name), "utf8").trimEnd().split("\n");
  const split = (line: string): string[] => {
    const cells: string[] = [];
    let cell = "";
    let quoted = false;
    for (const character of line) {
      if (character === '"') quoted = !quoted;
      else if (character === "," && !quoted) {
        cells.push(cell);
        cell = "";
      } else cell += character;
    }
    cells.push(cell);
    return cells;
  };
  return { header: split(lines[0]), rows: lines.slice(1).map(split) };
}

/** A number from an R CSV cell: empty and NA are NaN. */
export function rNumber(cell: string): number {
  return cell === "" || cell === "NA" ? Number.NaN : Number(cell);
}

/**
 * Whether `actual` reproduces the R value `expected` to a relative error of 1e-9, with NaN matching
 * NaN only. Values that are 0 in exact arithmetic come out of R and of us as rounding noise of
 * either sign (for example an ICC of 2.5e-16 against -1.5e-16 when MS_occasions = MS_error): those
 * are compared in absolute terms, to 1e-12.
 */
export function agrees(actual: number, expected: number): boolean {
  if (Number.isNaN(expected) || Number.isNaN(actual)) return Number.isNaN(expected) && Number.isNaN(actual);
  if (Math.abs(expected) < 1e-12) return Math.abs(actual) < 1e-12;
  return Math.abs(actual - expected) / Math.abs(expected) <= 1e-9;
}

/** Standard normal draws from a seeded stream (Box-Muller). */
export function normalStream(seed: string): () => number {
  const random = seedrandom(seed);
  return () => {
    let u = 0;
    while (u === 0) u = random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  };
}

/**
 * An exact Ornstein-Uhlenbeck series at the given times: x(t + d) = x(t) e^(-theta d) +
 * sigma sqrt(1 - e^(-2 theta d)) Z, sigma^2 the stationary variance, started in the stationary law.
 */
export function ornsteinUhlenbeck(times: readonly number[], theta: number, sigma: number, normal: () => number): Float64Array {
  const values = new Float64Array(times.length);
  values[0] = sigma * normal();
  for (let i = 1; i < times.length; i++) {
    const decay = Math.exp(-theta * (times[i] - times[i - 1]));
    values[i] = values[i - 1] * decay + sigma * Math.sqrt(1 - decay * decay) * normal();
  }
  return values;
}

/** A person series from plain arrays (days 1, beeps 1..n and times unknown by default). */
export function person(id: string, variables: Record<string, number[]>, index: { day?: number[]; beep?: number[]; time?: number[]; group?: string } = {}): PersonSeries {
  const length = Object.values(variables)[0].length;
  return {
    id,
    group: index.group,
    day: Float64Array.from(index.day ?? new Array<number>(length).fill(1)),
    beep: Float64Array.from(index.beep ?? Array.from({ length }, (_, i) => i + 1)),
    time: Float64Array.from(index.time ?? new Array<number>(length).fill(Number.NaN)),
    variables: Object.fromEntries(Object.entries(variables).map(([name, values]) => [name, Float64Array.from(values)])),
  };
}
