/**
 * Plain-language captions for the report: for each chart, a few sentences saying what to notice,
 * with the numbers of the data at hand (so a caption never claims what this run does not show).
 * Each takes the same input as the chart's builder.
 *
 * Browser-safe: no `node:` imports.
 */
import { differentiationSlopes, differentiationTertiles, type DifferentiationInput } from "./differentiation.js";
import type { DesignInput } from "./design.js";
import type { EarlyWarningInput } from "./early-warning.js";
import type { EventLockedInput } from "./event-locked.js";
import { labelFixedPoints } from "./fixed-points.js";
import type { InstabilityInput } from "./instability.js";
import type { PhaseInput } from "./phase.js";
import { formatEstimate, formatNumber, isFiniteNumber } from "./spec.js";
import { meanWithInterval } from "./summary.js";
import type { TimelineInput } from "./timeline.js";

const plural = (count: number, word: string, many = `${word}s`): string => `${count} ${count === 1 ? word : many}`;
const mean = (values: readonly number[]): number => (values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length);

/** What the timeline shows of one person, in the window [fromHours, toHours] and over the whole study. */
export function timelineCaption(input: TimelineInput, fromHours: number, toHours: number): string[] {
  const inside = (hours: number): boolean => hours >= fromHours && hours <= toHours;
  const prompts = input.prompts.filter((p) => inside(p.hours));
  const missed = prompts.filter((p) => !p.answered).length;
  const acts = input.events.filter((e) => e.type === "nssi").map((e) => e.hours);
  const actsInside = acts.filter(inside).length;
  // An act reaches the record when the first prompt after it is answered (it asks about acts since the last prompt).
  const sorted = [...input.prompts].sort((a, b) => a.hours - b.hours);
  const reported = acts.filter((hours) => sorted.find((p) => p.hours > hours)?.answered === true).length;
  const latentAt = (answered: boolean): number =>
    mean(input.prompts.filter((p) => p.answered === answered && isFiniteNumber(p.A)).map((p) => p.A as number));
  const sentences = [
    `The lines are what really happened to ${input.person === undefined ? "this person" : `person ${input.person}`}; the dots are the only moments the study saw.`,
    `In these ${Math.round((toHours - fromHours) / 24)} days the study asked ${plural(prompts.length, "time")} and got no answer ${plural(missed, "time")}; ${plural(actsInside, "NSSI act")} happened in between.`,
  ];
  if (acts.length > 0) {
    sentences.push(`Over the whole study, ${reported} of this person's ${plural(acts.length, "act")} reached the record, through the next prompt being answered.`);
  }
  const missedA = latentAt(false);
  const answeredA = latentAt(true);
  if (isFiniteNumber(missedA) && isFiniteNumber(answeredA)) {
    sentences.push(
      missedA > answeredA
        ? `Negative affect was higher when prompts were missed (${formatNumber(missedA)} against ${formatNumber(answeredA)} when answered): the record under-samples the worst moments.`
        : `Negative affect at missed prompts (${formatNumber(missedA)}) was not higher than at answered ones (${formatNumber(answeredA)}) for this person.`,
    );
  }
  return sentences;
}

/** What the phase chart shows: how many resting states, and how long the path spent beyond the tipping point. */
export function phaseCaption(input: PhaseInput): string[] {
  const points = labelFixedPoints(input.fixedPoints ?? []);
  const stable = points.filter((p) => p.kind === "stable");
  const saddle = points.find((p) => p.kind === "saddle");
  const sentences = ["The grey arrows show where the model pushes each combination of negative affect and rumination when nothing else happens; the dashed lines are where one of the two stops changing, and they cross at the resting states."];
  if (stable.length >= 2 && saddle !== undefined) {
    const beyond = input.trajectory.filter((s) => s.R > saddle.R).length / Math.max(1, input.trajectory.length);
    sentences.push(
      `For this person the loop between rumination and negative affect is strong enough for two resting states: calm and cascade. Stressors and noise push the path over the tipping point; it spent ${formatNumber(100 * beyond, 0)}% of the time above the tipping point's level of rumination.`,
    );
  } else {
    sentences.push(
      `For this person there is ${stable.length === 1 ? `one resting state (${stable[0].label})` : "no resting state in view"}: the coupling is too weak for a second, cascade state, so every excursion drifts back.`,
    );
  }
  return sentences;
}

/** What the instability chart shows: the group difference in each metric. */
export function instabilityCaption(input: InstabilityInput): string[] {
  const effects = input.effects ?? [];
  const byMetric = (key: string): string | undefined => {
    const effect = effects.find((e) => e.metric === key);
    return effect === undefined || !isFiniteNumber(effect.g) ? undefined : formatEstimate(effect.g, effect.lower, effect.upper);
  };
  const comparison = effects[0]?.comparison;
  const sentences = ["Each dot is one person; the box holds the middle half of the group."];
  const mssd = byMetric("mssd");
  const relative = byMetric("mssd_rel");
  if (mssd !== undefined && comparison !== undefined) {
    sentences.push(`Hedges' g for ${comparison}: MSSD ${mssd}${byMetric("pac") === undefined ? "" : `, PAC ${byMetric("pac")}`}.`);
  }
  if (relative !== undefined) {
    sentences.push(
      `Relative MSSD divides by the largest MSSD possible at the person's mean on a bounded scale (Mestdagh et al. 2018): its g (${relative}) shows how much of the raw difference is left once mean levels are taken into account.`,
    );
  }
  return sentences;
}

/** What the differentiation chart shows: the mean within-person slope in each third. */
export function differentiationCaption(input: DifferentiationInput): string[] {
  const slopes = differentiationSlopes(input);
  const summary = differentiationTertiles.map((tertile) => meanWithInterval(slopes.filter((s) => s.tertile === tertile).map((s) => s.slope)));
  const [low, , high] = summary;
  return [
    "Each person's prompts are centred on their own means, so the slope says how a person's urge moves with their own rumination from moment to moment.",
    `Mean slope in the third with the least differentiated emotions: ${formatEstimate(low.mean, low.lower, low.upper)}; in the most differentiated third: ${formatEstimate(high.mean, high.lower, high.upper)}.`,
    "Zaki et al. (2013) found rumination predicting NSSI urges and acts only in low differentiators; in the model, differentiation damps the loop between rumination and negative affect.",
  ];
}

/** What the event-locked chart shows: negative affect just before, at and after the report. */
export function eventLockedCaption(input: EventLockedInput): string[] {
  const at = (variable: string, offset: number): number | null | undefined => input.points.find((p) => p.variable === variable && p.offset === offset)?.mean;
  const na = input.points.some((p) => p.variable === "na_mean") ? "na_mean" : "na";
  const sentences = [
    `Offset 0 is the prompt that reported an act since the previous prompt${input.events === undefined ? "" : ` (${plural(input.events, "report")})`}; the act itself happened somewhere between prompt −1 and prompt 0.`,
  ];
  const before = at(na, -1);
  const report = at(na, 0);
  const after = at(na, 1);
  if (isFiniteNumber(before) && isFiniteNumber(report) && isFiniteNumber(after)) {
    sentences.push(`Mean negative affect: ${formatNumber(before)} one prompt before, ${formatNumber(report)} at the report, ${formatNumber(after)} one prompt after.`);
  }
  sentences.push("Whether ESM sees the relief that laboratory studies find depends on how soon after the act the next prompt comes (Houben et al. 2017; Kaess et al. 2021).");
  return sentences;
}

/** What the early-warning chart shows: the trends of the two indicators. */
export function earlyWarningCaption(input: EarlyWarningInput): string[] {
  const variance = input.tau?.variance;
  const autocorrelation = input.tau?.autocorrelation;
  const rising = (tau: number | null | undefined): string => (!isFiniteNumber(tau) ? "undefined" : tau > 0.3 ? "rising" : tau < -0.3 ? "falling" : "without a clear trend");
  return [
    "Near a tipping point a system returns to its resting state more slowly, so its ups and downs grow larger (variance) and more persistent (autocorrelation).",
    `Here the rolling variance is ${rising(variance)} (Kendall's τ = ${formatNumber(variance)}) and the lag-1 autocorrelation ${rising(autocorrelation)} (τ = ${formatNumber(autocorrelation)}).`,
    "In real ESM data these signals preceded only about a third of transitions (Smit et al. 2025): a rise is a hint, never a prediction for a person.",
  ];
}

/** What the design chart shows: the worst and best design for MSSD. */
export function designCaption(input: DesignInput): string[] {
  const mssd = input.points.filter((p) => p.metric === "mssd" && isFiniteNumber(p.value));
  const sentences = ["Each point is one study design run on the same simulated persons: more prompts a day to the right, more prompts answered in cooler colours."];
  if (mssd.length > 1) {
    const worst = mssd.reduce((a, b) => ((b.value as number) < (a.value as number) ? b : a));
    const best = mssd.reduce((a, b) => ((b.value as number) > (a.value as number) ? b : a));
    const name = (p: (typeof mssd)[number]): string => `${p.promptsPerDay} prompts a day with ${Math.round(p.compliance * 100)}% answered`;
    sentences.push(`MSSD ranks persons by their real instability worst with ${name(worst)} (${formatNumber(worst.value)}) and best with ${name(best)} (${formatNumber(best.value)}).`);
  }
  sentences.push("Missed prompts break the pairs of successive answers that MSSD and PAC are made of, so low compliance costs more than it seems.");
  return sentences;
}
