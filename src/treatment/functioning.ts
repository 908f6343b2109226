/**
 * Psychosocial functioning F (0-100, GAF-like), weekly (MODEL.md section 4):
 *
 *     dF/dt = (Ftarget - F) / tauF
 *     Ftarget(w) = base + integrationEffect * integration + traumaEffect * trauma
 *                  + nssiEffect * log(1 + NSSI acts per week over the last nssiWindowWeeks weeks)
 *                  + sum over processes of functioning * L(w)
 *
 * integrated exactly week by week with Ftarget held over each week, plus Ornstein-Uhlenbeck
 * fluctuations whose stationary SD around the target is `fluctuationSd`:
 *
 *     F(w + 1) = T(w) + (F(w) - T(w)) exp(-1/tauF) + fluctuationSd sqrt(1 - exp(-2/tauF)) Z,
 *
 * clipped to [0, 100]. Without fluctuations and with a constant target this is the closed form
 * F(w) = T + (F(0) - T) exp(-w / tauF). Social integration and trauma history carry most of the
 * target; NSSI only a little (the symptom-function gap: treatment that stops self-harm need not
 * restore functioning; Bateman & Fonagy 2008, Ghinea et al. 2021).
 *
 * Browser-safe: no `node:` imports.
 */
import { valueAtScore } from "../population/distributions.js";
import { RandomStream, streamSeed } from "../random/stream.js";
import type { Group } from "../scenario/schema.js";
import type { ProcessSpec } from "./catalogue.js";
import { functioningShift } from "./curves.js";

export type FunctioningSettings = Group["functioning"];

/** A person's functioning inputs, drawn once. */
export interface FunctioningPerson {
  /** F at the study start. */
  initial: number;
  /** Social integration score (support, roles), in SD units. */
  integration: number;
}

/** Draws a person's initial F and integration from `stream` (the person's `functioning` stream). */
export function drawFunctioning(settings: FunctioningSettings, stream: RandomStream): FunctioningPerson {
  const initial = Math.min(100, Math.max(0, valueAtScore(settings.initial, stream.normal())));
  const integration = valueAtScore(settings.integration, stream.normal());
  return { initial, integration };
}

/** The target of F in week `week` (see the module comment). */
export function functioningTarget(
  settings: FunctioningSettings,
  person: FunctioningPerson,
  trauma: number,
  processes: readonly ProcessSpec[],
  week: number,
  nssiPerWeek: number,
): number {
  return (
    settings.base +
    settings.integrationEffect * person.integration +
    settings.traumaEffect * trauma +
    settings.nssiEffect * Math.log1p(Math.max(0, nssiPerWeek)) +
    functioningShift(processes, week)
  );
}

/**
 * F at the start of every week 0 .. weeklyActs.length (one more value than weeks), given the acts
 * of each study week. `stream` gives the fluctuations (pass undefined, or fluctuationSd 0, for none).
 */
export function functioningPath(
  settings: FunctioningSettings,
  person: FunctioningPerson,
  trauma: number,
  processes: readonly ProcessSpec[],
  weeklyActs: ArrayLike<number>,
  stream?: RandomStream,
): Float64Array {
  const weeks = weeklyActs.length;
  const path = new Float64Array(weeks + 1);
  const keep = Math.exp(-1 / settings.tauWeeks);
  const innovation = settings.fluctuationSd * Math.sqrt(-Math.expm1(-2 / settings.tauWeeks));
  const window = Math.max(1, Math.round(settings.nssiWindowWeeks));
  let recentActs = 0;
  let f = person.initial;
  path[0] = f;
  for (let week = 0; week < weeks; week++) {
    recentActs += weeklyActs[week];
    if (week >= window) recentActs -= weeklyActs[week - window];
    const rate = recentActs / Math.min(window, week + 1);
    const target = functioningTarget(settings, person, trauma, processes, week, rate);
    const noise = stream === undefined || innovation === 0 ? 0 : innovation * stream.normal();
    f = Math.min(100, Math.max(0, target + (f - target) * keep + noise));
    path[week + 1] = f;
  }
  return path;
}

/** Acts per study week (week w covers hours [168 w, 168 (w + 1))) from act times in hours. */
export function actsPerWeek(actHours: readonly number[], weeks: number): Float64Array {
  const counts = new Float64Array(weeks);
  for (const hours of actHours) {
    const week = Math.floor(hours / 168);
    if (week >= 0 && week < weeks) counts[week] += 1;
  }
  return counts;
}

/** A person's weekly functioning over a run, as `cascade simulate` and `cascade trial` report it. */
export interface PersonFunctioning {
  /** Initial F and social integration, as drawn. */
  person: FunctioningPerson;
  /** Acts in each study week 0 .. weeks - 1. */
  weeklyActs: Float64Array;
  /** F at the start of every week 0 .. weeks (one more value than weeks). */
  path: Float64Array;
}

/**
 * Functioning of person `index` of `group` over `weeks` study weeks, from the times of the person's
 * acts (hours since the study start) and the processes acting on the person. The draws come from the
 * person's own `functioning` stream (seed, group name or `samePersonsAs`, index), so they do not
 * change the latent path's draws, and a person has the same initial F and integration in every run.
 */
export function personFunctioning(
  group: Pick<Group, "name" | "samePersonsAs" | "functioning">,
  seed: number | string,
  index: number,
  trauma: number,
  processes: readonly ProcessSpec[],
  actHours: readonly number[],
  weeks: number,
): PersonFunctioning {
  const stream = new RandomStream(streamSeed(seed, group.samePersonsAs ?? group.name, index, "functioning"));
  const person = drawFunctioning(group.functioning, stream);
  const weeklyActs = actsPerWeek(actHours, weeks);
  return { person, weeklyActs, path: functioningPath(group.functioning, person, trauma, processes, weeklyActs, stream) };
}
