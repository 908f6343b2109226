/**
 * Small helpers the chart builders share: the finishing touch every top-level spec gets, number
 * rounding for compact and deterministic specs, deterministic jitter, the study-time axis, and number
 * formatting for titles.
 *
 * Specs are built as plain JSON objects (`VlObject`) and checked against the Vega-Lite JSON schema in
 * the tests (tests/charts-*.test.ts); the public builders return Vega-Lite's `TopLevelSpec` type.
 *
 * Browser-safe: no `node:` imports.
 */
import type { TopLevelSpec } from "vega-lite";
import { chartConfig } from "./theme.js";

/** A fragment of a Vega-Lite spec, as plain JSON. */
export type VlObject = { [key: string]: unknown };

/** The Vega-Lite schema version the specs are written for (vega-lite 6). */
export const vegaLiteSchemaUrl = "https://vega.github.io/schema/vega-lite/v6.json";

/** Adds the schema URL and the shared theme to a top-level spec. */
export function finishSpec(spec: VlObject): TopLevelSpec {
  return { $schema: vegaLiteSchemaUrl, ...spec, config: chartConfig } as TopLevelSpec;
}

/**
 * `value` rounded to `digits` decimals, or null when it is not a finite number (Vega-Lite drops
 * null values from quantitative encodings, so an undefined metric simply does not appear).
 *
 * @example roundTo(1.23456, 2) // => 1.23
 * @example roundTo(NaN) // => null
 */
export function roundTo(value: number | null | undefined, digits = 4): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const factor = 10 ** digits;
  const rounded = Math.round(value * factor) / factor;
  return rounded === 0 ? 0 : rounded; // no "-0" in the JSON
}

/** True when `value` is a finite number. */
export function isFiniteNumber(value: number | null | undefined): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/**
 * A deterministic pseudo-random offset in [-width/2, width/2] for `key` (32-bit FNV-1a hash), used to
 * spread points horizontally ("jitter") so that the same data always give the same spec, byte for
 * byte, unlike Vega's `random()`.
 */
export function stableJitter(key: string, width = 1): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return ((hash >>> 0) / 0xffffffff - 0.5) * width;
}

/** Milliseconds in one hour: study time in hours is drawn on a UTC time axis starting at 1970-01-01. */
const msPerHour = 3_600_000;

/** Study time in hours (0 = midnight at the start of study day 1) as a timestamp for the time axis. */
export function hoursToTimestamp(hours: number): number {
  return Math.round(hours * msPerHour);
}

/**
 * An x encoding for study time over the window [fromHours, toHours]: `field` holds `hoursToTimestamp`
 * values; ticks fall every 3, 6, 12 or 24 hours (whichever suits the window), midnights are labelled
 * "day N" in bold and other ticks by clock time. The scale's domain is the data's extent, so every
 * chart using this axis draws a layer spanning its window.
 */
export function studyTimeAxis(field: string, fromHours: number, toHours: number): VlObject {
  const span = toHours - fromHours;
  const step = span <= 36 ? 3 : span <= 96 ? 6 : span <= 240 ? 12 : 24;
  const ticks: number[] = [];
  for (let hour = Math.ceil(fromHours / step) * step; hour <= toHours; hour += step) ticks.push(hoursToTimestamp(hour));
  const isMidnight = "utcFormat(datum.value, '%H:%M') === '00:00'";
  return {
    field,
    type: "temporal",
    title: "Time in the study (day and clock time)",
    // No explicit domain: an explicit numeric domain conflicts with the one vega-lite 6 derives for x2.
    scale: { type: "utc", nice: false },
    axis: {
      values: ticks,
      labelExpr: `${isMidnight} ? 'day ' + (floor(datum.value / 86400000) + 1) : utcFormat(datum.value, '%H:%M')`,
      labelFontWeight: { condition: { test: isMidnight, value: "bold" }, value: "normal" },
      labelOverlap: true,
    },
  };
}

/**
 * A number for titles and captions: fixed decimals, a real minus sign, and "n/a" when undefined.
 *
 * @example formatNumber(-0.4567, 2) // => "−0.46"
 */
export function formatNumber(value: number | null | undefined, digits = 2): string {
  if (!isFiniteNumber(value)) return "n/a";
  const text = value.toFixed(digits);
  return text.startsWith("-") ? (/^-0(\.0*)?$/.test(text) ? text.slice(1) : "\u2212" + text.slice(1)) : text;
}

/** "0.85 [0.40, 1.30]" (an estimate with its confidence interval), or the estimate alone. */
export function formatEstimate(value: number, lower?: number | null, upper?: number | null, digits = 2): string {
  const estimate = formatNumber(value, digits);
  if (!isFiniteNumber(lower) || !isFiniteNumber(upper)) return estimate;
  return `${estimate} [${formatNumber(lower, digits)}, ${formatNumber(upper, digits)}]`;
}
