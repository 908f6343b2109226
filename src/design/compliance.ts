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
 * How long a prompt scheduled at `scheduledSeconds` stays open, in minutes: until it expires
 * (`expiryMinutes`), but never past the next scheduled prompt. A prompt still open when the next one
 * arrives is replaced by it, so the window ends one second before the next prompt's scheduled time:
 * every answer then falls strictly before the next prompt's answer, and answer times increase within
 * a person (a 20-minute expiry with prompts 7 minutes apart once let an answer come after the next
 * prompt's answer). Zero when the next prompt follows within a second.
 *
 * @param nextScheduledSeconds the next signal-contingent prompt of the person (Infinity when none)
 * @example answerWindowMinutes({ expiryMinutes: 20 }, 600, 1020) // => 6.95 (the next prompt comes 7 minutes later)
 */
export function answerWindowMinutes(response: Pick<Design["response"], "expiryMinutes">, scheduledSeconds: number, nextScheduledSeconds: number): number {
  const untilNext = (nextScheduledSeconds - scheduledSeconds - 1) / 60;
  return Math.max(0, Math.min(response.expiryMinutes, untilNext));
}

/**
 * A response delay in minutes: log-normal with the given median and log-SD, truncated at the end of
 * the answer window (`windowMinutes`, default the expiry time; see `answerWindowMinutes`), drawn by
 * inversion from the truncated distribution, so no mass piles up at the end of the window. One
 * uniform is used whatever the window (none when sdLog is 0), so the streams stay aligned.
 */
export function responseDelayMinutes(response: Design["response"], stream: RandomStream, windowMinutes: number = response.expiryMinutes): number {
  const { delayMedianMinutes: median, delaySdLog: sdLog } = response;
  const limit = Math.min(response.expiryMinutes, windowMinutes);
  if (sdLog === 0) return Math.max(0, Math.min(median, limit));
  const u = stream.uniform();
  if (!(limit > 0)) return 0;
  const upper = normalCdf(Math.log(limit / median) / sdLog);
  return Math.min(limit, median * Math.exp(sdLog * normalQuantile(u * upper)));
}
