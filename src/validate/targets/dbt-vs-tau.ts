/**
 * DBT versus treatment as usual on self-harm: Hedges' g near -0.62 (Panos et al. 2014).
 */
import type { ValidationTarget } from "../types.js";

export const dbtVersusTau: ValidationTarget = {
  id: "dbt-vs-tau",
  claim: "DBT reduces self-harm versus TAU by Hedges' g near -0.62",
  source: "Panos et al. 2014; DeCou et al. 2019",
  reference:
    "Panos, P. T., Jackson, J. W., Hasan, O., & Panos, A. (2014). Meta-analysis and systematic review assessing the efficacy of dialectical behavior therapy (DBT). Research on Social Work Practice 24, 213-223, doi:10.1177/1049731513503047 (g = -0.622 on suicidal and parasuicidal behaviour, 5 RCTs). DeCou, C. R., Comtois, K. A., & Landes, S. J. (2019). Dialectical behavior therapy is effective for the treatment of suicidal behavior: a meta-analysis. Behavior Therapy 50, 60-72, doi:10.1016/j.beth.2018.03.009 (d = -0.324 for self-directed violence).",
  method:
    "runTrial (src/trial/) on scenarios/dbt-vs-tau.yaml with the run's seed: persons randomised 1:1 to DBT or TAU for 12 months; Hedges' g of NSSI acts per week over the 12-week recall window at the month-12 assessment, DBT minus TAU, with the trial's 95% interval.",
  unit: "Hedges' g",
  studies: ["dbt-trial"],
  tolerance: {
    bounds: [{ min: -0.9, max: -0.3 }],
    rationale: "from the conservative meta-analytic figure (DeCou: -0.32) to somewhat beyond the headline one (Panos: -0.62)",
  },
  measure({ data }) {
    const trial = data.trials["dbt-trial"];
    const effect = trial?.effects.find((e) => e.outcome === "nssi_per_week" && e.assessment === "month-12" && e.measure === "hedges_g");
    if (trial === undefined || effect === undefined) {
      return { value: Number.NaN, lower: Number.NaN, upper: Number.NaN, interval: "no month-12 nssi_per_week effect in the trial's results", basis: "" };
    }
    return {
      value: effect.estimate,
      lower: effect.lower,
      upper: effect.upper,
      interval: "the trial's 95% interval of Hedges' g (src/trial/summary.ts)",
      basis: `${effect.n} ${effect.arm}, ${effect.controlN} ${effect.control}`,
      details: { persons: trial.persons },
    };
  },
};
