/**
 * MBT's long-term functioning gap (Bateman & Fonagy 2008): eight years after randomisation, GAF above
 * 60 in about 45% of MBT patients and 10% of TAU patients. Two targets, one per arm, from the same
 * simulated trial.
 */
import { wilsonInterval } from "../../power/wilson.js";
import type { Measurement, ValidationData, ValidationTarget } from "../types.js";

const REFERENCE =
  "Bateman, A., & Fonagy, P. (2008). 8-year follow-up of patients treated for borderline personality disorder: mentalization-based treatment versus treatment as usual. American Journal of Psychiatry 165, 631-638, doi:10.1176/appi.ajp.2007.07040636 (41 patients followed up; GAF above 60: 46% with MBT, 11% with TAU).";

/** Share of an arm's persons with GAF above 60 at the year-8 assessment, with its Wilson interval. */
function shareAboveSixty(data: ValidationData, arm: string): Measurement {
  const trial = data.trials["mbt-trial"];
  const outcome = trial?.arms.find((a) => a.arm === arm && a.assessment === "year-8" && a.outcome === "gaf_above_60");
  if (outcome === undefined || outcome.events === undefined || outcome.n === 0) {
    return { value: Number.NaN, lower: Number.NaN, upper: Number.NaN, interval: `no year-8 gaf_above_60 outcome for the ${arm} arm`, basis: "" };
  }
  const [lower, upper] = wilsonInterval(outcome.events, outcome.n);
  return { value: outcome.events / outcome.n, lower, upper, interval: "Wilson score 95% interval", basis: `${outcome.events} of ${outcome.n} ${arm} persons`, details: { persons: trial?.persons ?? 0 } };
}

const METHOD =
  "runTrial (src/trial/) on scenarios/mbt-long-term.yaml with the run's seed: persons randomised 1:1 to 18 months of MBT or to TAU, followed for 8 years; share of the arm's persons whose functioning (GAF-like F, weekly) is above 60 at the year-8 assessment.";

export const mbtAboveSixty: ValidationTarget = {
  id: "mbt-gaf-above-60",
  claim: "8 years after MBT, about 45% function well (GAF above 60)",
  source: "Bateman & Fonagy 2008",
  reference: REFERENCE,
  method: METHOD + " Arm: MBT.",
  unit: "share",
  studies: ["mbt-trial"],
  tolerance: { bounds: [{ min: 0.3, max: 0.6 }], rationale: "46% with MBT among 41 patients followed up (about 20 per arm: a binomial 95% interval of roughly 25% to 67%); accepted 30% to 60%" },
  measure: ({ data }) => shareAboveSixty(data, "mbt"),
};

export const tauAboveSixty: ValidationTarget = {
  id: "tau-gaf-above-60",
  claim: "8 years after TAU, only about 10% function well (GAF above 60)",
  source: "Bateman & Fonagy 2008",
  reference: REFERENCE,
  method: METHOD + " Arm: TAU.",
  unit: "share",
  studies: ["mbt-trial"],
  tolerance: { bounds: [{ min: 0.02, max: 0.22 }], rationale: "11% with TAU among 41 patients followed up (about 20 per arm: roughly 3% to 33%); accepted 2% to 22%, below the MBT range" },
  measure: ({ data }) => shareAboveSixty(data, "tau"),
};
