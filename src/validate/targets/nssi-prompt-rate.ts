/**
 * Low ESM base rate of NSSI: the share of answered prompts that report an act.
 */
import { bootstrapInterval, bootstrapLabel } from "../bootstrap.js";
import type { EsmPerson, ValidationTarget } from "../types.js";
import { bpdPersons, countLabel } from "./helpers.js";

/** Answered prompts reporting at least one act, over answered prompts, pooled over persons. */
function promptRate(persons: readonly EsmPerson[], item: string | undefined): number {
  if (item === undefined) return Number.NaN;
  let answered = 0;
  let reporting = 0;
  for (const person of persons) {
    const series = person.series;
    const counts = series.items[item];
    for (let t = 0; t < series.answered.length; t++) {
      if (series.answered[t] !== 1) continue;
      answered++;
      if (counts[t] > 0) reporting++;
    }
  }
  return answered === 0 ? Number.NaN : reporting / answered;
}

export const nssiPromptRate: ValidationTarget = {
  id: "nssi-prompt-rate",
  claim: "NSSI is reported at few ESM prompts (low base rate)",
  source: "Andrewes et al. 2017; Nock et al. 2009; Hepp et al. 2021",
  reference:
    "Andrewes, H. E., Hulbert, C., Cotton, S. M., Betts, J., & Chanen, A. M. (2017). Ecological momentary assessment of nonsuicidal self-injury in youth with borderline personality disorder. Personality Disorders 8, 357-365, doi:10.1037/per0000205. Nock, M. K., Prinstein, M. J., & Sterba, S. K. (2009). Revealing the form and function of self-injurious thoughts and behaviors. Journal of Abnormal Psychology 118, 816-827, doi:10.1037/a0016948. Hepp, J., et al. (2021), ESM of NSSI urges in BPD (SCIENCE.md: urges on about 2.8% of prompts).",
  method:
    "ESM study, BPD group: answered prompts whose nssi item (acts since the previous prompt) is 1 or more, over all answered prompts, pooled over persons.",
  unit: "per prompt",
  studies: ["esm"],
  tolerance: {
    bounds: [{ min: 0.005, max: 0.05 }],
    rationale:
      "Andrewes 2017: 52 acts by 107 BPD youth in 6 days (0.08 acts per person-day, about 1.4% of prompts at 6 a day); Nock 2009: 1.6 episodes a week in self-injuring youth (about 3.8% of prompts at 6 a day); Hepp 2021: urges, which are far more frequent than acts, at 2.8% of prompts. Accepted: 0.5% to 5%.",
  },
  measure({ data, seed, resamples }) {
    const persons = bpdPersons(data);
    const item = data.items.nssi;
    const interval = bootstrapInterval([persons], ([sample]) => promptRate(sample, item), resamples, `${seed}/nssi-prompt-rate`);
    let answered = 0;
    for (const person of persons) answered += person.series.summary.answeredSignalPrompts;
    return {
      value: promptRate(persons, item),
      lower: interval.lower,
      upper: interval.upper,
      interval: bootstrapLabel(interval),
      basis: `${countLabel(persons.length, "person")}, ${answered} answered prompts`,
      details: { answeredPrompts: answered },
    };
  },
};
