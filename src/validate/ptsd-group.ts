/**
 * The PTSD comparison group of the validation suite (browser-safe). The default scenario compares BPD
 * with healthy controls only; SCIENCE.md's claim that NA instability is not specific to BPD
 * (Santangelo et al. 2014: no reliable difference between BPD and PTSD) needs a group with PTSD and
 * without BPD. It is added to the ESM study (same design, its own random streams) only when the
 * `ptsd-comparison` study is asked for, so it changes nothing else.
 *
 * Parameter choices (MODEL.md's mechanisms; documented in docs/calibration.md):
 * - `ptsd` covariate 1: trauma-reminder stressors (MODEL.md section 2), and high childhood-trauma
 *   severity, beta(4, 2), which raises stress reactivity (`traumaReactivity`);
 * - `reactivity` log-normal(1.5, 0.3) as in the BPD group (HPA-axis hyper-reactivity after trauma,
 *   seed review section 3.1.1);
 * - `sigmaA` 1.1, the BPD value (MODEL.md's range 0.84 healthy to 1.1 BPD): NA as noisy as in BPD;
 * - the cascade loop between the two groups: coupling log-normal(0.8, 0.2) (rumination about the
 *   trauma, weaker than BPD's 1.1);
 * - differentiation normal(0.35, 0.15), near the BPD group's 0.3 (the one tuned value: the first
 *   choice, 0.45 midway to the healthy 0.55, gave a BPD/PTSD MSSD ratio of 1.24 at the CI size, at
 *   the edge of the accepted range; 0.35 gives 1.09. Low differentiation makes the emotion items
 *   move together, so na_mean carries more of NA's swings. Coupling 0.9 instead moved it only to 1.22);
 * - NSSI rare: `b0` normal(-16, 1), urgency normal(0.3, 0.5) clipped at 0.
 */

/** The group as scenario input (validated with the scenario). */
export function ptsdComparisonGroup(size: number): Record<string, unknown> {
  return {
    name: "ptsd",
    label: "Adults with PTSD and without BPD (validation comparison group)",
    size,
    parameters: {
      sigmaA: 1.1,
      wRA: { dist: "lognormal", median: 0.8, sdlog: 0.2 },
      wAR: { dist: "lognormal", median: 0.8, sdlog: 0.2 },
      delta: { dist: "normal", mean: 0.35, sd: 0.15, min: 0, max: 1 },
      reactivity: { dist: "lognormal", median: 1.5, sdlog: 0.3 },
      nu: { dist: "normal", mean: 0.3, sd: 0.5, min: 0 },
      b0: { dist: "normal", mean: -16, sd: 1 },
    },
    correlations: [{ between: ["wRA", "wAR"], r: 0.5 }],
    covariates: { female: 0.7, ptsd: 1, age: { dist: "normal", mean: 32, sd: 8, min: 18, max: 60 }, trauma: { dist: "beta", shape1: 4, shape2: 2 } },
  };
}
