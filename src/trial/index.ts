/**
 * Simulated randomised trials (`cascade trial`): the plan and randomisation, one person's outcomes,
 * per-arm summaries, between-arm effects and their charts (browser-safe modules), and `runTrial`, which runs a
 * trial in memory over worker threads (Node). `cascade validate` calls `runTrial`.
 */
export { createTrialPlan, isBurstDay, permutedBlocks, randomisationSeed, type PlannedArm, type PlannedAssessment, type TrialPlan, type TrialPlanOptions } from "./plan.js";
export { TRIAL_OUTCOMES, TRIAL_OUTCOME_NAMES, simulateTrialChunk, simulateTrialPerson, type TrialOutcomeName, type TrialPersonResult } from "./person.js";
export { riskRatio, type RiskRatio } from "./riskRatio.js";
export { armOutcomes, trialEffects, weeklyRows, type ArmOutcome, type TrialEffect, type WeeklyRow } from "./summary.js";
export { TRAJECTORY_OUTCOMES, trialForestChart, trialFunctioningChart, trialTrajectoriesChart } from "./charts.js";
export { runTrial, type TrialResult, type TrialRunOptions } from "./run.js";
