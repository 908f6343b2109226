/**
 * The explorer's controls: what each slider is called in plain words, which model parameter or
 * design setting it moves (shown in small print), its slider range and its default.
 *
 * Slider ranges are a teaching choice (wide enough to show every regime, narrow enough to move
 * smoothly); the model's valid ranges are not repeated here: they come from the scenario schema
 * (`validateScenario`, which is built from the parameter table in src/model/parameters.ts), so a
 * value typed into a number box or written into a link is judged by exactly the rules `cascade
 * simulate` applies. Defaults are the typical person of the bundled `bpd-cascade` scenario's BPD group
 * (every parameter at its distribution's median; see scenario.ts), studied for 28 days.
 *
 * Browser-safe: no `node:` imports.
 */

/** Where a control acts: the simulated person, the treatment, the ESM study, or the view. */
export type ControlSection = "person" | "nssi" | "treatment" | "study" | "view";

export interface ControlSpec {
  /** Key in the page's URL and in `ControlValues`. */
  id: ControlId;
  /** What the control is called on the page, in plain words. */
  label: string;
  /** The model parameter or design setting it sets, shown in small print (e.g. "delta"). */
  parameter: string;
  /** One sentence for the student: what moving it does. */
  help: string;
  section: ControlSection;
  /** Slider range and step. */
  min: number;
  max: number;
  step: number;
  /** Unit shown after the value, if any. */
  unit?: string;
  /** Whole numbers only (days, prompts, seed). */
  integer?: boolean;
}

/** Every control's key, in page order. */
export const CONTROL_IDS = [
  "coupling",
  "delta",
  "urgency",
  "stressRate",
  "reactivity",
  "relief",
  "rebound",
  "skills",
  "perDay",
  "compliance",
  "distressSkip",
  "days",
  "seed",
  "fromDay",
  "showDays",
] as const;
export type ControlId = (typeof CONTROL_IDS)[number];

/** A value for every control. */
export type ControlValues = Record<ControlId, number>;

/** The controls, in page order. */
export const CONTROLS: readonly ControlSpec[] = [
  {
    id: "coupling",
    label: "Rumination–affect coupling",
    parameter: "wRA = wAR",
    help: "How strongly rumination and negative affect push each other up once either is high: the engine of the cascade.",
    section: "person",
    min: 0,
    max: 2.5,
    step: 0.05,
    unit: "per hour",
  },
  {
    id: "delta",
    label: "Emotion differentiation",
    parameter: "delta",
    help: "How well the person tells sadness, anxiety, anger and shame apart (0 to 1). It damps the loop from rumination to affect and makes the emotion items move less in lockstep.",
    section: "person",
    min: 0,
    max: 1,
    step: 0.01,
  },
  {
    id: "urgency",
    label: "Negative urgency",
    parameter: "nu",
    help: "Acting rashly when distressed: extra push towards NSSI (and towards the urge) once negative affect is above its threshold.",
    section: "person",
    min: 0,
    max: 3,
    step: 0.05,
  },
  {
    id: "stressRate",
    label: "Stressors per waking hour",
    parameter: "stressRate",
    help: "How often everyday stressors arrive while the person is awake.",
    section: "person",
    min: 0,
    max: 1,
    step: 0.01,
    unit: "per hour",
  },
  {
    id: "reactivity",
    label: "Stress reactivity",
    parameter: "reactivity",
    help: "How hard each stressor hits (higher after childhood trauma).",
    section: "person",
    min: 0,
    max: 4,
    step: 0.05,
  },
  {
    id: "relief",
    label: "Relief after NSSI",
    parameter: "rhoA",
    help: "How far negative affect drops at an act. The drop is what teaches the person that NSSI 'works'.",
    section: "nssi",
    min: 0,
    max: 4,
    step: 0.05,
    unit: "SD units",
  },
  {
    id: "rebound",
    label: "Rebound after NSSI (shame)",
    parameter: "shame",
    help: "Stress added by the act itself, which pushes negative affect up again over the next hour.",
    section: "nssi",
    min: 0,
    max: 3,
    step: 0.05,
  },
  {
    id: "skills",
    label: "DBT skills level",
    parameter: "K",
    help: "0 = no skills, 1 = fully trained. A skill use lowers negative affect, like NSSI, but without reinforcing NSSI.",
    section: "treatment",
    min: 0,
    max: 1,
    step: 0.01,
  },
  {
    id: "perDay",
    label: "Prompts per day",
    parameter: "design.schedule.perDay",
    help: "How often the phone asks (stratified random times between 09:00 and 21:00).",
    section: "study",
    min: 1,
    max: 20,
    step: 1,
    integer: true,
  },
  {
    id: "compliance",
    label: "Compliance",
    parameter: "design.compliance.base",
    help: "Chance of answering a prompt when calm, on day 1 (answering declines slowly over the days).",
    section: "study",
    min: 0.05,
    max: 0.99,
    step: 0.01,
  },
  {
    id: "distressSkip",
    label: "Skipping prompts when distressed",
    parameter: "design.compliance.negativeAffect",
    help: "Change in the log-odds of answering per unit of negative affect: below 0, people skip prompts when they feel worst (missing not at random).",
    section: "study",
    min: -2,
    max: 0,
    step: 0.05,
  },
  {
    id: "days",
    label: "Days",
    parameter: "days",
    help: "Length of the study.",
    section: "study",
    min: 1,
    max: 90,
    step: 1,
    integer: true,
  },
  {
    id: "seed",
    label: "Seed",
    parameter: "seed",
    help: "Another seed gives the same person another run of luck: other stressors, other noise, other prompt times.",
    section: "study",
    min: 0,
    max: 999,
    step: 1,
    integer: true,
  },
  {
    id: "fromDay",
    label: "Timeline starts on day",
    parameter: "view",
    help: "First study day shown in the timeline and the phase plot.",
    section: "view",
    min: 1,
    max: 90,
    step: 1,
    integer: true,
  },
  {
    id: "showDays",
    label: "Days shown",
    parameter: "view",
    help: "How many days the timeline and the phase plot show.",
    section: "view",
    min: 1,
    max: 90,
    step: 1,
    integer: true,
  },
];

/** The control with key `id`. */
export function control(id: ControlId): ControlSpec {
  const spec = CONTROLS.find((c) => c.id === id);
  if (spec === undefined) throw new RangeError(`no control "${id}"`);
  return spec;
}

/** `value` moved into the slider range of `spec` (and rounded when the control takes whole numbers). */
export function clampToSlider(spec: ControlSpec, value: number): number {
  const finite = Number.isFinite(value) ? value : spec.min;
  const clamped = Math.min(spec.max, Math.max(spec.min, finite));
  return spec.integer ? Math.round(clamped) : clamped;
}

/** Decimals to show for a control's value (from its step). */
export function controlDigits(spec: ControlSpec): number {
  if (spec.integer) return 0;
  const text = String(spec.step);
  const point = text.indexOf(".");
  return point < 0 ? 0 : text.length - point - 1;
}

/** The timeline window the view controls ask for, kept inside a study of `days` days. */
export function viewWindow(values: Pick<ControlValues, "fromDay" | "showDays">, days: number): { fromDay: number; toDay: number } {
  const span = Math.max(1, Math.min(Math.round(values.showDays), days));
  const fromDay = Math.max(1, Math.min(Math.round(values.fromDay), days - span + 1));
  return { fromDay, toDay: fromDay + span - 1 };
}
