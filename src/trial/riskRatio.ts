/** Result of `riskRatio`. */
export interface RiskRatio {
  /** Risk in the group and in the reference, events / n (before any correction). */
  risk: number;
  referenceRisk: number;
  /** The risk ratio risk / referenceRisk (with the correction when one was applied). */
  ratio: number;
  /** Standard error of log(ratio). */
  standardErrorLog: number;
  lower: number;
  upper: number;
  /** True when 0.5 was added to every cell because one was empty. */
  corrected: boolean;
}

/** Two-sided standard normal quantile for 95%: qnorm(0.975). */
const Z_975 = 1.959963984540054;

/**
 * Risk ratio of `events` of `n` in a group against `referenceEvents` of `referenceN`, with the
 * log-method (Katz) confidence interval:
 *
 *     RR = (a / n1) / (c / n2)
 *     SE(log RR) = sqrt(1/a - 1/n1 + 1/c - 1/n2)
 *     CI = exp(log RR -/+ z SE),  z = 1.959964 for 95%
 *
 * When a cell of the 2 x 2 table (a, b = n1 - a, c, d = n2 - c) is 0, 0.5 is added to every cell
 * (so n1 and n2 grow by 1), the Haldane-Anscombe correction of meta-analysis software (metafor's
 * escalc with its defaults add = 1/2, to = "only0"; tests/fixtures/r/trial holds the reference values).
 * NaN when a group is empty or when neither group has an event (no information; metafor would report
 * a ratio computed from the corrected cells).
 *
 * References: Katz, D., Baptista, J., Azen, S. P., & Pike, M. C. (1978). Obtaining confidence
 * intervals for the risk ratio in cohort studies. Biometrics 34(3), 469-474. doi:10.2307/2530610.
 * Borenstein et al. (2009), Introduction to Meta-Analysis, chapter 5. doi:10.1002/9780470743386
 *
 * @example riskRatio(10, 40, 20, 40) // => ratio 0.5, standardErrorLog sqrt(0.1), CI 0.2690 to 0.9293
 */
export function riskRatio(events: number, n: number, referenceEvents: number, referenceN: number, z: number = Z_975): RiskRatio {
  const undefinedResult: RiskRatio = { risk: Number.NaN, referenceRisk: Number.NaN, ratio: Number.NaN, standardErrorLog: Number.NaN, lower: Number.NaN, upper: Number.NaN, corrected: false };
  if (!(n > 0) || !(referenceN > 0)) return undefinedResult;
  const risk = events / n;
  const referenceRisk = referenceEvents / referenceN;
  if (events === 0 && referenceEvents === 0) return { ...undefinedResult, risk, referenceRisk };
  const corrected = events === 0 || referenceEvents === 0 || events === n || referenceEvents === referenceN;
  const add = corrected ? 0.5 : 0;
  const a = events + add;
  const n1 = n + 2 * add;
  const c = referenceEvents + add;
  const n2 = referenceN + 2 * add;
  const ratio = a / n1 / (c / n2);
  const standardErrorLog = Math.sqrt(1 / a - 1 / n1 + 1 / c - 1 / n2);
  const logRatio = Math.log(ratio);
  return { risk, referenceRisk, ratio, standardErrorLog, lower: Math.exp(logRatio - z * standardErrorLog), upper: Math.exp(logRatio + z * standardErrorLog), corrected };
}
