/**
 * Charts are checked for content, not only shape: what is drawn matches the data and the equations.
 * Mark counts are read from the rendered Vega scenegraph, so they are what a viewer sees.
 */
import { describe, expect, it } from "vitest";
import {
  designChart,
  differentiationChart,
  differentiationTertiles,
  earlyWarningChart,
  eventLockedChart,
  instabilityChart,
  phaseChart,
  timelineChart,
} from "../src/charts/index.js";
import {
  bistableParameters,
  designPoints,
  differentiationData,
  earlyWarningInput,
  ecmDrift,
  ecmParameters,
  eventLockedPoints,
  groupEffects,
  instabilityRows,
  renderedMarkCounts,
  simulateStudy,
  thinLatent,
  type EcmParameters,
} from "./helpers/charts-data.js";

type Datasets = Record<string, Array<Record<string, unknown>>>;
const datasetsOf = (spec: unknown): Datasets => (spec as { datasets: Datasets }).datasets;

const study = simulateStudy(6, 3);

describe("the timeline chart", () => {
  // The person with the most NSSI acts, so the check has acts to count.
  const person = [...study].sort(
    (a, b) => b.path.events.filter((e) => e.type === "nssi").length - a.path.events.filter((e) => e.type === "nssi").length,
  )[0];
  const acts = person.path.events.filter((e) => e.type === "nssi");
  const stressors = person.path.events.filter((e) => e.type === "stressor");

  it("uses a person with acts, answered and missed prompts (the check is not vacuous)", () => {
    expect(acts.length).toBeGreaterThan(0);
    expect(person.prompts.some((p) => p.answered)).toBe(true);
    expect(person.prompts.some((p) => !p.answered)).toBe(true);
  });

  it("draws every prompt, answered and missed, and every NSSI act and stressor of the person", async () => {
    const spec = timelineChart({ person: person.id, latent: thinLatent(person.path), prompts: person.prompts, events: person.path.events });
    const answered = person.prompts.filter((p) => p.answered).length;
    const missed = person.prompts.length - answered;
    const data = datasetsOf(spec);
    expect(data.prompts).toHaveLength(person.prompts.length);
    expect(data.nssi).toHaveLength(acts.length);
    expect(data.stressors).toHaveLength(stressors.length);

    const marks = await renderedMarkCounts(spec);
    // Top panel: one dot on each of the two latent lines per prompt.
    expect(marks.get("prompts_answered_marks")).toEqual([2 * answered]);
    expect(marks.get("prompts_missed_marks")).toEqual([2 * missed]);
    // Bottom panel: one marker per missed prompt.
    expect(marks.get("recorded_missed_marks")).toEqual([missed]);
    // NSSI acts and stressors appear as rules in both panels.
    expect(marks.get("nssi_marks")).toEqual([acts.length, acts.length]);
    expect(marks.get("stressors_marks")).toEqual([stressors.length, stressors.length]);
    // Two latent lines (NA and rumination), one vertex per latent sample each.
    expect(marks.get("latent_pathgroup")).toEqual([2]);
    expect(marks.get("latent_marks")).toEqual([data.latent.length, data.latent.length]);
  });

  it("counts only what falls inside a chosen window", async () => {
    const from = 30;
    const to = 60;
    const spec = timelineChart(
      { latent: thinLatent(person.path), prompts: person.prompts, events: person.path.events },
      { fromHours: from, toHours: to },
    );
    const inside = (hours: number): boolean => hours >= from && hours <= to;
    const data = datasetsOf(spec);
    expect(data.prompts).toHaveLength(person.prompts.filter((p) => inside(p.hours)).length);
    expect(data.nssi).toHaveLength(acts.filter((e) => inside(e.hours)).length);
    const marks = await renderedMarkCounts(spec);
    const answeredInside = person.prompts.filter((p) => p.answered && inside(p.hours)).length;
    expect(marks.get("prompts_answered_marks")).toEqual([2 * answeredInside]);
  });

  it("shades the nights between 23:00 and 07:00", () => {
    const spec = timelineChart({ latent: thinLatent(person.path), prompts: [], events: [] });
    const nights = datasetsOf(spec).nights.map((n) => [Number(n.t) / 3_600_000, Number(n.t2) / 3_600_000]);
    // Three days from midnight: 00-07, 23-31, 47-55, 71-72.
    expect(nights).toEqual([
      [0, 7],
      [23, 31],
      [47, 55],
      [71, 72],
    ]);
  });

  it("puts the subtitle's counts in words", () => {
    const spec = timelineChart({ person: person.id, latent: thinLatent(person.path), prompts: person.prompts, events: person.path.events });
    const subtitle = (spec as { title: { subtitle: string[] } }).title.subtitle.join(" ");
    expect(subtitle).toContain(`${person.prompts.length} prompts`);
    expect(subtitle).toContain(`${acts.length} NSSI act`);
  });
});

/**
 * The fixed points of MODEL.md's drift found independently of the chart code: on the rumination
 * nullcline R = muR + (wAR / thetaR) sig(k (A - h)), so the fixed points are the roots in A of
 * f(A) = dA/dt(A, R(A)), found by a sign scan and bisection.
 */
function fixedPointsByReduction(p: EcmParameters): Array<{ A: number; R: number }> {
  const sig = (x: number): number => 1 / (1 + Math.exp(-x));
  const rOf = (A: number): number => p.muR + (p.wAR / p.thetaR) * sig(p.k * (A - p.h));
  const f = (A: number): number => -p.thetaA * (A - p.muA) + p.wRA * (1 - p.eps * p.delta) * sig(p.k * (rOf(A) - p.h));
  const roots: Array<{ A: number; R: number }> = [];
  const steps = 20_000;
  for (let i = 0; i < steps; i++) {
    let low = -5 + (15 * i) / steps;
    let high = -5 + (15 * (i + 1)) / steps;
    if (Math.sign(f(low)) === Math.sign(f(high))) continue;
    for (let j = 0; j < 100; j++) {
      const mid = (low + high) / 2;
      if (Math.sign(f(mid)) === Math.sign(f(low))) low = mid;
      else high = mid;
    }
    roots.push({ A: (low + high) / 2, R: rOf((low + high) / 2) });
  }
  return roots;
}

describe("the phase chart", () => {
  const person = study[0];

  it("places the calm and cascade attractors and the tipping point where the equations put them", async () => {
    const expected = fixedPointsByReduction(bistableParameters);
    expect(expected).toHaveLength(3);
    const spec = phaseChart({ trajectory: thinLatent(person.path), drift: ecmDrift(bistableParameters) });
    const fixed = datasetsOf(spec).fixedPoints;
    expect(fixed.map((f) => f.label)).toEqual(["calm", "tipping point", "cascade"]);
    expect(fixed.map((f) => f.kind)).toEqual(["stable", "saddle", "stable"]);
    fixed.forEach((point, index) => {
      expect(point.A as number).toBeCloseTo(expected[index].A, 5);
      expect(point.R as number).toBeCloseTo(expected[index].R, 5);
    });
    expect((spec as { title: { text: string } }).title.text).toBe("Two resting states: calm and cascade");
    const marks = await renderedMarkCounts(spec);
    expect(marks.get("fixedPoints_marks")).toEqual([3]);
  });

  it("shows a single calm state when the coupling is too weak for a cascade", () => {
    const weak = { ...ecmParameters, wRA: 0.6, wAR: 0.6, delta: 0.55 };
    expect(fixedPointsByReduction(weak)).toHaveLength(1);
    const spec = phaseChart({ trajectory: thinLatent(person.path), drift: ecmDrift(weak) });
    expect(datasetsOf(spec).fixedPoints.map((f) => f.label)).toEqual(["calm"]);
    expect((spec as { title: { text: string } }).title.text).toBe("One resting state: calm");
  });

  it("draws the flow field's arrows pointing the way the drift pushes", () => {
    const drift = ecmDrift(bistableParameters);
    const spec = phaseChart({ trajectory: thinLatent(person.path), drift }, { arrowsPerSide: 9, width: 600, height: 600 });
    const flow = datasetsOf(spec).flow;
    expect(flow).toHaveLength(81);
    for (const arrow of flow) {
      const [dA, dR] = drift(arrow.A as number, arrow.R as number);
      const radians = ((arrow.angle as number) * Math.PI) / 180;
      // Angle is clockwise from "up": the horizontal component is sin, the vertical cos.
      if (Math.abs(dA) > 1e-3) expect(Math.sign(Math.sin(radians))).toBe(Math.sign(dA));
      if (Math.abs(dR) > 1e-3) expect(Math.sign(Math.cos(radians))).toBe(Math.sign(dR));
    }
  });

  it("draws nullclines that cross at the fixed points", () => {
    const spec = phaseChart({ trajectory: thinLatent(person.path), drift: ecmDrift(bistableParameters) });
    const data = datasetsOf(spec);
    for (const point of data.fixedPoints) {
      for (const curve of ["Negative affect stops changing", "Rumination stops changing"]) {
        const distance = Math.min(
          ...data.nullclines
            .filter((n) => n.curve === curve)
            .map((n) => Math.hypot((n.A as number) - (point.A as number), (n.R as number) - (point.R as number))),
        );
        expect(distance, `${curve} near ${String(point.label)}`).toBeLessThan(0.06);
      }
    }
  });

  it("keeps the trajectory's time order in its colour field", () => {
    const spec = phaseChart({ trajectory: thinLatent(person.path), drift: ecmDrift() });
    const days = datasetsOf(spec).trajectory.map((s) => s.days as number);
    expect(days.every((d, i) => i === 0 || d >= days[i - 1])).toBe(true);
    expect(days[days.length - 1]).toBeGreaterThan(2.9);
  });
});

describe("the instability chart", () => {
  const rows = instabilityRows(study);
  const effects = groupEffects(rows, "BPD", "Healthy");

  it("draws one dot per person and metric, and puts each metric's Hedges' g in its panel title", async () => {
    const spec = instabilityChart({ rows, effects });
    const marks = await renderedMarkCounts(spec);
    for (const metric of ["mssd", "pac", "mssd_rel"]) {
      expect(marks.get(`${metric}_persons_marks`)).toEqual([12]);
    }
    const panels = (spec as { hconcat: Array<{ title: { text: string; subtitle: string[] } }> }).hconcat;
    expect(panels.map((p) => p.title.text)).toEqual(["MSSD", "PAC", "Relative MSSD"]);
    const mssd = effects.find((e) => e.metric === "mssd");
    expect(panels[0].title.subtitle[0]).toBe(
      `g = ${mssd?.g.toFixed(2)} [${(mssd?.lower as number).toFixed(2).replace("-", "\u2212")}, ${(mssd?.upper as number).toFixed(2)}]`,
    );
  });

  it("leaves undefined values out and says how many", () => {
    const withGap = rows.map((row, index) => (index === 0 ? { ...row, value: Number.NaN } : row));
    const spec = instabilityChart({ rows: withGap });
    expect(datasetsOf(spec).persons).toHaveLength(rows.length - 1);
    const panels = (spec as { hconcat: Array<{ title: { subtitle: string[] } }> }).hconcat;
    expect(panels[0].title.subtitle).toContain("1 without a value");
  });
});

describe("the differentiation chart", () => {
  it("recovers each third's within-person slope and orders the thirds by ICC", () => {
    // Third 0 has the lowest ICC (high differentiation) and slope 0.5; third 2 the highest ICC and slope 4.
    const spec = differentiationChart(differentiationData([0.5, 2, 4]));
    const summary = datasetsOf(spec).summary;
    expect(summary.map((s) => s.tertile)).toEqual([...differentiationTertiles]);
    const slopes = summary.map((s) => s.slope as number);
    expect(slopes[0]).toBeCloseTo(4, 0);
    expect(slopes[1]).toBeCloseTo(2, 0);
    expect(slopes[2]).toBeCloseTo(0.5, 0);
    for (const [row, truth] of summary.map((s, i) => [s, [4, 2, 0.5][i]] as const)) {
      expect(row.persons).toBe(5);
      expect(row.lower as number).toBeLessThan(truth);
      expect(row.upper as number).toBeGreaterThan(truth);
    }
  });

  it("centres each person's prompts on the person's own means", () => {
    const spec = differentiationChart(differentiationData([1, 1, 1]));
    const points = datasetsOf(spec).points;
    const byPerson = new Map<string, number[]>();
    for (const p of points) byPerson.set(p.person as string, [...(byPerson.get(p.person as string) ?? []), p.rumination as number]);
    for (const values of byPerson.values()) expect(Math.abs(values.reduce((a, b) => a + b, 0) / values.length)).toBeLessThan(1e-3);
  });
});

describe("the event-locked chart", () => {
  it("draws one point per variable and offset, with the report at offset 0", async () => {
    const { points, events } = eventLockedPoints(study);
    expect(events).toBeGreaterThan(0);
    const spec = eventLockedChart({ points, events });
    const marks = await renderedMarkCounts(spec);
    for (const variable of ["na", "rumination", "urge"]) {
      const offsets = points.filter((p) => p.variable === variable).length;
      expect(offsets).toBe(7);
      // One line vertex and one band vertex per offset, one rule at the report.
      expect(marks.get(`${variable}_mean_marks`)).toEqual([offsets]);
      expect(marks.get(`${variable}_band_marks`)).toEqual([offsets]);
      expect(marks.get(`${variable}_report_marks`)).toEqual([1]);
    }
    expect((spec as { title: { subtitle: string[] } }).title.subtitle[0]).toContain(`${events} reports`);
  });
});

describe("the early-warning chart", () => {
  it("reports Kendall's tau of each indicator in its panel title and marks the transition", async () => {
    const input = earlyWarningInput(study[0].path);
    const spec = earlyWarningChart(input);
    const titles = (spec as { vconcat: Array<{ title: { text: string } }> }).vconcat.map((p) => p.title.text);
    expect(titles[1]).toContain(`Kendall's τ = ${(input.tau?.variance as number).toFixed(2).replace("-", "\u2212")}`);
    expect(titles[2]).toContain(`Kendall's τ = ${(input.tau?.autocorrelation as number).toFixed(2).replace("-", "\u2212")}`);
    const marks = await renderedMarkCounts(spec);
    expect(marks.get("transitions_marks")).toEqual([1, 1, 1]);
    expect(marks.get("variance_marks")).toEqual([input.indicators.length]);
  });
});

describe("the design chart", () => {
  it("draws one point per design and metric, dodged around its prompts-per-day value", () => {
    const points = designPoints(study, [3, 6], [0.6, 0.8, 1]);
    const spec = designChart({ points });
    const rows = datasetsOf(spec).points;
    expect(rows).toHaveLength(2 * 3 * 2);
    for (const row of rows) expect(Math.abs((row.position as number) - (row.promptsPerDay as number))).toBeLessThan(1.5);
    const positions = rows.filter((r) => r.metric === "mssd" && r.promptsPerDay === 3).map((r) => r.position);
    expect(new Set(positions).size).toBe(3);
  });
});
