/**
 * The timeline chart: what an ESM study sees of one person, against what really happened.
 *
 * Top panel ("what happened"): the person's latent negative affect and rumination as continuous lines
 * (the simulation's truth), with the moments the study prompted drawn on them: filled dots where the
 * person answered, open grey circles where the prompt was missed. Bottom panel ("what the study
 * recorded"): the answers themselves on the response scale, with missed prompts marked along the
 * bottom. Both panels show stressors, skill use and NSSI acts as vertical rules and shade the nights,
 * so a student sees how sparse, noisy and gappy the record is compared with the process behind it.
 *
 * Browser-safe: no `node:` imports.
 */
import type { TopLevelSpec } from "vega-lite";
import { finishSpec, hoursToTimestamp, isFiniteNumber, roundTo, studyTimeAxis, type VlObject } from "./spec.js";
import { fontSize, lineWidth, panelSize, quantityColour, quantityName } from "./theme.js";

/** One sample of the latent trajectory. Time in hours since midnight at the start of study day 1. */
export interface LatentSample {
  hours: number;
  /** Latent negative affect (standardised units; 0 = the person's calm home base). */
  A: number;
  /** Latent rumination (standardised units). */
  R: number;
}

/** One scheduled prompt, answered or not. */
export interface TimelinePrompt {
  /** Scheduled time in hours since midnight at the start of study day 1. */
  hours: number;
  answered: boolean;
  /** Latent negative affect at the prompt (truth); interpolated from `latent` when absent. */
  A?: number | null;
  /** Latent rumination at the prompt (truth); interpolated from `latent` when absent. */
  R?: number | null;
  /** Recorded negative affect: the mean of the negative-emotion items, on the response scale. */
  na?: number | null;
  /** Recorded rumination item, on the response scale. */
  rumination?: number | null;
}

/**
 * Kinds of events the timeline draws: everyday stressors, interpersonal rejections, trauma
 * reminders (PTSD), NSSI acts and skill uses (MODEL.md section 2).
 */
export type TimelineEventKind = "stressor" | "rejection" | "reminder" | "nssi" | "skill";

/** One event of the truth: a stressor, an NSSI act or a use of a skill. */
export interface TimelineEvent {
  hours: number;
  type: TimelineEventKind;
}

/** The hours of the day a person is awake: prompts, stressors and acts happen only then. */
export interface WakingHours {
  /** Hour of the day the person gets up (default 7). */
  start: number;
  /** Hour of the day the person goes to sleep (default 23). */
  end: number;
}

/** Everything the timeline needs about one person. */
export interface TimelineInput {
  /** The person's identifier, shown in the subtitle. */
  person?: string;
  /** The latent trajectory, in time order (a sample every few minutes is plenty). */
  latent: readonly LatentSample[];
  /** Every scheduled prompt, answered or missed. */
  prompts: readonly TimelinePrompt[];
  /** Stressors, NSSI acts and skill uses. */
  events: readonly TimelineEvent[];
  /** Default 07:00 to 23:00. */
  wakingHours?: WakingHours;
  /** The response scale of the recorded items, for the bottom panel's axis (default 1 to 7). */
  responseScale?: { min: number; max: number; label?: string };
}

export interface TimelineOptions {
  /** Start of the window shown, in study hours (default: the first sample). */
  fromHours?: number;
  /** End of the window shown, in study hours (default: the last sample). */
  toHours?: number;
  /** Panel width in pixels (default 760). */
  width?: number;
  /** Draw the bottom panel with the recorded answers (default: when any prompt has a recorded value). */
  showRecorded?: boolean;
  /** At most this many latent samples are drawn per line; longer series are thinned evenly (default 3000). */
  maxLatentPoints?: number;
}

const eventStyle: Record<TimelineEventKind, { label: string; colour: string; dash: number[]; width: number; dataset: string }> = {
  stressor: { label: quantityName.stressor, colour: quantityColour.stressor, dash: [6, 4], width: 2, dataset: "stressors" },
  rejection: { label: quantityName.rejection, colour: quantityColour.rejection, dash: [6, 4], width: 2, dataset: "rejections" },
  reminder: { label: quantityName.reminder, colour: quantityColour.reminder, dash: [6, 4], width: 2, dataset: "reminders" },
  skill: { label: quantityName.skill, colour: quantityColour.skill, dash: [2, 3], width: 2.5, dataset: "skills" },
  nssi: { label: quantityName.nssi, colour: quantityColour.nssi, dash: [], width: 3.5, dataset: "nssi" },
};

/** Events in drawing order: NSSI acts last, on top. */
const eventOrder: readonly TimelineEventKind[] = ["stressor", "rejection", "reminder", "skill", "nssi"];

/** Linear interpolation of the latent state at `hours` (sorted samples; clamps at the ends). */
export function interpolateLatent(latent: readonly LatentSample[], hours: number): { A: number; R: number } {
  if (latent.length === 0) return { A: Number.NaN, R: Number.NaN };
  if (hours <= latent[0].hours) return { A: latent[0].A, R: latent[0].R };
  const last = latent[latent.length - 1];
  if (hours >= last.hours) return { A: last.A, R: last.R };
  let low = 0;
  let high = latent.length - 1;
  while (high - low > 1) {
    const mid = (low + high) >> 1;
    if (latent[mid].hours <= hours) low = mid;
    else high = mid;
  }
  const a = latent[low];
  const b = latent[high];
  const share = b.hours === a.hours ? 0 : (hours - a.hours) / (b.hours - a.hours);
  return { A: a.A + share * (b.A - a.A), R: a.R + share * (b.R - a.R) };
}

/** The night intervals (asleep) overlapping [from, to], in study hours. */
export function nightIntervals(fromHours: number, toHours: number, waking: WakingHours): Array<[number, number]> {
  const nights: Array<[number, number]> = [];
  const firstDay = Math.floor(fromHours / 24) - 1;
  const lastDay = Math.floor(toHours / 24) + 1;
  for (let day = firstDay; day <= lastDay; day++) {
    // Asleep from `end` on this day until `start` on the next (or within the day if end < start).
    const sleep = day * 24 + waking.end;
    const wake = (waking.end > waking.start ? (day + 1) * 24 : day * 24) + waking.start;
    const start = Math.max(sleep, fromHours);
    const end = Math.min(wake, toHours);
    if (end > start) nights.push([start, end]);
  }
  return nights;
}

function thin<T>(rows: readonly T[], maxRows: number): T[] {
  if (rows.length <= maxRows) return [...rows];
  const stride = Math.ceil(rows.length / maxRows);
  const kept: T[] = [];
  for (let i = 0; i < rows.length; i += stride) kept.push(rows[i]);
  if (kept[kept.length - 1] !== rows[rows.length - 1]) kept.push(rows[rows.length - 1]);
  return kept;
}

/**
 * The timeline chart of one person (see the module comment).
 *
 * The spec keeps its data in named datasets, one row per item: `latent` (samples), `prompts` (every
 * scheduled prompt in the window, with `answered`), `nssi`, `stressors`, `rejections`, `reminders`,
 * `skills` (one row per event) and `nights`. Throws a RangeError when the window is empty or the latent series is.
 */
export function timelineChart(input: TimelineInput, options: TimelineOptions = {}): TopLevelSpec {
  const latentSorted = [...input.latent].sort((a, b) => a.hours - b.hours);
  if (latentSorted.length === 0) throw new RangeError("timelineChart: the latent trajectory is empty");
  const from = options.fromHours ?? latentSorted[0].hours;
  const to = options.toHours ?? latentSorted[latentSorted.length - 1].hours;
  if (!(to > from)) throw new RangeError(`timelineChart: the window [${from}, ${to}] hours is empty`);
  const inWindow = (hours: number): boolean => hours >= from && hours <= to;
  const waking = input.wakingHours ?? { start: 7, end: 23 };
  const scale = input.responseScale ?? { min: 1, max: 7 };
  const width = options.width ?? panelSize.width;

  const latent = thin(
    latentSorted.filter((s) => inWindow(s.hours)),
    options.maxLatentPoints ?? 3000,
  ).map((s) => ({ t: hoursToTimestamp(s.hours), A: roundTo(s.A, 3), R: roundTo(s.R, 3) }));

  const prompts = input.prompts
    .filter((p) => inWindow(p.hours))
    .sort((a, b) => a.hours - b.hours)
    .map((p) => {
      const truth = isFiniteNumber(p.A) && isFiniteNumber(p.R) ? { A: p.A, R: p.R } : interpolateLatent(latentSorted, p.hours);
      return {
        t: hoursToTimestamp(p.hours),
        day: Math.floor(p.hours / 24) + 1,
        answered: p.answered,
        A: roundTo(truth.A, 3),
        R: roundTo(truth.R, 3),
        na: p.answered ? roundTo(p.na, 3) : null,
        rumination: p.answered ? roundTo(p.rumination, 3) : null,
      };
    });

  const eventsByKind = new Map<TimelineEventKind, Array<{ t: number }>>();
  for (const kind of Object.keys(eventStyle) as TimelineEventKind[]) eventsByKind.set(kind, []);
  for (const event of input.events) {
    const rows = eventsByKind.get(event.type);
    if (rows === undefined) throw new RangeError(`timelineChart: unknown event type "${String(event.type)}"`);
    if (inWindow(event.hours)) rows.push({ t: hoursToTimestamp(event.hours) });
  }
  const nights = nightIntervals(from, to, waking).map(([start, end]) => ({ t: hoursToTimestamp(start), t2: hoursToTimestamp(end) }));

  const showRecorded = options.showRecorded ?? prompts.some((p) => p.na !== null || p.rumination !== null);
  const anyMissed = prompts.some((p) => !p.answered);

  // One colour scale and legend for the whole chart: only the entries that appear.
  const legend: Array<[string, string]> = [
    [quantityName.negativeAffect, quantityColour.negativeAffect],
    [quantityName.rumination, quantityColour.rumination],
  ];
  for (const kind of eventOrder) {
    if ((eventsByKind.get(kind) ?? []).length > 0) legend.push([eventStyle[kind].label, eventStyle[kind].colour]);
  }
  if (anyMissed) legend.push([quantityName.missed, quantityColour.missed]);
  if (nights.length > 0) legend.push([quantityName.night, quantityColour.night]);
  const colourScale = { domain: legend.map(([name]) => name), range: legend.map(([, colour]) => colour) };
  // Constant-colour layers join the legend through `datum`; the scale itself is set on the line layers.
  const colourFor = (name: string): VlObject => ({ datum: name, type: "nominal" });
  const x = studyTimeAxis("t", from, to);

  const nightLayer: VlObject = {
    name: "nights",
    data: { name: "nights" },
    mark: { type: "rect", opacity: 0.35 },
    encoding: { x, x2: { field: "t2" }, color: colourFor(quantityName.night) },
  };
  const eventLayers: VlObject[] = eventOrder
    .filter((kind) => (eventsByKind.get(kind) ?? []).length > 0)
    .map((kind) => ({
      name: eventStyle[kind].dataset,
      data: { name: eventStyle[kind].dataset },
      mark: { type: "rule", strokeWidth: eventStyle[kind].width, strokeDash: eventStyle[kind].dash },
      encoding: { x, color: colourFor(eventStyle[kind].label) },
    }));
  const background = (nights.length > 0 ? [nightLayer] : []).concat(eventLayers);

  const foldLatent: VlObject[] = [
    { fold: ["A", "R"], as: ["quantity", "value"] },
    { calculate: `datum.quantity === 'A' ? '${quantityName.negativeAffect}' : '${quantityName.rumination}'`, as: "series" },
  ];
  const seriesColour: VlObject = { field: "series", type: "nominal", scale: colourScale, title: null };
  const truthPanel: VlObject = {
    width,
    height: panelSize.height,
    title: { text: "What happened: the latent states (the simulation's truth)", fontSize: fontSize.axisTitle, anchor: "start" },
    layer: [
      ...background,
      {
        name: "latent",
        data: { name: "latent" },
        transform: foldLatent,
        mark: { type: "line", strokeWidth: lineWidth, interpolate: "linear" },
        encoding: {
          x,
          y: {
            field: "value",
            type: "quantitative",
            title: ["Level in standard", "units (0 = calm)"],
          },
          color: seriesColour,
        },
      },
      {
        name: "prompts-answered",
        data: { name: "prompts" },
        transform: [{ filter: "datum.answered" }, ...foldLatent],
        mark: { type: "point", filled: true, size: 110, stroke: "white", strokeWidth: 1.5, opacity: 1 },
        encoding: { x, y: { field: "value", type: "quantitative" }, color: seriesColour },
      },
      ...(anyMissed
        ? [
            {
              name: "prompts-missed",
              data: { name: "prompts" },
              transform: [{ filter: "!datum.answered" }, ...foldLatent],
              mark: { type: "point", filled: false, size: 110, strokeWidth: 2.5, opacity: 1 },
              encoding: {
                x,
                y: { field: "value", type: "quantitative" },
                color: colourFor(quantityName.missed),
              },
            },
          ]
        : []),
    ],
  };

  const recordedPanel: VlObject = {
    width,
    height: Math.round(panelSize.height * 0.75),
    title: {
      text: `What the study recorded: the answers (${scale.label ?? `response scale ${scale.min} to ${scale.max}`})`,
      fontSize: fontSize.axisTitle,
      anchor: "start",
    },
    layer: [
      ...background,
      {
        name: "recorded-lines",
        data: { name: "prompts" },
        transform: [
          { filter: "datum.answered" },
          { fold: ["na", "rumination"], as: ["quantity", "value"] },
          { filter: "isValid(datum.value)" },
          { calculate: `datum.quantity === 'na' ? '${quantityName.negativeAffect}' : '${quantityName.rumination}'`, as: "series" },
        ],
        mark: { type: "line", strokeWidth: 1.5, strokeDash: [4, 3], point: { filled: true, size: 110 } },
        encoding: {
          x,
          y: { field: "value", type: "quantitative", title: ["Answer", `(${scale.min} to ${scale.max})`], scale: { domain: [scale.min, scale.max] } },
          color: seriesColour,
          detail: { field: "day", type: "ordinal" },
        },
      },
      ...(anyMissed
        ? [
            {
              name: "recorded-missed",
              data: { name: "prompts" },
              transform: [{ filter: "!datum.answered" }, { calculate: String(scale.min), as: "floor" }],
              mark: { type: "point", shape: "triangle-up", filled: true, size: 120, opacity: 1 },
              encoding: {
                x,
                y: { field: "floor", type: "quantitative" },
                color: colourFor(quantityName.missed),
              },
            },
          ]
        : []),
    ],
  };

  const answered = prompts.filter((p) => p.answered).length;
  const nssiCount = (eventsByKind.get("nssi") ?? []).length;
  const subtitle = [
    `${input.person === undefined ? "One person" : `Person ${input.person}`}: ${prompts.length} prompts, ${answered} answered, ${prompts.length - answered} missed; ${nssiCount} NSSI act${nssiCount === 1 ? "" : "s"}.`,
    "Lines: what really happened. Dots: the moments the study asked. Shading: nights.",
  ];

  return finishSpec({
    title: { text: "What an ESM study sees, and what really happened", subtitle },
    datasets: {
      latent,
      prompts,
      ...Object.fromEntries(eventOrder.map((kind) => [eventStyle[kind].dataset, eventsByKind.get(kind) ?? []])),
      nights,
    },
    vconcat: showRecorded ? [truthPanel, recordedPanel] : [truthPanel],
    resolve: { scale: { color: "shared" } },
  });
}
