/**
 * Cascade Lab's library interface: what notebooks, the browser explorer and other programs import.
 * Each layer (scenario, population, model, design, simulate, analysis, charts, io) exports its public
 * functions and types here.
 */
export { CascadeError, CascadeErrors, EXIT } from "./errors.js";
export { packageVersion } from "./version.js";
export * as charts from "./charts/index.js";
export { ChartRenderError, chartFormats, formatFromPath, renderChart, renderHtml, renderPng, renderSvg, specJson, writeChart, type ChartFormat } from "./charts/render.js";
export * as stats from "./stats/index.js";
