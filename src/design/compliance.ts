/**
 * Compliance: whether a prompt is answered, and how late (MODEL.md section 6).
 *
 * logit P(answer) = logit(base) + u + perDay (day - 1) + negativeAffect A + sum of hour effects,
 * with u the person's random effect, N(0, personSd^2), drawn once per person. Negative
 * `negativeAffect` makes prompts in distress more often missed: missing not at random.
 */
import { normalCdf } from "../stats/distributions/normal-cdf.js";
import { normalQuantile } from "../stats/distributions/normal-quantile.js";
import type { RandomStream } from "../random/stream.js";
import { hoursOfDay, type Design } from "../scenario/schema.js";

function logit(p: number): number {
  return Math.log(p / (1 - p));
}

/**
 * The probability of answering a prompt.
 *
 * @param compliance the design's compliance settings
 * @param personEffect the person's random effect on the log-odds
 * @param day study day (1-based)
 * @param hour hours after midnight of the prompt
 * @param negativeAffect the latent A at the prompt
 */
export function answerProbability(compliance: Design["compliance"], personEffect: number, day: number, hour: number, negativeAffect: number): number {
  let logOdds = logit(compliance.base) + personEffect + compliance.perDay * (day - 1) + compliance.negativeAffect * negativeAffect;
  for (const effect of compliance.hours) {
    if (hour >= hoursOfDay(effect.from) && hour < hoursOfDay(effect.to)) logOdds += effect.logOdds;
  }
  return 1 / (1 + Math.exp(-logOdds));
}

/**
 * A response delay in minutes: log-normal with the given median and log-SD, truncated at the
 * expiry time (drawn by inversion from the truncated distribution, so no mass piles up at expiry).
 */
export function responseDelayMinutes(response: Design["response"], stream: RandomStream): number {
  const { delayMedianMinutes: median, delaySdLog: sdLog, expiryMinutes: expiry } = response;
  if (sdLog === 0) return Math.min(median, expiry);
  const upper = normalCdf(Math.log(expiry / median) / sdLog);
  const u = stream.uniform() * upper;
  return Math.min(expiry, median * Math.exp(sdLog * normalQuantile(u)));
}
