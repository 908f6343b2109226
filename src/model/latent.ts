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
import { CARRY, S0, S1, S2 } from "../random/alea.js";
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

  // Derived per-step constants (see setParameters).
  private noiseScaleA = 0;
  private noiseScaleR = 0;
  private couplingRA = 0;
  private decayS = 1;
  private decayW = 1;
  private stressRateTotal = 0;
  private skillRate = 0;
  private refractorySteps = 0;
  private reactivity = 0;

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
    const sqrtDt = Math.sqrt(this.dtHours);
    this.noiseScaleA = p.sigmaA * sqrtDt;
    this.noiseScaleR = p.sigmaR * sqrtDt;
    this.couplingRA = p.wRA * (1 - p.eps * p.delta);
    this.decayS = Math.exp(-p.thetaS * this.dtHours);
    this.decayW = Math.exp((-p.wDecay * this.dtHours) / 24);
    this.reactivity = effectiveReactivity(p, this.covariates.trauma);
    this.stressRateTotal = p.stressRate + p.rejectionRate + (this.covariates.ptsd === 1 ? p.ptsdReminderRate : 0);
    this.skillRate = p.cK * p.K;
    this.refractorySteps = Math.round((p.refractoryHours * 60) / this.dtMinutes);
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
   * The inner loop: Euler-Maruyama steps up to `endStep`, accumulating the point-process hazards when
   * `waking`. Stops early, after the step that crosses a threshold, returning STOP_ACT or STOP_SKILL.
   *
   * Written for speed: state and constants in local variables, the two Alea generators stepped inline
   * with the ziggurat's fast path (the rare slow path is a call), table lookups for the logistic and
   * the hazard's exponential, no allocation. Constants are folded so that few values stay live in the
   * loop (V8 keeps at most 16 doubles in registers): the Euler step is written
   * A' = aKeep A + aShift + couplingA sig + S dt + noise with aKeep = 1 - thetaA dt and
   * aShift = thetaA muA dt; table positions are affine in A and R; the stress input is carried as
   * S dt, the reinforcement strength as 64 W (EXP_SCALE W, exact), and the NSSI budget in units of dt.
   * The Alea and ziggurat constants are written as literals (see alea.ts and ziggurat.ts).
   */
  private integrate(endStep: number, waking: boolean): number {
    const p = this.parameters;
    const dt = this.dtHours;
    const aKeep = 1 - p.thetaA * dt;
    const aShift = p.thetaA * p.muA * dt;
    const couplingA = this.couplingRA * dt;
    const rKeep = 1 - p.thetaR * dt;
    const rShift = p.thetaR * p.muR * dt;
    const couplingR = p.wAR * dt;
    // Logistic table position of k (x - h): (k (x - h) - SIGMOID_LOW) SIGMOID_SCALE = x kScale + kShift.
    const kScale = p.k * SIGMOID_SCALE;
    const kShift = (-p.k * p.h - SIGMOID_LOW) * SIGMOID_SCALE;
    const positionAtThreshold = -SIGMOID_LOW * SIGMOID_SCALE; // position of x = h: R > h iff its position is above this
    const sigmoidLast = SIGMOID_LAST;
    const noiseA = this.noiseScaleA;
    const noiseR = this.noiseScaleR;
    const decayS = this.decayS;
    const decayW = this.decayW;
    // Exponential table position of the NSSI log-hazard eta: (eta - EXP_LOW) EXP_SCALE.
    const hazardShift = (p.b0 - EXP_LOW) * EXP_SCALE;
    const hazardA = p.bA * EXP_SCALE;
    const hazardR = p.bR * EXP_SCALE;
    const hazardNu = p.nu * EXP_SCALE;
    const expLast = EXP_LAST;
    const aStar = p.aStar;
    const skillStep = this.skillRate * dt;
    const skillActive = waking && skillStep > 0;
    const refractoryEnd = this.refractoryEndStep;
    const nssiLimit = this.nssiThreshold / dt;
    const skillThreshold = this.skillThreshold;
    const zigguratK = ZIGGURAT_K;
    const zigguratW = ZIGGURAT_W;
    const sigmoidTable = SIGMOID_TABLE;
    const expTable = EXP_TABLE;
    const stateA = this.streams.noiseA.state;
    const stateR = this.streams.noiseR.state;

    let A = this.x[0];
    let R = this.x[1];
    let stressDt = this.x[2] * dt;
    let wScaled = this.x[3] * EXP_SCALE;
    let nssiSpent = this.nssiSpent / dt;
    let skillSpent = this.skillSpent;
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
    let step = this.currentStep;
    const startStep = step;
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
        if (skillActive && A > aStar) skillSpent += skillStep;
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

    this.x[0] = A;
    this.x[1] = R;
    this.x[2] = stressDt / dt;
    this.x[3] = wScaled / EXP_SCALE;
    this.nssiSpent = nssiSpent * dt;
    this.skillSpent = skillSpent;
    stateA[S0] = a0;
    stateA[S1] = a1;
    stateA[S2] = a2;
    stateA[CARRY] = ac;
    stateR[S0] = r0;
    stateR[S1] = r1;
    stateR[S2] = r2;
    stateR[CARRY] = rc;
    const c = this.counters;
    c.steps += step - startStep;
    c.cascadeSteps += cascadeSteps;
    c.sumA += sumA;
    c.sumSquaresA += sumSquaresA;
    c.sumR += sumR;
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
