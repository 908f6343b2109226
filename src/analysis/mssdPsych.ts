import { CompensatedSum } from "./compensatedSum.js";

/**
 * MSSD by psych::mssd's row-order rule, for comparison with R code that uses the psych package:
 * the squared differences of consecutive rows (NA where either is missing, and across nights) are
 * summed and divided by n_obs - 1, the number of answered values minus one:
 *
 *     mssd_psych = sum(diff(x)^2, na.rm = TRUE) / (sum(!is.na(x)) - 1)
 *
 * The values must be one per row in the order psych would see them (sorted by day and beep; a file
 * that leaves missed prompts out gives different results from one that keeps them as empty rows,
 * exactly as in R). NaN for fewer than two answered values. This is the `mssd_psych` column of
 * `cascade analyze`, whatever the `--pairs` policy.
 *
 * Reference: Revelle, W. psych: Procedures for Psychological, Psychometric, and Personality Research
 * (R package, version 2.2.9), function `mssd`. https://CRAN.R-project.org/package=psych
 *
 * @example
 * mssdPsych([1, NaN, 3, 4]); // => 0.5
 */
export function mssdPsych(values: ArrayLike<number>): number {
  const sum = new CompensatedSum();
  let observed = 0;
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) continue;
    observed++;
    if (i + 1 < values.length && !Number.isNaN(values[i + 1])) sum.add((values[i + 1] - values[i]) * (values[i + 1] - values[i]));
  }
  return observed < 2 ? Number.NaN : sum.value / (observed - 1);
}
