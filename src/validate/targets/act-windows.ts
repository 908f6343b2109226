/**
 * Shared by the two relief targets: the mean change of latent NA around acts, per person, then
 * averaged over persons (so a person with many acts does not dominate), with a bootstrap over
 * persons. Browser-safe.
 */
import { bootstrapInterval, bootstrapLabel } from "../bootstrap.js";
import type { ActWindow, MeasureContext, Measurement } from "../types.js";
import { bpdPersons, countLabel, finiteMean } from "./helpers.js";

export function actChange(context: MeasureContext, id: string, change: (window: ActWindow) => number): Measurement {
  const persons = bpdPersons(context.data).filter((person) => person.acts.length > 0);
  const perPerson = persons.map((person) => finiteMean(person.acts.map(change)));
  const acts = persons.reduce((sum, person) => sum + person.acts.length, 0);
  const interval = bootstrapInterval([perPerson], ([sample]) => finiteMean(sample), context.resamples, `${context.seed}/${id}`);
  const pooled = finiteMean(persons.flatMap((person) => person.acts.map(change)));
  return {
    value: finiteMean(perPerson),
    lower: interval.lower,
    upper: interval.upper,
    interval: bootstrapLabel(interval),
    basis: `${countLabel(persons.length, "person")} with acts, ${countLabel(acts, "act")}`,
    details: { pooledOverActs: pooled },
  };
}
