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
import type { RandomStream } from "../random/stream.js";
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
