/**
 * The analysis layer's public interface (browser-safe: no `node:` imports). Every metric is one file
 * named after its export, with its formula, convention and source in its doc comment; docs/metrics.md
 * lists them. Typical use on in-memory data:
 *
 *     import { analysis } from "cascade-lab";
 *     const persons = parseEsmText(text, "study.csv", completeMapping({ items: ["sad", "anxious"] }));
 *     const { rows } = analysis.analyzeDataset(persons, { items: ["sad", "anxious"] });
 */
export type { OccasionIndex, PairPolicy, PersonSeries, ScaleBounds, SuccessivePairs } from "./types.js";
export { PAIR_POLICIES } from "./types.js";
export { analysedVariables, NA_MEAN, type AnalysisOptions } from "./options.js";
export { analyzeDataset, sortPersonSeries, type DatasetAnalysis } from "./analyzeDataset.js";
export { analyzePerson, METRIC_COLUMNS, type PersonVariableMetrics } from "./analyzePerson.js";
export { PooledAccumulator, type PooledStatistics } from "./pooledStatistics.js";
export { CompensatedSum, compensatedSum } from "./compensatedSum.js";
export { countObserved } from "./countObserved.js";
export { meanOfObserved } from "./meanOfObserved.js";
export { sampleStandardDeviation, sampleVarianceOfObserved } from "./sampleStandardDeviation.js";
export { successivePairs, type PairOptions } from "./successivePairs.js";
export { mssd, mssdOfPairs } from "./mssd.js";
export { rmssd } from "./rmssd.js";
export { mssdPsych } from "./mssdPsych.js";
export { timeAdjustedMssd, timeAdjustedMssdOfPairs, pairIntervals, medianPositive, type TimeAdjustedOptions, type TimeAdjustedMssd } from "./timeAdjustedMssd.js";
export { estimateTimeLambda, LambdaEstimator } from "./estimateTimeLambda.js";
export { pac, pacOfPairs, type PacDirection, type PacOptions } from "./pac.js";
export { pooledPacCutoff, tallyPairChanges } from "./pooledPacCutoff.js";
export { DifferenceTally } from "./differenceTally.js";
export { quantileType7Sorted, quantileType7FromOrder } from "./quantileType7.js";
export { lag1Autocorrelation, lag1AutocorrelationOfPairs, pairMoments } from "./lag1Autocorrelation.js";
export { ar1Slope, ar1SlopeOfPairs } from "./ar1Slope.js";
export { extremeComposition, type ExtremeComposition } from "./extremeComposition.js";
export { maximumVariance } from "./maximumVariance.js";
export { maximumMssd } from "./maximumMssd.js";
export { relativeStandardDeviation } from "./relativeStandardDeviation.js";
export { relativeMssd } from "./relativeMssd.js";
export { iccConsistency, iccConsistencyOfColumns, type IccConsistency } from "./iccConsistency.js";
export { cronbachAlpha } from "./cronbachAlpha.js";
export { emotionDifferentiation, type DifferentiationIndex, type DifferentiationOptions, type NegativeIccPolicy } from "./emotionDifferentiation.js";
export { momentaryNonDifferentiation, momentaryNonDifferentiationOfColumns } from "./momentaryNonDifferentiation.js";
export { naMean } from "./naMean.js";
export { kendallTau } from "./kendallTau.js";
export {
  earlyWarningSignals,
  rollingWindows,
  windowPositions,
  type EarlyWarningOptions,
  type EarlyWarningSignals,
  type EarlyWarningWindow,
  type RollingWindows,
  type WindowUnit,
} from "./earlyWarningSignals.js";
export { hedgesG, hedgesGFromSummaries, type GroupSummary, type HedgesG } from "./hedgesG.js";
export { GroupComparison, RunningMoments, type GroupComparisonRow } from "./groupComparison.js";
export { EventLockedMeans, type EventLockedOptions, type EventLockedRow } from "./eventLockedMeans.js";
export { TruthRecovery, DEFAULT_RECOVERY_PAIRS, type RecoveryPair, type RecoveryRow } from "./truthRecovery.js";
