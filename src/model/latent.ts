/**
 * The latent process of one person: negative affect A, rumination R, stress input S and
 * reinforcement strength W, with stressors, NSSI acts and skill uses (MODEL.md sections 1-3).
 *
 * Integration: Euler-Maruyama on a grid of `dtMinutes` (time in hours, t = step * dt):
 *
 * ```
 * A' = A + [-thetaA (A - muA) + g sig(k (R - h)) + S] dt + sigmaA sqrt(dt) Z1,   g = wRA (1 - eps delta)
 * R' = R + [-thetaR (R - muR) + wAR sig(k (A - h))] dt   + sigmaR sqrt(dt) Z2
 * S' = S exp(-thetaS dt)          (exact decay between stressor impulses)
 * W' = W exp(-wDecay dt / 24)     (exact extinction between acts; wDecay is per day)
 * ```
 *
 * Events, all on the grid (an event falling inside a step happens at its end):
 * - stressors: a Poisson process in waking time with rate stressRate + rejectionRate (+ the PTSD
 *   reminder rate for persons with PTSD). Arrivals are drawn as exponential waiting times measured in
 *   integrated rate (an Exp(1) budget spent at the current rate while awake), so a rate that changes
 *   over time (a slow process calling `setParameters`) is honoured exactly. The kind of each stressor
 *   is drawn in proportion to the rates, its magnitude is exponential.
 * - NSSI acts and skill uses: point processes with state-dependent hazards, simulated by the
 *   integrated-hazard (time-change) method: each draws an Exp(1) threshold and accumulates
 *   hazard * dt (hazard at the start of the step) until it crosses. This needs one exponential per
 *   event rather than a uniform per step, and is exact for a hazard that is constant within a step.
 *   NSSI hazard: exp(b0 + bA A + bR R + nu max(0, A - aStar) + W) while awake and not within
 *   refractoryHours of the last act. Skill hazard: cK K while awake and A > aStar.
 * - an act: A -= rhoA, R -= rhoR, S += shame, W += alpha (relief - W) with relief = rhoA (the drop
 *   in A); a skill use: A -= rhoSkill.
 *
 * Randomness: the two noise terms come from the person's `noiseA` and `noiseR` streams, one standard
 * normal per step each (ziggurat over Alea, stepped inline below for speed; the same numbers as
 * `RandomStream.normal()`), stressors from `stress`, thresholds from `nssi` and `skills`. The latent
 * path is therefore the same whatever the ESM design.
 *
 * Parameters that change over time (treatment, recovery): call `setParameters` between `advance`
 * calls (for example at every simulated hour or day); the integrator reads the new values from the
 * next step on. Nothing else needs to change.
 */
import { CARRY, S0, S1, S2, aleaState } from "../random/alea.js";
import type { RandomStream } from "../random/stream.js";
import { ZIGGURAT_K, ZIGGURAT_W, zigguratSlowPath } from "../random/ziggurat.js";
import { fixedPoints, type FixedPointAnalysis } from "./drift.js";
import { EXP_LAST, EXP_LOW, EXP_SCALE, EXP_TABLE, SIGMOID_LAST, SIGMOID_LOW, SIGMOID_SCALE, SIGMOID_TABLE } from "./fast-math.js";
import type { PersonParameters } from "./parameters.js";

/** The latent state at one moment. */
export interface LatentState {
  /** Negative affect. */
  A: number;
  /** Rumination. */
  R: number;
  /** Stress input. */
  S: number;
  /** Reinforcement strength of NSSI (log-hazard units). */
  W: number;
}

export type LatentEventKind = "stressor" | "rejection" | "reminder" | "nssi" | "skill";

/** Something that happened to the latent state. */
export interface LatentEvent {
  /** `stressor` (everyday), `rejection` (interpersonal), `reminder` (PTSD trauma reminder), `nssi` (an act), `skill` (a skill use). */
  kind: LatentEventKind;
  /** Grid step of the event. */
  step: number;
  /** Hours since the start of the study (negative during burn-in). */
  hours: number;
  /** Stressors: the impulse added to S. NSSI: the relief (drop in A). Skills: the drop in A. */
  magnitude: number;
  before: LatentState;
  after: LatentState;
}

/** Running totals over the steps integrated since the last `resetCounters()`. */
export interface LatentCounters {
  steps: number;
  /** Steps starting in the cascade state (R > h); the sums below are over the same states. */
  cascadeSteps: number;
  sumA: number;
  sumSquaresA: number;
  sumR: number;
  acts: number;
  skillUses: number;
  stressors: number;
}

export interface LatentOptions {
  /** Grid step in minutes; must divide 1440. */
  dtMinutes: number;
  /** Waking hours within each day, in hours after midnight. */
  wakeHour: number;
  sleepHour: number;
  /** Hours since study start of the first step (negative: burn-in). Default 0. */
  startHours?: number;
  /** Covariates the dynamics use. */
  covariates: { trauma: number; ptsd: 0 | 1 };
  /** Initial state; default the calm attractor (S = 0, W = W0). */
  initial?: LatentState;
}

/** The random streams the latent process draws from. */
export interface LatentStreams {
  noiseA: RandomStream;
  noiseR: RandomStream;
  stress: RandomStream;
  nssi: RandomStream;
  skills: RandomStream;
}

const STOP_NONE = 0;
const STOP_ACT = 1;
const STOP_SKILL = 2;

// Indices into the integrator's coefficients (`LatentProcess.setParameters` computes them).
const K_DT = 0; // the step in hours
const K_A_KEEP = 1; // 1 - thetaA dt
const K_A_SHIFT = 2; // thetaA muA dt
const K_COUPLING_A = 3; // wRA (1 - eps delta) dt
const K_R_KEEP = 4; // 1 - thetaR dt
const K_R_SHIFT = 5; // thetaR muR dt
const K_COUPLING_R = 6; // wAR dt
const K_SIGMOID_SCALE = 7; // k SIGMOID_SCALE
const K_SIGMOID_SHIFT = 8; // (-k h - SIGMOID_LOW) SIGMOID_SCALE
const K_NOISE_A = 9; // sigmaA sqrt(dt)
const K_NOISE_R = 10; // sigmaR sqrt(dt)
const K_DECAY_S = 11; // exp(-thetaS dt)
const K_DECAY_W = 12; // exp(-wDecay dt / 24)
const K_HAZARD_SHIFT = 13; // (b0 - EXP_LOW) EXP_SCALE
const K_HAZARD_A = 14; // bA EXP_SCALE
const K_HAZARD_R = 15; // bR EXP_SCALE
const K_HAZARD_NU = 16; // nu EXP_SCALE
const K_A_STAR = 17; // aStar
const K_SKILL_STEP = 18; // cK K dt
const COEFFICIENTS = 19;

// Indices into the loop's inputs and outputs: budgets and thresholds, the current and the last step
// (in), budgets spent, the step reached and the stretch's totals (out).
const L_NSSI_SPENT = 0;
const L_SKILL_SPENT = 1;
const L_NSSI_THRESHOLD = 2;
const L_SKILL_THRESHOLD = 3;
const L_REFRACTORY_END = 4;
const L_STEP = 5;
const L_END_STEP = 6;
const L_CASCADE_STEPS = 7;
const L_SUM_A = 8;
const L_SUM_SQUARES_A = 9;
const L_SUM_R = 10;
const LOOP_SLOTS = 11;

/** The effective stress reactivity: reactivity (1 + traumaReactivity trauma). */
export function effectiveReactivity(parameters: Pick<PersonParameters, "reactivity" | "traumaReactivity">, trauma: number): number {
  return parameters.reactivity * (1 + parameters.traumaReactivity * trauma);
}

/** One person's latent process, advanced step by step on demand. */
export class LatentProcess {
  /** Events since construction (or since `clearEvents()`), in time order. */
  readonly events: LatentEvent[] = [];
  readonly counters: LatentCounters = { steps: 0, cascadeSteps: 0, sumA: 0, sumSquaresA: 0, sumR: 0, acts: 0, skillUses: 0, stressors: 0 };

  private parameters: PersonParameters;
  private readonly covariates: { trauma: number; ptsd: 0 | 1 };
  private readonly streams: LatentStreams;
  private readonly dtMinutes: number;
  private readonly dtHours: number;
  private readonly stepsPerDay: number;
  private readonly wakeOffset: number;
  private readonly sleepOffset: number;

  // State: [A, R, S, W] and the current grid step.
  private readonly x = new Float64Array(4);
  private currentStep: number;

  // Point-process budgets (Exp(1) thresholds and what has been spent of them).
  private nssiThreshold: number;
  private nssiSpent = 0;
  private skillThreshold: number;
  private skillSpent = 0;
  private stressBudget: number;
  private refractoryEndStep: number;

  // Derived constants (see setParameters): the integrator's coefficients, and those of the events.
  private readonly coefficients = new Float64Array(COEFFICIENTS);
  private stressRateTotal = 0;
  private refractorySteps = 0;
  private reactivity = 0;
  /** The integrator's budgets, thresholds and totals on their way in and out (see `integrateSteps`). */
  private readonly loop = new Float64Array(LOOP_SLOTS);

  constructor(parameters: PersonParameters, options: LatentOptions, streams: LatentStreams) {
    this.covariates = options.covariates;
    this.streams = streams;
    this.dtMinutes = options.dtMinutes;
    this.dtHours = options.dtMinutes / 60;
    this.stepsPerDay = Math.round(1440 / options.dtMinutes);
    this.wakeOffset = Math.round((options.wakeHour * 60) / options.dtMinutes);
    this.sleepOffset = Math.round((options.sleepHour * 60) / options.dtMinutes);
    this.currentStep = Math.round(((options.startHours ?? 0) * 60) / options.dtMinutes);
    this.parameters = parameters;
    this.setParameters(parameters);
    const initial = options.initial ?? LatentProcess.calmState(parameters);
    this.x[0] = initial.A;
    this.x[1] = initial.R;
    this.x[2] = initial.S;
    this.x[3] = initial.W;
    this.nssiThreshold = streams.nssi.exponential();
    this.skillThreshold = streams.skills.exponential();
    this.stressBudget = streams.stress.exponential();
    this.refractoryEndStep = -Infinity;
  }

  /**
   * The calm attractor of `parameters` (or the lowest attractor, or the home base), with S = 0 and
   * W = W0. Pass the fixed-point analysis when it is already at hand.
   */
  static calmState(parameters: PersonParameters, analysis: FixedPointAnalysis = fixedPoints(parameters)): LatentState {
    const calm = analysis.calm ?? analysis.points.find((p) => p.stable);
    return { A: calm?.A ?? parameters.muA, R: calm?.R ?? parameters.muR, S: 0, W: parameters.W0 };
  }

  /**
   * Uses new parameter values from the next step on (for slow processes: treatment, recovery).
   * The state, the event budgets already spent and the refractory period carry over.
   */
  setParameters(parameters: PersonParameters): void {
    const p = parameters;
    this.parameters = p;
    const dt = this.dtHours;
    const sqrtDt = Math.sqrt(dt);
    this.reactivity = effectiveReactivity(p, this.covariates.trauma);
    this.stressRateTotal = p.stressRate + p.rejectionRate + (this.covariates.ptsd === 1 ? p.ptsdReminderRate : 0);
    this.refractorySteps = Math.round((p.refractoryHours * 60) / this.dtMinutes);
    // The inner loop's constants, folded so that few values stay live in it (see `integrateSteps`):
    // the Euler step is A' = aKeep A + aShift + couplingA sig + S dt + noise with aKeep = 1 - thetaA dt
    // and aShift = thetaA muA dt; table positions are affine in A and R.
    const c = this.coefficients;
    c[K_DT] = dt;
    c[K_A_KEEP] = 1 - p.thetaA * dt;
    c[K_A_SHIFT] = p.thetaA * p.muA * dt;
    c[K_COUPLING_A] = p.wRA * (1 - p.eps * p.delta) * dt;
    c[K_R_KEEP] = 1 - p.thetaR * dt;
    c[K_R_SHIFT] = p.thetaR * p.muR * dt;
    c[K_COUPLING_R] = p.wAR * dt;
    // Logistic table position of k (x - h): (k (x - h) - SIGMOID_LOW) SIGMOID_SCALE = x kScale + kShift.
    c[K_SIGMOID_SCALE] = p.k * SIGMOID_SCALE;
    c[K_SIGMOID_SHIFT] = (-p.k * p.h - SIGMOID_LOW) * SIGMOID_SCALE;
    c[K_NOISE_A] = p.sigmaA * sqrtDt;
    c[K_NOISE_R] = p.sigmaR * sqrtDt;
    c[K_DECAY_S] = Math.exp(-p.thetaS * dt);
    c[K_DECAY_W] = Math.exp((-p.wDecay * dt) / 24);
    // Exponential table position of the NSSI log-hazard eta: (eta - EXP_LOW) EXP_SCALE.
    c[K_HAZARD_SHIFT] = (p.b0 - EXP_LOW) * EXP_SCALE;
    c[K_HAZARD_A] = p.bA * EXP_SCALE;
    c[K_HAZARD_R] = p.bR * EXP_SCALE;
    c[K_HAZARD_NU] = p.nu * EXP_SCALE;
    c[K_A_STAR] = p.aStar;
    c[K_SKILL_STEP] = p.cK * p.K * dt;
  }

  /** The parameters in use. */
  get currentParameters(): PersonParameters {
    return this.parameters;
  }

  /** The current grid step (step 0 is midnight at the start of study day 1). */
  get step(): number {
    return this.currentStep;
  }

  /** Hours since the start of the study. */
  get hours(): number {
    return (this.currentStep * this.dtMinutes) / 60;
  }

  /** Grid steps per hour. */
  get stepsPerHour(): number {
    return 60 / this.dtMinutes;
  }

  /** The first grid step at or after `hours` since study start. */
  stepAt(hours: number): number {
    return Math.ceil((hours * 60) / this.dtMinutes - 1e-9);
  }

  /** The current state. */
  state(): LatentState {
    return { A: this.x[0], R: this.x[1], S: this.x[2], W: this.x[3] };
  }

  /** Zeroes the running totals (after burn-in). */
  resetCounters(): void {
    const c = this.counters;
    c.steps = c.cascadeSteps = c.sumA = c.sumSquaresA = c.sumR = c.acts = c.skillUses = c.stressors = 0;
  }

  /** Forgets the events recorded so far (after burn-in). */
  clearEvents(): void {
    this.events.length = 0;
  }

  /**
   * Integrates up to grid step `targetStep`. With `stopAtAct`, returns true as soon as an NSSI act
   * has happened (the process stands at the act, which is the last entry of `events`); otherwise
   * returns false when the target is reached.
   */
  advance(targetStep: number, stopAtAct = false): boolean {
    while (this.currentStep < targetStep) {
      const step = this.currentStep;
      const dayStart = Math.floor(step / this.stepsPerDay) * this.stepsPerDay;
      const wake = dayStart + this.wakeOffset;
      const sleep = dayStart + this.sleepOffset;
      if (step < wake || step >= sleep) {
        this.integrate(Math.min(targetStep, step < wake ? wake : dayStart + this.stepsPerDay), false);
        continue;
      }
      let end = Math.min(targetStep, sleep);
      const ratePerStep = this.stressRateTotal * this.dtHours;
      let arrival = Infinity;
      if (ratePerStep > 0) {
        arrival = step + Math.max(1, Math.ceil(this.stressBudget / ratePerStep));
        if (arrival < end) end = arrival;
      }
      const stop = this.integrate(end, true);
      this.stressBudget -= (this.currentStep - step) * ratePerStep;
      if (this.currentStep === arrival) this.applyStressor();
      if (stop === STOP_ACT) {
        this.applyAct();
        if (stopAtAct) return true;
      } else if (stop === STOP_SKILL) {
        this.applySkill();
      }
    }
    return false;
  }

  /**
   * Euler-Maruyama steps up to `endStep` (see `integrateSteps`, which does the work): hands the loop
   * its budgets and thresholds, then takes back the step reached, the budgets spent and the totals.
   * Returns STOP_NONE, STOP_ACT or STOP_SKILL.
   */
  private integrate(endStep: number, waking: boolean): number {
    const loop = this.loop;
    const startStep = this.currentStep;
    loop[L_NSSI_SPENT] = this.nssiSpent;
    loop[L_SKILL_SPENT] = this.skillSpent;
    loop[L_NSSI_THRESHOLD] = this.nssiThreshold;
    loop[L_SKILL_THRESHOLD] = this.skillThreshold;
    loop[L_REFRACTORY_END] = this.refractoryEndStep;
    loop[L_STEP] = startStep;
    loop[L_END_STEP] = endStep;
    const stop = integrateSteps(this.coefficients, this.x, loop, this.streams.noiseA.state, this.streams.noiseR.state, waking);
    const step = loop[L_STEP];
    this.nssiSpent = loop[L_NSSI_SPENT];
    this.skillSpent = loop[L_SKILL_SPENT];
    const c = this.counters;
    c.steps += step - startStep;
    c.cascadeSteps += loop[L_CASCADE_STEPS];
    c.sumA += loop[L_SUM_A];
    c.sumSquaresA += loop[L_SUM_SQUARES_A];
    c.sumR += loop[L_SUM_R];
    this.currentStep = step;
    return stop;
  }

  private record(kind: LatentEventKind, magnitude: number, before: LatentState): void {
    this.events.push({ kind, step: this.currentStep, hours: this.hours, magnitude, before, after: this.state() });
  }

  private applyStressor(): void {
    const p = this.parameters;
    const before = this.state();
    const choice = this.streams.stress.uniform() * this.stressRateTotal;
    let kind: LatentEventKind;
    let mean: number;
    if (choice < p.stressRate) {
      kind = "stressor";
      mean = p.stressMagnitude;
    } else if (choice < p.stressRate + p.rejectionRate) {
      kind = "rejection";
      mean = p.rejectionMagnitude * p.rejectionReactivity;
    } else {
      kind = "reminder";
      mean = p.ptsdReminderMagnitude;
    }
    const impulse = this.reactivity * mean * this.streams.stress.exponential();
    this.x[2] += impulse;
    this.stressBudget = this.streams.stress.exponential();
    this.counters.stressors += 1;
    this.record(kind, impulse, before);
  }

  private applyAct(): void {
    const p = this.parameters;
    const before = this.state();
    this.x[0] -= p.rhoA;
    this.x[1] -= p.rhoR;
    this.x[2] += p.shame;
    const relief = before.A - this.x[0];
    this.x[3] += p.alpha * (relief - this.x[3]);
    this.refractoryEndStep = this.currentStep + this.refractorySteps;
    this.nssiThreshold = this.streams.nssi.exponential();
    this.nssiSpent = 0;
    this.counters.acts += 1;
    this.record("nssi", relief, before);
  }

  private applySkill(): void {
    const before = this.state();
    this.x[0] -= this.parameters.rhoSkill;
    this.skillThreshold = this.streams.skills.exponential();
    this.skillSpent = 0;
    this.counters.skillUses += 1;
    this.record("skill", this.parameters.rhoSkill, before);
  }
}

/**
 * The inner loop: Euler-Maruyama steps from grid step `loop[L_STEP]` up to `loop[L_END_STEP]`,
 * accumulating the point-process hazards when `waking`. Stops early, after the step that crosses a
 * threshold, returning STOP_ACT or STOP_SKILL (else STOP_NONE). Reads the coefficients `c` (see
 * `LatentProcess.setParameters`), the state `x` = [A, R, S, W], the budgets and thresholds in `loop`
 * and the two noise generators' Alea states; writes back the state, the generators, and in `loop` the
 * step reached, the budgets spent and this stretch's totals.
 *
 * Why a function of typed arrays only, outside the class, and why no branch may be left without type
 * feedback (measured with node --trace-opt --trace-deopt --trace-osr, Node 20): V8 compiles this
 * loop twice, once as a whole and once entered in the middle of a long-running call (on-stack
 * replacement, OSR). If the whole-function code is later discarded while the OSR code survives, V8
 * keeps entering the OSR code from the interpreter at every call (about 260,000 calls in a sweep of
 * 24 runs) instead of compiling the function again, and the whole process simulates at half speed.
 * Two things discarded it: a change of the parameter object's hidden class (the first person with an
 * integer parameter, such as nu clamped to 0, after persons with fractions; the OSR code skips the
 * prologue that read the parameters, so it survived), and a branch that had not yet run when the loop
 * was compiled (the ziggurat's negative tail, see `warmUpZigguratSlowPath`). Which happened first,
 * the OSR compilation or one of these, varied from run to run: that made sweeps of identical work
 * take either about 4.5 or about 8.5 s (docs/sweeps.md, Speed). So the loop reads only typed arrays,
 * whose hidden class never changes, and every operation in it has run before it is compiled (the
 * skill budget is added to at every waking step, by 0 when skills are off).
 *
 * Written for speed: state and constants in local variables, the two Alea generators stepped inline
 * with the ziggurat's fast path (the rare slow path is a call), table lookups for the logistic and
 * the hazard's exponential, no allocation. Constants are folded so that few values stay live in the
 * loop (V8 keeps at most 16 doubles in registers); the stress input is carried as S dt, the
 * reinforcement strength as 64 W (EXP_SCALE W, exact), and the NSSI budget in units of dt. The Alea
 * and ziggurat constants are written as literals (see alea.ts and ziggurat.ts).
 */
function integrateSteps(
  c: Float64Array,
  x: Float64Array,
  loop: Float64Array,
  stateA: Float64Array,
  stateR: Float64Array,
  waking: boolean,
): number {
  const dt = c[K_DT];
  const aKeep = c[K_A_KEEP];
  const aShift = c[K_A_SHIFT];
  const couplingA = c[K_COUPLING_A];
  const rKeep = c[K_R_KEEP];
  const rShift = c[K_R_SHIFT];
  const couplingR = c[K_COUPLING_R];
  const kScale = c[K_SIGMOID_SCALE];
  const kShift = c[K_SIGMOID_SHIFT];
  const positionAtThreshold = -SIGMOID_LOW * SIGMOID_SCALE; // position of x = h: R > h iff its position is above this
  const sigmoidLast = SIGMOID_LAST;
  const noiseA = c[K_NOISE_A];
  const noiseR = c[K_NOISE_R];
  const decayS = c[K_DECAY_S];
  const decayW = c[K_DECAY_W];
  const hazardShift = c[K_HAZARD_SHIFT];
  const hazardA = c[K_HAZARD_A];
  const hazardR = c[K_HAZARD_R];
  const hazardNu = c[K_HAZARD_NU];
  const expLast = EXP_LAST;
  const aStar = c[K_A_STAR];
  const skillStep = c[K_SKILL_STEP];
  const skillActive = waking && skillStep > 0;
  const refractoryEnd = loop[L_REFRACTORY_END];
  const nssiLimit = loop[L_NSSI_THRESHOLD] / dt;
  const skillThreshold = loop[L_SKILL_THRESHOLD];
  const zigguratK = ZIGGURAT_K;
  const zigguratW = ZIGGURAT_W;
  const sigmoidTable = SIGMOID_TABLE;
  const expTable = EXP_TABLE;

  let A = x[0];
  let R = x[1];
  let stressDt = x[2] * dt;
  let wScaled = x[3] * EXP_SCALE;
  let nssiSpent = loop[L_NSSI_SPENT] / dt;
  let skillSpent = loop[L_SKILL_SPENT];
  let cascadeSteps = 0;
  let sumA = 0;
  let sumSquaresA = 0;
  let sumR = 0;
  let a0 = stateA[S0];
  let a1 = stateA[S1];
  let a2 = stateA[S2];
  let ac = stateA[CARRY];
  let r0 = stateR[S0];
  let r1 = stateR[S1];
  let r2 = stateR[S2];
  let rc = stateR[CARRY];
  const endStep = loop[L_END_STEP];
  let step = loop[L_STEP];
  let stop = STOP_NONE;

  while (step < endStep) {
    // Hazards over [t, t + dt] at the state at t.
    if (waking) {
      if (step >= refractoryEnd) {
        let position = hazardShift + hazardA * A + hazardR * R + (A > aStar ? hazardNu * (A - aStar) : 0) + wScaled;
        if (position >= 0) {
          if (position > expLast) position = expLast;
          const index = position | 0;
          const r = (position - index) * 0.015625; // 1 / EXP_SCALE
          nssiSpent += expTable[index] * (1 + r * (1 + r * (0.5 + r * (0.16666666666666666 + r * 0.041666666666666664))));
        }
      }
      skillSpent += skillActive && A > aStar ? skillStep : 0; // adding 0 leaves it exactly as it was
    }

    // Two standard normals: Alea step (t = 2091639 s0 + c 2^-32), then the ziggurat's fast path.
    let t = 2091639 * a0 + ac * 2.3283064365386963e-10;
    a0 = a1;
    a1 = a2;
    ac = Math.floor(t);
    a2 = t - ac;
    let j = (a2 * 4294967296 - 2147483648) | 0;
    let layer = j & 127;
    let z1 = j * zigguratW[layer];
    if (!(Math.abs(j) < zigguratK[layer])) {
      stateA[S0] = a0;
      stateA[S1] = a1;
      stateA[S2] = a2;
      stateA[CARRY] = ac;
      z1 = zigguratSlowPath(stateA, j);
      a0 = stateA[S0];
      a1 = stateA[S1];
      a2 = stateA[S2];
      ac = stateA[CARRY];
    }
    t = 2091639 * r0 + rc * 2.3283064365386963e-10;
    r0 = r1;
    r1 = r2;
    rc = Math.floor(t);
    r2 = t - rc;
    j = (r2 * 4294967296 - 2147483648) | 0;
    layer = j & 127;
    let z2 = j * zigguratW[layer];
    if (!(Math.abs(j) < zigguratK[layer])) {
      stateR[S0] = r0;
      stateR[S1] = r1;
      stateR[S2] = r2;
      stateR[CARRY] = rc;
      z2 = zigguratSlowPath(stateR, j);
      r0 = stateR[S0];
      r1 = stateR[S1];
      r2 = stateR[S2];
      rc = stateR[CARRY];
    }

    // The logistic couplings by table lookup (see fast-math.ts).
    let position = R * kScale + kShift;
    cascadeSteps += position > positionAtThreshold ? 1 : 0;
    if (position < 0) position = 0;
    else if (position > sigmoidLast) position = sigmoidLast;
    let index = position | 0;
    let below = sigmoidTable[index];
    const sigR = below + (position - index) * (sigmoidTable[index + 1] - below);
    position = A * kScale + kShift;
    if (position < 0) position = 0;
    else if (position > sigmoidLast) position = sigmoidLast;
    index = position | 0;
    below = sigmoidTable[index];
    const sigA = below + (position - index) * (sigmoidTable[index + 1] - below);

    sumA += A;
    sumSquaresA += A * A;
    sumR += R;
    const nextA = aKeep * A + aShift + couplingA * sigR + stressDt + noiseA * z1;
    R = rKeep * R + rShift + couplingR * sigA + noiseR * z2;
    A = nextA;
    stressDt *= decayS;
    wScaled *= decayW;
    step++;

    if (nssiSpent >= nssiLimit) {
      stop = STOP_ACT;
      break;
    }
    if (skillSpent >= skillThreshold) {
      stop = STOP_SKILL;
      break;
    }
  }

  x[0] = A;
  x[1] = R;
  x[2] = stressDt / dt;
  x[3] = wScaled / EXP_SCALE;
  loop[L_NSSI_SPENT] = nssiSpent * dt;
  loop[L_SKILL_SPENT] = skillSpent;
  stateA[S0] = a0;
  stateA[S1] = a1;
  stateA[S2] = a2;
  stateA[CARRY] = ac;
  stateR[S0] = r0;
  stateR[S1] = r1;
  stateR[S2] = r2;
  stateR[CARRY] = rc;
  loop[L_STEP] = step;
  loop[L_CASCADE_STEPS] = cascadeSteps;
  loop[L_SUM_A] = sumA;
  loop[L_SUM_SQUARES_A] = sumSquaresA;
  loop[L_SUM_R] = sumR;
  return stop;
}

/**
 * Runs the ziggurat's rare branches (the tails on both sides, the wedges) on a scratch generator,
 * once, when this module loads. V8 inlines `zigguratSlowPath` into `integrateSteps`, and a branch
 * that had never run when V8 compiled the loop is compiled as an exit back to the interpreter: the
 * first negative tail drawn after that (about one normal in 3,500) discarded the compiled loop and
 * could leave the slow on-stack-replacement version in use for the rest of the process (see
 * `integrateSteps`). Touches no person's stream, so no simulated number changes.
 */
function warmUpZigguratSlowPath(): void {
  const state = aleaState("cascade-lab/ziggurat-warm-up");
  const beyond = 2147483520; // 2^31 - 128: layer 0 and outside the base layer's fast test, i.e. the tail
  for (let i = 0; i < 64; i++) {
    zigguratSlowPath(state, beyond);
    zigguratSlowPath(state, -beyond);
    zigguratSlowPath(state, beyond + 1 + (i % 126)); // the wedge of layer 1 + i % 126
  }
}
warmUpZigguratSlowPath();
