/**
 * NA is not lower an hour after an NSSI act than an hour before it (hourly ESM).
 */
import type { ValidationTarget } from "../types.js";
import { actChange } from "./act-windows.js";

export const reliefNotLasting: ValidationTarget = {
  id: "relief-not-lasting",
  claim: "NA an hour after NSSI is not lower than an hour before (no lasting relief)",
  source: "Houben et al. 2017; Kaess et al. 2021",
  reference:
    "Houben, M., Claes, L., Vansteelandt, K., et al. (2017). The emotion regulation function of nonsuicidal self-injury: a momentary assessment study in inpatients with borderline personality disorder features. Journal of Abnormal Psychology 126, 89-95, doi:10.1037/abn0000229. Kaess, M., et al. (2021). Neuroscience & Biobehavioral Reviews 130, 228-239, doi:10.1016/j.neubiorev.2021.08.022.",
  method:
    "ESM study, BPD group, latent truth: for each act, latent NA one hour after minus latent NA one hour before (the spacing of hourly ESM prompts around an act); averaged within person, then over persons.",
  unit: "NA change (SD units)",
  studies: ["esm"],
  tolerance: {
    bounds: [{ min: -0.1 }, { on: "upper", min: 0 }],
    rationale: "'the same or higher': the change is at least -0.1 SD units and its 95% interval reaches 0 or above (not reliably lower)",
  },
  measure: (context) => actChange(context, "relief-not-lasting", (window) => window.hourAfter - window.hourBefore),
};
