/**
 * The validation suite's browser-safe parts: targets, registry, studies and evaluation. The Node
 * runner (`runValidation`) is in `run.ts`.
 */
export * from "./types.js";
export { VALIDATION_TARGETS } from "./registry.js";
export { ValidationContext, SIZES as VALIDATION_SIZES_SPEC, VALIDATION_SEED_SCHEME, actWindows, type ValidationPlan, type ValidationTask, type TaskOutput } from "./studies.js";
export { evaluateTargets, tolerancePasses, toleranceText, formatValidationTable, parseToleranceOverride, type EvaluateOptions } from "./suite.js";
export { bootstrapInterval, type BootstrapInterval } from "./bootstrap.js";
