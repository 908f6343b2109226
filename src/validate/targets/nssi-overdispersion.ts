/**
 * Overdispersed NSSI counts across persons: variance over mean of the reported counts above 1.
 */
import { bootstrapInterval, bootstrapLabel } from "../bootstrap.js";
import type { ValidationTarget } from "../types.js";
import { bpdPersons, countLabel, reportedCount } from "./helpers.js";

/** Sample variance (n - 1) over mean; NaN when the mean is 0 or there are fewer than 2 values. */
export function varianceToMean(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return Number.NaN;
  let sum = 0;
  for (const value of values) sum += value;
  const mean = sum / n;
  if (!(mean > 0)) return Number.NaN;
  let squares = 0;
  for (const value of values) squares += (value - mean) ** 2;
  return squares / (n - 1) / mean;
}

/** Share of the sum made by the fifth of values that are largest (ceil(n / 5) values). */
function topFifthShare(values: readonly number[]): number {
  const total = values.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return Number.NaN;
  const sorted = [...values].sort((a, b) => b - a);
  return sorted.slice(0, Math.ceil(values.length / 5)).reduce((a, b) => a + b, 0) / total;
}

export const nssiOverdispersion: ValidationTarget = {
  id: "nssi-overdispersion",
  claim: "ESM NSSI counts are overdispersed across persons (variance/mean > 1)",
  source: "Andrewes et al. 2017; Nock et al. 2009",
  reference:
    "Andrewes, H. E., et al. (2017). Personality Disorders 8, 357-365, doi:10.1037/per0000205 (24 of 107 youth made all 52 acts). Nock, M. K., Prinstein, M. J., & Sterba, S. K. (2009). Journal of Abnormal Psychology 118, 816-827, doi:10.1037/a0016948.",
  method:
    "ESM study, BPD group: each person's reported NSSI count (the nssi item summed over answered prompts); sample variance over mean across persons. Details: the share of reported acts made by the fifth of persons with the most.",
  unit: "variance/mean",
  studies: ["esm"],
  tolerance: { bounds: [{ on: "lower", min: 1 }], rationale: "a Poisson count has variance/mean 1; overdispersion means the whole 95% interval lies above 1" },
  measure({ data, seed, resamples }) {
    const persons = bpdPersons(data);
    const counts = persons.map((person) => reportedCount(person.series, data.items.nssi));
    const interval = bootstrapInterval([counts], ([sample]) => varianceToMean(sample), resamples, `${seed}/nssi-overdispersion`);
    const total = counts.reduce((a, b) => a + b, 0);
    return {
      value: varianceToMean(counts),
      lower: interval.lower,
      upper: interval.upper,
      interval: bootstrapLabel(interval),
      basis: `${countLabel(persons.length, "person")}, ${total} reported acts`,
      details: { meanReportedActs: total / Math.max(1, counts.length), shareWithReportedAct: counts.filter((c) => c > 0).length / Math.max(1, counts.length), topFifthShare: topFifthShare(counts) },
    };
  },
};
