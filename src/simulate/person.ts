/**
 * One simulated person, from the scenario to observed prompts and the truth behind them. Browser-safe
 * (no file access): the classroom explorer calls `simulatePerson` directly.
 *
 * ```
 * group + seed + index ─► streams ─► drawPerson ─► LatentProcess (burn-in, then the study)
 *                                                   │ stressors, acts, skill uses
 *   schedule (per day) ─► prompt decisions (compliance at A) ─► responses (items at the answer)
 *                                                   ▼
 *                  PersonResult: parameters, covariates, prompts (observed + latent), events, summary
 * ```
 */
import { EmotionComponents, respond } from "../design/items.js";
import { answerProbability, answerWindowMinutes, responseDelayMinutes } from "../design/compliance.js";
import { SECONDS_PER_DAY, hourOfDay, studyDay } from "../design/clock.js";
import { isPromptDay, scheduleDay } from "../design/schedule.js";
import { fixedPoints, inCascade, urge, type FixedPointAnalysis } from "../model/drift.js";
import { LatentProcess, effectiveReactivity, type LatentEvent, type LatentState } from "../model/latent.js";
import type { PersonParameters } from "../model/parameters.js";
import { drawPerson, type PersonCovariates } from "../population/draw.js";
import { personStreams } from "../random/stream.js";
import { hoursOfDay, type Scenario } from "../scenario/schema.js";
import { slowProcessFor } from "../treatment/curves.js";

/**
 * A slow process (treatment, recovery; MODEL.md section 4): every `everyHours` of study time it may
 * return new parameter values, which the latent process uses from then on.
 */
export interface SlowProcess {
  /** How often `update` is called, in hours of study time (for example 1 or 24). */
  everyHours: number;
  /**
   * The parameters to use from `hours` on, or undefined to keep the current ones.
   * @param drawn the person's parameters as drawn (never modified)
   * @param current the parameters in use
   * @param hours hours since the start of the study
   * @param state the latent state at that moment
   */
  update(drawn: Readonly<PersonParameters>, current: Readonly<PersonParameters>, hours: number, state: LatentState): PersonParameters | undefined;
}

export interface SimulatePersonOptions {
  /** The group, by name or index in `scenario.groups`. */
  group: string | number;
  /** The person's index within the group, 0-based: person i of a group is the same in every run. */
  indexInGroup: number;
  /** Seed of the random streams; default the scenario's seed. */
  seed?: number;
  /** Study length in days; default the scenario's. */
  days?: number;
  /** Also record the latent trajectory every this many minutes (a multiple of the grid step). */
  trajectoryEveryMinutes?: number;
  /**
   * Parameters that change over time. Default: the group's `processes` (treatment, recovery), if any,
   * updated daily (src/treatment/curves.ts).
   */
  slowProcess?: SlowProcess;
  /**
   * Which study days (1-based) have signal-contingent prompts; default the design's bursts. On other
   * days only the latent process runs (no prompt rows are built), which keeps years-long horizons
   * cheap (cascade trial's assessment bursts).
   */
  promptDays?: (day: number) => boolean;
}

/** The latent truth at one prompt. */
export interface PromptTruth extends LatentState {
  /** The urge U, 0..1. */
  U: number;
  /** In the cascade state (R > h). */
  cascade: boolean;
}

/** One prompt: a row of observed.csv and of truth/prompts.csv. */
export interface PromptRecord {
  /** Study day (1-based) of the scheduled time. */
  day: number;
  /** Order of the prompt within its day, 1-based, counting every prompt (answered or not). */
  beep: number;
  /** `signal` (scheduled by the design) or `event` (a report after an NSSI act). */
  trigger: "signal" | "event";
  /** Scheduled time, whole seconds since the study start. */
  scheduledSeconds: number;
  answered: boolean;
  /** Time of the answer, whole seconds since the study start; undefined when missed. */
  respondedSeconds?: number;
  /** The moment the latent values describe: the answer's time when answered, else the scheduled time (hours since study start). */
  measuredHours: number;
  latent: PromptTruth;
  /** Observed item values in `design.items` order; undefined when missed. */
  items: (number | undefined)[];
}

/** An event of the study period (burn-in events are not reported). */
export type PersonEvent = LatentEvent;

/** Per-person figures of the truth. */
export interface PersonSummary {
  /** NSSI acts during the study. */
  acts: number;
  /** Acts per 7 days. */
  actsPerWeek: number;
  /** Stressors of all kinds during the study. */
  stressors: number;
  /** Skill uses during the study. */
  skillUses: number;
  /** Share of the study's grid steps in the cascade state (R > h). */
  cascadeShare: number;
  /** Mean and SD of A, mean of R, over the study's grid steps. */
  meanA: number;
  sdA: number;
  meanR: number;
  /** Rows of observed.csv (prompts of both triggers). */
  prompts: number;
  /** Signal-contingent prompts and how many were answered. */
  signalPrompts: number;
  answeredSignalPrompts: number;
  /** Reinforcement strength W at the end of the study. */
  finalW: number;
  /** reactivity (1 + traumaReactivity trauma). */
  effectiveReactivity: number;
}

export interface PersonResult {
  /** Index of the group in `scenario.groups`. */
  groupIndex: number;
  group: string;
  indexInGroup: number;
  /** Parameters as drawn (before any slow process). */
  parameters: PersonParameters;
  covariates: PersonCovariates;
  /** Fixed points of the drift at the drawn parameters (S = 0). */
  fixedPoints: FixedPointAnalysis;
  prompts: PromptRecord[];
  events: PersonEvent[];
  summary: PersonSummary;
  /** The latent path at every `trajectoryEveryMinutes`, from the study start to its end, when asked for. */
  trajectory?: { hours: Float64Array; A: Float64Array; R: Float64Array; S: Float64Array; W: Float64Array };
}

/** A moment the simulation must stop at. */
interface Moment {
  seconds: number;
  sequence: number;
  kind: "decide" | "measure" | "end";
  prompt?: PromptRecord;
}

/** Moments in time order (ties in insertion order). Insertions are rare, so a sorted array will do. */
class MomentQueue {
  private readonly items: Moment[] = [];
  private sequence = 0;

  push(moment: Omit<Moment, "sequence">): void {
    const entry = { ...moment, sequence: this.sequence++ };
    let low = 0;
    let high = this.items.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      const other = this.items[mid];
      if (other.seconds < entry.seconds || (other.seconds === entry.seconds && other.sequence < entry.sequence)) low = mid + 1;
      else high = mid;
    }
    this.items.splice(low, 0, entry);
  }

  peek(): Moment | undefined {
    return this.items[0];
  }

  shift(): Moment | undefined {
    return this.items.shift();
  }
}

/** Resolves a group given by name or index. */
function findGroup(scenario: Scenario, group: string | number): number {
  const index = typeof group === "number" ? group : scenario.groups.findIndex((g) => g.name === group);
  if (!(index >= 0 && index < scenario.groups.length)) throw new RangeError(`simulatePerson: no group ${JSON.stringify(group)} in scenario ${scenario.name}`);
  return index;
}

/**
 * Simulates one person of a scenario.
 *
 * The person's random streams are derived from (seed, group name or `samePersonsAs`, index within
 * the group), so the result is the same in every run, in any order, in any worker, in the browser.
 */
export function simulatePerson(scenario: Scenario, options: SimulatePersonOptions): PersonResult {
  const groupIndex = findGroup(scenario, options.group);
  const group = scenario.groups[groupIndex];
  const design = group.design;
  const seed = options.seed ?? scenario.seed;
  const days = options.days ?? scenario.days;
  const streams = personStreams(seed, group.samePersonsAs ?? group.name, options.indexInGroup);
  const drawn = drawPerson(group, streams.parameters);
  const { covariates } = drawn;
  const dtMinutes = scenario.simulation.dtMinutes;
  const studyEndSeconds = days * SECONDS_PER_DAY;
  const analysis = fixedPoints(drawn.parameters);

  const latent = new LatentProcess(
    { ...drawn.parameters },
    {
      dtMinutes,
      wakeHour: hoursOfDay(scenario.clock.wake),
      sleepHour: hoursOfDay(scenario.clock.sleep),
      startHours: -scenario.simulation.burnInHours,
      covariates: { trauma: covariates.trauma, ptsd: covariates.ptsd },
      initial: LatentProcess.calmState(drawn.parameters, analysis),
    },
    streams,
  );
  latent.advance(0);
  latent.resetCounters();
  latent.clearEvents();

  // Trajectory and slow-process checkpoints, in grid steps.
  const trajectoryEvery = options.trajectoryEveryMinutes === undefined ? undefined : Math.max(1, Math.round(options.trajectoryEveryMinutes / dtMinutes));
  const trajectory = { hours: [] as number[], A: [] as number[], R: [] as number[], S: [] as number[], W: [] as number[] };
  const recordTrajectory = (): void => {
    const state = latent.state();
    trajectory.hours.push(latent.hours);
    trajectory.A.push(state.A);
    trajectory.R.push(state.R);
    trajectory.S.push(state.S);
    trajectory.W.push(state.W);
  };
  if (trajectoryEvery !== undefined) recordTrajectory();
  let nextTrajectoryStep = trajectoryEvery ?? Infinity;
  const slowProcess = options.slowProcess ?? slowProcessFor(group.processes);
  const slowEvery = slowProcess === undefined ? undefined : Math.max(1, Math.round((slowProcess.everyHours * 60) / dtMinutes));
  let nextSlowStep = 0;
  const frozenDrawn = Object.freeze({ ...drawn.parameters });
  const applySlowProcess = (): void => {
    if (!slowProcess) return;
    const next = slowProcess.update(frozenDrawn, latent.currentParameters, latent.hours, latent.state());
    if (next !== undefined) latent.setParameters(next);
  };
  const studyEndStep = latent.stepAt(studyEndSeconds / 3600);

  /** Advances to `target`, stopping at checkpoints on the way; true when stopped by an act. */
  const advanceTo = (target: number, stopAtAct: boolean): boolean => {
    while (latent.step < target) {
      if (slowEvery !== undefined && latent.step >= nextSlowStep) {
        applySlowProcess();
        nextSlowStep += slowEvery;
      }
      const next = Math.min(target, nextTrajectoryStep, slowEvery === undefined ? Infinity : nextSlowStep);
      const stopped = latent.advance(next, stopAtAct);
      if (latent.step === nextTrajectoryStep && trajectoryEvery !== undefined) {
        if (latent.step <= studyEndStep) recordTrajectory();
        nextTrajectoryStep += trajectoryEvery;
      }
      if (stopped) return true;
    }
    return false;
  };

  // Signal-contingent prompts, day by day from the schedule stream.
  const queue = new MomentQueue();
  const prompts: PromptRecord[] = [];
  const newPrompt = (seconds: number, trigger: PromptRecord["trigger"]): PromptRecord => ({
    day: studyDay(seconds),
    beep: 0,
    trigger,
    scheduledSeconds: seconds,
    answered: false,
    measuredHours: seconds / 3600,
    latent: { A: 0, R: 0, S: 0, W: 0, U: 0, cascade: false },
    items: [],
  });
  for (let day = 1; day <= days; day++) {
    if (!(options.promptDays ? options.promptDays(day) : isPromptDay(design.bursts, day))) continue;
    for (const hour of scheduleDay(design.schedule, streams.schedule)) {
      const prompt = newPrompt((day - 1) * SECONDS_PER_DAY + Math.round(hour * 3600), "signal");
      prompts.push(prompt);
      queue.push({ seconds: prompt.scheduledSeconds, kind: "decide", prompt });
    }
  }
  queue.push({ seconds: studyEndSeconds, kind: "end" });
  // Each signal prompt stays open until it expires or the next one arrives (answerWindowMinutes).
  const nextSignalSeconds = new Map<PromptRecord, number>();
  for (let i = 0; i < prompts.length; i++) nextSignalSeconds.set(prompts[i], i + 1 < prompts.length ? prompts[i + 1].scheduledSeconds : Infinity);
  /** The answer time of the last answered signal prompt (an event report due before it waits until after it). */
  let lastAnswerSeconds = -Infinity;

  const personEffect = design.compliance.personSd * streams.compliance.normal();
  const emotionItems = design.items.map((item, index) => (item.kind === "emotion" ? index : -1)).filter((index) => index >= 0);
  const emotions = new EmotionComponents(emotionItems.length);
  const eventContingent = design.eventContingent;

  const truthNow = (): PromptTruth => {
    const state = latent.state();
    const p = latent.currentParameters;
    return { ...state, U: urge(p, state.A, state.R), cascade: inCascade(p, state.R) };
  };

  const measure = (prompt: PromptRecord): void => {
    const truth = truthNow();
    const p = latent.currentParameters;
    prompt.latent = truth;
    prompt.measuredHours = latent.hours;
    const components = emotions.at(latent.hours, p.thetaE, streams.emotions);
    let emotionIndex = 0;
    prompt.items = design.items.map((item) => {
      if (item.kind === "nssi") return undefined; // filled in once every act is known
      let quantity: number;
      switch (item.kind) {
        case "emotion":
          quantity = Math.sqrt(1 - p.delta) * truth.A + Math.sqrt(p.delta) * components[emotionIndex++];
          break;
        case "affect":
          quantity = truth.A;
          break;
        case "rumination":
          quantity = truth.R;
          break;
        case "urge":
          quantity = truth.U;
          break;
        case "stress":
          quantity = truth.S;
          break;
      }
      return respond(item, quantity, streams.responses.normal());
    });
  };

  let studyCounters: typeof latent.counters | undefined;
  for (let moment = queue.peek(); moment !== undefined; moment = queue.peek()) {
    const stoppedByAct = advanceTo(latent.stepAt(moment.seconds / 3600), eventContingent.enabled);
    if (stoppedByAct) {
      const act = latent.events[latent.events.length - 1];
      if (streams.compliance.bernoulli(eventContingent.compliance)) {
        const seconds = Math.round(act.hours * 3600 + eventContingent.delayMinutes * 60 * streams.compliance.exponential());
        if (seconds < studyEndSeconds) {
          const prompt = newPrompt(seconds, "event");
          prompt.answered = true;
          prompt.respondedSeconds = seconds;
          prompts.push(prompt);
          queue.push({ seconds, kind: "measure", prompt });
        }
      }
      continue;
    }
    queue.shift();
    if (moment.kind === "end") {
      studyCounters = { ...latent.counters };
    } else if (moment.kind === "decide" && moment.prompt) {
      const prompt = moment.prompt;
      const state = latent.state();
      const probability = answerProbability(design.compliance, personEffect, prompt.day, hourOfDay(prompt.scheduledSeconds), state.A);
      if (streams.compliance.uniform() < probability) {
        prompt.answered = true;
        const window = answerWindowMinutes(design.response, prompt.scheduledSeconds, nextSignalSeconds.get(prompt) ?? Infinity);
        prompt.respondedSeconds = prompt.scheduledSeconds + Math.round(60 * responseDelayMinutes(design.response, streams.compliance, window));
        lastAnswerSeconds = prompt.respondedSeconds;
        queue.push({ seconds: prompt.respondedSeconds, kind: "measure", prompt });
      } else {
        prompt.latent = truthNow();
        prompt.measuredHours = latent.hours;
      }
    } else if (moment.kind === "measure" && moment.prompt) {
      const prompt = moment.prompt;
      if (prompt.trigger === "event" && moment.seconds <= lastAnswerSeconds) {
        // An event report due while a signal prompt is still open is made just after that answer,
        // so answer times keep increasing; one falling past the study end is dropped.
        const seconds = lastAnswerSeconds + 1;
        if (seconds < studyEndSeconds) {
          Object.assign(prompt, { scheduledSeconds: seconds, respondedSeconds: seconds, day: studyDay(seconds), measuredHours: seconds / 3600 });
          queue.push({ seconds, kind: "measure", prompt });
        } else {
          prompts.splice(prompts.indexOf(prompt), 1);
        }
        continue;
      }
      measure(prompt);
    }
  }
  const counters = studyCounters ?? latent.counters;

  // Beeps in time order within each day; NSSI counts once every act is known.
  prompts.sort((a, b) => a.scheduledSeconds - b.scheduledSeconds || (a.trigger === b.trigger ? 0 : a.trigger === "signal" ? -1 : 1));
  let beep = 0;
  let previousDay = 0;
  for (const prompt of prompts) {
    beep = prompt.day === previousDay ? beep + 1 : 1;
    previousDay = prompt.day;
    prompt.beep = beep;
  }
  const events = latent.events.filter((event) => event.hours * 3600 < studyEndSeconds);
  const actSeconds = events.filter((event) => event.kind === "nssi").map((event) => event.hours * 3600);
  const nssiItems = design.items.map((item, index) => (item.kind === "nssi" ? index : -1)).filter((index) => index >= 0);
  if (nssiItems.length > 0) {
    let windowStart = -Infinity;
    for (const prompt of prompts) {
      const reference = prompt.answered ? (prompt.respondedSeconds ?? prompt.scheduledSeconds) : prompt.scheduledSeconds;
      if (prompt.answered) {
        const count = actSeconds.filter((seconds) => seconds > windowStart && seconds <= reference).length;
        for (const index of nssiItems) prompt.items[index] = count;
      }
      if (prompt.answered || design.nssiWindow === "previous-prompt") windowStart = reference;
    }
  }

  const signal = prompts.filter((prompt) => prompt.trigger === "signal");
  const acts = events.filter((event) => event.kind === "nssi").length;
  const meanA = counters.steps > 0 ? counters.sumA / counters.steps : Number.NaN;
  const summary: PersonSummary = {
    acts,
    actsPerWeek: (acts * 7) / days,
    stressors: events.filter((event) => event.kind === "stressor" || event.kind === "rejection" || event.kind === "reminder").length,
    skillUses: events.filter((event) => event.kind === "skill").length,
    cascadeShare: counters.steps > 0 ? counters.cascadeSteps / counters.steps : Number.NaN,
    meanA,
    sdA: counters.steps > 1 ? Math.sqrt(Math.max(0, (counters.sumSquaresA - counters.steps * meanA * meanA) / (counters.steps - 1))) : Number.NaN,
    meanR: counters.steps > 0 ? counters.sumR / counters.steps : Number.NaN,
    prompts: prompts.length,
    signalPrompts: signal.length,
    answeredSignalPrompts: signal.filter((prompt) => prompt.answered).length,
    finalW: latent.state().W,
    effectiveReactivity: effectiveReactivity(drawn.parameters, covariates.trauma),
  };

  const result: PersonResult = {
    groupIndex,
    group: group.name,
    indexInGroup: options.indexInGroup,
    parameters: drawn.parameters,
    covariates,
    fixedPoints: analysis,
    prompts,
    events,
    summary,
  };
  if (trajectoryEvery !== undefined) {
    result.trajectory = {
      hours: Float64Array.from(trajectory.hours),
      A: Float64Array.from(trajectory.A),
      R: Float64Array.from(trajectory.R),
      S: Float64Array.from(trajectory.S),
      W: Float64Array.from(trajectory.W),
    };
  }
  return result;
}
