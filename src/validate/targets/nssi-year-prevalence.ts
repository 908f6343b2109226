/**
 * NSSI in 69-90% of women with BPD, over a year of the latent process.
 */
import { bootstrapInterval, bootstrapLabel } from "../bootstrap.js";
import type { ValidationTarget } from "../types.js";

function shareWithAct(persons: readonly { acts: number }[]): number {
  if (persons.length === 0) return Number.NaN;
  return persons.filter((person) => person.acts > 0).length / persons.length;
}

export const nssiYearPrevalence: ValidationTarget = {
  id: "nssi-year-prevalence",
  claim: "69-90% of women with BPD self-injure",
  source: "Zanarini et al., via Reitz et al. 2015 (seed review)",
  reference:
    "Reitz, S., Kluetsch, R., Niedtfeld, I., et al. (2015). Incision and stress regulation in borderline personality disorder: neurobiological mechanisms of self-injurious behaviour. British Journal of Psychiatry 207, 165-172, doi:10.1192/bjp.bp.114.153379 (citing Zanarini and colleagues' prevalence figures); the seed review of NSSI in BPD.",
  method:
    "Year run: the BPD group's latent process for 365 days (no prompts; the same persons as the ESM study). Share of the women (covariate female = 1) with at least one NSSI act in the year. The literature figure is a prevalence among all women with BPD; the scenario's group is adults with BPD and a history of NSSI, so the year's share stands for current self-injury in that group.",
  unit: "share",
  studies: ["year"],
  tolerance: { bounds: [{ min: 0.69, max: 0.9 }], rationale: "the literature's range, as stated" },
  measure({ data, seed, resamples }) {
    const women = data.year.filter((person) => person.female);
    const interval = bootstrapInterval([women], ([sample]) => shareWithAct(sample), resamples, `${seed}/nssi-year-prevalence`);
    return {
      value: shareWithAct(women),
      lower: interval.lower,
      upper: interval.upper,
      interval: bootstrapLabel(interval),
      basis: `${women.length} women, 365 days`,
      details: { women: women.length, allPersons: data.year.length, shareAllPersons: shareWithAct(data.year), meanActs: women.reduce((sum, p) => sum + p.acts, 0) / Math.max(1, women.length) },
    };
  },
};
