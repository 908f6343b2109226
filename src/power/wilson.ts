/**
 * Wilson score interval for a binomial proportion: the confidence interval `cascade power` gives for
 * Monte Carlo power (significant replicates out of all replicates).
 *
 *     centre = (x + z²/2) / (n + z²),   half-width = z sqrt(x (n - x) / n + z²/4) / (n + z²)
 *
 * with z the standard normal quantile at 1 - (1 - level)/2. Unlike the Wald interval p ± z sqrt(p(1-p)/n)
 * it stays inside [0, 1] and keeps close to its nominal coverage when power is near 0 or 1, which is
 * where power analyses often are (Brown, Cai & DasGupta 2001). It equals R's
 * `prop.test(x, n, correct = FALSE)$conf.int` (tests/fixtures/r/power/wilson_reference.R).
 *
 * Returns [NaN, NaN] for n = 0. Browser-safe.
 *
 * References: Wilson, E. B. (1927). Probable inference, the law of succession, and statistical
 * inference. JASA 22(158), 209-212. doi:10.1080/01621459.1927.10502953. Brown, L. D., Cai, T. T., &
 * DasGupta, A. (2001). Interval estimation for a binomial proportion. Statistical Science 16(2),
 * 101-133. doi:10.1214/ss/1009213286
 *
 * @example wilsonInterval(8, 10) // => [0.4901625, 0.9433178] (to 7 digits)
 */
import { normalQuantile } from "../stats/distributions/normal-quantile.js";

export function wilsonInterval(successes: number, trials: number, level = 0.95): [number, number] {
  if (!(trials > 0) || successes < 0 || successes > trials) return [Number.NaN, Number.NaN];
  const z = normalQuantile(1 - (1 - level) / 2);
  const z2 = z * z;
  const denominator = trials + z2;
  const centre = (successes + z2 / 2) / denominator;
  const halfWidth = (z * Math.sqrt((successes * (trials - successes)) / trials + z2 / 4)) / denominator;
  // Clamp rounding noise at the ends (x = 0 gives exactly 0 in exact arithmetic).
  return [Math.max(0, centre - halfWidth), Math.min(1, centre + halfWidth)];
}
