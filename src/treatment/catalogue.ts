/**
 * The slow processes of MODEL.md section 4 (treatment, recovery, pharmacology): their effects on the
 * person-level parameters and their default curves. One table, read by the scenario schema (which
 * builds one entry of `processes:` per type, with these defaults, ranges and descriptions) and by the
 * curves in `curves.ts`.
 *
 * Every process has a level L(t), 0 at the start of the study, that rises after `startWeek` towards
 * `max` with time constant `tauWeeks`:
 *
 *     L(t) = max (1 - exp(-(t - startWeek) / tauWeeks))     for t >= startWeek (weeks), else 0
 *
 * (MODEL.md: skills K = Kmax (1 - exp(-(t - t0)/tauSkill))). A process with a duration ends at
 * startWeek + durationWeeks; what it built then stays (`fadeWeeks` null) or fades exponentially with
 * time constant `fadeWeeks`. Each effect is per unit of level: see `EFFECTS`. The values and their
 * sources are documented in docs/treatments.md.
 *
 * Browser-safe: no `node:` imports.
 */

/** One effect of a process: how a unit of level L changes a parameter (or functioning). */
export interface EffectSpec {
  description: string;
  /** Valid range of the effect's size. */
  min: number;
  max: number;
}

/**
 * The effects a process can have, per unit of its level L. Additive effects add up over processes
 * and are capped at the parameter's range; multiplicative ones multiply, so their order never matters.
 */
export const EFFECTS = {
  skills: { min: 0, max: 1, description: "Skills K += skills L (capped at 1): alternative coping, a skill use has hazard cK K per hour while A > aStar (MODEL.md section 2). With skills 1, K = drawn K + Kmax (1 - exp(-(t - t0)/tau))." },
  differentiation: { min: 0, max: 1, description: "Emotion differentiation delta += differentiation L (capped at 1): affect labelling (MODEL.md: delta += dDelta K)." },
  urgency: { min: 0, max: 1, description: "Negative urgency nu *= 1 - urgency L: a pause before acting on intense negative affect." },
  extinction: { min: 0, max: 20, description: "Extinction of reinforcement wDecay *= 1 + extinction L: W fades faster without acts." },
  rumination: { min: 0, max: 1, description: "Affect-to-rumination coupling wAR *= 1 - rumination L: insight and self-compassion." },
  stress: { min: 0, max: 1, description: "Everyday stressor rate stressRate *= 1 - stress L: supportive relationships, less loneliness." },
  rejection: { min: 0, max: 1, description: "Reactivity to interpersonal stressors rejectionReactivity *= 1 - rejection L: mentalizing under interpersonal stress." },
  reinforcement: { min: 0, max: 1, description: "Learning rate of negative reinforcement alpha *= 1 - reinforcement L (exploratory: an opioid antagonist blunting the relief's reward)." },
  reactivity: { min: 0, max: 1, description: "Stress reactivity reactivity *= 1 - reactivity L (exploratory: an antidepressant damping stress responses)." },
  functioning: { min: -50, max: 50, description: "Target of psychosocial functioning Ftarget += functioning L, in GAF points: social roles, a life guided by values." },
} as const satisfies Record<string, EffectSpec>;

export type EffectName = keyof typeof EFFECTS;
export const EFFECT_NAMES = Object.keys(EFFECTS) as EffectName[];
export type Effects = Record<EffectName, number>;

/** The defaults of one process type. */
export interface ProcessDefaults {
  description: string;
  /** Pharmacological curves: the evidence is weak, outputs label them exploratory. */
  exploratory: boolean;
  startWeek: number;
  tauWeeks: number;
  max: number;
  durationWeeks: number | null;
  fadeWeeks: number | null;
  effects: Partial<Effects>;
}

/** The process types and their defaults (sources in docs/treatments.md). */
export const PROCESS_TYPES = {
  dbt: {
    description:
      "Dialectical behaviour therapy (Linehan 1993; 12 months standard): skills rise fastest, differentiation rises, urgency falls, reinforcement extinguishes faster; functioning improves only a little.",
    exploratory: false,
    startWeek: 0,
    tauWeeks: 12,
    max: 0.5,
    durationWeeks: 52,
    fadeWeeks: null,
    effects: { skills: 1, differentiation: 0.25, urgency: 0.4, extinction: 3, functioning: 2 },
  },
  mbt: {
    description:
      "Mentalization-based treatment (Bateman & Fonagy; 18 months): reactivity to interpersonal stressors falls and a mentalizing pause lowers urgency, more slowly than DBT skills; social integration and so functioning rise over years.",
    exploratory: false,
    startWeek: 0,
    tauWeeks: 40,
    max: 0.8,
    durationWeeks: 78,
    fadeWeeks: null,
    effects: { rejection: 0.6, urgency: 0.4, differentiation: 0.15, skills: 0.3, stress: 0.2, extinction: 1, functioning: 8 },
  },
  tau: {
    description: "Treatment as usual: small, slow versions of the above (general psychiatric care).",
    exploratory: false,
    startWeek: 0,
    tauWeeks: 26,
    max: 0.3,
    durationWeeks: null,
    fadeWeeks: null,
    effects: { skills: 0.5, differentiation: 0.1, urgency: 0.3, extinction: 1, functioning: 1 },
  },
  recovery: {
    description:
      "Naturalistic recovery without treatment (Hudson et al. 2025): supportive relationships lower the stressor rate, insight and self-compassion lower the rumination coupling wAR, alternative coping raises K, a values-guided life raises functioning; over years.",
    exploratory: false,
    startWeek: 0,
    tauWeeks: 156,
    max: 0.8,
    durationWeeks: null,
    fadeWeeks: null,
    effects: { stress: 0.4, rumination: 0.35, skills: 0.5, differentiation: 0.1, extinction: 1, functioning: 10 },
  },
  naltrexone: {
    description: "Exploratory: an opioid antagonist blunting the reward of relief (alpha falls). The evidence is weak; treat results as thought experiments.",
    exploratory: true,
    startWeek: 0,
    tauWeeks: 1,
    max: 1,
    durationWeeks: null,
    fadeWeeks: 1,
    effects: { reinforcement: 0.5 },
  },
  ssri: {
    description: "Exploratory: an antidepressant damping stress reactivity. The evidence for NSSI is weak; treat results as thought experiments.",
    exploratory: true,
    startWeek: 0,
    tauWeeks: 4,
    max: 1,
    durationWeeks: null,
    fadeWeeks: 4,
    effects: { reactivity: 0.15 },
  },
  custom: {
    description: "A process with no effect until its effects are given: build your own curve.",
    exploratory: false,
    startWeek: 0,
    tauWeeks: 12,
    max: 1,
    durationWeeks: null,
    fadeWeeks: null,
    effects: {},
  },
} as const satisfies Record<string, ProcessDefaults>;

export type ProcessType = keyof typeof PROCESS_TYPES;
export const PROCESS_TYPE_NAMES = Object.keys(PROCESS_TYPES) as ProcessType[];

/** A resolved process: a type, its curve and every effect. */
export interface ProcessSpec {
  type: ProcessType;
  /** Shown in outputs; default the type. */
  label?: string;
  startWeek: number;
  tauWeeks: number;
  max: number;
  durationWeeks: number | null;
  fadeWeeks: number | null;
  effects: Effects;
}
