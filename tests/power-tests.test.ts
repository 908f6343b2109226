/**
 * The tests of `cascade power` on simulated studies: each fits exactly the model docs/power.md
 * states (compared with direct calls of the R-checked fits in src/stats on data built by hand), the
 * Wilson interval equals R's, and Monte Carlo power of the MSSD test is near alpha without an effect
 * and near 1 with a huge one.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { emotionDifferentiation } from "../src/analysis/emotionDifferentiation.js";
import { iccConsistencyOfColumns } from "../src/analysis/iccConsistency.js";
import { mssd } from "../src/analysis/mssd.js";
import { validateScenario } from "../src/scenario/parse.js";
import { coefficientRow } from "../src/stats/coefficient-table.js";
import { designMatrix } from "../src/stats/design-matrix.js";
import { negativeBinomialRegression } from "../src/stats/glm/negative-binomial-regression.js";
import { poissonRegression } from "../src/stats/glm/poisson-regression.js";
import { linearMixedModel } from "../src/stats/mixed/linear-mixed-model.js";
import { twoStageSlopes } from "../src/stats/mixed/two-stage-slopes.js";
import { welchTTest } from "../src/stats/welch-t-test.js";
import { PowerContext, type PowerPlan } from "../src/power/plan.js";
import { summarisePower } from "../src/power/summary.js";
import { mssdDifferenceTest, selbyTest, zakiTest } from "../src/power/tests.js";
import { wilsonInterval } from "../src/power/wilson.js";
import { itemRoles } from "../src/sweep/person-series.js";
import { simulateStudy } from "../src/sweep/plan.js";
import { scenarioInput } from "../src/sweep/scenario-input.js";

/** A BPD-like group on a coarse grid: enough acts for the Selby counts, small enough to be fast. */
const studyYaml = `
seed: 21
days: 7
simulation: { dtMinutes: 10, burnInHours: 6 }
groups:
  - name: bpd
    size: 24
    parameters:
      sigmaA: 1.1
      wAR: { dist: lognormal, median: 1.2, sdlog: 0.2 }
      delta: { dist: normal, mean: 0.3, sd: 0.15, min: 0, max: 1 }
      b0: { dist: normal, mean: -9, sd: 1 }
`;
const scenario = validateScenario(scenarioInput(studyYaml), "study.yaml");
const roles = itemRoles(scenario.groups[0].design);
const persons = simulateStudy(scenario, 21);

describe("the Selby test", () => {
  /** The analysis as docs/power.md states it, written out by hand. */
  function byHand(model: "poisson" | "negbin", centre: boolean) {
    const rows = persons
      .map((p) => ({
        r: mssd(p.items.rumination, { day: p.day, beep: p.beep }),
        a: mssd(p.na, { day: p.day, beep: p.beep }),
        count: Array.from(p.items.nssi).filter((v) => !Number.isNaN(v)).reduce((s, v) => s + v, 0),
        exposure: p.summary.answeredSignalPrompts,
      }))
      .filter((row) => Number.isFinite(row.r) && Number.isFinite(row.a) && row.exposure > 0);
    const design = designMatrix({ mssd_R: rows.map((r) => r.r), mssd_A: rows.map((r) => r.a) }, ["mssd_R*mssd_A"], { center: centre ? ["mssd_R", "mssd_A"] : [] });
    const options = { offset: rows.map((r) => Math.log(r.exposure)) };
    const counts = rows.map((r) => r.count);
    const fit = model === "poisson" ? poissonRegression(design, counts, options) : negativeBinomialRegression(design, counts, options);
    return { fit, n: rows.length, total: counts.reduce((a, b) => a + b, 0) };
  }

  it.each(["poisson", "negbin"] as const)("fits count ~ mssd_R * mssd_A + offset(log answered) with %s", (model) => {
    const result = selbyTest(persons, roles, { model });
    const { fit, n, total } = byHand(model, true);
    expect(total).toBeGreaterThan(5); // the study has acts to count
    expect(fit.status).toBe("ok");
    const row = coefficientRow(fit.coefficients, "mssd_R:mssd_A");
    expect(result).toMatchObject({ status: "ok", method: model, persons: n });
    expect(result.estimate).toBe(row.estimate);
    expect(result.pValue).toBe(row.pValue);
    expect(result.df).toBe(Infinity);
  });

  it("does not depend on centring for the interaction (centring only moves the main effects)", () => {
    const centred = coefficientRow(byHand("poisson", true).fit.coefficients, "mssd_R:mssd_A");
    const raw = coefficientRow(byHand("poisson", false).fit.coefficients, "mssd_R:mssd_A");
    expect(raw.estimate).toBeCloseTo(centred.estimate, 8);
    expect(raw.pValue).toBeCloseTo(centred.pValue, 8);
  });

  it("reports the fit's failure instead of a p-value (no acts: separation)", () => {
    const calm = persons.map((p) => ({ ...p, items: { ...p.items, nssi: p.items.nssi.map((v) => (Number.isNaN(v) ? v : 0)) } }));
    const result = selbyTest(calm, roles, { model: "poisson" });
    expect(result.status).toBe("separation");
    expect(Number.isNaN(result.pValue)).toBe(true);
  });
});

describe("the Zaki test", () => {
  function byHand() {
    const person: number[] = [];
    const within: number[] = [];
    const raw: number[] = [];
    const urge: number[] = [];
    const edRow: number[] = [];
    const eds: number[] = [];
    persons.forEach((p, i) => {
      const ed = emotionDifferentiation(iccConsistencyOfColumns(roles.na.map((name) => p.items[name])).average);
      if (!Number.isFinite(ed)) return;
      const t = Array.from(p.items.rumination.keys()).filter((k) => !Number.isNaN(p.items.rumination[k]) && !Number.isNaN(p.items.urge[k]));
      const mean = t.reduce((s, k) => s + p.items.rumination[k], 0) / t.length;
      for (const k of t) {
        person.push(i);
        within.push(p.items.rumination[k] - mean);
        raw.push(p.items.rumination[k]);
        urge.push(p.items.urge[k]);
        edRow.push(ed);
      }
      eds.push(ed);
    });
    const edMean = eds.reduce((a, b) => a + b, 0) / eds.length;
    const ed = edRow.map((v) => v - edMean);
    return { person, within, raw, urge, ed, persons: eds.length };
  }

  it("fits urge ~ rumination_within * ed + (1 + rumination_within | person) with the mixed model", () => {
    const data = byHand();
    const fit = linearMixedModel(designMatrix({ rumination_within: data.within, ed: data.ed }, ["rumination_within*ed"]), data.urge, data.person, designMatrix({ rumination_within: data.within }, ["rumination_within"]));
    const row = coefficientRow(fit.coefficients, "rumination_within:ed");
    const result = zakiTest(persons, roles, { zakiMethod: "mixed" });
    expect(result).toMatchObject({ status: "ok", method: "mixed", persons: data.persons });
    expect(result.estimate).toBe(row.estimate);
    expect(result.pValue).toBe(row.pValue);
    expect(Number.isFinite(result.df) && result.df > 1).toBe(true); // Satterthwaite
    // Differentiation protects: the rumination-urge slope is flatter in high differentiators.
    expect(result.estimate).toBeLessThan(0);
  });

  it("regresses per-person slopes on ED with two-stage slopes", () => {
    const data = byHand();
    const fit = twoStageSlopes(data.urge, data.raw, data.person, { ed: data.ed });
    const row = coefficientRow(fit.regression.coefficients, "ed");
    const result = zakiTest(persons, roles, { zakiMethod: "two-stage" });
    expect(result).toMatchObject({ status: "ok", method: "two-stage", persons: fit.slopes.length });
    expect(result.estimate).toBe(row.estimate);
    expect(result.pValue).toBe(row.pValue);
  });

  it("falls back to two-stage slopes only where the mixed model fails", () => {
    expect(zakiTest(persons, roles, { zakiMethod: "mixed-fallback" })).toEqual(zakiTest(persons, roles, { zakiMethod: "mixed" }));
    const one = persons.slice(0, 1); // one person: no random effect can be estimated
    expect(zakiTest(one, roles, { zakiMethod: "mixed" })).toMatchObject({ method: "mixed", status: "too-few-observations" });
    expect(zakiTest(one, roles, { zakiMethod: "mixed-fallback" }).method).toBe("two-stage");
  });
});

describe("the MSSD-difference test", () => {
  it("is Welch's t test on the persons' MSSD of NA", () => {
    const half = persons.map((p, i) => ({ ...p, group: i < 12 ? "a" : "b" }));
    const values = (g: string) => half.filter((p) => p.group === g).map((p) => mssd(p.na, { day: p.day, beep: p.beep }));
    const welch = welchTTest(values("a"), values("b"));
    const result = mssdDifferenceTest(half, ["a", "b"]);
    expect(result).toMatchObject({ status: "ok", method: "welch", persons: 24, estimate: welch.difference, pValue: welch.pValue, df: welch.df });
    const sad = mssdDifferenceTest(half, ["a", "b"], { naItem: "sad" });
    expect(sad.estimate).not.toBe(result.estimate);
    expect(mssdDifferenceTest(half, ["a", "nobody"]).status).toBe("too-few-observations");
  });
});

describe("the Wilson interval", () => {
  const reference = JSON.parse(readFileSync(join(import.meta.dirname, "fixtures", "r", "power", "wilson_reference.json"), "utf8")) as {
    x: number;
    n: number;
    level: number;
    lower: number;
    upper: number;
  }[];

  it.each(reference.map((r) => [`${r.x}/${r.n} at ${r.level}`, r] as const))("equals R's prop.test(correct = FALSE) for %s", (_, r) => {
    const [lower, upper] = wilsonInterval(r.x, r.n, Number(r.level.toPrecision(6)));
    expect(Math.abs(lower - r.lower)).toBeLessThan(1e-12);
    expect(Math.abs(upper - r.upper)).toBeLessThan(1e-12);
  });

  it("contains the proportion, stays in [0, 1], and narrows with more trials", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, share) => {
        const x = Math.round(share * n);
        const [lower, upper] = wilsonInterval(x, n);
        expect(lower).toBeGreaterThanOrEqual(0);
        expect(upper).toBeLessThanOrEqual(1);
        expect(lower).toBeLessThanOrEqual(x / n + 1e-12);
        expect(upper).toBeGreaterThanOrEqual(x / n - 1e-12);
        const [lower4, upper4] = wilsonInterval(4 * x, 4 * n);
        expect(upper4 - lower4).toBeLessThan(upper - lower + 1e-12);
      }),
    );
    expect(wilsonInterval(0, 0).every(Number.isNaN)).toBe(true);
  });
});

describe("Monte Carlo power of the MSSD test", () => {
  /** Two groups that differ only in sigmaA (latent NA noise), on a coarse grid for speed. */
  const twoGroups = (sigmaA: [number, number]) => `
seed: 2
days: 2
simulation: { dtMinutes: 10, burnInHours: 6 }
groups:
  - { name: a, size: 1, parameters: { sigmaA: ${sigmaA[0]}, wAR: 0.5, wRA: 0.5 } }
  - { name: b, size: 1, parameters: { sigmaA: ${sigmaA[1]}, wAR: 0.5, wRA: 0.5 } }
`;
  const power = (sigmaA: [number, number], replicates: number, persons: number) => {
    const plan: PowerPlan = {
      scenario: { name: "two", input: scenarioInput(twoGroups(sigmaA)) },
      test: "mssd-difference",
      groups: ["a", "b"],
      persons: [persons],
      days: [2],
      prompts: [6],
      replicates,
      alpha: 0.05,
      seed: 3,
      commonRandomNumbers: false,
    };
    const context = new PowerContext(plan);
    const results = Array.from({ length: context.tasks }, (_, task) => context.runTask(task));
    return summarisePower(plan, results)[0];
  };

  it("rejects at about alpha when the groups do not differ", () => {
    // Groups with the same parameters (different persons): the null hypothesis is true. With 300
    // replicates the rejection rate has SD sqrt(0.05 x 0.95 / 300) = 0.0126; allow 3.5 SD.
    const row = power([1, 1], 300, 8);
    expect(row.failed).toBe(0);
    expect(Math.abs(row.power - 0.05)).toBeLessThan(3.5 * Math.sqrt((0.05 * 0.95) / 300));
    expect(row.lower).toBeLessThan(0.05);
  });

  it("finds a huge difference almost always", () => {
    const row = power([0.3, 2.5], 40, 8);
    expect(row.power).toBeGreaterThanOrEqual(0.95);
    expect(row.meanEstimate).toBeLessThan(0); // a is the calmer group: MSSD(a) - MSSD(b) < 0
  });
});
