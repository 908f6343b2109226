/**
 * The 95% interval of a fitted coefficient from its standard error: Wald z (df infinite) or t with
 * the fit's degrees of freedom. Browser-safe.
 */
import { studentTQuantile } from "../../stats/distributions/student-t-quantile.js";
import type { TestResult } from "../../power/tests.js";

/** 1.959964: the 97.5% standard normal quantile. */
const Z_975 = 1.959963984540054;

export function coefficientInterval(result: TestResult): { lower: number; upper: number } {
  if (result.status !== "ok") return { lower: Number.NaN, upper: Number.NaN };
  const quantile = Number.isFinite(result.df) ? studentTQuantile(0.975, result.df) : Z_975;
  return { lower: result.estimate - quantile * result.standardError, upper: result.estimate + quantile * result.standardError };
}
