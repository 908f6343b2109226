/**
 * Process curves and their effect on a person's parameters (MODEL.md section 4), and the engine's
 * slow-process hook built from them. See `catalogue.ts` for the curve and the effects.
 *
 * Browser-safe: no `node:` imports.
 */
import type { PersonParameters } from "../model/parameters.js";
import type { SlowProcess } from "../simulate/person.js";
import { EFFECT_NAMES, type Effects, type ProcessSpec } from "./catalogue.js";

/** Hours in a week. */
export const HOURS_PER_WEEK = 168;

/**
 * The level of a process at `week` (weeks since the study start):
 *
 *     L(t) = max (1 - exp(-(t - startWeek) / tauWeeks))       startWeek <= t <= end
 *     L(t) = L(end) exp(-(t - end) / fadeWeeks)                 t > end = startWeek + durationWeeks
 *
 * 0 before `startWeek`; after the end it stays at L(end) when `fadeWeeks` is null. Always within
 * [0, max], non-decreasing until the end, non-increasing after it.
 *
 * @example processLevel({ startWeek: 0, tauWeeks: 12, max: 0.8, durationWeeks: null, fadeWeeks: null }, 12) // => 0.8 (1 - 1/e) = 0.5057
 */
export function processLevel(process: Pick<ProcessSpec, "startWeek" | "tauWeeks" | "max" | "durationWeeks" | "fadeWeeks">, week: number): number {
  if (!(week > process.startWeek)) return 0;
  const end = process.durationWeeks === null ? Infinity : process.startWeek + process.durationWeeks;
  const rising = (t: number): number => process.max * -Math.expm1(-(t - process.startWeek) / process.tauWeeks);
  if (week <= end) return rising(week);
  const atEnd = rising(end);
  return process.fadeWeeks === null ? atEnd : atEnd * Math.exp(-(week - end) / process.fadeWeeks);
}

/** The summed effects of `processes` at `week`: for each effect, sum over processes of size x level. */
function additiveTotals(processes: readonly ProcessSpec[], levels: readonly number[]): Effects {
  const totals = {} as Effects;
  for (const name of EFFECT_NAMES) {
    let sum = 0;
    for (let i = 0; i < processes.length; i++) sum += processes[i].effects[name] * levels[i];
    totals[name] = sum;
  }
  return totals;
}

/** Product over processes of (1 - size x level) for one multiplicative effect, at least 0. */
function reduction(processes: readonly ProcessSpec[], levels: readonly number[], name: keyof Effects): number {
  let factor = 1;
  for (let i = 0; i < processes.length; i++) factor *= Math.max(0, 1 - processes[i].effects[name] * levels[i]);
  return factor;
}

/**
 * The parameters of a person at `week` under `processes`, from the parameters as drawn (see
 * `EFFECTS` in catalogue.ts for each rule): K and delta rise additively (capped at 1); nu, wAR,
 * stressRate, rejectionReactivity, alpha and reactivity are multiplied by prod (1 - size L); wDecay by
 * 1 + sum extinction L. Returns a new object; `drawn` is not changed.
 */
export function parametersAt(drawn: Readonly<PersonParameters>, processes: readonly ProcessSpec[], week: number): PersonParameters {
  const levels = processes.map((process) => processLevel(process, week));
  const totals = additiveTotals(processes, levels);
  return {
    ...drawn,
    K: Math.min(1, drawn.K + totals.skills),
    delta: Math.min(1, drawn.delta + totals.differentiation),
    nu: drawn.nu * reduction(processes, levels, "urgency"),
    wDecay: drawn.wDecay * (1 + totals.extinction),
    wAR: drawn.wAR * reduction(processes, levels, "rumination"),
    stressRate: drawn.stressRate * reduction(processes, levels, "stress"),
    rejectionReactivity: drawn.rejectionReactivity * reduction(processes, levels, "rejection"),
    alpha: drawn.alpha * reduction(processes, levels, "reinforcement"),
    reactivity: drawn.reactivity * reduction(processes, levels, "reactivity"),
  };
}

/** The change in the functioning target at `week`: sum over processes of functioning x level (GAF points). */
export function functioningShift(processes: readonly ProcessSpec[], week: number): number {
  let shift = 0;
  for (const process of processes) shift += process.effects.functioning * processLevel(process, week);
  return shift;
}

/** Skills level K at `week` (a convenience for charts and tests). */
export function skillsAt(drawnK: number, processes: readonly ProcessSpec[], week: number): number {
  let total = drawnK;
  for (const process of processes) total += process.effects.skills * processLevel(process, week);
  return Math.min(1, total);
}

/**
 * The engine's slow-process hook (`simulatePerson`'s `slowProcess` option) for `processes`: every
 * `everyHours` of study time (default 24) the parameters are recomputed from the drawn ones. Before
 * any process has started, the drawn parameters stay in use untouched. Undefined when there is no
 * process, so the engine runs exactly as without one.
 */
export function slowProcessFor(processes: readonly ProcessSpec[], everyHours = 24): SlowProcess | undefined {
  if (processes.length === 0) return undefined;
  const firstStart = Math.min(...processes.map((process) => process.startWeek));
  return {
    everyHours,
    update(drawn, _current, hours) {
      const week = hours / HOURS_PER_WEEK;
      if (!(week > firstStart)) return undefined;
      return parametersAt(drawn, processes, week);
    },
  };
}
