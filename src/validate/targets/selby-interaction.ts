/**
 * Selby et al. (2013): rumination instability x NA instability predicts NSSI counts.
 */
import { selbyTest } from "../../power/tests.js";
import type { ValidationTarget } from "../types.js";
import { bpdPersons } from "./helpers.js";
import { coefficientInterval } from "./model-interval.js";

export const selbyInteraction: ValidationTarget = {
  id: "selby-interaction",
  claim: "Rumination instability x NA instability predicts NSSI counts (positive interaction)",
  source: "Selby et al. 2013",
  reference: "Selby, E. A., Franklin, J., Carson-Wong, A., & Rizvi, S. L. (2013). Emotional cascades and self-injury: investigating instability of rumination and negative emotion. Journal of Clinical Psychology 69, 1213-1227, doi:10.1002/jclp.21966.",
  method:
    "ESM study, BPD group, the `cascade power --test selby` model (src/power/tests.ts): reported NSSI count ~ MSSD(rumination item) x MSSD(na_mean), both grand-mean centred, offset log(answered prompts), negative binomial GLM (theta by maximum likelihood, as MASS::glm.nb). Value: the interaction coefficient; interval: Wald 95%.",
  unit: "coefficient",
  studies: ["esm"],
  tolerance: { bounds: [{ on: "lower", min: 0 }], rationale: "the interaction is present: positive, with its 95% interval above 0" },
  measure({ data }) {
    const persons = bpdPersons(data).map((person) => person.series);
    const result = selbyTest(persons, data.items, { model: "negbin" });
    const interval = coefficientInterval(result);
    return {
      value: result.estimate,
      lower: interval.lower,
      upper: interval.upper,
      interval: result.status === "ok" ? "Wald z, negative binomial GLM" : `fit failed: ${result.status} ${result.message}`,
      basis: `${result.persons} persons`,
      details: { standardError: result.standardError, z: result.statistic, pValue: result.pValue },
    };
  },
};
