/**
 * Zaki et al. (2013): rumination predicts NSSI urges mainly in low emotion differentiators.
 */
import { zakiTest } from "../../power/tests.js";
import type { ValidationTarget } from "../types.js";
import { bpdPersons } from "./helpers.js";
import { coefficientInterval } from "./model-interval.js";

export const zakiModeration: ValidationTarget = {
  id: "zaki-moderation",
  claim: "Emotion differentiation weakens the within-person rumination-to-urge slope (negative moderation)",
  source: "Zaki et al. 2013",
  reference: "Zaki, L. F., Coifman, K. G., Rafaeli, E., Berenson, K. R., & Downey, G. (2013). Emotion differentiation as a protective factor against nonsuicidal self-injury in borderline personality disorder. Behavior Therapy 44, 529-540, doi:10.1016/j.beth.2013.04.008.",
  method:
    "ESM study, BPD group, the `cascade power --test zaki` model (src/power/tests.ts): urge ~ rumination_within x ED + (1 + rumination_within | person), REML, Satterthwaite df (as lme4 + lmerTest); ED = 1 - ICC(C,k) across the emotion items, grand-mean centred. Falls back to two-stage slopes if the mixed model fails (the interval then says so). Value: the rumination_within:ed coefficient (urge points per rumination point per unit of ED); interval: t 95%.",
  unit: "coefficient",
  studies: ["esm"],
  tolerance: { bounds: [{ on: "upper", max: 0 }], rationale: "the moderation is present: negative, with its 95% interval below 0" },
  measure({ data }) {
    const persons = bpdPersons(data).map((person) => person.series);
    const result = zakiTest(persons, data.items, { zakiMethod: "mixed-fallback" });
    const interval = coefficientInterval(result);
    return {
      value: result.estimate,
      lower: interval.lower,
      upper: interval.upper,
      interval: result.status === "ok" ? (result.method === "mixed" ? "t (Satterthwaite df), linear mixed model" : "t, two-stage slopes (the mixed model failed)") : `fit failed: ${result.status} ${result.message}`,
      basis: `${result.persons} persons`,
      details: { standardError: result.standardError, df: result.df, pValue: result.pValue },
    };
  },
};
