/**
 * From the analysis module's results to the chart builders' inputs.
 *
 * The analysis layer (`src/analysis`) computes the metrics with the conventions of SCIENCE.md: MSSD,
 * PAC and relative MSSD per person (`PersonVariableMetrics`), Hedges' g per group
 * (`GroupComparisonRow`), event-locked means (`EventLockedRow`), ICC(C,k) per person and the
 * early-warning windows (`earlyWarningSignals`). These adapters only reshape those results; the only
 * statistics computed here are the chart's own (within-person slopes, in `differentiation.ts`).
 *
 * Browser-safe: no `node:` imports.
 */
import type { PersonVariableMetrics } from "../../analysis/analyzePerson.js";
import { earlyWarningSignals, windowPositions, type EarlyWarningOptions } from "../../analysis/earlyWarningSignals.js";
import type { EventLockedRow } from "../../analysis/eventLockedMeans.js";
import type { GroupComparisonRow } from "../../analysis/groupComparison.js";
import { naMean } from "../../analysis/naMean.js";
import { NA_MEAN } from "../../analysis/options.js";
import type { PersonSeries } from "../../analysis/types.js";
import type { DifferentiationInput, DifferentiationObservation } from "../differentiation.js";
import type { EarlyWarningInput, EarlyWarningTransition } from "../early-warning.js";
import type { EventLockedInput } from "../event-locked.js";
import type { InstabilityInput, PersonMetric } from "../instability.js";

/** The instability metrics the chart shows, as the analysis module names its columns. */
export const instabilityColumns = ["mssd", "pac", "mssd_rel"] as const;

/**
 * The group that others are compared with: one whose name says control or healthy (case-insensitive),
 * else the last in the given order (scenarios usually list the clinical group first).
 *
 * @example referenceGroup(["BPD", "healthy"]) // => "healthy"
 */
export function referenceGroup(groups: readonly string[]): string | undefined {
  return groups.find((group) => /healthy|control/i.test(group)) ?? groups[groups.length - 1];
}

export interface InstabilityAdapterOptions {
  /** The variable whose instability is shown (default `na_mean`, the mean of the negative-emotion items). */
  variable?: string;
  /** The group whose Hedges' g (against the reference group) goes in the titles (default: the first non-reference group). */
  group?: string;
  /** The variable's name for the title (default "negative affect"). */
  label?: string;
}

/** Instability chart input from per-person metric rows and the group comparison. */
export function instabilityFromAnalysis(
  metrics: readonly PersonVariableMetrics[],
  groupRows: readonly GroupComparisonRow[],
  options: InstabilityAdapterOptions = {},
): InstabilityInput {
  const variable = options.variable ?? NA_MEAN;
  const rows: PersonMetric[] = [];
  for (const row of metrics) {
    if (row.variable !== variable) continue;
    for (const column of instabilityColumns) rows.push({ person: row.id, group: row.group ?? "all persons", metric: column, value: row[column] });
  }
  const comparisons = groupRows.filter((row) => row.variable === variable && (instabilityColumns as readonly string[]).includes(row.metric));
  const group = options.group ?? comparisons.find((row) => row.group !== row.reference)?.group;
  const effects = comparisons
    .filter((row) => row.group === group)
    .map((row) => ({ metric: row.metric, g: row.g, lower: row.lower, upper: row.upper, comparison: `${row.group} vs ${row.reference}` }));
  return { rows, effects, variable: options.label ?? (variable === NA_MEAN ? "negative affect" : variable) };
}

/** Event-locked chart input from the analysis module's event-locked rows. */
export function eventLockedFromAnalysis(rows: readonly EventLockedRow[], level = 0.95): EventLockedInput {
  const atReport = rows.filter((row) => row.offset === 0).map((row) => row.events);
  return {
    points: rows.map((row) => ({ offset: row.offset, variable: row.variable, mean: row.mean, lower: row.lower, upper: row.upper, n: row.persons })),
    events: atReport.length === 0 ? undefined : Math.max(...atReport),
    level,
  };
}

export interface DifferentiationAdapterOptions {
  /** The rumination item (default `rumination`). */
  rumination?: string;
  /** The urge item (default `urge`). */
  urge?: string;
  /** Use ICC(C,1) instead of ICC(C,k) (default false). */
  single?: boolean;
}

/**
 * Differentiation chart input: every answered prompt's rumination and urge, and each person's ICC
 * across the negative-emotion items (from the metric rows; the same on every variable row of a person).
 */
export function differentiationFromAnalysis(
  persons: readonly PersonSeries[],
  metrics: readonly PersonVariableMetrics[],
  options: DifferentiationAdapterOptions = {},
): DifferentiationInput {
  const ruminationItem = options.rumination ?? "rumination";
  const urgeItem = options.urge ?? "urge";
  const observations: DifferentiationObservation[] = [];
  for (const person of persons) {
    const rumination = person.variables[ruminationItem];
    const urge = person.variables[urgeItem];
    if (rumination === undefined || urge === undefined) continue;
    for (let t = 0; t < rumination.length; t++) {
      if (Number.isNaN(rumination[t]) || Number.isNaN(urge[t])) continue;
      observations.push({ person: person.id, rumination: rumination[t], urge: urge[t] });
    }
  }
  const iccByPerson = new Map<string, number>();
  for (const row of metrics) if (!iccByPerson.has(row.id)) iccByPerson.set(row.id, options.single === true ? row.icc3 : row.icc3k);
  return { observations, persons: [...iccByPerson].map(([person, icc]) => ({ person, icc })) };
}

export interface EarlyWarningAdapterOptions {
  /** The variable (default `na_mean`). */
  variable?: string;
  /** Its name for the titles (default "negative affect"). */
  label?: string;
  /** The analysis module's window options (default: prompt windows of half the series). */
  ews?: Omit<EarlyWarningOptions, "day" | "beep" | "time">;
  /** Transitions to mark, in study days (1 = the first day). */
  transitions?: readonly EarlyWarningTransition[];
  /** Axis title of the observed values. */
  valueTitle?: string;
}

/**
 * The study day of each occasion (day 1 starts at midnight of the person's first day): from the clock
 * time where it is known; for an occasion without a time (a missed prompt), interpolated by beep
 * between the known times of the same day, or extrapolated from one of them with the median time per
 * beep; for a day without any time, the beep's place in a 09:00 to 21:00 day. Without any times at
 * all, the day plus the beep's share of the day.
 */
export function occasionStudyDays(person: Pick<PersonSeries, "day" | "beep" | "time">): Float64Array {
  const n = person.day.length;
  const result = new Float64Array(n).fill(Number.NaN);
  const finite = (values: ArrayLike<number>): number[] => Array.from(values).filter(Number.isFinite);
  const firstDay = Math.min(...finite(person.day));
  const lowestBeep = Math.min(...finite(person.beep));
  const beepsPerDay = Math.max(...finite(person.beep)) - lowestBeep + 1;
  const times = finite(person.time);
  if (times.length === 0) {
    for (let i = 0; i < n; i++) result[i] = person.day[i] - firstDay + 1 + (person.beep[i] - lowestBeep + 0.5) / beepsPerDay;
    return result;
  }
  const firstMidnight = Math.floor(Math.min(...times) / 24) * 24;
  const known: number[] = [];
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(person.time[i])) {
      result[i] = 1 + (person.time[i] - firstMidnight) / 24;
      known.push(i);
    }
  }
  // Median time per beep between known occasions of the same day, in days.
  const perBeep: number[] = [];
  for (let k = 1; k < known.length; k++) {
    const [a, b] = [known[k - 1], known[k]];
    if (person.day[a] === person.day[b] && person.beep[b] > person.beep[a]) perBeep.push((result[b] - result[a]) / (person.beep[b] - person.beep[a]));
  }
  perBeep.sort((x, y) => x - y);
  const step = perBeep.length > 0 ? perBeep[Math.floor(perBeep.length / 2)] : 0.5 / beepsPerDay;
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(result[i])) continue;
    let before = -1;
    let after = -1;
    for (let j = i - 1; before < 0 && j >= 0 && person.day[j] === person.day[i]; j--) if (Number.isFinite(person.time[j])) before = j;
    for (let j = i + 1; after < 0 && j < n && person.day[j] === person.day[i]; j++) if (Number.isFinite(person.time[j])) after = j;
    if (before >= 0 && after >= 0) {
      const share = (person.beep[i] - person.beep[before]) / (person.beep[after] - person.beep[before]);
      result[i] = result[before] + share * (result[after] - result[before]);
    } else if (before >= 0) {
      result[i] = result[before] + (person.beep[i] - person.beep[before]) * step;
    } else if (after >= 0) {
      result[i] = result[after] - (person.beep[after] - person.beep[i]) * step;
    } else {
      // The day counted from the first occasion with a time, then a 09:00 to 21:00 day.
      const dayStart = Math.floor(result[known[0]]) + (person.day[i] - person.day[known[0]]);
      result[i] = dayStart + 9 / 24 + ((person.beep[i] - lowestBeep + 0.5) / beepsPerDay) * 0.5;
    }
  }
  return result;
}

/**
 * Early-warning chart input for one person: the rolling windows of `earlyWarningSignals` (which
 * respects missed prompts and nights) placed at their ends, on a time axis in study days (day 1 = the
 * person's first day), with the observed series and Kendall's tau of each indicator.
 */
export function earlyWarningFromSeries(person: PersonSeries, items: readonly string[], options: EarlyWarningAdapterOptions = {}): EarlyWarningInput {
  const variable = options.variable ?? NA_MEAN;
  const values = variable === NA_MEAN ? naMean(person, items) : person.variables[variable];
  if (values === undefined) throw new RangeError(`earlyWarningFromSeries: person ${person.id} has no variable "${variable}"`);
  const ews = options.ews ?? {};
  const signals = earlyWarningSignals(values, { day: person.day, beep: person.beep, time: person.time, ...ews });
  const days = occasionStudyDays(person);
  // A window is drawn at its end: for windows in hours or days, the end's clock time; for windows of
  // prompt slots, the study day of its last slot, interpolated between the occasions' slots (a window
  // that ends in the night's empty slots lies between the evening and the morning).
  const positions = windowPositions(values.length, { day: person.day, beep: person.beep, time: person.time }, signals.unit);
  const times = Array.from(person.time).filter(Number.isFinite);
  const firstMidnight = times.length === 0 ? Number.NaN : Math.floor(Math.min(...times) / 24) * 24;
  const slots = Array.from(positions, (position, index) => [position, days[index]] as const).filter(([position, day]) => Number.isFinite(position) && Number.isFinite(day));
  const windowDay = (end: number): number => {
    if (signals.unit !== "prompts") return 1 + ((signals.unit === "days" ? end * 24 : end) - firstMidnight) / 24;
    const slot = end - 1;
    let after = slots.findIndex(([position]) => position >= slot);
    if (after < 0) after = slots.length - 1;
    const before = Math.max(0, after - 1);
    const [p0, d0] = slots[before];
    const [p1, d1] = slots[after];
    return p1 === p0 ? d1 : d0 + ((slot - p0) / (p1 - p0)) * (d1 - d0);
  };
  const series = Array.from(values, (value, index) => ({ time: days[index], value }));
  const unitName = signals.unit === "prompts" ? "prompts" : signals.unit;
  return {
    series,
    indicators: signals.windows.map((window) => ({ time: windowDay(window.end), variance: window.variance, autocorrelation: window.ac1 })),
    tau: { variance: signals.varianceTau, autocorrelation: signals.ac1Tau },
    transitions: options.transitions,
    variable: options.label ?? (variable === NA_MEAN ? "negative affect" : variable),
    timeTitle: "Time in the study (days)",
    valueTitle: options.valueTitle,
    windowNote: `windows of ${Number(signals.window.toFixed(2))} ${unitName}, each drawn at its end`,
  };
}
