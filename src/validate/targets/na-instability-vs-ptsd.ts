/**
 * NA instability similar in BPD and PTSD: instability is not specific to BPD (Santangelo et al. 2014).
 */
import type { ValidationTarget } from "../types.js";
import { bpdPersons, ratioOfGroupMeans } from "./helpers.js";
import { naMssd } from "./na-instability-vs-controls.js";

export const naInstabilityVsPtsd: ValidationTarget = {
  id: "na-instability-vs-ptsd",
  claim: "NA instability (MSSD) does not differ reliably between BPD and PTSD",
  source: "Santangelo et al. 2014",
  reference:
    "Santangelo, P., Reinhard, I., Mussgay, L., et al. (2014). Specificity of affective instability in patients with borderline personality disorder compared to posttraumatic stress disorder, bulimia nervosa, and healthy controls. Journal of Abnormal Psychology 123, 258-272, doi:10.1037/a0035619.",
  method:
    "ESM study plus the validation's PTSD comparison group (src/validate/ptsd-group.ts: PTSD without BPD, trauma reminders, BPD-level NA noise and reactivity, a weaker cascade loop, rare NSSI; as many persons as the controls, same design): mean MSSD of na_mean in BPD divided by the mean in PTSD. Interval: bootstrap resampling each group separately.",
  unit: "ratio",
  studies: ["esm", "ptsd-comparison"],
  tolerance: { bounds: [{ min: 0.8, max: 1.25 }], rationale: "'no reliable difference': the BPD/PTSD ratio within 25% of 1 either way (the BPD/control ratio is about 2)" },
  measure(context) {
    const bpd = bpdPersons(context.data).map(naMssd);
    const ptsd = context.data.esm.filter((person) => person.series.group === context.data.groups.ptsd).map(naMssd);
    return ratioOfGroupMeans(context, "na-instability-vs-ptsd", bpd, ptsd, "PTSD");
  },
};
