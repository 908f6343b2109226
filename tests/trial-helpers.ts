// Shared fixtures of tests/trial-*.test.ts.

/** A small trial: 12 persons, bursts of 3 days at weeks 0 and 3. */
export const smallTrial = {
  name: "small-trial",
  seed: 3,
  groups: [{ name: "bpd", size: 12, parameters: { b0: -9.5, reactivity: 2, stressRate: 0.3, nu: 1.2 }, covariates: { trauma: { dist: "beta", shape1: 2, shape2: 2 } } }],
  trial: {
    burstDays: 3,
    recallWeeks: 2,
    assessments: [
      { name: "baseline", week: 0 },
      { name: "week-3", week: 3 },
    ],
    arms: [
      { name: "dbt", processes: [{ type: "dbt", startWeek: 0.5, tauWeeks: 1, max: 1, effects: { urgency: 0.9, skills: 1 } }] },
      { name: "tau", processes: [{ type: "tau" }] },
    ],
  },
};
