/**
 * Slow processes (MODEL.md section 4): treatment, recovery and pharmacological curves, their effects
 * on person parameters, and weekly psychosocial functioning. Browser-safe (no `node:` imports).
 */
export { EFFECTS, EFFECT_NAMES, PROCESS_TYPES, PROCESS_TYPE_NAMES, type EffectName, type Effects, type ProcessDefaults, type ProcessSpec, type ProcessType } from "./catalogue.js";
export { HOURS_PER_WEEK, functioningShift, parametersAt, processLevel, skillsAt, slowProcessFor } from "./curves.js";
export { actsPerWeek, drawFunctioning, functioningPath, functioningTarget, type FunctioningPerson, type FunctioningSettings } from "./functioning.js";
