/**
 * Percentile bootstrap over independent units (persons), the interval of most validation targets.
 *
 * The units are resampled with replacement `resamples` times; the statistic of each resample is
 * computed, and the 2.5% and 97.5% type-7 quantiles of the finite ones are the 95% interval
 * (Efron & Tibshirani 1993, An Introduction to the Bootstrap, ch. 13). Resamples whose statistic is
 * undefined (NaN, for example no act in a resample) are left out and counted. Groups are resampled
 * separately (a stratified bootstrap) when the statistic compares groups, so each resample keeps the
 * groups' sizes. The random numbers come from a seeded stream, so the interval is the same in every
 * run. Browser-safe.
 *
 * Cost: resamples x (units + the statistic's cost).
 */
import { quantileType7Sorted } from "../analysis/quantileType7.js";
import { RandomStream } from "../random/stream.js";

export interface BootstrapInterval {
  lower: number;
  upper: number;
  /** Resamples with a finite statistic. */
  used: number;
  resamples: number;
}

/** One resample of `units` with replacement, drawn from `stream`. */
function resample<T>(units: readonly T[], stream: RandomStream): T[] {
  const out = new Array<T>(units.length);
  for (let i = 0; i < units.length; i++) out[i] = units[stream.integerBelow(units.length)];
  return out;
}

/**
 * The 95% percentile interval of `statistic` over resamples of the strata (each stratum, for example
 * each group's persons, resampled on its own). NaN bounds when fewer than 20 resamples give a finite
 * statistic.
 *
 * @example bootstrapInterval([[1, 2, 3, 4]], ([x]) => mean(x), 1000, "seed") // => about { lower: 1.5, upper: 3.5 }
 */
export function bootstrapInterval<T>(strata: readonly (readonly T[])[], statistic: (samples: T[][]) => number, resamples: number, seed: string): BootstrapInterval {
  const stream = new RandomStream(seed);
  const values: number[] = [];
  for (let b = 0; b < resamples; b++) {
    const value = statistic(strata.map((units) => resample(units, stream)));
    if (Number.isFinite(value)) values.push(value);
  }
  if (values.length < 20) return { lower: Number.NaN, upper: Number.NaN, used: values.length, resamples };
  values.sort((a, b) => a - b);
  return { lower: quantileType7Sorted(values, 0.025), upper: quantileType7Sorted(values, 0.975), used: values.length, resamples };
}

/** "percentile bootstrap over persons, 1000 resamples" (with the count of undefined resamples, if any). */
export function bootstrapLabel(interval: BootstrapInterval, units = "persons"): string {
  const skipped = interval.resamples - interval.used;
  return `percentile bootstrap over ${units}, ${interval.resamples} resamples${skipped > 0 ? ` (${skipped} undefined, left out)` : ""}`;
}
