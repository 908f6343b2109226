/**
 * Small simulated datasets for the chart tests, made without the engine (src/simulate), so the chart
 * layer is tested on its own: the drift of MODEL.md section 1, Euler-Maruyama paths of a few persons
 * with stressors and NSSI acts (section 2), stratified random prompts with missed ones, Likert
 * answers, and the simple summaries each chart takes (MSSD, PAC, event-locked means, rolling
 * indicators, design recovery). The summaries here are plain test fixtures, not the analysis
 * module's conventions. Everything is seeded, so every run gives the same data.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv } from "ajv";
import seedrandom from "seedrandom";
import * as vega from "vega";
import type { TopLevelSpec } from "vega-lite";
import { compileChart } from "../../src/charts/render.js";
import {
  designChart,
  differentiationChart,
  earlyWarningChart,
  eventLockedChart,
  instabilityChart,
  phaseChart,
  timelineChart,
  type ChartKind,
} from "../../src/charts/index.js";
import type {
  DesignPoint,
  DifferentiationObservation,
  DifferentiationPerson,
  Drift,
  EarlyWarningInput,
  EventLockedPoint,
  GroupEffect,
  LatentSample,
  PersonMetric,
  TimelineEvent,
  TimelinePrompt,
} from "../../src/charts/index.js";

/** The person-level parameters of MODEL.md section 1 that the drift needs (BPD starting values). */
export const ecmParameters = {
  thetaA: 0.35,
  thetaR: 0.3,
  muA: 0,
  muR: 0,
  wRA: 1.1,
  wAR: 1.1,
  k: 2,
  h: 2,
  delta: 0.3,
  eps: 0.8,
  sigmaA: 1.1,
  sigmaR: 0.77,
  thetaS: 1.0,
};
export type EcmParameters = typeof ecmParameters;

/** Parameters for which the deterministic system (no stress, no noise) has two attractors. */
export const bistableParameters: EcmParameters = { ...ecmParameters, wRA: 1.6, wAR: 1.4 };

const logistic = (x: number): number => 1 / (1 + Math.exp(-x));

/** The deterministic drift of MODEL.md section 1 with no stress input (S = 0). */
export function ecmDrift(p: EcmParameters = ecmParameters): Drift {
  const gain = p.wRA * (1 - p.eps * p.delta);
  return (A, R) => [-p.thetaA * (A - p.muA) + gain * logistic(p.k * (R - p.h)), -p.thetaR * (R - p.muR) + p.wAR * logistic(p.k * (A - p.h))];
}

type Random = () => number;

function normalSource(random: Random): () => number {
  return () => {
    const u = 1 - random();
    const v = random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
}

export interface LatentPath {
  /** One sample a minute. */
  minutes: LatentSample[];
  events: TimelineEvent[];
}

/**
 * One person's latent path over `days` days on a 1-minute grid from midnight, with stressors at 0.3
 * per waking hour (07:00 to 23:00) and NSSI acts with hazard exp(-6 + 0.7 A + 0.4 R) per waking hour
 * (higher than MODEL.md's calibrated rate, so that a few days hold several acts), relief and rebound.
 */
export function simulateLatent(seed: string, days = 3, p: EcmParameters = ecmParameters): LatentPath {
  const random = seedrandom(seed);
  const normal = normalSource(random);
  const drift = ecmDrift(p);
  const dt = 1 / 60;
  let A = 0;
  let R = 0;
  let S = 0;
  let lastAct = -Infinity;
  const minutes: LatentSample[] = [];
  const events: TimelineEvent[] = [];
  const steps = days * 24 * 60;
  for (let step = 0; step <= steps; step++) {
    const hours = step * dt;
    const hourOfDay = hours % 24;
    const awake = hourOfDay >= 7 && hourOfDay < 23;
    minutes.push({ hours, A, R });
    if (awake && random() < 0.3 * dt) {
      S += 2 * -Math.log(1 - random()) * 0.6;
      events.push({ type: "stressor", hours });
    }
    if (awake && hours - lastAct > 2 && random() < Math.exp(-6 + 0.7 * A + 0.4 * R) * dt) {
      A -= 2;
      R -= 1.5;
      S += 0.5;
      lastAct = hours;
      events.push({ type: "nssi", hours });
    }
    const [dA, dR] = drift(A, R);
    A += (dA + S) * dt + p.sigmaA * Math.sqrt(dt) * normal();
    R += dR * dt + p.sigmaR * Math.sqrt(dt) * normal();
    S -= p.thetaS * S * dt;
  }
  return { minutes, events };
}

/** A prompt as the tests use it: the timeline's fields plus the NSSI count since the previous prompt. */
export interface TestPrompt extends TimelinePrompt {
  day: number;
  nssiSince: number;
}

const likert = (value: number, noise: number): number => Math.min(7, Math.max(1, Math.round(2 + value + noise)));

/**
 * Stratified random prompts: `perDay` a day in equal blocks between 07:00 and 23:00, each answered
 * with probability `compliance`; answers are Likert 1..7 of the latent value plus error.
 */
export function samplePrompts(path: LatentPath, seed: string, perDay = 6, compliance = 0.75): TestPrompt[] {
  const random = seedrandom(seed);
  const normal = normalSource(random);
  const days = Math.floor((path.minutes[path.minutes.length - 1].hours + 1e-9) / 24);
  const acts = path.events.filter((e) => e.type === "nssi").map((e) => e.hours);
  const prompts: TestPrompt[] = [];
  let previous = 0;
  for (let day = 0; day < days; day++) {
    for (let block = 0; block < perDay; block++) {
      const hours = day * 24 + 7 + (block + random()) * (16 / perDay);
      const latent = path.minutes[Math.round(hours * 60)];
      const answered = random() < compliance;
      const nssiSince = acts.filter((t) => t > previous && t <= hours).length;
      previous = hours;
      prompts.push({
        hours,
        day: day + 1,
        answered,
        A: latent.A,
        R: latent.R,
        na: answered ? likert(latent.A, 0.5 * normal()) : null,
        rumination: answered ? likert(latent.R, 0.5 * normal()) : null,
        nssiSince,
      });
    }
  }
  return prompts;
}

/** One simulated person of a small study. */
export interface TestPerson {
  id: string;
  group: string;
  delta: number;
  path: LatentPath;
  prompts: TestPrompt[];
}

/** A small two-group study: `perGroup` persons with BPD-like and healthy-like parameters. */
export function simulateStudy(perGroup = 6, days = 3): TestPerson[] {
  const persons: TestPerson[] = [];
  const groups: Array<[string, Partial<EcmParameters>]> = [
    ["BPD", { sigmaA: 1.1, wRA: 1.1, wAR: 1.1, delta: 0.3 }],
    ["Healthy", { sigmaA: 0.84, wRA: 0.6, wAR: 0.6, delta: 0.55 }],
  ];
  for (const [group, overrides] of groups) {
    for (let i = 0; i < perGroup; i++) {
      const id = `${group[0]}${String(i + 1).padStart(2, "0")}`;
      const delta = Math.min(1, Math.max(0, (overrides.delta ?? 0.3) + (i - perGroup / 2) * 0.05));
      const path = simulateLatent(`latent-${id}`, days, { ...ecmParameters, ...overrides, delta });
      persons.push({ id, group, delta, path, prompts: samplePrompts(path, `prompts-${id}`) });
    }
  }
  return persons;
}

/** Successive answered pairs on the same day at adjacent beeps (the "adjacent" rule of SCIENCE.md). */
function adjacentDifferences(prompts: readonly TestPrompt[], value: (p: TestPrompt) => number | null | undefined): number[] {
  const differences: number[] = [];
  for (let i = 1; i < prompts.length; i++) {
    const a = value(prompts[i - 1]);
    const b = value(prompts[i]);
    if (prompts[i].day === prompts[i - 1].day && typeof a === "number" && typeof b === "number") differences.push(b - a);
  }
  return differences;
}

const average = (values: readonly number[]): number => (values.length === 0 ? Number.NaN : values.reduce((s, v) => s + v, 0) / values.length);

/** Per-person MSSD, PAC (|difference| >= 2) and MSSD relative to the largest possible (36) of observed NA. */
export function instabilityRows(persons: readonly TestPerson[]): PersonMetric[] {
  return persons.flatMap((person) => {
    const differences = adjacentDifferences(person.prompts, (p) => p.na);
    const mssd = average(differences.map((d) => d * d));
    const pac = average(differences.map((d) => (Math.abs(d) >= 2 ? 1 : 0)));
    return [
      { person: person.id, group: person.group, metric: "mssd", value: mssd },
      { person: person.id, group: person.group, metric: "pac", value: pac },
      { person: person.id, group: person.group, metric: "mssd_rel", value: mssd / 36 },
    ];
  });
}

/** Hedges' g of the first group against the second for each metric, with the usual normal-approximation CI. */
export function groupEffects(rows: readonly PersonMetric[], first: string, second: string): GroupEffect[] {
  const metrics = [...new Set(rows.map((r) => r.metric))];
  return metrics.map((metric) => {
    const values = (group: string): number[] =>
      rows.filter((r) => r.metric === metric && r.group === group && Number.isFinite(r.value)).map((r) => r.value as number);
    const a = values(first);
    const b = values(second);
    const variance = (xs: number[]): number => xs.reduce((s, x) => s + (x - average(xs)) ** 2, 0) / (xs.length - 1);
    const pooled = Math.sqrt(((a.length - 1) * variance(a) + (b.length - 1) * variance(b)) / (a.length + b.length - 2));
    const correction = 1 - 3 / (4 * (a.length + b.length) - 9);
    const g = ((average(a) - average(b)) / pooled) * correction;
    const se = Math.sqrt((a.length + b.length) / (a.length * b.length) + (g * g) / (2 * (a.length + b.length)));
    return { metric, g, lower: g - 1.96 * se, upper: g + 1.96 * se, comparison: `${first} vs ${second}` };
  });
}

/**
 * Differentiation data with a known answer: `perTertile` persons in each third of ICC, whose urge
 * depends on rumination with slope `slopes[third]` (third 0 = lowest ICC = high differentiation)
 * plus noise, 30 prompts each.
 */
export function differentiationData(
  slopes: readonly [number, number, number],
  perTertile = 5,
): { observations: DifferentiationObservation[]; persons: DifferentiationPerson[] } {
  const random = seedrandom("differentiation");
  const normal = normalSource(random);
  const observations: DifferentiationObservation[] = [];
  const persons: DifferentiationPerson[] = [];
  for (let third = 0; third < 3; third++) {
    for (let i = 0; i < perTertile; i++) {
      const person = `T${third}-${i}`;
      persons.push({ person, icc: 0.2 + third * 0.25 + i * 0.01 });
      const personMean = 3 + 2 * random();
      for (let prompt = 0; prompt < 30; prompt++) {
        const rumination = Math.round(personMean + 1.5 * normal());
        observations.push({ person, rumination, urge: 20 + 10 * third + slopes[third] * rumination + 2 * normal() });
      }
    }
  }
  return { observations, persons };
}

/** Mean NA, rumination and urge (= 10 x rumination) at offsets -3..3 around prompts reporting NSSI, with 95% normal CIs. */
export function eventLockedPoints(persons: readonly TestPerson[]): { points: EventLockedPoint[]; events: number } {
  const variables: Array<[string, (p: TestPrompt) => number | null | undefined]> = [
    ["na", (p) => p.na],
    ["rumination", (p) => p.rumination],
    ["urge", (p) => (typeof p.rumination === "number" ? 10 * p.rumination : null)],
  ];
  const byKey = new Map<string, number[]>();
  let events = 0;
  for (const person of persons) {
    person.prompts.forEach((prompt, index) => {
      if (prompt.nssiSince === 0 || !prompt.answered) return;
      events += 1;
      for (let offset = -3; offset <= 3; offset++) {
        const other = person.prompts[index + offset];
        if (other === undefined) continue;
        for (const [variable, value] of variables) {
          const v = value(other);
          if (typeof v !== "number") continue;
          const key = `${variable}|${offset}`;
          byKey.set(key, [...(byKey.get(key) ?? []), v]);
        }
      }
    });
  }
  const points: EventLockedPoint[] = [];
  for (const [key, values] of byKey) {
    const [variable, offset] = key.split("|");
    const m = average(values);
    const sd = values.length > 1 ? Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1)) : Number.NaN;
    const half = (1.96 * sd) / Math.sqrt(values.length);
    points.push({ variable, offset: Number(offset), mean: m, lower: m - half, upper: m + half, n: values.length });
  }
  return { points, events };
}

/** Kendall's tau-a of `values` against their order. */
function kendallTau(values: readonly number[]): number {
  let concordant = 0;
  let discordant = 0;
  for (let i = 0; i < values.length; i++) {
    for (let j = i + 1; j < values.length; j++) {
      if (values[j] > values[i]) concordant += 1;
      else if (values[j] < values[i]) discordant += 1;
    }
  }
  const pairs = (values.length * (values.length - 1)) / 2;
  return pairs === 0 ? Number.NaN : (concordant - discordant) / pairs;
}

/** Rolling variance and lag-1 autocorrelation of one person's hourly latent NA, windows of `window` hours. */
export function earlyWarningInput(path: LatentPath, window = 12): EarlyWarningInput {
  const hourly = path.minutes.filter((_, i) => i % 60 === 0);
  const series = hourly.map((s) => ({ time: s.hours / 24, value: s.A }));
  const indicators = [];
  for (let end = window; end < hourly.length; end++) {
    const values = hourly.slice(end - window, end + 1).map((s) => s.A);
    const m = average(values);
    const variance = values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1);
    let numerator = 0;
    for (let i = 1; i < values.length; i++) numerator += (values[i] - m) * (values[i - 1] - m);
    indicators.push({ time: hourly[end].hours / 24, variance, autocorrelation: numerator / (variance * (values.length - 1)) });
  }
  return {
    series,
    indicators,
    tau: { variance: kendallTau(indicators.map((w) => w.variance)), autocorrelation: kendallTau(indicators.map((w) => w.autocorrelation)) },
    transitions: [{ time: series[series.length - 1].time * 0.8, label: "onset" }],
    variable: "latent negative affect",
    timeTitle: "Time in the study (days)",
  };
}

function correlation(x: readonly number[], y: readonly number[]): number {
  const mx = average(x);
  const my = average(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** Correlation across persons of observed-NA MSSD and PAC with the latent-A values at the same prompts, per design. */
export function designPoints(persons: readonly TestPerson[], perDay: readonly number[], compliance: readonly number[]): DesignPoint[] {
  const points: DesignPoint[] = [];
  for (const n of perDay) {
    for (const c of compliance) {
      const estimates: Record<string, number[]> = { mssd: [], pac: [] };
      const latent: Record<string, number[]> = { mssd: [], pac: [] };
      for (const person of persons) {
        const prompts = samplePrompts(person.path, `design-${person.id}-${n}-${c}`, n, c);
        const observed = adjacentDifferences(prompts, (p) => p.na);
        const truth = adjacentDifferences(prompts, (p) => p.A);
        estimates.mssd.push(average(observed.map((d) => d * d)));
        latent.mssd.push(average(truth.map((d) => d * d)));
        estimates.pac.push(average(observed.map((d) => (Math.abs(d) >= 2 ? 1 : 0))));
        latent.pac.push(average(truth.map((d) => (Math.abs(d) >= 1.5 ? 1 : 0))));
      }
      for (const metric of ["mssd", "pac"]) {
        const keep = estimates[metric].map((v, i) => Number.isFinite(v) && Number.isFinite(latent[metric][i]));
        const r = correlation(
          estimates[metric].filter((_, i) => keep[i]),
          latent[metric].filter((_, i) => keep[i]),
        );
        const z = Math.atanh(r);
        const se = 1 / Math.sqrt(keep.filter(Boolean).length - 3);
        points.push({ promptsPerDay: n, compliance: c, metric, value: r, lower: Math.tanh(z - 1.96 * se), upper: Math.tanh(z + 1.96 * se) });
      }
    }
  }
  return points;
}

/** The latent path thinned to one sample every `minutes` minutes (what the timeline draws). */
export function thinLatent(path: LatentPath, minutes = 10): LatentSample[] {
  return path.minutes.filter((_, index) => index % minutes === 0);
}

/** Every chart kind built from one small simulated study (12 persons, 3 days), keyed by kind. */
export function buildAllCharts(): Record<ChartKind, TopLevelSpec> {
  const study = simulateStudy(6, 3);
  const person = study[0];
  const rows = instabilityRows(study);
  return {
    timeline: timelineChart({ person: person.id, latent: thinLatent(person.path), prompts: person.prompts, events: person.path.events }),
    phase: phaseChart({ person: person.id, trajectory: thinLatent(person.path, 5), drift: ecmDrift() }),
    instability: instabilityChart({ rows, effects: groupEffects(rows, "BPD", "Healthy") }),
    differentiation: differentiationChart(differentiationData([0.5, 2, 4])),
    "event-locked": eventLockedChart(eventLockedPoints(study)),
    "early-warning": earlyWarningChart(earlyWarningInput(person.path)),
    design: designChart({ points: designPoints(study, [3, 6, 10], [0.6, 1]) }),
  };
}

/**
 * A validator for the Vega-Lite JSON schema shipped in the vega-lite package (draft-07, checked with
 * ajv). Formats are not checked (the schema's "uri" and "color-hex" formats need ajv-formats, and the
 * specs use neither beyond `$schema`). Compiling the schema takes a few seconds: call once per file.
 */
export function vegaLiteValidator(): (spec: unknown) => string[] {
  const require = createRequire(import.meta.url);
  const schema = JSON.parse(readFileSync(require.resolve("vega-lite/vega-lite-schema.json"), "utf8")) as object;
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  const validate = ajv.compile(schema);
  return (spec) => {
    if (validate(spec)) return [];
    // The schema is a large anyOf: the deepest errors point at the real problem.
    return (validate.errors ?? [])
      .slice()
      .sort((a, b) => b.instancePath.length - a.instancePath.length)
      .slice(0, 5)
      .map((error) => `${error.instancePath || "/"} ${error.message ?? ""} ${JSON.stringify(error.params)}`);
  };
}

interface SceneNode {
  marktype?: string;
  name?: string;
  items?: SceneNode[];
}

/**
 * Renders `spec` headless and counts the drawn items of every named mark: mark name (a layer's
 * `name` with "-" as "_", plus "_marks") -> item count of each occurrence, in drawing order.
 * Line and area marks count one item per vertex; their "_pathgroup" groups count one item per series.
 */
export async function renderedMarkCounts(spec: TopLevelSpec): Promise<Map<string, number[]>> {
  const view = new vega.View(vega.parse(compileChart(spec)), { renderer: "none" });
  await view.runAsync();
  const counts = new Map<string, number[]>();
  const visit = (node: SceneNode): void => {
    if (node.marktype !== undefined && node.name !== undefined) {
      counts.set(node.name, [...(counts.get(node.name) ?? []), node.items?.length ?? 0]);
    }
    for (const child of node.items ?? []) visit(child);
  };
  visit((view.scenegraph() as unknown as { root: SceneNode }).root);
  view.finalize();
  return counts;
}
