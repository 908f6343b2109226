/**
 * Acute changes of NA (PAC) more frequent in BPD than in healthy controls.
 */
import { pacOfPairs } from "../../analysis/pac.js";
import { quantileType7Sorted } from "../../analysis/quantileType7.js";
import { successivePairs } from "../../analysis/successivePairs.js";
import type { SuccessivePairs } from "../../analysis/types.js";
import type { EsmPerson, ValidationTarget } from "../types.js";
import { bpdPersons, controlPersons, ratioOfGroupMeans } from "./helpers.js";

function pairsOf(person: EsmPerson): SuccessivePairs {
  return successivePairs(person.series.na, { day: person.series.day, beep: person.series.beep });
}

/** The pooled 90th percentile (type 7) of |difference| over every valid pair of every person. */
function pooledCutoff(pairs: readonly SuccessivePairs[]): number {
  const differences: number[] = [];
  for (const p of pairs) for (let i = 0; i < p.count; i++) differences.push(Math.abs(p.second[i] - p.first[i]));
  differences.sort((a, b) => a - b);
  return quantileType7Sorted(differences, 0.9);
}

export const pacVsControls: ValidationTarget = {
  id: "pac-vs-controls",
  claim: "Acute changes of NA (PAC) are more frequent in BPD than in healthy controls",
  source: "Trull et al. 2008; Santangelo et al. 2014",
  reference:
    "Trull, T. J., et al. (2008). Journal of Abnormal Psychology 117, 647-661, doi:10.1037/a0012532. Jahng, S., Wood, P. K., & Trull, T. J. (2008). Psychological Methods 13, 354-375, doi:10.1037/a0014173. Santangelo, P., et al. (2014). Journal of Abnormal Psychology 123, 258-272, doi:10.1037/a0035619.",
  method:
    "ESM study: PAC of na_mean, the share of a person's valid pairs (adjacent, within a day) with |difference| at or above the pooled 90th percentile of |difference| over both groups' pairs (SCIENCE.md's default cutoff, fixed from the full sample); mean over BPD persons divided by the mean over controls.",
  unit: "ratio",
  studies: ["esm"],
  tolerance: { bounds: [{ on: "lower", min: 1.2 }], rationale: "'clearly higher': the whole 95% interval of the ratio lies above 1.2" },
  measure(context) {
    const bpdPairs = bpdPersons(context.data).map(pairsOf);
    const controlPairs = controlPersons(context.data).map(pairsOf);
    const cutoff = pooledCutoff([...bpdPairs, ...controlPairs]);
    const bpd = bpdPairs.map((pairs) => pacOfPairs(pairs, cutoff));
    const control = controlPairs.map((pairs) => pacOfPairs(pairs, cutoff));
    const measurement = ratioOfGroupMeans(context, "pac-vs-controls", bpd, control, "controls", ", cutoff fixed");
    return { ...measurement, details: { ...measurement.details, cutoff } };
  },
};
