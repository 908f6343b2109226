/**
 * The simulation engine's public interface, browser-safe (nothing here imports a `node:` module):
 * scenario parsing and validation, the model (drift, fixed points, the latent process), population
 * draws, the ESM design layer and per-person simulation. The disk layer is separate:
 * `runSimulation` in `./run.js`, `loadScenario` in `../scenario/load-file.js`.
 */
export { parseScenario, validateScenario, withOverrides, splitPersons, mergeDesign, type ScenarioOverrides } from "../scenario/parse.js";
export { ScenarioSchema, hoursOfDay, type Scenario, type ScenarioInput, type Design, type Group, type Item, type Distribution } from "../scenario/schema.js";
export { scenarioJsonSchema, scenarioReferenceMarkdown } from "../scenario/reference.js";
export { PARAMETERS, PARAMETER_NAMES, defaultParameters, type PersonParameters, type ParameterName } from "../model/parameters.js";
export { drift, effectiveCoupling, fixedPoints, inCascade, urge, type FixedPoint, type FixedPointAnalysis } from "../model/drift.js";
export { LatentProcess, effectiveReactivity, type LatentEvent, type LatentState, type LatentOptions } from "../model/latent.js";
export { sigmoid } from "../model/fast-math.js";
export { drawPerson, type DrawnPerson, type PersonCovariates } from "../population/draw.js";
export { valueAtScore } from "../population/distributions.js";
export { RandomStream, personStreams, streamSeed, type PersonStreams } from "../random/stream.js";
export { scheduleDay, isPromptDay } from "../design/schedule.js";
export { answerProbability } from "../design/compliance.js";
export { respond } from "../design/items.js";
export { localDateTime } from "../design/clock.js";
export {
  simulatePerson,
  type SimulatePersonOptions,
  type SlowProcess,
  type PersonResult,
  type PromptRecord,
  type PromptTruth,
  type PersonSummary,
} from "./person.js";
export { personRows, observedColumns, PROMPT_TRUTH_COLUMNS, EVENT_COLUMNS, PERSON_COLUMNS, TRAJECTORY_COLUMNS, type ColumnSpec } from "./tables.js";
export { summarise, formatSummary, type GroupSummary } from "./summary.js";
