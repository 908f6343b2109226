/**
 * NA instability (MSSD of NA at prompts) clearly higher in BPD than in healthy controls.
 */
import { mssd } from "../../analysis/mssd.js";
import type { EsmPerson, ValidationTarget } from "../types.js";
import { bpdPersons, controlPersons, ratioOfGroupMeans } from "./helpers.js";

/** A person's MSSD of na_mean (adjacent pairs within a day), NaN without a valid pair. */
export function naMssd(person: EsmPerson): number {
  return mssd(person.series.na, { day: person.series.day, beep: person.series.beep });
}

export const naInstabilityVsControls: ValidationTarget = {
  id: "na-instability-vs-controls",
  claim: "NA instability (MSSD) is clearly higher in BPD than in healthy controls",
  source: "Ebner-Priemer et al. 2007; Trull et al. 2008; Santangelo et al. 2014",
  reference:
    "Ebner-Priemer, U. W., Kuo, J., Kleindienst, N., et al. (2007). State affective instability in borderline personality disorder assessed by ambulatory monitoring. Psychological Medicine 37, 961-970, doi:10.1017/S0033291706009706. Trull, T. J., Solhan, M. B., Tragesser, S. L., et al. (2008). Affective instability: measuring a core feature of borderline personality disorder with ecological momentary assessment. Journal of Abnormal Psychology 117, 647-661, doi:10.1037/a0012532. Santangelo, P., Reinhard, I., Mussgay, L., et al. (2014). Specificity of affective instability in patients with borderline personality disorder compared to posttraumatic stress disorder, bulimia nervosa, and healthy controls. Journal of Abnormal Psychology 123, 258-272, doi:10.1037/a0035619.",
  method:
    "ESM study: each person's MSSD of na_mean (mean of the emotion items at prompts where all were answered; adjacent pairs within a day, SCIENCE.md's default); mean over the BPD group divided by the mean over controls. Interval: bootstrap resampling each group's persons separately.",
  unit: "ratio",
  studies: ["esm"],
  tolerance: { bounds: [{ on: "lower", min: 1.2 }], rationale: "'clearly higher': the whole 95% interval of the ratio lies above 1.2 (a difference of at least a fifth)" },
  measure(context) {
    const bpd = bpdPersons(context.data).map(naMssd);
    const control = controlPersons(context.data).map(naMssd);
    return ratioOfGroupMeans(context, "na-instability-vs-controls", bpd, control);
  },
};
