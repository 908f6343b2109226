/**
 * The explorer's lessons show what their explanations say, and their "try this" suggestions do what
 * they promise: each claim of the text is checked on the lesson's own settings (the same seed, so
 * the same picture the class sees).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { simulatePerson, type PersonResult } from "../src/simulate/person.js";
import type { ControlValues } from "../explorer/src/controls.js";
import { LESSONS, lessonValues, lesson as findLesson } from "../explorer/src/lessons.js";
import type { ComputeResponse } from "../explorer/src/protocol.js";
import { resolveScenario } from "../explorer/src/scenario.js";
import { ExplorerSession, TRAJECTORY_MINUTES } from "../explorer/src/session.js";
import { repoRoot } from "./helpers/cli.js";

const session = new ExplorerSession(readFileSync(join(repoRoot, "scenarios", "bpd-cascade.yaml"), "utf8"));
let requestId = 0;

function valuesOf(id: string, changes: Partial<ControlValues> = {}): ControlValues {
  const target = findLesson(id);
  if (target === undefined) throw new Error(`no lesson ${id}`);
  return { ...lessonValues(target, session.defaults), ...changes };
}

function shown(id: string, changes: Partial<ControlValues> = {}): ComputeResponse {
  return session.compute({ type: "compute", id: ++requestId, values: valuesOf(id, changes) });
}

function metric(response: ComputeResponse, id: string, column: "study" | "truthAtPrompts" | "truthHourly"): number {
  const value = response.metrics.find((row) => row.id === id)?.[column].value;
  if (value === null || value === undefined) throw new Error(`${id} (${column}) is undefined`);
  return value;
}

function person(id: string, changes: Partial<ControlValues> = {}): PersonResult {
  const { scenario } = resolveScenario(session.base, valuesOf(id, changes));
  return simulatePerson(scenario, { group: 0, indexInGroup: 0, trajectoryEveryMinutes: TRAJECTORY_MINUTES });
}

/** Mean latent negative affect just before each act and one hour after it. */
function aroundActs(result: PersonResult): { before: number; hourLater: number; acts: number } {
  const trajectory = result.trajectory as NonNullable<PersonResult["trajectory"]>;
  const acts = result.events.filter((event) => event.kind === "nssi" && event.hours + 1 <= trajectory.hours[trajectory.hours.length - 1]);
  const at = (hours: number): number => trajectory.A[Math.round((hours - trajectory.hours[0]) / (TRAJECTORY_MINUTES / 60))];
  const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
  return { before: mean(acts.map((act) => act.before.A)), hourLater: mean(acts.map((act) => at(act.hours + 1))), acts: acts.length };
}

describe("every lesson", () => {
  it.each(LESSONS.map((l) => [l.id, l] as const))("%s sets valid values for every control, with text, a suggestion and sources", (_id, target) => {
    const response = shown(target.id);
    expect(response.issues).toEqual([]);
    expect(target.text.length).toBeGreaterThanOrEqual(2);
    expect(target.tryThis.length).toBeGreaterThan(20);
    expect(target.sources.length).toBeGreaterThan(0);
    expect(response.window).toEqual({ fromDay: 1, toDay: 7 });
  });
});

describe("The cascade", () => {
  const response = shown("cascade");
  it("has two resting states, spends a good part of the time in the cascade, and self-injures in the first week", () => {
    expect(response.figures.bistable).toBe(true);
    expect(response.figures.cascadeShare).toBeGreaterThan(0.25);
    expect(person("cascade").events.some((event) => event.kind === "nssi" && event.hours < 7 * 24)).toBe(true);
    expect(response.charts.phase.title).toBe("Two resting states: calm and cascade");
  });
  it("try this: lower coupling leaves one resting state and less time in the cascade; more stressors push rumination up again", () => {
    const weak = shown("cascade", { coupling: 0.6 });
    expect(weak.figures.bistable).toBe(false);
    expect(weak.charts.phase.title).toBe("One resting state: calm");
    expect(weak.figures.cascadeShare).toBeLessThan(response.figures.cascadeShare);
    expect(shown("cascade", { coupling: 0.6, stressRate: 0.6 }).figures.cascadeShare).toBeGreaterThan(weak.figures.cascadeShare);
  });
});

describe("Emotion differentiation protects", () => {
  const cascade = shown("cascade");
  const response = shown("differentiation");
  it("the same person with high differentiation: less time in the cascade, lower ICC across the emotion items", () => {
    expect(response.figures.cascadeShare).toBeLessThan(cascade.figures.cascadeShare);
    for (const column of ["study", "truthAtPrompts", "truthHourly"] as const) expect(metric(response, "icc", column)).toBeLessThan(metric(cascade, "icc", column));
  });
  it("try this: differentiation 0.1 brings the cascades back and the ICC towards 1", () => {
    const low = shown("differentiation", { delta: 0.1 });
    expect(low.figures.cascadeShare).toBeGreaterThan(response.figures.cascadeShare);
    for (const column of ["study", "truthAtPrompts", "truthHourly"] as const) {
      expect(metric(low, "icc", column)).toBeGreaterThan(metric(response, "icc", column));
      expect(metric(low, "icc", column)).toBeGreaterThan(0.85);
    }
  });
});

describe("The relief trap", () => {
  const response = shown("relief");
  it("acts often, negative affect is lower an hour after an act than before it, and the reinforcement grows", () => {
    expect(response.figures.acts).toBeGreaterThanOrEqual(10);
    expect(response.figures.finalW).toBeGreaterThan(1);
    const around = aroundActs(person("relief"));
    expect(around.hourLater).toBeLessThan(around.before);
  });
  it("try this: with little relief and a large rebound, negative affect is back an hour later; with no relief nothing is learnt", () => {
    const around = aroundActs(person("relief", { relief: 1, rebound: 2 }));
    expect(around.acts).toBeGreaterThan(3);
    expect(around.hourLater).toBeGreaterThanOrEqual(around.before - 0.25);
    expect(shown("relief", { relief: 0 }).figures.finalW).toBeLessThan(0.1);
  });
});

describe("What skills change", () => {
  const trap = shown("relief");
  const response = shown("skills");
  it("the relief-trap person with skills: skills are used, fewer acts, less reinforcement", () => {
    expect(response.figures.skillUses).toBeGreaterThan(0);
    expect(response.figures.acts).toBeLessThan(trap.figures.acts);
    expect(response.figures.finalW).toBeLessThan(trap.figures.finalW);
  });
  it("try this: full skills mean fewer acts than none", () => {
    expect(shown("skills", { skills: 1 }).figures.acts).toBeLessThan(shown("skills", { skills: 0 }).figures.acts);
  });
});

describe("What ESM misses", () => {
  const response = shown("esm");
  it("the study's mean negative affect is below the truth at every prompt, and acts go unreported", () => {
    expect(metric(response, "mean", "study")).toBeLessThan(metric(response, "mean", "truthAtPrompts") - 0.2);
    expect(response.figures.reportedActs).toBeLessThan(response.figures.acts);
  });
  it("try this: dense prompts, high compliance and no skipping bring the study towards the truth", () => {
    const dense = shown("esm", { perDay: 12, compliance: 0.95, distressSkip: 0 });
    const gap = (r: ComputeResponse): number => Math.abs(metric(r, "mean", "study") - metric(r, "mean", "truthAtPrompts"));
    expect(gap(dense)).toBeLessThan(gap(response));
    expect(dense.figures.acts - dense.figures.reportedActs).toBeLessThan(response.figures.acts - response.figures.reportedActs);
  });
});

describe("Instability is not only BPD", () => {
  const cascade = shown("cascade");
  const response = shown("notOnlyBpd");
  it("one resting state and hardly any self-injury, yet negative affect as unstable as in the cascade lesson", () => {
    expect(response.figures.bistable).toBe(false);
    expect(response.figures.acts).toBeLessThanOrEqual(2);
    expect(metric(response, "mssd", "study")).toBeGreaterThanOrEqual(metric(cascade, "mssd", "study"));
    expect(metric(response, "pac", "study")).toBeGreaterThanOrEqual(metric(cascade, "pac", "study"));
    expect(metric(response, "mssd", "truthHourly")).toBeGreaterThanOrEqual(0.8 * metric(cascade, "mssd", "truthHourly"));
  });
  it("try this: lower stress reactivity takes the instability away", () => {
    const calm = shown("notOnlyBpd", { reactivity: 0.5 });
    expect(metric(calm, "mssd", "study")).toBeLessThan(0.7 * metric(response, "mssd", "study"));
    expect(metric(calm, "mssd", "truthHourly")).toBeLessThan(metric(response, "mssd", "truthHourly"));
  });
});
