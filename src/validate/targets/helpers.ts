/**
 * Small helpers shared by the validation targets: the persons of a group, a person's reported NSSI
 * count, means that skip undefined values. Browser-safe.
 */
import type { PersonSeriesView } from "../../sweep/person-series.js";
import { bootstrapInterval, bootstrapLabel } from "../bootstrap.js";
import type { EsmPerson, MeasureContext, Measurement, ValidationData } from "../types.js";

/** The ESM persons of the BPD group (the scenario's first group). */
export function bpdPersons(data: ValidationData): EsmPerson[] {
  return data.esm.filter((person) => person.series.group === data.groups.bpd);
}

/** The ESM persons of the control group (the scenario's second group). */
export function controlPersons(data: ValidationData): EsmPerson[] {
  return data.esm.filter((person) => person.series.group === data.groups.control);
}

/** Mean of the finite values; NaN when there is none. */
export function finiteMean(values: Iterable<number>): number {
  let sum = 0;
  let count = 0;
  for (const value of values) {
    if (!Number.isFinite(value)) continue;
    sum += value;
    count++;
  }
  return count === 0 ? Number.NaN : sum / count;
}

/** Sum of an NSSI count item over the person's answered prompts (0 when the item is missing). */
export function reportedCount(series: PersonSeriesView, item: string | undefined): number {
  if (item === undefined) return 0;
  let sum = 0;
  for (const value of series.items[item] ?? []) if (!Number.isNaN(value)) sum += value;
  return sum;
}

/** "150 persons" or "1 person". */
export function countLabel(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? "" : "s"}`;
}

/**
 * Mean of a per-person value in the BPD group divided by its mean in a comparison group, with a
 * bootstrap interval that resamples each group's persons separately (stratified).
 */
export function ratioOfGroupMeans(context: MeasureContext, id: string, bpd: readonly number[], comparison: readonly number[], comparisonLabel = "controls", note = ""): Measurement {
  const ratio = ([a, b]: readonly (readonly number[])[]): number => finiteMean(a) / finiteMean(b);
  const interval = bootstrapInterval([bpd, comparison], ratio, context.resamples, `${context.seed}/${id}`);
  return {
    value: ratio([bpd, comparison]),
    lower: interval.lower,
    upper: interval.upper,
    interval: `${bootstrapLabel(interval)}, stratified by group${note}`,
    basis: `${bpd.length} BPD, ${comparison.length} ${comparisonLabel}`,
    details: { meanBpd: finiteMean(bpd), meanComparison: finiteMean(comparison) },
  };
}
