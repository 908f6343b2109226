/**
 * The chart layer: pure, browser-safe builders from plain typed records to Vega-Lite specs, the
 * shared theme, and the HTML page template. Rendering to files (`render.ts`, `html.ts`) is Node-only
 * and exported from `src/index.ts` separately.
 */
export * from "./theme.js";
export { finishSpec, formatEstimate, formatNumber, roundTo, stableJitter, vegaLiteSchemaUrl, type VlObject } from "./spec.js";
export * from "./kinds.js";
export * from "./summary.js";
export * from "./fixed-points.js";
export * from "./timeline.js";
export * from "./phase.js";
export * from "./instability.js";
export * from "./differentiation.js";
export * from "./event-locked.js";
export * from "./early-warning.js";
export * from "./design.js";
export * from "./heatmap.js";
export * from "./bifurcation.js";
export * from "./power-curve.js";
export * from "./page.js";
export * from "./captions.js";
export * from "./report-page.js";
export * from "./adapters/analysis.js";
export * from "./adapters/engine.js";
export * from "./adapters/design.js";
