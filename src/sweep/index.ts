/**
 * Parameter sweeps, browser-safe (no `node:` imports): field paths, grids, derived seeds, plans and
 * tasks, outcomes, summaries and charts. Running in worker threads and writing directories is in
 * `./run.js` (`runSweep`, `mergeSweepShards`, exported from the package's top level). docs/sweeps.md
 * describes the command and the formats.
 */
export { splitPath, resolvePath, setAtPath, formatSegments, type PathSegment, type ResolvedPath } from "./scenario-path.js";
export { parseGridAxis, evenlySpaced, canonicalNumber, cellCount, cellValues, type GridAxis } from "./grid.js";
export { derivedSeed } from "./seeds.js";
export { scenarioInput } from "./scenario-input.js";
export { itemRoles, personSeries, type ItemRoles, type PersonSeriesView } from "./person-series.js";
export {
  OUTCOMES,
  OUTCOME_NAMES,
  PAC_CUTOFF_METHODS,
  groupOutcomes,
  parseOutcomes,
  pooledCutoffs,
  baselineChunk,
  cutoffsOfChunks,
  PAC_CUTOFF_PROBABILITY,
  topFifthShare,
  type OutcomeName,
  type OutcomeSpec,
  type PacCutoffMethod,
  type PacCutoffs,
  type BaselineChunk,
} from "./outcomes.js";
export { createSweepPlan, simulateStudy, SweepContext, SWEEP_SEED_SCHEME, type SweepPlan, type SweepPlanOptions, type TaskResult, type GroupResult, type SweepJob } from "./plan.js";
export { summarise, describeValues, sweepCharts, shortParameterName, type SummaryRow, type SweepChart, type SweepStudy } from "./summary.js";
