/**
 * A simulated randomised trial's plan: who is randomised to which arm, when they are assessed, and
 * how long the latent process runs. Built once, in the main thread, from the scenario's `trial:`
 * section and the command-line overrides; the workers receive it whole, so the randomisation never
 * depends on the number of workers.
 *
 * Randomisation: permuted blocks (the usual design of clinical trials). Each block holds every arm
 * `ratio x blockSize / sum(ratios)` times in an order shuffled (Fisher-Yates) with the trial's own
 * random stream, `cascade-lab/v1/<seed>/trial/<population>/randomisation`; the last block is cut short
 * when the persons run out. Person i of the trial is person i of the population group: the same
 * random streams (parameters, noise, stressors) whatever the arm, so arms differ only in what the arm
 * gives (common random numbers across arms; a person's counterfactual in another arm is one run away).
 *
 * Browser-safe: no `node:` imports.
 */
import { CascadeError } from "../errors.js";
import { RandomStream, STREAM_SCHEME } from "../random/stream.js";
import type { Scenario } from "../scenario/schema.js";
import { PROCESS_TYPES, type ProcessSpec } from "../treatment/catalogue.js";

/** One arm as the trial runs it. */
export interface PlannedArm {
  name: string;
  label: string;
  ratio: number;
  /** The population group's processes followed by the arm's own. */
  processes: ProcessSpec[];
  /** True when one of the arm's processes is exploratory (pharmacological curves). */
  exploratory: boolean;
}

/** One assessment: its ESM burst and the NSSI recall window. */
export interface PlannedAssessment {
  name: string;
  week: number;
  /** First and last study day (1-based, inclusive) of the burst. */
  firstDay: number;
  lastDay: number;
  /** The NSSI recall window in hours since study start: [recallStartHours, endHours). */
  recallStartHours: number;
  endHours: number;
}

export interface TrialPlan {
  scenarioName: string;
  seed: number;
  /** Index and name of the population group in the scenario. */
  groupIndex: number;
  population: string;
  persons: number;
  arms: PlannedArm[];
  /** Index in `arms` of the reference arm of the effects. */
  control: number;
  blockSize: number;
  /** Arm index of each person, in person order. */
  allocation: number[];
  assessments: PlannedAssessment[];
  burstDays: number;
  recallWeeks: number;
  /** Days simulated: up to the end of the last burst. */
  days: number;
  /** Whole weeks of the functioning path (F at the start of weeks 0 .. weeks). */
  weeks: number;
}

export interface TrialPlanOptions {
  /** Seed of every random stream; default the scenario's. */
  seed?: number;
  /** Persons randomised; default trial.persons, else the population group's size. */
  persons?: number;
  /** Name of the scenario file, for messages. */
  fileName?: string;
}

/** The seed string of the trial's randomisation stream. */
export function randomisationSeed(seed: number, population: string): string {
  return `${STREAM_SCHEME}/${seed}/trial/${population}/randomisation`;
}

/**
 * Permuted-block allocation of `persons` to arms with the given ratios (see the module comment).
 * Returns the arm index of each person.
 *
 * @example permutedBlocks(4, [1, 1], 4, stream) // => a permutation of [0, 0, 1, 1]
 */
export function permutedBlocks(persons: number, ratios: readonly number[], blockSize: number, stream: RandomStream): number[] {
  const ratioSum = ratios.reduce((sum, ratio) => sum + ratio, 0);
  const copies = blockSize / ratioSum;
  if (!Number.isInteger(copies) || copies < 1) throw new RangeError(`permutedBlocks: block size ${blockSize} is not a multiple of the ratios' sum ${ratioSum}`);
  const template: number[] = [];
  ratios.forEach((ratio, arm) => {
    for (let i = 0; i < ratio * copies; i++) template.push(arm);
  });
  const allocation: number[] = [];
  while (allocation.length < persons) {
    const block = [...template];
    for (let i = block.length - 1; i > 0; i--) {
      const j = stream.integerBelow(i + 1);
      [block[i], block[j]] = [block[j], block[i]];
    }
    for (const arm of block) if (allocation.length < persons) allocation.push(arm);
  }
  return allocation;
}

/** The plan of the scenario's trial; throws a CascadeError naming the field when the scenario has none or it is inconsistent. */
export function createTrialPlan(scenario: Scenario, options: TrialPlanOptions = {}): TrialPlan {
  const file = options.fileName ?? scenario.name;
  const trial = scenario.trial;
  if (trial === null) {
    throw new CascadeError("the scenario has no `trial:` section; `cascade trial` needs one with arms and assessments (see scenarios/dbt-vs-tau.yaml and docs/treatments.md)", { file, field: "trial" });
  }
  const groupIndex = trial.population === undefined ? 0 : scenario.groups.findIndex((group) => group.name === trial.population);
  if (groupIndex < 0) {
    throw new CascadeError(`expected the name of a group (${scenario.groups.map((g) => g.name).join(", ")}), got "${trial.population}"`, { file, field: "trial.population" });
  }
  const group = scenario.groups[groupIndex];
  const persons = options.persons ?? trial.persons ?? group.size;
  if (!(Number.isInteger(persons) && persons >= 2)) {
    throw new CascadeError(`a trial needs at least 2 persons, got ${persons}`, { file, field: trial.persons === undefined && options.persons === undefined ? `groups[${groupIndex}].size` : "trial.persons" });
  }
  const seed = options.seed ?? scenario.seed;
  const ratios = trial.arms.map((arm) => arm.ratio);
  const ratioSum = ratios.reduce((sum, ratio) => sum + ratio, 0);
  const blockSize = trial.blockSize ?? 2 * ratioSum;
  const allocation = permutedBlocks(persons, ratios, blockSize, new RandomStream(randomisationSeed(seed, group.name)));
  const control = trial.control === undefined ? trial.arms.length - 1 : trial.arms.findIndex((arm) => arm.name === trial.control);
  const recallHours = trial.recallWeeks * 168;
  const assessments = trial.assessments.map((assessment): PlannedAssessment => {
    const startHours = assessment.week * 168;
    const firstDay = Math.floor(startHours / 24) + 1;
    const endHours = (firstDay - 1 + trial.burstDays) * 24;
    return { name: assessment.name, week: assessment.week, firstDay, lastDay: firstDay + trial.burstDays - 1, recallStartHours: Math.max(0, endHours - recallHours), endHours };
  });
  const days = assessments[assessments.length - 1].lastDay;
  if (days > 3650) {
    throw new CascadeError(`the last assessment ends on day ${days}; trials may run at most 3650 days (10 years)`, { file, field: `trial.assessments[${assessments.length - 1}].week` });
  }
  const arms = trial.arms.map((arm): PlannedArm => {
    const processes = [...group.processes, ...arm.processes] as ProcessSpec[];
    return { name: arm.name, label: arm.label, ratio: arm.ratio, processes, exploratory: processes.some((p) => PROCESS_TYPES[p.type].exploratory) };
  });
  return {
    scenarioName: scenario.name,
    seed,
    groupIndex,
    population: group.name,
    persons,
    arms,
    control,
    blockSize,
    allocation,
    assessments,
    burstDays: trial.burstDays,
    recallWeeks: trial.recallWeeks,
    days,
    weeks: Math.ceil(days / 7),
  };
}

/** Whether study day `day` falls in one of the plan's bursts. */
export function isBurstDay(plan: Pick<TrialPlan, "assessments">, day: number): boolean {
  for (const assessment of plan.assessments) if (day >= assessment.firstDay && day <= assessment.lastDay) return true;
  return false;
}
