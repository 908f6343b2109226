/**
 * NSSI acts per person-week in the BPD group, between the ESM figures of BPD youth and of youth who
 * self-injure.
 */
import { bootstrapInterval, bootstrapLabel } from "../bootstrap.js";
import type { EsmPerson, ValidationTarget } from "../types.js";
import { bpdPersons, countLabel } from "./helpers.js";

/** Acts (truth) per 7 days, averaged over persons. */
function actsPerWeek(persons: readonly EsmPerson[]): number {
  if (persons.length === 0) return Number.NaN;
  let sum = 0;
  for (const person of persons) sum += person.series.summary.actsPerWeek;
  return sum / persons.length;
}

export const nssiWeeklyRate: ValidationTarget = {
  id: "nssi-weekly-rate",
  claim: "NSSI acts per week are in the range ESM studies report",
  source: "Andrewes et al. 2017; Nock et al. 2009",
  reference:
    "Andrewes, H. E., et al. (2017). Personality Disorders 8, 357-365, doi:10.1037/per0000205 (52 acts by 107 BPD youth in 6 days: 0.57 a week). Nock, M. K., Prinstein, M. J., & Sterba, S. K. (2009). Journal of Abnormal Psychology 118, 816-827, doi:10.1037/a0016948 (1.6 episodes a week in self-injuring youth).",
  method: "ESM study, BPD group: NSSI acts in the truth (reported or not) per 7 days, averaged over persons.",
  unit: "acts/week",
  studies: ["esm"],
  tolerance: {
    bounds: [{ min: 0.5, max: 2 }],
    rationale: "between Andrewes 2017 (0.57 a week over all BPD youth, many of whom did not self-injure) and Nock 2009 (1.6 a week in youth selected for recent self-injury), with some room above; the scenario's group is adults with BPD and an NSSI history",
  },
  measure({ data, seed, resamples }) {
    const persons = bpdPersons(data);
    const interval = bootstrapInterval([persons], ([sample]) => actsPerWeek(sample), resamples, `${seed}/nssi-weekly-rate`);
    return { value: actsPerWeek(persons), lower: interval.lower, upper: interval.upper, interval: bootstrapLabel(interval), basis: countLabel(persons.length, "person") };
  },
};
