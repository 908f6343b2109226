/**
 * The scenario schema: one zod definition that is at once the TypeScript types of a scenario, its
 * validation, its defaults and its documentation (`cascade scenarios reference` renders it to
 * `docs/scenario-reference.md`; `cascade scenarios schema` prints it as JSON Schema for editors).
 *
 * Every object is strict (unknown keys are errors, reported with a "did you mean" suggestion by
 * `issues.ts`), every field has a description, numbers carry their valid range, and defaults are
 * filled in by parsing, so code downstream sees a fully resolved `Scenario`.
 *
 * Person-level parameters come from the table in `src/model/parameters.ts`; each may be a number
 * (the same for everyone in the group) or a distribution.
 */
import * as z from "zod";
import { PARAMETER_NAMES, PARAMETERS, describeRange, type ParameterName, type ParameterSpec } from "../model/parameters.js";
import { EFFECTS, EFFECT_NAMES, PROCESS_TYPES, type EffectName, type ProcessType } from "../treatment/catalogue.js";

// ---------------------------------------------------------------------------------------------------
// Building blocks

/** Time of day as "HH:MM" (00:00 to 24:00). */
export const TimeOfDay = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, { error: 'expected a time of day as "HH:MM" (00:00 to 24:00)' })
  .meta({ description: 'A time of day, "HH:MM", 24-hour clock.' });

/** Hours after midnight of a "HH:MM" time (already validated). */
export function hoursOfDay(time: string): number {
  const [hours, minutes] = time.split(":").map(Number);
  return hours + minutes / 60;
}

const positive = (description: string) => z.number().gt(0).describe(description);
const nonNegative = (description: string) => z.number().gte(0).describe(description);
const probability = (description: string) => z.number().gte(0).lte(1).describe(description);

const optionalBound = (description: string) => z.number().optional().describe(description);

/** Checks that an optional min lies below an optional max. */
function boundsInOrder(value: { min?: number; max?: number }, ctx: z.RefinementCtx): void {
  if (value.min !== undefined && value.max !== undefined && !(value.min < value.max)) {
    ctx.addIssue({ code: "custom", path: ["max"], input: value.max, message: `expected max greater than min (${value.min}), got ${value.max}` });
  }
}

export const NormalDistribution = z
  .strictObject({
    dist: z.literal("normal"),
    mean: z.number().describe("Mean."),
    sd: nonNegative("Standard deviation."),
    min: optionalBound("Draws below min are set to min (clipping; use truncnormal to redraw instead)."),
    max: optionalBound("Draws above max are set to max."),
  })
  .superRefine(boundsInOrder)
  .describe("Normal distribution, clipped to [min, max] when given (clipping puts the mass beyond a bound on the bound).");

export const TruncatedNormalDistribution = z
  .strictObject({
    dist: z.literal("truncnormal"),
    mean: z.number().describe("Mean of the untruncated normal."),
    sd: positive("Standard deviation of the untruncated normal."),
    min: optionalBound("Lower truncation point."),
    max: optionalBound("Upper truncation point."),
  })
  .superRefine(boundsInOrder)
  .describe("Normal distribution truncated to [min, max] (drawn by inversion, so nothing piles up on the bounds).");

export const LogNormalDistribution = z
  .strictObject({
    dist: z.literal("lognormal"),
    median: positive("Median (exp of the log-mean): `median: 1.1, sdlog: 0.2` is 1.1 times lognormal(0, 0.2)."),
    sdlog: nonNegative("Standard deviation on the log scale."),
    min: optionalBound("Draws below min are set to min."),
    max: optionalBound("Draws above max are set to max."),
  })
  .superRefine(boundsInOrder)
  .describe("Log-normal distribution, median * exp(sdlog * Z), clipped to [min, max] when given.");

export const BetaDistribution = z
  .strictObject({
    dist: z.literal("beta"),
    shape1: positive("First shape parameter (alpha)."),
    shape2: positive("Second shape parameter (beta)."),
    min: z.number().default(0).describe("Lower end of the scaled range."),
    max: z.number().default(1).describe("Upper end of the scaled range."),
  })
  .superRefine(boundsInOrder)
  .describe("Beta distribution, scaled to [min, max] (default 0..1); mean min + (max - min) shape1 / (shape1 + shape2).");

export const UniformDistribution = z
  .strictObject({
    dist: z.literal("uniform"),
    min: z.number().describe("Lower end."),
    max: z.number().describe("Upper end."),
  })
  .superRefine(boundsInOrder)
  .describe("Uniform distribution on [min, max].");

export const FixedDistribution = z
  .strictObject({ dist: z.literal("fixed"), value: z.number().describe("The value.") })
  .describe("The same value for everyone (a plain number means the same).");

/** A distribution of a person-level quantity across the persons of a group. */
export const Distribution = z.discriminatedUnion("dist", [
  NormalDistribution,
  TruncatedNormalDistribution,
  LogNormalDistribution,
  BetaDistribution,
  UniformDistribution,
  FixedDistribution,
]);
export type Distribution = z.output<typeof Distribution>;

/** A number (the same for every person) or a distribution. */
export type ValueOrDistribution = number | Distribution;

/** The interval a distribution's draws can fall in, and whether its ends can be reached. */
export function distributionSupport(value: ValueOrDistribution): { low: number; high: number; lowOpen: boolean } {
  if (typeof value === "number") return { low: value, high: value, lowOpen: false };
  switch (value.dist) {
    case "fixed":
      return { low: value.value, high: value.value, lowOpen: false };
    case "normal":
      if (value.sd === 0) {
        const clipped = Math.min(Math.max(value.mean, value.min ?? -Infinity), value.max ?? Infinity);
        return { low: clipped, high: clipped, lowOpen: false };
      }
      return { low: value.min ?? -Infinity, high: value.max ?? Infinity, lowOpen: false };
    case "truncnormal":
      return { low: value.min ?? -Infinity, high: value.max ?? Infinity, lowOpen: value.min === undefined };
    case "lognormal":
      if (value.sdlog === 0) {
        const clipped = Math.min(Math.max(value.median, value.min ?? 0), value.max ?? Infinity);
        return { low: clipped, high: clipped, lowOpen: false };
      }
      return { low: value.min ?? 0, high: value.max ?? Infinity, lowOpen: value.min === undefined || value.min <= 0 };
    case "beta":
      return { low: value.min, high: value.max, lowOpen: true };
    case "uniform":
      return { low: value.min, high: value.max, lowOpen: false };
  }
}

/** Adds an issue when the draws of `value` can leave the range [spec.min, spec.max]. */
function checkSupport(value: ValueOrDistribution, spec: ParameterSpec, name: string, ctx: z.RefinementCtx): void {
  if (typeof value === "number") return; // plain numbers are range-checked by their own schema
  const support = distributionSupport(value);
  const lowOk =
    spec.min === undefined ||
    support.low > spec.min ||
    (support.low === spec.min && (!spec.minExclusive || support.lowOpen));
  const highOk = spec.max === undefined || support.high <= spec.max;
  if (lowOk && highOk) return;
  const bound = !lowOk ? "min" : "max";
  ctx.addIssue({
    code: "custom",
    input: value,
    message:
      `a ${value.dist} distribution here can give values outside the valid range of ${name} (${describeRange(spec)}); ` +
      `set ${bound} inside that range${value.dist === "normal" && !lowOk ? " or use lognormal or truncnormal" : ""}`,
  });
}

/** A number schema with the range of `spec`. */
function rangedNumber(spec: ParameterSpec): z.ZodNumber {
  let schema = z.number();
  if (spec.min !== undefined) schema = spec.minExclusive ? schema.gt(spec.min) : schema.gte(spec.min);
  if (spec.max !== undefined) schema = schema.lte(spec.max);
  return schema;
}

/** The schema of one quantity that is a number in `spec`'s range or a distribution within it. */
function valueOrDistribution(name: string, spec: ParameterSpec) {
  return z
    .union([rangedNumber(spec), Distribution])
    .superRefine((value, ctx) => checkSupport(value, spec, name, ctx))
    .default(spec.default)
    .meta({
      description: spec.description,
      ...(spec.unit === undefined ? {} : { unit: spec.unit }),
      range: describeRange(spec),
    });
}

// ---------------------------------------------------------------------------------------------------
// Groups: parameters, covariates, correlations

const parameterShape = Object.fromEntries(PARAMETER_NAMES.map((name) => [name, valueOrDistribution(name, PARAMETERS[name])])) as {
  [K in ParameterName]: ReturnType<typeof valueOrDistribution>;
};

export const Parameters = z
  .strictObject(parameterShape)
  .describe("Person-level model parameters: each a number (the same for everyone in the group) or a distribution. Parameters not given take their default.");
export type GroupParameters = z.output<typeof Parameters>;

/** Person covariates and their specifications (the ranges of continuous covariates). */
export const COVARIATES = {
  age: { description: "Age.", unit: "years", default: 30, min: 0, topic: "dynamics" },
  trauma: {
    description: "Childhood-trauma severity, 0 (none) to 1 (most severe), for example a rescaled Childhood Trauma Questionnaire total. Raises stress reactivity (parameter traumaReactivity).",
    default: 0.2,
    min: 0,
    max: 1,
    topic: "stress",
  },
} as const satisfies Record<string, ParameterSpec>;

export const Covariates = z
  .strictObject({
    female: probability("Probability that a person is female (covariate `female`, 0 or 1). Descriptive only: no parameter depends on it.").default(0.5),
    ptsd: probability("Probability of PTSD comorbidity (covariate `ptsd`, 0 or 1; 30-50% in BPD). Persons with PTSD meet trauma-reminder stressors (ptsdReminderRate).").default(0),
    age: valueOrDistribution("age", COVARIATES.age).default({ dist: "normal", mean: 30, sd: 8, min: 18, max: 65 }),
    trauma: valueOrDistribution("trauma", COVARIATES.trauma).default({ dist: "beta", shape1: 1, shape2: 4, min: 0, max: 1 }),
  })
  .describe("Person covariates: binary ones as a probability, continuous ones as a number or a distribution.");
export type CovariateSpecs = z.output<typeof Covariates>;

/** Names that correlations may refer to: every parameter and every covariate. */
export const CORRELATABLE = [...PARAMETER_NAMES, "female", "ptsd", "age", "trauma"] as const;

export const Correlation = z
  .strictObject({
    between: z.tuple([z.string(), z.string()]).describe("The two parameters or covariates, for example [wRA, wAR]."),
    r: z.number().gte(-1).lte(1).describe("Correlation of their normal scores (Gaussian copula), -1..1."),
  })
  .describe("A correlation between two person-level quantities, induced through a Gaussian copula: the draws keep their own distributions and their normal scores have correlation r.");

// ---------------------------------------------------------------------------------------------------
// The ESM design

const windowFields = {
  start: TimeOfDay.default("09:00").describe("Start of the daily prompting window."),
  end: TimeOfDay.default("21:00").describe("End of the daily prompting window."),
};

export const StratifiedSchedule = z
  .strictObject({
    type: z.literal("stratified"),
    perDay: z.int().gte(1).lte(100).default(6).describe("Prompts per day."),
    ...windowFields,
    minGapMinutes: nonNegative("Minimum time between consecutive prompts (days whose draw violates it are redrawn).").default(0),
  })
  .describe("Stratified random (the common ESM design): the window is cut into perDay equal blocks and one prompt falls uniformly at random in each.");

export const RandomSchedule = z
  .strictObject({
    type: z.literal("random"),
    perDay: z.int().gte(1).lte(100).default(6).describe("Prompts per day."),
    ...windowFields,
    minGapMinutes: nonNegative("Minimum time between consecutive prompts.").default(30),
  })
  .describe("Fully random: perDay prompts uniformly at random in the window, at least minGapMinutes apart (drawn exactly from the uniform distribution over admissible sets).");

export const FixedSchedule = z
  .strictObject({
    type: z.literal("fixed"),
    times: z.array(TimeOfDay).min(1).describe('The prompt times, for example ["10:00", "14:00", "18:00", "22:00"].'),
  })
  .describe("Fixed times every day.");

export const IntervalSchedule = z
  .strictObject({
    type: z.literal("interval"),
    ...windowFields,
    everyMinutes: z.number().gte(5).lte(1440).default(120).describe("Interval between prompts."),
  })
  .describe("Interval-contingent: a prompt every everyMinutes from start up to end.");

export const NoSchedule = z
  .strictObject({ type: z.literal("none") })
  .describe("No signal-contingent prompts (for example a purely event-contingent design).");

export const Schedule = z.discriminatedUnion("type", [StratifiedSchedule, RandomSchedule, FixedSchedule, IntervalSchedule, NoSchedule]);
export type Schedule = z.output<typeof Schedule>;

export const EventContingent = z
  .strictObject({
    enabled: z.boolean().default(false).describe("Whether persons report after each NSSI act."),
    delayMinutes: positive("Mean delay between an act and its report (exponential).").default(10),
    compliance: probability("Probability that an act is reported.").default(0.8),
  })
  .describe("Event-contingent reports after NSSI acts, as extra rows with trigger `event`. A report that falls due while a signal prompt is still open (scheduled, answer pending) is made one second after that answer.");

export const Bursts = z
  .strictObject({
    lengthDays: z.int().gte(1).describe("Days of prompting in each burst."),
    everyDays: z.int().gte(1).describe("Days from the start of one burst to the start of the next."),
    firstDay: z.int().gte(1).default(1).describe("Study day on which the first burst starts."),
  })
  .superRefine((value, ctx) => {
    if (value.lengthDays > value.everyDays) {
      ctx.addIssue({ code: "custom", path: ["lengthDays"], input: value.lengthDays, message: `expected lengthDays <= everyDays (${value.everyDays}), got ${value.lengthDays}` });
    }
  })
  .describe("Measurement bursts: prompts only on some days (for example a week of ESM every three months of a year-long trial). The latent process runs every day.");

export const HourEffect = z
  .strictObject({
    from: TimeOfDay.describe("Start of the period."),
    to: TimeOfDay.describe("End of the period (exclusive)."),
    logOdds: z.number().describe("Change in the log-odds of answering during the period."),
  })
  .describe("A time-of-day effect on compliance.");

export const Compliance = z
  .strictObject({
    base: z.number().gt(0).lt(1).default(0.8).describe("Probability of answering a prompt for a typical person (person effect 0) on day 1, at A = 0, outside any hour effect."),
    personSd: nonNegative("SD of the person-level random effect on the log-odds of answering.").default(0.5),
    perDay: z.number().default(0).describe("Change in the log-odds of answering per study day (negative: fatigue)."),
    negativeAffect: z.number().default(0).describe("Change in the log-odds of answering per unit of negative affect A at the prompt (negative: people in distress skip prompts, missing not at random)."),
    hours: z.array(HourEffect).default([]).describe("Time-of-day effects."),
  })
  .describe("Whether a prompt is answered: logit P = logit(base) + person effect + perDay (day - 1) + negativeAffect A + hour effects.");

export const Response = z
  .strictObject({
    delayMedianMinutes: positive("Median delay between a prompt and its answer (log-normal).").default(2),
    delaySdLog: nonNegative("SD of the log delay.").default(0.8),
    expiryMinutes: positive(
      "A prompt expires after this long, or one second before the next scheduled prompt if that comes sooner (a new prompt replaces an open one): delays are drawn from the log-normal truncated at the end of this answer window, so answer times always increase within a person.",
    ).default(20),
  })
  .describe("Response delays of answered prompts. Items describe the moment of the answer.");

export const Scale = z
  .strictObject({
    min: z.number().default(1).describe("Lowest response (floor)."),
    max: z.number().default(7).describe("Highest response (ceiling)."),
    step: nonNegative("Responses are rounded to min + a multiple of step; 0 keeps them continuous (rounded to 3 decimals).").default(1),
  })
  .superRefine(boundsInOrder)
  .describe("A response scale: Likert 1..7 (the default), 1..5, a 0..100 slider, ...");

const ITEM_KINDS = ["emotion", "affect", "rumination", "urge", "stress"] as const;

export const MeasuredItem = z
  .strictObject({
    name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, { error: "expected a column name: a letter, then letters, digits or _" }).describe("Column name in observed.csv."),
    kind: z
      .enum(ITEM_KINDS)
      .describe(
        "What the item measures: `emotion` a discrete negative emotion, sqrt(1 - delta) A + sqrt(delta) E_k with its own component E_k; `affect` A itself; `rumination` R; `urge` the urge U (0..1); `stress` the stress input S.",
      ),
    scale: Scale.prefault({}),
    intercept: z.number().default(2).describe("Expected response when the measured quantity is 0 (the calm home base)."),
    loading: z.number().default(1).describe("Scale points per unit of the measured quantity."),
    errorSd: nonNegative("SD of the measurement error, in scale points, before rounding and clipping.").default(0.5),
  })
  .describe("An item answered at each prompt: response = clip(round(intercept + loading * quantity + error)).");

export const NssiItem = z
  .strictObject({
    name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, { error: "expected a column name: a letter, then letters, digits or _" }).describe("Column name in observed.csv."),
    kind: z.literal("nssi").describe("The number of NSSI acts in the reporting window (see design.nssiWindow), reported without error."),
  })
  .describe("The count of NSSI acts since the last prompt.");

export const Item = z.discriminatedUnion("kind", [MeasuredItem, NssiItem]);
export type Item = z.output<typeof Item>;

export const DEFAULT_ITEMS: z.input<typeof Item>[] = [
  { name: "sad", kind: "emotion" },
  { name: "anxious", kind: "emotion" },
  { name: "angry", kind: "emotion" },
  { name: "ashamed", kind: "emotion" },
  { name: "rumination", kind: "rumination" },
  { name: "urge", kind: "urge", scale: { min: 0, max: 100, step: 1 }, intercept: 0, loading: 100, errorSd: 8 },
  { name: "nssi", kind: "nssi" },
];

/** Column names of observed.csv that items may not take. */
export const RESERVED_COLUMNS = ["id", "group", "day", "beep", "scheduled", "responded", "answered", "trigger"];

export const Design = z
  .strictObject({
    schedule: Schedule.default({ type: "stratified", perDay: 6, start: "09:00", end: "21:00", minGapMinutes: 0 }).describe("When signal-contingent prompts come."),
    eventContingent: EventContingent.prefault({}),
    bursts: Bursts.nullable().default(null).describe("Measurement bursts; null (the default) prompts every day."),
    compliance: Compliance.prefault({}),
    response: Response.prefault({}),
    nssiWindow: z
      .enum(["previous-prompt", "previous-answered"])
      .default("previous-prompt")
      .describe(
        "Window of the NSSI count item: acts since the previous prompt (answered or not: the item asks about the time since the last signal) or since the previous answered prompt (nothing is lost when prompts are missed). The first prompt counts from the study start.",
      ),
    items: z.array(Item).min(1).prefault(DEFAULT_ITEMS).describe("The items of each prompt, in column order."),
  })
  .describe("The ESM layer: which moments are prompted, which prompts are answered, and how answers are made.");
export type Design = z.output<typeof Design>;

// ---------------------------------------------------------------------------------------------------
// Slow processes (MODEL.md section 4): treatment, recovery, functioning, trials

const weeks = <S extends z.ZodType>(schema: S, description: string): S => schema.describe(description).meta({ unit: "weeks" });

/** The schema of one process type, with that type's defaults (src/treatment/catalogue.ts). */
function processSchema<T extends ProcessType>(type: T) {
  const defaults = PROCESS_TYPES[type];
  const effectDefaults: Partial<Record<EffectName, number>> = defaults.effects;
  const effectShape = Object.fromEntries(
    EFFECT_NAMES.map((name) => [
      name,
      z
        .number()
        .gte(EFFECTS[name].min)
        .lte(EFFECTS[name].max)
        .default(effectDefaults[name] ?? 0)
        .describe(`${EFFECTS[name].description} Range ${EFFECTS[name].min} to ${EFFECTS[name].max}.`),
    ]),
  ) as Record<EffectName, z.ZodDefault<z.ZodNumber>>;
  return z
    .strictObject({
      type: z.literal(type),
      label: z.string().optional().describe("Name shown in outputs; default the type."),
      startWeek: weeks(z.number().gte(0).lte(520).default(defaults.startWeek), "Week of the study (0 = its start) at which the process starts."),
      tauWeeks: weeks(z.number().gt(0).lte(2000).default(defaults.tauWeeks), "Time constant of the rise: the level reaches 63% of max tauWeeks after the start."),
      max: probability("Maximum level (for DBT skills: Kmax): L(t) = max (1 - exp(-(t - startWeek) / tauWeeks)).").default(defaults.max),
      durationWeeks: z
        .number()
        .gt(0)
        .lte(520)
        .nullable()
        .default(defaults.durationWeeks)
        .describe("Length of the process (treatment) in weeks; null: it never ends.")
        .meta({ unit: "weeks" }),
      fadeWeeks: z
        .number()
        .gt(0)
        .lte(2000)
        .nullable()
        .default(defaults.fadeWeeks)
        .describe("After the end, the level fades as exp(-(t - end) / fadeWeeks); null: what was built is kept.")
        .meta({ unit: "weeks" }),
      effects: z.strictObject(effectShape).prefault({}).describe("Effects per unit of level (0 = none); see docs/treatments.md."),
    })
    .describe(`${defaults.exploratory ? "(Exploratory) " : ""}${defaults.description}`);
}

export const Process = z
  .discriminatedUnion("type", [
    processSchema("dbt"),
    processSchema("mbt"),
    processSchema("tau"),
    processSchema("recovery"),
    processSchema("naltrexone"),
    processSchema("ssri"),
    processSchema("custom"),
  ])
  .describe("A slow process: a curve over weeks (start, time constant, maximum) whose level changes parameters (docs/treatments.md).");
export type Process = z.output<typeof Process>;

/** A number or distribution schema for functioning quantities. */
function functioningQuantity(name: string, spec: ParameterSpec, fallback: ValueOrDistribution) {
  return valueOrDistribution(name, spec).default(fallback);
}

export const Functioning = z
  .strictObject({
    initial: functioningQuantity("functioning.initial", { description: "F at the study start (GAF points, 0-100).", unit: "GAF points", default: 45, min: 0, max: 100, topic: "dynamics" }, {
      dist: "normal",
      mean: 45,
      sd: 8,
      min: 0,
      max: 100,
    }),
    integration: functioningQuantity(
      "functioning.integration",
      { description: "Social integration (support, relationships, roles), a person-level score in SD units.", unit: "SD units", default: 0, topic: "dynamics" },
      { dist: "normal", mean: 0, sd: 1 },
    ),
    base: z.number().gte(0).lte(100).default(52).describe("Target of F for a person with integration 0, no trauma, no NSSI and no process (GAF points)."),
    integrationEffect: z.number().gte(-50).lte(50).default(6).describe("Change of the target per SD of social integration (GAF points)."),
    traumaEffect: z.number().gte(-100).lte(100).default(-12).describe("Change of the target at childhood-trauma severity 1 (covariate `trauma`, 0..1), in GAF points (Ghinea et al. 2021: lower GAF with maltreatment)."),
    nssiEffect: z.number().gte(-50).lte(50).default(-2).describe("Change of the target per unit of log(1 + NSSI acts per week) over the last nssiWindowWeeks weeks (GAF points): weak, the symptom-function gap."),
    nssiWindowWeeks: z.int().gte(1).lte(52).default(4).describe("Weeks over which the NSSI rate of the target is averaged.").meta({ unit: "weeks" }),
    tauWeeks: z.number().gt(0).lte(2000).default(52).describe("Time constant of F: dF/dt = (Ftarget - F) / tauWeeks.").meta({ unit: "weeks" }),
    fluctuationSd: nonNegative("SD of F's week-to-week fluctuations around its target (stationary SD of an Ornstein-Uhlenbeck process), GAF points.").default(3),
  })
  .describe("Weekly psychosocial functioning F, 0-100 (GAF-like): dF/dt = (Ftarget - F) / tauWeeks, Ftarget from social integration, trauma and (weakly) NSSI, plus process effects. Reported by `cascade trial` and in truth/weeks.csv of `cascade simulate`.");

const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*$/;

export const TrialArm = z
  .strictObject({
    name: z.string().regex(NAME_PATTERN, { error: "expected an arm name: a letter, then letters, digits, - or _" }).describe("Arm name, written in the `arm` column."),
    label: z.string().default("").describe("A longer description for reports."),
    ratio: z.int().gte(1).lte(20).default(1).describe("Allocation ratio: the arm's share of each randomisation block."),
    processes: z.array(Process).default([]).describe("The arm's processes (added to the population group's own processes)."),
  })
  .describe("A trial arm: what its persons receive.");

export const Assessment = z
  .strictObject({
    name: z.string().regex(NAME_PATTERN, { error: "expected an assessment name: a letter, then letters, digits, - or _" }).describe("Assessment name, for example baseline or month-12."),
    week: z.number().gte(0).lte(520).describe("Week of the study (0 = its start) at which the assessment's ESM burst starts.").meta({ unit: "weeks" }),
  })
  .describe("An assessment: an ESM burst of burstDays days, and the outcomes measured there.");

export const Trial = z
  .strictObject({
    population: z.string().optional().describe("The group whose persons are randomised (its parameter distributions and design); default the first group."),
    persons: z.int().gte(2).lte(1_000_000).optional().describe("Persons randomised; default the population group's size (--persons overrides)."),
    control: z.string().optional().describe("The reference arm of the between-arm effects; default the last arm."),
    blockSize: z.int().gte(1).lte(1000).optional().describe("Size of the permuted randomisation blocks, a multiple of the sum of the ratios; default twice that sum."),
    burstDays: z.int().gte(1).lte(60).default(14).describe("ESM days of each assessment burst.").meta({ unit: "days" }),
    recallWeeks: z.number().gt(0).lte(104).default(12).describe("NSSI outcomes count the acts of the recallWeeks weeks up to the end of each burst (a retrospective interview's window), clipped at the study start.").meta({ unit: "weeks" }),
    assessments: z.array(Assessment).min(1).describe("The assessments, in increasing week order."),
    arms: z.array(TrialArm).min(2).describe("The arms (at least two)."),
  })
  .superRefine((trial, ctx) => {
    const arms = new Set<string>();
    trial.arms.forEach((arm, i) => {
      if (arms.has(arm.name)) ctx.addIssue({ code: "custom", path: ["arms", i, "name"], input: arm.name, message: `expected a unique arm name, got "${arm.name}" twice` });
      arms.add(arm.name);
    });
    if (trial.control !== undefined && !arms.has(trial.control)) {
      ctx.addIssue({ code: "custom", path: ["control"], input: trial.control, message: `expected one of the arms (${[...arms].join(", ")}), got "${trial.control}"` });
    }
    const names = new Set<string>();
    trial.assessments.forEach((assessment, i) => {
      if (names.has(assessment.name)) ctx.addIssue({ code: "custom", path: ["assessments", i, "name"], input: assessment.name, message: `expected a unique assessment name, got "${assessment.name}" twice` });
      names.add(assessment.name);
      const previous = trial.assessments[i - 1];
      if (previous !== undefined && !(assessment.week * 7 >= previous.week * 7 + trial.burstDays)) {
        ctx.addIssue({ code: "custom", path: ["assessments", i, "week"], input: assessment.week, message: `expected a week at or after the end of the previous burst (week ${previous.week} + ${trial.burstDays} days), got ${assessment.week}` });
      }
    });
    const ratioSum = trial.arms.reduce((sum, arm) => sum + arm.ratio, 0);
    if (trial.blockSize !== undefined && trial.blockSize % ratioSum !== 0) {
      ctx.addIssue({ code: "custom", path: ["blockSize"], input: trial.blockSize, message: `expected a multiple of the sum of the arms' ratios (${ratioSum}), got ${trial.blockSize}` });
    }
  })
  .describe("A simulated randomised trial (`cascade trial`): persons of the population group randomised to arms in permuted blocks, assessed by ESM bursts; see docs/treatments.md.");
export type Trial = z.output<typeof Trial>;

// ---------------------------------------------------------------------------------------------------
// Groups and the scenario

export const Group = z
  .strictObject({
    name: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, { error: "expected a group name: a letter, then letters, digits, - or _" }).describe("Group name, written in the `group` column and used to seed its persons' random streams."),
    label: z.string().default("").describe("A longer description for reports."),
    size: z.int().gte(0).lte(1_000_000).describe("Number of persons."),
    samePersonsAs: z
      .string()
      .optional()
      .describe(
        "Name of another group whose random streams this group's persons share: person i here meets the same random numbers as person i there (the same people when the parameter distributions are the same, for example under another sampling design; common random numbers otherwise).",
      ),
    parameters: Parameters.prefault({}),
    covariates: Covariates.prefault({}),
    correlations: z.array(Correlation).default([]).describe("Correlations between person-level quantities (Gaussian copula)."),
    processes: z.array(Process).default([]).describe("Slow processes (treatment, recovery) acting on this group's persons from the study start: curves over weeks that change parameters (docs/treatments.md)."),
    functioning: Functioning.prefault({}),
    design: Design.optional().describe(
      "This group's own design, merged over the scenario's design before validation: mappings key by key (a schedule with another `type` replaces the whole schedule), lists (items, hours) replaced whole.",
    ),
  })
  .describe("A group of persons with the same parameter distributions.");
export type Group = z.output<typeof Group>;

export const Clock = z
  .strictObject({
    wake: TimeOfDay.default("07:00").describe("Waking time: stressors, NSSI acts and skill uses happen only while awake."),
    sleep: TimeOfDay.default("23:00").describe("Sleeping time (later than wake, at most 24:00)."),
  })
  .describe("Waking hours, the same every day.");

export const Simulation = z
  .strictObject({
    dtMinutes: z.number().gt(0).lte(15).default(1).describe("Euler-Maruyama step of the latent process; must divide a day (1440 minutes) into whole steps. Results do not change noticeably at or below 2 minutes."),
    burnInHours: nonNegative("Hours simulated before the study starts (from the calm attractor), so the study begins in the stationary regime.").default(24),
  })
  .describe("Numerical settings of the latent process.");

export const ScenarioSchema = z
  .strictObject({
    name: z.string().optional().describe("Short name; defaults to the file name without extension."),
    title: z.string().default("").describe("One-line title."),
    description: z.string().default("").describe("What the scenario shows."),
    seed: z.int().gte(0).lte(Number.MAX_SAFE_INTEGER).default(1).describe("Seed of every random stream (overridden by --seed)."),
    days: z.int().gte(1).lte(3650).default(21).describe("Study length in days (overridden by --days)."),
    startDate: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: 'expected a date as "YYYY-MM-DD"' })
      .default("2025-01-06")
      .describe("Calendar date of study day 1; times in observed.csv are local date-times from it (no time zone, no daylight saving)."),
    clock: Clock.prefault({}),
    simulation: Simulation.prefault({}),
    design: Design.prefault({}),
    groups: z.array(Group).min(1).describe("The groups of persons."),
    trial: Trial.nullable().default(null).describe("A simulated randomised trial run by `cascade trial`; null (the default) for none."),
  })
  .superRefine((scenario, ctx) => {
    const population = scenario.trial?.population;
    if (population !== undefined && !scenario.groups.some((group) => group.name === population)) {
      ctx.addIssue({ code: "custom", path: ["trial", "population"], input: population, message: `expected the name of a group (${scenario.groups.map((g) => g.name).join(", ")}), got "${population}"` });
    }
  })
  .describe("A Cascade Lab scenario: who is simulated (groups and their parameter distributions), for how long, and how they are sampled (the ESM design).");

/** A scenario as written (before defaults). */
export type ScenarioInput = z.input<typeof ScenarioSchema>;
/** A fully resolved scenario: every default filled, `name` set, and every group's design resolved. */
export type Scenario = Omit<z.output<typeof ScenarioSchema>, "name" | "groups"> & { name: string; groups: (Omit<Group, "design"> & { design: Design })[] };
