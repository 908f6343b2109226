/**
 * Messages between the page (controls and chart views) and the compute side (engine, analysis and
 * chart builders), which runs in a web worker or, where a worker cannot start, in the page itself.
 * Plain data only: everything here crosses `postMessage` (structured clone).
 *
 * Browser-safe: no `node:` imports, no runtime code beyond constants (the imports are types only, so
 * the page's bundle does not pull in the compute side).
 */
import type { ControlId, ControlValues } from "./controls.js";
import type { MetricRow, PersonFigures } from "./metrics.js";

/** A control whose value could not be used as given (a link's text, or a typed number outside the model's valid range). */
export interface ValueIssue {
  control: ControlId;
  /** The value as given. */
  given: string;
  /** The value simulated instead. */
  used: number;
  /** Why, in the words of the scenario schema or of the link parser. */
  message: string;
}

/** A chart to draw: a new Vega spec when the page has no view of the chart's structure, else new data, titles and domains for that view. */
export interface ChartUpdate {
  /** The structure of the chart (its Vega-Lite spec without data and titles): equal keys, same Vega spec up to data and titles. */
  key: string;
  /** The compiled Vega spec (data inline), sent when `key` differs from the last one sent. */
  vega?: object;
  /**
   * Named datasets of the chart, one row per drawn item: all of them with a new spec, else those
   * whose rows differ from the ones the page's view of this structure holds.
   */
  datasets: Record<string, unknown[]>;
  title: string;
  subtitle: string[];
  /** Values of the domain signals (scale domains that change with the data; see chart-updates.ts). */
  domains: Record<string, number[]>;
}

/** Names of the signals that carry a chart's title and subtitle in its Vega spec. */
export const TITLE_SIGNAL = "explorer_title";
export const SUBTITLE_SIGNAL = "explorer_subtitle";

/** Name under which the compute side offers `handle(request)` when it runs in the page's own thread. */
export const IN_PAGE_GLOBAL = "cascadeExplorerCompute";

export type ChartName = "timeline" | "phase";

export interface ComputeRequest {
  type: "compute";
  id: number;
  values: ControlValues;
  /** Problems found earlier (reading the link), reported back with the result. */
  issues?: ValueIssue[];
  /** Send full specs even if the structure did not change (the page lost its views). */
  full?: boolean;
}

export interface InitRequest {
  type: "init";
  id: number;
}

/** The tables of `cascade simulate`'s output directory (see docs/simulation.md), and the scenario. */
export type ExportKind = "observed" | "prompts" | "events" | "persons" | "trajectory" | "scenario";

export interface ExportRequest {
  type: "export";
  id: number;
  kind: ExportKind;
  /** The page's link, written into the scenario file's header. */
  link?: string;
}

export type Request = ComputeRequest | InitRequest | ExportRequest;

export interface InitResponse {
  type: "init";
  id: number;
  defaults: ControlValues;
}

export interface ComputeResponse {
  type: "compute";
  id: number;
  /** The values simulated. */
  values: ControlValues;
  issues: ValueIssue[];
  /** Days shown in the timeline and phase plot. */
  window: { fromDay: number; toDay: number };
  metrics: MetricRow[];
  figures: PersonFigures;
  /** The first rows of observed.csv, as `cascade simulate` writes them. */
  table: { columns: string[]; rows: (string | number | null)[][] };
  charts: Record<ChartName, ChartUpdate>;
  /** Milliseconds spent in each step on the compute side. */
  timings: Record<string, number>;
}

export interface ExportResponse {
  type: "export";
  id: number;
  fileName: string;
  mimeType: string;
  text: string;
}

export interface ErrorResponse {
  type: "error";
  id: number;
  message: string;
}

export type Response = InitResponse | ComputeResponse | ExportResponse | ErrorResponse;
