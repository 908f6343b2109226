/**
 * The person-level parameters of the Emotional Cascade Model (MODEL.md sections 1-3): one table that
 * gives each parameter's meaning, unit, default and valid range.
 *
 * The scenario schema (`src/scenario/schema.ts`) is built from this table, so the types, the
 * validation, the defaults and the generated reference (`docs/scenario-reference.md`) cannot drift
 * apart. Defaults are MODEL.md's starting values; where MODEL.md gives a healthy and a BPD value, the
 * default is the BPD (clinical) value and the bundled scenarios set the healthy group's values
 * explicitly.
 *
 * Units: time in hours (rates per hour) unless stated; A, R, S and E_k in standardised units, where 0
 * is the person's calm home base and 1 is of the order of one within-person SD of calm fluctuations.
 */

/** Where a parameter acts, for grouping in documentation. */
export type ParameterTopic = "dynamics" | "stress" | "nssi" | "urge" | "skills";

export interface ParameterSpec {
  /** What the parameter means, for the reference documentation and `--help`. */
  description: string;
  /** Its unit, when it has one. */
  unit?: string;
  /** MODEL.md's starting value. */
  default: number;
  /** Smallest valid value (inclusive unless `minExclusive`). */
  min?: number;
  minExclusive?: boolean;
  /** Largest valid value (inclusive). */
  max?: number;
  topic: ParameterTopic;
}

/** Every person-level parameter. The order is the order of columns in `truth/persons.csv`. */
export const PARAMETERS = {
  thetaA: {
    topic: "dynamics",
    description: "Return rate of negative affect A to its home base (attractor strength, regulation); low values mean high inertia. Lag-1 autocorrelation at a gap of d hours is about exp(-thetaA d) when the coupling is weak.",
    unit: "per hour",
    default: 0.35,
    min: 0,
    minExclusive: true,
  },
  thetaR: {
    topic: "dynamics",
    description: "Return rate of rumination R to its home base.",
    unit: "per hour",
    default: 0.3,
    min: 0,
    minExclusive: true,
  },
  muA: { topic: "dynamics", description: "Home base (mean in the absence of coupling and stress) of negative affect.", unit: "SD units", default: 0 },
  muR: { topic: "dynamics", description: "Home base of rumination.", unit: "SD units", default: 0 },
  sigmaA: {
    topic: "dynamics",
    description: "Noise intensity of negative affect (diffusion coefficient of dW1); with coupling off, the stationary variance of A is sigmaA^2 / (2 thetaA). MODEL.md: 0.84 (healthy) to 1.1 (BPD).",
    unit: "SD units per sqrt(hour)",
    default: 1.1,
    min: 0,
  },
  sigmaR: { topic: "dynamics", description: "Noise intensity of rumination (dW2).", unit: "SD units per sqrt(hour)", default: 0.77, min: 0 },
  wRA: {
    topic: "dynamics",
    description: "Strength of the cascade coupling from rumination to negative affect: the maximal push on dA/dt when rumination is far above the threshold h (before damping by differentiation).",
    unit: "SD units per hour",
    default: 1.1,
    min: 0,
  },
  wAR: {
    topic: "dynamics",
    description: "Strength of the cascade coupling from negative affect to rumination (healthy 0.6 in MODEL.md). Insight and self-compassion lower it.",
    unit: "SD units per hour",
    default: 1.1,
    min: 0,
  },
  k: { topic: "dynamics", description: "Steepness of the logistic coupling sig(k (x - h)).", unit: "per SD unit", default: 2, min: 0, minExclusive: true },
  h: { topic: "dynamics", description: "Threshold of the logistic coupling: the level of A (or R) at which it drives the other at half strength.", unit: "SD units", default: 2 },
  delta: {
    topic: "dynamics",
    description: "Emotion differentiation, 0..1 (MODEL.md section 3). Sets how much each discrete emotion item follows its own component E_k rather than A, and damps the rumination-to-affect coupling by (1 - eps delta). Healthy 0.55, BPD 0.3.",
    default: 0.3,
    min: 0,
    max: 1,
  },
  eps: { topic: "dynamics", description: "How strongly differentiation damps the rumination-to-affect coupling: wRA is multiplied by (1 - eps delta).", default: 0.8, min: 0, max: 1 },
  thetaS: { topic: "stress", description: "Decay rate of the stress input S (each stressor's impulse decays as exp(-thetaS t)).", unit: "per hour", default: 1, min: 0, minExclusive: true },
  thetaE: {
    topic: "dynamics",
    description: "Return rate of the emotion-specific components E_k (Ornstein-Uhlenbeck processes with stationary variance 1, sampled exactly at prompts).",
    unit: "per hour",
    default: 0.5,
    min: 0,
    minExclusive: true,
  },
  stressRate: { topic: "stress", description: "Rate of everyday stressors during waking hours (Poisson process).", unit: "per waking hour", default: 0.15, min: 0 },
  stressMagnitude: { topic: "stress", description: "Mean magnitude m of a stressor (m is exponential); it adds reactivity * m to S.", unit: "SD units per hour", default: 0.6, min: 0 },
  reactivity: {
    topic: "stress",
    description: "Stress reactivity before the effect of childhood trauma: multiplies every stressor's magnitude. Higher with childhood trauma (HPA-axis hyper-reactivity); BPD about 2 in MODEL.md.",
    default: 1,
    min: 0,
  },
  traumaReactivity: {
    topic: "stress",
    description: "Effect of childhood-trauma severity (covariate `trauma`, 0..1) on reactivity: the effective reactivity is reactivity * (1 + traumaReactivity * trauma).",
    default: 0.5,
    min: 0,
  },
  rejectionRate: {
    topic: "stress",
    description: "Rate of interpersonal stressors (rejection) during waking hours, a stream separate from everyday stressors; mentalization-based therapy targets their impact.",
    unit: "per waking hour",
    default: 0.02,
    min: 0,
  },
  rejectionMagnitude: { topic: "stress", description: "Mean magnitude of an interpersonal stressor (exponential).", unit: "SD units per hour", default: 0.8, min: 0 },
  rejectionReactivity: {
    topic: "stress",
    description: "Extra sensitivity to interpersonal stressors: their impact is multiplied by reactivity * rejectionReactivity.",
    default: 1.5,
    min: 0,
  },
  ptsdReminderRate: {
    topic: "stress",
    description: "Rate of trauma-reminder stressors during waking hours, for persons with PTSD comorbidity only (covariate `ptsd` = 1).",
    unit: "per waking hour",
    default: 0.03,
    min: 0,
  },
  ptsdReminderMagnitude: { topic: "stress", description: "Mean magnitude of a trauma reminder (exponential), multiplied by reactivity.", unit: "SD units per hour", default: 0.8, min: 0 },
  b0: {
    topic: "nssi",
    description: "Baseline log-hazard of an NSSI act: the hazard per hour is exp(b0 + bA A + bR R + nu max(0, A - aStar) + W) while awake and outside the refractory period. Calibrated so the default scenario gives plausible act counts.",
    unit: "log per hour",
    default: -11,
  },
  bA: { topic: "nssi", description: "Log-hazard of NSSI per unit of negative affect.", unit: "per SD unit", default: 0.7 },
  bR: { topic: "nssi", description: "Log-hazard of NSSI per unit of rumination.", unit: "per SD unit", default: 0.4 },
  nu: {
    topic: "nssi",
    description: "Negative urgency: extra log-hazard of NSSI (and of the urge) per unit of negative affect above aStar; it moderates the affect-to-NSSI link. BPD 1, healthy 0.2.",
    unit: "per SD unit",
    default: 1,
    min: 0,
  },
  aStar: { topic: "nssi", description: "Level of negative affect above which urgency acts, and above which skills can be used.", unit: "SD units", default: 2 },
  refractoryHours: { topic: "nssi", description: "Time after an act during which no further act occurs.", unit: "hours", default: 2, min: 0 },
  rhoA: { topic: "nssi", description: "Immediate relief: the drop in negative affect at an act (A -= rhoA).", unit: "SD units", default: 2, min: 0 },
  rhoR: { topic: "nssi", description: "Immediate drop in rumination at an act (R -= rhoR): NSSI interrupts the cascade.", unit: "SD units", default: 1.5, min: 0 },
  shame: {
    topic: "nssi",
    description: "Delayed rebound after an act: S += shame, so negative affect rises again over the following hour (the hourly ESM 'no relief' pattern when large).",
    unit: "SD units per hour",
    default: 0.5,
    min: 0,
  },
  alpha: {
    topic: "nssi",
    description: "Learning rate of negative reinforcement (Rescorla-Wagner): after an act, W += alpha (relief - W), relief being the drop in A.",
    default: 0.1,
    min: 0,
    max: 1,
  },
  wDecay: { topic: "nssi", description: "Extinction rate of the reinforcement strength W without acts (W decays as exp(-wDecay t)).", unit: "per day", default: 0.02, min: 0 },
  W0: { topic: "nssi", description: "Reinforcement strength W at the start (learning history before the study).", unit: "log-hazard units", default: 0 },
  u0: { topic: "urge", description: "Intercept of the urge: U = sig(u0 + uA A + uR R + nu max(0, A - aStar)), 0..1.", default: -6 },
  uA: { topic: "urge", description: "Urge per unit of negative affect (logit scale).", unit: "per SD unit", default: 0.6 },
  uR: { topic: "urge", description: "Urge per unit of rumination (logit scale).", unit: "per SD unit", default: 0.4 },
  K: {
    topic: "skills",
    description: "Skills level, 0..1 (raised by treatment, MODEL.md section 4). A skill use has hazard cK K per hour while awake and A > aStar; it lowers A by rhoSkill and does not reinforce W.",
    default: 0,
    min: 0,
    max: 1,
  },
  cK: { topic: "skills", description: "Hazard of a skill use at full skills (K = 1) while A > aStar.", unit: "per hour", default: 1, min: 0 },
  rhoSkill: { topic: "skills", description: "Drop in negative affect at a skill use.", unit: "SD units", default: 1, min: 0 },
} as const satisfies Record<string, ParameterSpec>;

/** The name of a person-level parameter. */
export type ParameterName = keyof typeof PARAMETERS;

/** All parameter names, in table order. */
export const PARAMETER_NAMES = Object.keys(PARAMETERS) as ParameterName[];

/**
 * One person's parameters: plain numbers in a plain object, so that a slow process (treatment,
 * recovery) can change them between integration chunks (see `LatentProcess.setParameters`).
 */
export type PersonParameters = Record<ParameterName, number>;

/** The default parameters (MODEL.md's starting values). */
export function defaultParameters(): PersonParameters {
  const parameters = {} as PersonParameters;
  for (const name of PARAMETER_NAMES) parameters[name] = PARAMETERS[name].default;
  return parameters;
}

/** Describes a parameter's valid range for messages: `> 0`, `between 0 and 1`, `<= 10`, `any number`. */
export function describeRange(spec: ParameterSpec): string {
  const lower = spec.min === undefined ? undefined : `${spec.minExclusive ? ">" : ">="} ${spec.min}`;
  if (spec.min !== undefined && spec.max !== undefined && !spec.minExclusive) return `between ${spec.min} and ${spec.max}`;
  if (lower !== undefined && spec.max !== undefined) return `${lower} and <= ${spec.max}`;
  if (lower !== undefined) return lower;
  if (spec.max !== undefined) return `<= ${spec.max}`;
  return "any number";
}

/** Whether `value` lies in the parameter's valid range. */
export function inRange(spec: ParameterSpec, value: number): boolean {
  if (!Number.isFinite(value)) return false;
  if (spec.min !== undefined && (spec.minExclusive ? value <= spec.min : value < spec.min)) return false;
  if (spec.max !== undefined && value > spec.max) return false;
  return true;
}
