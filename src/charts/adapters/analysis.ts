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
  const firstDay = Math.min(...Array.from(person.day).filter(Number.isFinite));
  const firstTime = Math.min(...Array.from(person.time).filter(Number.isFinite));
  const hasTime = Number.isFinite(firstTime);
  const firstMidnight = Math.floor(firstTime / 24) * 24;
  const lowestBeep = Math.min(...Array.from(person.beep).filter(Number.isFinite));
  const beepsPerDay = Math.max(...Array.from(person.beep).filter(Number.isFinite)) - lowestBeep + 1;
  // Study day of each occasion: clock time where known, else day plus the beep's share of the day.
  const studyDay = (index: number): number =>
    hasTime && Number.isFinite(person.time[index])
      ? 1 + (person.time[index] - firstMidnight) / 24
      : person.day[index] - firstDay + 1 + (person.beep[index] - lowestBeep) / beepsPerDay;
  // A window is drawn at the study day of its last occasion (positions are prompt slots or hours).
  const positions = windowPositions(values.length, { day: person.day, beep: person.beep, time: person.time }, signals.unit);
  const windowDay = (end: number): number => {
    const limit = signals.unit === "days" ? end * 24 : end;
    let last = -1;
    for (let i = 0; i < positions.length; i++) if (positions[i] < limit) last = i;
    return last < 0 ? Number.NaN : studyDay(last);
  };
  const series = Array.from(values, (value, index) => ({ time: studyDay(index), value }));
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
