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
export * as analysis from "./analysis/index.js";
export { completeMapping, parseMappingYaml, type ImportMapping, type PartialMapping } from "./io/import-mapping.js";
export { parseEsmText } from "./io/import-text.js";
export { loadPersons, streamPersons, readSimulationDirectory, readTruthPersons } from "./io/import-file.js";
export { analyzeEsmFile, type PipelineSettings, type PipelineResult } from "./io/import-pipeline.js";
export * as engine from "./simulate/index.js";
export { parseScenario, validateScenario, withOverrides, simulatePerson, fixedPoints, drift, type Scenario, type PersonResult } from "./simulate/index.js";
export { runSimulation, type SimulationRunOptions } from "./simulate/run.js";
export { loadScenario, listBundledScenarios } from "./scenario/load-file.js";
export * as sweep from "./sweep/index.js";
export { runSweep, mergeSweepShards, type SweepRunOptions } from "./sweep/run.js";
export * as power from "./power/index.js";
export { runPower, type PowerRunOptions } from "./power/run.js";
export * as treatment from "./treatment/index.js";
export * as trial from "./trial/index.js";
export { runTrial, type TrialResult, type TrialRunOptions } from "./trial/run.js";
export * as validate from "./validate/index.js";
export { runValidation, validationJson, type ValidationReport, type ValidationRunOptions } from "./validate/run.js";
