/**
 * From the simulation engine's results to the chart builders' inputs.
 *
 * `simulatePerson` (src/simulate/person.ts) returns one person's prompts (observed items and the
 * latent truth at each), events, drawn parameters, the fixed points of the person's drift and, when
 * asked, the latent trajectory on a regular grid. These adapters reshape that for the timeline and
 * phase charts; the drift itself is the engine's (`src/model/drift.ts`).
 *
 * Browser-safe: no `node:` imports (the classroom explorer simulates in the browser and calls these).
 */
import { drift } from "../../model/drift.js";
import type { PersonResult } from "../../simulate/person.js";
import { itemRoles } from "../../sweep/person-series.js";
import { hoursOfDay, type Design, type Scenario } from "../../scenario/schema.js";
import type { FixedPoint } from "../fixed-points.js";
import type { PhaseInput } from "../phase.js";
import type { TimelineEventKind, TimelineInput, TimelinePrompt } from "../timeline.js";

/** The engine's event kinds, as the timeline names them (they are the same words). */
const timelineKinds: Record<string, TimelineEventKind> = {
  stressor: "stressor",
  rejection: "rejection",
  reminder: "reminder",
  nssi: "nssi",
  skill: "skill",
};

/**
 * Positions among the observed items of a design's negative-affect items (the project's rule,
 * `itemRoles` of src/sweep/person-series.ts: the emotion items, else the affect items) and of its
 * rumination item.
 */
export function itemPositions(design: Design): { na: number[]; rumination: number | undefined } {
  const roles = itemRoles(design);
  const position = (name: string): number => design.items.findIndex((item) => item.name === name);
  return { na: roles.na.map(position), rumination: roles.rumination === undefined ? undefined : position(roles.rumination) };
}

/**
 * Timeline input for one simulated person (simulated with `trajectoryEveryMinutes`): the latent
 * trajectory, every prompt with its latent truth and its recorded NA (the mean of the emotion items,
 * as `na_mean` in the analysis) and rumination, every event, and the waking hours.
 */
export function timelineFromPerson(person: PersonResult, scenario: Scenario, id?: string): TimelineInput {
  if (person.trajectory === undefined) throw new RangeError("timelineFromPerson: simulate the person with trajectoryEveryMinutes");
  const trajectory = person.trajectory;
  const design = scenario.groups[person.groupIndex].design;
  const roles = itemPositions(design);
  const prompts: TimelinePrompt[] = person.prompts.map((prompt) => {
    const emotions = roles.na.map((index) => prompt.items[index]).filter((value): value is number => value !== undefined);
    const rumination = roles.rumination === undefined ? undefined : prompt.items[roles.rumination];
    return {
      hours: prompt.scheduledSeconds / 3600,
      answered: prompt.answered,
      A: prompt.latent.A,
      R: prompt.latent.R,
      na: prompt.answered && emotions.length === roles.na.length && emotions.length > 0 ? emotions.reduce((a, b) => a + b, 0) / emotions.length : null,
      rumination: prompt.answered && rumination !== undefined ? rumination : null,
    };
  });
  const firstEmotion = roles.na.length > 0 ? design.items[roles.na[0]] : undefined;
  const scale = firstEmotion !== undefined && firstEmotion.kind !== "nssi" ? firstEmotion.scale : { min: 1, max: 7 };
  return {
    person: id,
    latent: Array.from(trajectory.hours, (hours, index) => ({ hours, A: trajectory.A[index], R: trajectory.R[index] })),
    prompts,
    events: person.events
      .filter((event) => event.hours >= 0 && timelineKinds[event.kind] !== undefined)
      .map((event) => ({ hours: event.hours, type: timelineKinds[event.kind] })),
    wakingHours: { start: hoursOfDay(scenario.clock.wake), end: hoursOfDay(scenario.clock.sleep) },
    responseScale: { min: scale.min, max: scale.max },
  };
}

/** The engine's fixed points as the phase chart takes them (its "calm", "cascade" and "saddle"). */
export function chartFixedPoints(person: PersonResult): FixedPoint[] {
  return person.fixedPoints.points.map((point) => ({
    A: point.A,
    R: point.R,
    kind: point.stable ? "stable" : point.eigenvalues.some((value) => value > 0) && point.eigenvalues.some((value) => value < 0) ? "saddle" : "unstable",
    label: point.kind === "saddle" ? "tipping point" : point.kind,
  }));
}

/** Phase input for one simulated person: the trajectory, the engine's drift at the person's parameters, and its fixed points. */
export function phaseFromPerson(person: PersonResult, id?: string): PhaseInput {
  if (person.trajectory === undefined) throw new RangeError("phaseFromPerson: simulate the person with trajectoryEveryMinutes");
  const trajectory = person.trajectory;
  const parameters = person.parameters;
  const coupling = parameters.wRA * (1 - parameters.eps * parameters.delta);
  return {
    person: id,
    trajectory: Array.from(trajectory.hours, (hours, index) => ({ hours, A: trajectory.A[index], R: trajectory.R[index] })),
    drift: (A, R) => {
      const rates = drift(parameters, A, R);
      return [rates.dA, rates.dR];
    },
    fixedPoints: chartFixedPoints(person),
    parameterNote: `This person: coupling rumination→NA ${coupling.toFixed(2)} (after differentiation ${parameters.delta.toFixed(2)}), NA→rumination ${parameters.wAR.toFixed(2)}, return rates ${parameters.thetaA.toFixed(2)} and ${parameters.thetaR.toFixed(2)} per hour.`,
  };
}

/**
 * Onsets of cascades in a latent trajectory: the moments rumination rises above `threshold` and stays
 * above it for at least `minimumHours`, after at least `calmHours` below it (so that a wobble around
 * the threshold is not counted twice). Times in the trajectory's hours.
 */
export function cascadeOnsets(
  trajectory: { hours: ArrayLike<number>; R: ArrayLike<number> },
  threshold: number,
  minimumHours = 6,
  calmHours = 24,
): number[] {
  const onsets: number[] = [];
  let calmSince = trajectory.hours.length > 0 ? trajectory.hours[0] : 0;
  let above: number | undefined;
  for (let i = 0; i < trajectory.hours.length; i++) {
    const hours = trajectory.hours[i];
    if (trajectory.R[i] > threshold) {
      if (above === undefined) above = hours;
      if (hours - above >= minimumHours && above - calmSince >= calmHours && onsets[onsets.length - 1] !== above) onsets.push(above);
    } else {
      if (above !== undefined) calmSince = hours;
      above = undefined;
    }
  }
  return onsets;
}
