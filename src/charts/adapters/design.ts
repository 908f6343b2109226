/**
 * Data for the design chart: how well do MSSD and PAC from the prompts recover the real instability,
 * as prompts per day and compliance change?
 *
 * The same persons (common random numbers: `samePersonsAs`, so each meets the same stressors and the
 * same noise; by default from every group of the scenario, so that true instability varies between
 * them as it does in a study) are simulated under every design of a grid: prompts per day x compliance, stratified
 * random prompts in the scenario's window, compliance without person differences or dependence on NA
 * (so the grid isolates the two factors), no event-contingent reports. For each person and design:
 *
 * - the estimate: MSSD and PAC of `na_mean` (the mean of the emotion items) from the answered prompts,
 *   computed by the analysis module with its defaults (adjacent pairs within a day, PAC cutoff the
 *   pooled 90th percentile of |difference| over the persons of that design);
 * - the truth: MSSD and PAC of the person's latent negative affect A sampled every hour while awake
 *   (pairs of successive hours within a day; PAC cutoff the pooled 90th percentile of the persons'
 *   hourly |difference|), the same for every design.
 *
 * Agreement is Spearman's rank correlation across persons between estimate and truth (does the design
 * rank persons by their real instability?), with a 95% interval from Fisher's z with the standard
 * error sqrt(1.06 / (n - 3)) of Fieller, Hartley & Pearson (1957, Biometrika 44:470).
 *
 * Cost: persons x designs person-simulations (about 30,000 grid steps each for 21 days).
 *
 * Browser-safe: no `node:` imports.
 */
import { sampleRankCorrelation } from "simple-statistics";
import { analyzeDataset } from "../../analysis/analyzeDataset.js";
import { quantileType7Sorted } from "../../analysis/quantileType7.js";
import type { PersonSeries } from "../../analysis/types.js";
import { hoursOfDay, type Scenario } from "../../scenario/schema.js";
import { splitPersons, validateScenario } from "../../scenario/parse.js";
import { simulatePerson, type PersonResult } from "../../simulate/person.js";
import type { DesignInput, DesignPoint } from "../design.js";
import { itemRoles } from "../../sweep/person-series.js";

export interface DesignGridOptions {
  /** The group whose persons are simulated (default: every group, persons split by the groups' sizes). */
  group?: string;
  /** Prompts per day (default 3, 6, 10). */
  promptsPerDay?: readonly number[];
  /** Probability of answering a prompt (default 0.5, 0.75, 0.95). */
  compliance?: readonly number[];
  /** Persons in all (default 60), split across the groups in proportion to their sizes. */
  persons?: number;
  /** Study days (default the scenario's, at most 21). */
  days?: number;
  /** Seed (default the scenario's). */
  seed?: number;
}

/** A person's simulated prompts as the analysis module's series (all prompts, in order). */
export function personSeries(id: string, person: PersonResult, scenario: Scenario): PersonSeries {
  const items = scenario.groups[person.groupIndex].design.items;
  const variables: Record<string, Float64Array> = {};
  items.forEach((item, index) => {
    variables[item.name] = Float64Array.from(person.prompts, (prompt) => prompt.items[index] ?? Number.NaN);
  });
  return {
    id,
    group: person.group,
    day: Float64Array.from(person.prompts, (prompt) => prompt.day),
    beep: Float64Array.from(person.prompts, (prompt) => prompt.beep),
    time: Float64Array.from(person.prompts, (prompt) => (prompt.respondedSeconds ?? prompt.scheduledSeconds) / 3600),
    variables,
  };
}

/** Squared and absolute differences of a person's latent A between successive waking hours of the same day. */
function hourlyDifferences(person: PersonResult, wake: number, sleep: number): number[] {
  const trajectory = person.trajectory;
  if (trajectory === undefined) return [];
  const differences: number[] = [];
  for (let i = 1; i < trajectory.hours.length; i++) {
    const previous = trajectory.hours[i - 1];
    const hour = trajectory.hours[i];
    const sameDay = Math.floor(previous / 24) === Math.floor(hour / 24);
    const awake = (h: number): boolean => h % 24 >= wake && h % 24 <= sleep;
    if (sameDay && awake(previous) && awake(hour)) differences.push(trajectory.A[i] - trajectory.A[i - 1]);
  }
  return differences;
}

function fisherInterval(r: number, n: number): { lower: number; upper: number } {
  if (!(n > 3) || !Number.isFinite(r) || Math.abs(r) >= 1) return { lower: Number.NaN, upper: Number.NaN };
  const z = Math.atanh(r);
  const half = 1.959963984540054 * Math.sqrt(1.06 / (n - 3));
  return { lower: Math.tanh(z - half), upper: Math.tanh(z + half) };
}

/** Spearman's rho between two lists over the pairs where both are finite, with its interval. */
function rankAgreement(estimates: readonly number[], truths: readonly number[]): { value: number; lower: number; upper: number } {
  const x: number[] = [];
  const y: number[] = [];
  estimates.forEach((estimate, index) => {
    if (Number.isFinite(estimate) && Number.isFinite(truths[index])) {
      x.push(estimate);
      y.push(truths[index]);
    }
  });
  if (x.length < 4) return { value: Number.NaN, lower: Number.NaN, upper: Number.NaN };
  const value = sampleRankCorrelation(x, y);
  return { value, ...fisherInterval(value, x.length) };
}

/** The design chart's input for `scenario` (see the module comment). */
export function designRecovery(scenario: Scenario, options: DesignGridOptions = {}): DesignInput {
  const bases = options.group === undefined ? scenario.groups : scenario.groups.filter((group) => group.name === options.group);
  if (bases.length === 0) throw new RangeError(`designRecovery: no group "${options.group}" in scenario ${scenario.name}`);
  const perDayLevels = options.promptsPerDay ?? [3, 6, 10];
  const complianceLevels = options.compliance ?? [0.5, 0.75, 0.95];
  const total = options.persons ?? 60;
  const sizes = splitPersons(
    bases.map((group) => group.size),
    total,
  );
  const days = options.days ?? Math.min(scenario.days, 21);
  const seed = options.seed ?? scenario.seed;
  const wake = hoursOfDay(scenario.clock.wake);
  const sleep = hoursOfDay(scenario.clock.sleep);
  const designs = perDayLevels.flatMap((perDay) => complianceLevels.map((compliance) => ({ perDay, compliance })));

  // For each design, one group per base group, meeting that group's random streams (the same people):
  // the first group to use a set of streams takes its name, every other one names them in
  // `samePersonsAs` (base groups may already share streams, as in sampling-designs.yaml).
  const claimed = new Set<string>();
  const grid = validateScenario(
    {
      ...scenario,
      name: `${scenario.name}-designs`,
      days,
      seed,
      groups: designs.flatMap((design, designIndex) =>
        bases.map((base, baseIndex) => {
          const streams = base.samePersonsAs ?? base.name;
          const anchor = !claimed.has(streams);
          claimed.add(streams);
          const schedule = base.design.schedule;
          const window = "start" in schedule ? { start: schedule.start, end: schedule.end } : { start: scenario.clock.wake, end: scenario.clock.sleep };
          return {
            ...base,
            name: anchor ? streams : `${base.name}-design${designIndex}`,
            samePersonsAs: anchor ? undefined : streams,
            size: sizes[baseIndex],
            design: {
              ...base.design,
              schedule: { type: "stratified", perDay: design.perDay, ...window, minGapMinutes: 0 },
              eventContingent: { ...base.design.eventContingent, enabled: false },
              bursts: null,
              compliance: { ...base.design.compliance, base: design.compliance, personSd: 0, perDay: 0, negativeAffect: 0, hours: [] },
            },
          };
        }),
      ),
    },
    `${scenario.name} (design grid)`,
  );
  const design = bases[0].design;
  const emotionItems = itemRoles(design).na;
  const scales = Object.fromEntries(design.items.flatMap((item) => (item.kind === "nssi" ? [] : [[item.name, { min: item.scale.min, max: item.scale.max }] as const])));

  const points: DesignPoint[] = [];
  designs.forEach((level, designIndex) => {
    const results = bases.flatMap((_, baseIndex) =>
      Array.from({ length: sizes[baseIndex] }, (_unused, index) =>
        simulatePerson(grid, { group: designIndex * bases.length + baseIndex, indexInGroup: index, seed, days, trajectoryEveryMinutes: 60 }),
      ),
    );
    // The truth of each design's own simulations (the same people, so it hardly differs by design).
    const differences = results.map((person) => hourlyDifferences(person, wake, sleep));
    const cutoff = quantileType7Sorted(
      differences.flat().map(Math.abs).sort((a, b) => a - b),
      0.9,
    );
    const truth = {
      mssd: differences.map((d) => (d.length === 0 ? Number.NaN : d.reduce((sum, x) => sum + x * x, 0) / d.length)),
      pac: differences.map((d) => (d.length === 0 ? Number.NaN : d.filter((x) => Math.abs(x) >= cutoff).length / d.length)),
    };
    const series = results.map((person, index) => personSeries(`p${index}`, person, grid));
    const rows = analyzeDataset(series, { items: emotionItems, scales }).rows.filter((row) => row.variable === "na_mean");
    for (const metric of ["mssd", "pac"] as const) {
      const agreement = rankAgreement(
        rows.map((row) => row[metric]),
        truth[metric],
      );
      points.push({ promptsPerDay: level.perDay, compliance: level.compliance, metric, ...agreement });
    }
  });
  const who = bases.map((group, index) => `${sizes[index]} ${group.name}`).join(" and ");
  return {
    points,
    measure: {
      title: ["Agreement with the real", "instability (Spearman's ρ)"],
      reference: 1,
      description: [
        `ρ: rank correlation across ${total} persons (${who}; ${days} days) between the metric from the answered prompts`,
        "and the same metric of the latent negative affect sampled every waking hour; bars: 95% intervals.",
      ],
    },
  };
}
