/**
 * The differentiation chart: does rumination go with stronger urges mainly in people who tell their
 * negative emotions apart poorly? (Zaki, Coifman, Rafaeli, Berenson & Downey 2013, Behavior Therapy
 * 44:529, doi:10.1016/j.beth.2013.04.008: in 38 persons with BPD over 21 days, rumination predicted
 * NSSI urges and acts only in low emotion differentiators.)
 *
 * Persons are split into thirds by their emotion-differentiation ICC (across negative-emotion items,
 * as the analysis module computes it; a high ICC means the items move together: LOW differentiation).
 * Within each person, rumination and urge are centred on the person's means, and the person's own
 * least-squares slope of urge on rumination is computed (the within-person association, free of
 * differences between persons' average levels). Left: the centred prompts of every person with each
 * third's mean within-person slope as a line. Right: each third's mean slope with its t-based 95%
 * confidence interval across persons.
 *
 * Browser-safe: no `node:` imports.
 */
import type { TopLevelSpec } from "vega-lite";
import { finishSpec, formatNumber, roundTo, type VlObject } from "./spec.js";
import { leastSquaresSlope, meanWithInterval, tertileGroups } from "./summary.js";
import { okabeIto, panelSize } from "./theme.js";

/** One answered prompt: rumination and urge as recorded (either may be missing). */
export interface DifferentiationObservation {
  person: string;
  rumination: number | null;
  urge: number | null;
}

/** A person's emotion-differentiation index: the ICC across negative-emotion items (high = low differentiation). */
export interface DifferentiationPerson {
  person: string;
  icc: number | null;
}

export interface DifferentiationInput {
  observations: readonly DifferentiationObservation[];
  persons: readonly DifferentiationPerson[];
}

export interface DifferentiationOptions {
  /** Axis title for the (person-centred) rumination item, with its unit. */
  ruminationLabel?: string;
  /** Axis title for the (person-centred) urge item, with its unit. */
  urgeLabel?: string;
  /** Name of the ICC, for the subtitle (default "ICC(C,k)"). */
  iccName?: string;
  /** Confidence level of the intervals (default 0.95). */
  level?: number;
}

/** The three thirds, from the highest ICC (lowest differentiation) to the lowest, as the chart orders them. */
export const differentiationTertiles = [
  "Low differentiation (highest ICC third)",
  "Middle third",
  "High differentiation (lowest ICC third)",
] as const;

const tertileColours = [okabeIto.vermillion, okabeIto.orange, okabeIto.blue];

/** One person's within-person summary. */
export interface PersonSlope {
  person: string;
  icc: number;
  tertile: (typeof differentiationTertiles)[number];
  /** Least-squares slope of person-centred urge on person-centred rumination (NaN: fewer than 3 prompts or no variation). */
  slope: number;
  prompts: number;
}

/** The within-person slopes of every person with a finite ICC, with their thirds. */
export function differentiationSlopes(input: DifferentiationInput): PersonSlope[] {
  const byPerson = new Map<string, DifferentiationObservation[]>();
  for (const observation of input.observations) {
    if (!Number.isFinite(observation.rumination) || !Number.isFinite(observation.urge)) continue;
    const list = byPerson.get(observation.person) ?? [];
    list.push(observation);
    byPerson.set(observation.person, list);
  }
  const [lowIcc, middleIcc, highIcc] = tertileGroups(input.persons, (p) => (p.icc === null ? Number.NaN : p.icc));
  const result: PersonSlope[] = [];
  const thirds: Array<[DifferentiationPerson[], PersonSlope["tertile"]]> = [
    [highIcc, differentiationTertiles[0]],
    [middleIcc, differentiationTertiles[1]],
    [lowIcc, differentiationTertiles[2]],
  ];
  for (const [persons, tertile] of thirds) {
    for (const person of persons) {
      const observations = byPerson.get(person.person) ?? [];
      result.push({
        person: person.person,
        icc: person.icc as number,
        tertile,
        slope: leastSquaresSlope(
          observations.map((o) => o.rumination as number),
          observations.map((o) => o.urge as number),
        ),
        prompts: observations.length,
      });
    }
  }
  return result;
}

/**
 * The differentiation chart (see the module comment). Datasets: `points` (person-centred prompts),
 * `lines` (two end points per third), `summary` (one row per third: mean slope, interval, persons).
 */
export function differentiationChart(input: DifferentiationInput, options: DifferentiationOptions = {}): TopLevelSpec {
  const slopes = differentiationSlopes(input);
  const tertileOf = new Map(slopes.map((s) => [s.person, s.tertile]));
  const byPerson = new Map<string, Array<{ rumination: number; urge: number }>>();
  for (const o of input.observations) {
    if (!tertileOf.has(o.person) || !Number.isFinite(o.rumination) || !Number.isFinite(o.urge)) continue;
    const list = byPerson.get(o.person) ?? [];
    list.push({ rumination: o.rumination as number, urge: o.urge as number });
    byPerson.set(o.person, list);
  }
  const points: VlObject[] = [];
  for (const [person, list] of byPerson) {
    const meanRumination = list.reduce((sum, o) => sum + o.rumination, 0) / list.length;
    const meanUrge = list.reduce((sum, o) => sum + o.urge, 0) / list.length;
    for (const o of list) {
      points.push({
        person,
        tertile: tertileOf.get(person),
        rumination: roundTo(o.rumination - meanRumination, 4),
        urge: roundTo(o.urge - meanUrge, 4),
      });
    }
  }
  const level = options.level ?? 0.95;
  const summary = differentiationTertiles.map((tertile) => {
    const members = slopes.filter((s) => s.tertile === tertile);
    const interval = meanWithInterval(
      members.map((s) => s.slope),
      level,
    );
    return {
      tertile,
      slope: roundTo(interval.mean, 4),
      lower: roundTo(interval.lower, 4),
      upper: roundTo(interval.upper, 4),
      persons: interval.n,
      iccFrom: roundTo(Math.min(...members.map((m) => m.icc)), 3),
      iccTo: roundTo(Math.max(...members.map((m) => m.icc)), 3),
    };
  });
  const xs = points.map((p) => p.rumination as number).filter(Number.isFinite);
  const spread = xs.length === 0 ? 1 : Math.max(...xs.map(Math.abs));
  const lines = summary
    .filter((s) => s.slope !== null)
    .flatMap((s) => [-spread, spread].map((x) => ({ tertile: s.tertile, rumination: roundTo(x, 4), urge: roundTo(x * (s.slope as number), 4) })));

  const colour: VlObject = {
    field: "tertile",
    type: "nominal",
    title: "Emotion differentiation",
    scale: { domain: [...differentiationTertiles], range: tertileColours },
    legend: { columns: 1 },
  };
  const ruminationTitle = options.ruminationLabel ?? "Rumination, relative to the person's own mean";
  const urgeTitle = options.urgeLabel ?? "Urge, relative to the person's own mean";
  const scatter: VlObject = {
    width: 460,
    height: 360,
    title: { text: "Prompts and each third's mean slope", fontSize: 20, anchor: "start" },
    layer: [
      {
        name: "points",
        data: { name: "points" },
        mark: { type: "point", filled: true, size: 30, opacity: 0.3 },
        encoding: {
          x: { field: "rumination", type: "quantitative", title: ruminationTitle },
          y: { field: "urge", type: "quantitative", title: urgeTitle },
          color: colour,
        },
      },
      {
        name: "lines",
        data: { name: "lines" },
        mark: { type: "line", strokeWidth: 5 },
        encoding: {
          x: { field: "rumination", type: "quantitative" },
          y: { field: "urge", type: "quantitative" },
          color: colour,
        },
      },
    ],
  };
  const yTertile: VlObject = { field: "tertile", type: "nominal", title: null, sort: [...differentiationTertiles], axis: { labelLimit: 340 } };
  const slopePanel: VlObject = {
    width: panelSize.narrowWidth,
    height: 200,
    title: { text: `Mean within-person slope, ${Math.round(level * 100)}% CI`, fontSize: 20, anchor: "start" },
    data: { name: "summary" },
    layer: [
      {
        name: "zero",
        data: { values: [{ zero: 0 }] },
        mark: { type: "rule", strokeDash: [4, 4], color: "#555555" },
        encoding: { x: { field: "zero", type: "quantitative" } },
      },
      {
        name: "intervals",
        transform: [{ filter: "isValid(datum.lower) && isValid(datum.upper)" }],
        mark: { type: "rule", strokeWidth: 4 },
        encoding: {
          y: yTertile,
          x: { field: "lower", type: "quantitative", title: "Urge change per unit of rumination" },
          x2: { field: "upper" },
          color: colour,
        },
      },
      {
        name: "means",
        transform: [{ filter: "isValid(datum.slope)" }],
        mark: { type: "point", filled: true, size: 260, opacity: 1, stroke: "black", strokeWidth: 1 },
        encoding: {
          y: yTertile,
          x: { field: "slope", type: "quantitative" },
          color: colour,
          tooltip: [
            { field: "tertile", type: "nominal" },
            { field: "slope", type: "quantitative", format: ".3f", title: "mean slope" },
            { field: "persons", type: "quantitative", title: "persons" },
          ],
        },
      },
    ],
  };
  const describe = (s: (typeof summary)[number]): string =>
    `${s.tertile.split(" (")[0].toLowerCase()}: ${formatNumber(s.slope)} (${s.persons} persons)`;
  return finishSpec({
    title: {
      text: "Does rumination go with stronger urges when emotions are less differentiated?",
      subtitle: [
        `Persons split into thirds by ${options.iccName ?? "ICC(C,k)"} across negative-emotion items (high ICC = emotions move together = low differentiation).`,
        `Mean slope of urge on rumination within persons: ${summary.map(describe).join("; ")}.`,
      ],
    },
    datasets: { points, lines, summary },
    hconcat: [scatter, slopePanel],
    resolve: { scale: { color: "shared" } },
  });
}
