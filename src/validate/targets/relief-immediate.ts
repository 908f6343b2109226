/**
 * NA is lower just after an NSSI act (the laboratory "relief").
 */
import type { ValidationTarget } from "../types.js";
import { actChange } from "./act-windows.js";

export const reliefImmediate: ValidationTarget = {
  id: "relief-immediate",
  claim: "NA is lower just after NSSI than just before (immediate relief)",
  source: "Reitz et al. 2015; Kaess et al. 2021",
  reference:
    "Reitz, S., et al. (2015). British Journal of Psychiatry 207, 165-172, doi:10.1192/bjp.bp.114.153379 (tension and amygdala activity fall after incision). Kaess, M., Hooley, J. M., Klimes-Dougan, B., et al. (2021). Advancing a temporal framework for understanding the biology of nonsuicidal self-injury: an expert review. Neuroscience & Biobehavioral Reviews 130, 228-239, doi:10.1016/j.neubiorev.2021.08.022 (any relief lasts under an hour).",
  method:
    "ESM study, BPD group, latent truth (no prompts, no measurement error): for each act, latent NA 5 minutes after minus latent NA in the step of the act; averaged within person, then over persons.",
  unit: "NA change (SD units)",
  studies: ["esm"],
  tolerance: { bounds: [{ on: "upper", max: 0 }], rationale: "relief is present: the whole 95% interval lies below 0" },
  measure: (context) => actChange(context, "relief-immediate", (window) => window.fiveMinutesAfter - window.atAct),
};
