/**
 * The model's qualitative claims (MODEL.md sections 1-5), checked on simulated persons: bistable
 * cascades in BPD and not in controls, relief after NSSI in the truth, the protective role of emotion
 * differentiation, and the slow-process hook.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseScenario, withOverrides } from "../src/scenario/parse.js";
import type { Scenario } from "../src/scenario/schema.js";
import { simulatePerson, type PersonResult } from "../src/simulate/person.js";
import { repoRoot } from "./helpers/cli.js";

function bundled(name: string): Scenario {
  return parseScenario(readFileSync(join(repoRoot, "scenarios", `${name}.yaml`), "utf8"), `${name}.yaml`);
}

function groupOf(scenario: Scenario, group: string, count: number, days?: number): PersonResult[] {
  return Array.from({ length: count }, (_, i) => simulatePerson(scenario, { group, indexInGroup: i, days }));
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * ICC(C,k) (Shrout & Fleiss ICC3k; equals Cronbach's alpha) of an occasions x items matrix:
 * (MS_occasions - MS_error) / MS_occasions. A test helper (the analysis module has its own).
 */
function iccConsistencyK(rows: readonly number[][]): number {
  const n = rows.length;
  const k = rows[0].length;
  const grand = mean(rows.flat());
  const rowMeans = rows.map((r) => mean(r));
  const colMeans = Array.from({ length: k }, (_, j) => mean(rows.map((r) => r[j])));
  let ssRows = 0;
  let ssError = 0;
  rows.forEach((r, i) => {
    ssRows += k * (rowMeans[i] - grand) ** 2;
    r.forEach((x, j) => {
      ssError += (x - rowMeans[i] - colMeans[j] + grand) ** 2;
    });
  });
  const msRows = ssRows / (n - 1);
  const msError = ssError / ((n - 1) * (k - 1));
  return (msRows - msError) / msRows;
}

describe("the ICC helper", () => {
  it("matches R's psych::ICC (ICC3k) on small tables", () => {
    // Two items with a constant offset: perfect consistency.
    expect(iccConsistencyK([[1, 2], [2, 3], [3, 4], [4, 5]])).toBeCloseTo(1, 12);
    // psych::ICC(matrix(c(1,2,2,1,3,4,4,3), ncol = 2, byrow = TRUE), lmer = FALSE): ICC3k = 0.75.
    expect(iccConsistencyK([[1, 2], [2, 1], [3, 4], [4, 3]])).toBeCloseTo(0.75, 12);
    // psych::ICC(matrix(c(1,3,2, 2,2,4, 4,5,5, 3,3,2, 5,6,6), ncol = 3, byrow = TRUE), lmer = FALSE): ICC3k.
    expect(iccConsistencyK([[1, 3, 2], [2, 2, 4], [4, 5, 5], [3, 3, 2], [5, 6, 6]])).toBeCloseTo(0.922018348623853, 12);
  });
});

describe("bistability: cascades in BPD, rarely in controls (default scenario)", () => {
  const scenario = bundled("bpd-cascade");
  const bpd = groupOf(scenario, "bpd", 24, 14);
  const control = groupOf(scenario, "control", 24, 14);
  const share = (list: PersonResult[]) => mean(list.map((p) => p.summary.cascadeShare));

  it("time in the cascade state is clearly non-zero for BPD and near zero for controls", () => {
    expect(share(bpd)).toBeGreaterThan(0.15);
    expect(share(control)).toBeLessThan(0.08);
    expect(share(bpd)).toBeGreaterThan(4 * share(control));
  });
  it("BPD persons self-injure, with overdispersed counts; controls almost never do", () => {
    const acts = bpd.map((p) => p.summary.acts);
    const m = mean(acts);
    const variance = acts.reduce((s, a) => s + (a - m) ** 2, 0) / (acts.length - 1);
    expect(acts.filter((a) => a > 0).length / acts.length).toBeGreaterThan(0.4);
    expect(variance).toBeGreaterThan(2 * m);
    expect(mean(control.map((p) => p.summary.acts))).toBeLessThan(0.3);
  });
  it("the low differentiators among BPD persons have a cascade attractor", () => {
    const lowDelta = bpd.filter((p) => p.parameters.delta < 0.2);
    expect(lowDelta.length).toBeGreaterThan(0);
    expect(lowDelta.some((p) => p.fixedPoints.bistable)).toBe(true);
    expect(control.every((p) => !p.fixedPoints.bistable)).toBe(true);
  });
});

describe("NSSI relief in the truth", () => {
  const scenario = withOverrides(bundled("bpd-cascade"), {});
  const persons = Array.from({ length: 16 }, (_, i) => simulatePerson(scenario, { group: "bpd", indexInGroup: i, days: 14, trajectoryEveryMinutes: 1 }));
  const acts = persons.flatMap((p) => p.events.filter((e) => e.kind === "nssi").map((event) => ({ person: p, event })));

  it("NA and rumination drop at each act by rhoA and rhoR", () => {
    expect(acts.length).toBeGreaterThan(10);
    for (const { person, event } of acts) {
      expect(event.before.A - event.after.A).toBeCloseTo(person.parameters.rhoA, 10);
      expect(event.before.R - event.after.R).toBeCloseTo(person.parameters.rhoR, 10);
      expect(event.after.S - event.before.S).toBeCloseTo(person.parameters.shame, 10);
    }
  });
  it("NA in the 10 minutes after an act is lower than in the 10 minutes before it", () => {
    const before: number[] = [];
    const after: number[] = [];
    for (const { person, event } of acts) {
      const t = person.trajectory!;
      const at = Math.round(event.hours * 60);
      if (at < 10 || at + 10 >= t.hours.length) continue;
      before.push(mean(Array.from(t.A.subarray(at - 10, at))));
      after.push(mean(Array.from(t.A.subarray(at + 1, at + 11))));
    }
    expect(mean(after)).toBeLessThan(mean(before) - 1);
  });
  it("reinforcement grows with acts: W rises towards the relief", () => {
    for (const { event } of acts) expect(event.after.W).toBeGreaterThan(event.before.W - 1e-12);
  });
  it("a large shame rebound with little relief gives the hourly-ESM 'no relief' pattern", () => {
    const noRelief = withOverrides(
      parseScenario(
        "days: 14\ngroups:\n  - { name: a, size: 12, parameters: { b0: -8, rhoA: 0.3, rhoR: 0.3, shame: 3 } }\n",
        "no-relief.yaml",
      ),
      {},
    );
    const people = Array.from({ length: 12 }, (_, i) => simulatePerson(noRelief, { group: 0, indexInGroup: i, trajectoryEveryMinutes: 1 }));
    const differences: number[] = [];
    for (const person of people) {
      for (const event of person.events.filter((e) => e.kind === "nssi")) {
        const at = Math.round(event.hours * 60);
        const t = person.trajectory!;
        if (at + 60 < t.hours.length) differences.push(t.A[at + 60] - event.before.A);
      }
    }
    expect(differences.length).toBeGreaterThan(20);
    expect(mean(differences)).toBeGreaterThan(0);
  });
});

describe("emotion differentiation (differentiation scenario, same persons otherwise)", () => {
  const scenario = bundled("differentiation");
  const low = groupOf(scenario, "low-ed", 16);
  const high = groupOf(scenario, "high-ed", 16);

  /** Person-level ICC(C,k) across the four negative-emotion items, over answered prompts. */
  const icc = (person: PersonResult) => iccConsistencyK(person.prompts.filter((p) => p.answered).map((p) => p.items.slice(0, 4) as number[]));

  it("higher delta gives lower person-level ICC across the negative-emotion items", () => {
    const lowIcc = low.map(icc);
    const highIcc = high.map(icc);
    expect(mean(highIcc)).toBeLessThan(mean(lowIcc) - 0.1);
    // Paired: person i is the same person in both groups apart from delta.
    expect(highIcc.filter((value, i) => value < lowIcc[i]).length).toBeGreaterThanOrEqual(13);
  });
  it("higher delta gives fewer NSSI acts and less time in the cascade", () => {
    const acts = (list: PersonResult[]) => list.reduce((s, p) => s + p.summary.acts, 0);
    expect(acts(high)).toBeLessThan(0.7 * acts(low));
    expect(mean(high.map((p) => p.summary.cascadeShare))).toBeLessThan(mean(low.map((p) => p.summary.cascadeShare)));
  });
  it("the two groups share their random streams: same covariates and stressor times", () => {
    expect(high.map((p) => p.covariates)).toEqual(low.map((p) => p.covariates));
    const firstStressor = (p: PersonResult) => p.events.find((e) => e.kind !== "nssi" && e.kind !== "skill")?.hours;
    expect(high.map(firstStressor)).toEqual(low.map(firstStressor));
  });
});

describe("slow processes (the hook treatments will use)", () => {
  const scenario = parseScenario("days: 28\ngroups:\n  - { name: a, size: 10, parameters: { b0: -8.5, delta: 0.2 } }\n", "slow.yaml");
  it("parameters changed during the study take effect: skills from day 8 bring skill uses and fewer acts", () => {
    const untreated = Array.from({ length: 10 }, (_, i) => simulatePerson(scenario, { group: 0, indexInGroup: i }));
    const treated = Array.from({ length: 10 }, (_, i) =>
      simulatePerson(scenario, {
        group: 0,
        indexInGroup: i,
        slowProcess: {
          everyHours: 24,
          update: (drawn, current, hours) => (hours >= 7 * 24 && current.K === 0 ? { ...drawn, K: 1, cK: 3 } : undefined),
        },
      }),
    );
    const skillsBefore = treated.flatMap((p) => p.events.filter((e) => e.kind === "skill" && e.hours < 7 * 24));
    const skillsAfter = treated.flatMap((p) => p.events.filter((e) => e.kind === "skill" && e.hours >= 7 * 24));
    expect(skillsBefore).toHaveLength(0);
    expect(skillsAfter.length).toBeGreaterThan(20);
    for (const event of skillsAfter) expect(event.before.A - event.after.A).toBeCloseTo(1, 10);
    const acts = (list: PersonResult[], fromHours: number) => list.reduce((s, p) => s + p.events.filter((e) => e.kind === "nssi" && e.hours >= fromHours).length, 0);
    expect(acts(treated, 7 * 24)).toBeLessThan(acts(untreated, 7 * 24));
    // Before the treatment starts, both runs are identical.
    const firstWeek = (p: PersonResult) => p.events.filter((e) => e.hours < 7 * 24);
    expect(treated.map(firstWeek)).toEqual(untreated.map(firstWeek));
  });
});
