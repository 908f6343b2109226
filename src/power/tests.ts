/**
 * The hypothesis tests of `cascade power`, each applied to one simulated study: from the persons'
 * prompts (as `cascade analyze` would read them) to one p-value. docs/power.md states each model
 * exactly, with its sources. Browser-safe: no `node:` imports.
 *
 * | test | outcome | predictors | tested coefficient | fit |
 * |---|---|---|---|---|
 * | `selby` | person's NSSI count (the nssi item summed over answered prompts) | MSSD of rumination, MSSD of NA, their product (both grand-mean centred), offset log(answered signal prompts) | `mssd_R:mssd_A` | Poisson or negative binomial GLM, Wald z |
 * | `zaki` | urge at each answered prompt | person-mean-centred rumination, the person's emotion differentiation (1 - ICC(C,k) across NA items, grand-mean centred), their product; random intercept and slope of rumination by person | `rumination_within:ed` | linear mixed model (REML, Satterthwaite t), or two-stage slopes |
 * | `mssd-difference` | person's MSSD of NA | group | difference in means | Welch t test |
 *
 * Every test returns a `TestResult` whose `status` is the fit's: a replicate counts as significant
 * only when the status is "ok" and p < alpha. Persons without the needed values (no valid pair for
 * an MSSD, no answered prompt, an undefined ICC) are left out and the number analysed is reported.
 */
import { mssd } from "../analysis/mssd.js";
import { iccConsistencyOfColumns } from "../analysis/iccConsistency.js";
import { emotionDifferentiation } from "../analysis/emotionDifferentiation.js";
import { coefficientRow, type FitStatus } from "../stats/coefficient-table.js";
import { designMatrix } from "../stats/design-matrix.js";
import { negativeBinomialRegression } from "../stats/glm/negative-binomial-regression.js";
import { poissonRegression } from "../stats/glm/poisson-regression.js";
import { linearMixedModel } from "../stats/mixed/linear-mixed-model.js";
import { twoStageSlopes } from "../stats/mixed/two-stage-slopes.js";
import { welchTTest } from "../stats/welch-t-test.js";
import type { ItemRoles, PersonSeriesView } from "../sweep/person-series.js";

/** The tests, by their command-line names. */
export const POWER_TESTS = ["selby", "zaki", "mssd-difference"] as const;
export type PowerTest = (typeof POWER_TESTS)[number];

/** The count model of the Selby test. */
export const SELBY_MODELS = ["poisson", "negbin"] as const;
export type SelbyModel = (typeof SELBY_MODELS)[number];

/**
 * How the Zaki moderation is estimated: `mixed` (the linear mixed model), `two-stage` (per-person
 * slopes regressed on ED), or `mixed-fallback` (the mixed model, and two-stage slopes for the
 * replicates where it fails).
 */
export const ZAKI_METHODS = ["mixed", "two-stage", "mixed-fallback"] as const;
export type ZakiMethod = (typeof ZAKI_METHODS)[number];

/** Status of a test: a fit's status, or "ok" for the t test when it has a p-value. */
export type TestStatus = FitStatus;

/** One test on one simulated study. */
export interface TestResult {
  status: TestStatus;
  /** The estimator used: "poisson", "negbin", "mixed", "two-stage" or "welch". */
  method: string;
  /** The tested coefficient or difference; NaN when the fit failed. */
  estimate: number;
  standardError: number;
  statistic: number;
  /** Degrees of freedom of the test (Infinity for Wald z tests). */
  df: number;
  pValue: number;
  /** Persons that entered the analysis (both groups for the MSSD difference). */
  persons: number;
  /** Why the fit failed; empty when ok. */
  message: string;
}

function failed(method: string, status: TestStatus, message: string, persons: number): TestResult {
  return { status, method, estimate: Number.NaN, standardError: Number.NaN, statistic: Number.NaN, df: Number.NaN, pValue: Number.NaN, persons, message };
}

function fromRow(method: string, status: TestStatus, message: string, row: { estimate: number; standardError: number; statistic: number; df: number; pValue: number }, persons: number): TestResult {
  if (status !== "ok") return failed(method, status, message, persons);
  return { status, method, estimate: row.estimate, standardError: row.standardError, statistic: row.statistic, df: row.df, pValue: row.pValue, persons, message: "" };
}

/** The NA series a test uses: `na_mean`, or one item when `naItem` is given. */
function naSeries(person: PersonSeriesView, naItem: string | undefined): Float64Array {
  return naItem === undefined ? person.na : person.items[naItem];
}

/** Options shared by the tests. */
export interface TestOptions {
  /** Use this item instead of na_mean for NA instability (Selby, MSSD difference). */
  naItem?: string;
  model?: SelbyModel;
  zakiMethod?: ZakiMethod;
}

/**
 * Selby et al. (2013): the interaction of rumination instability and NA instability on NSSI counts.
 * `count ~ mssd_R * mssd_A + offset(log(answered))` with both MSSDs grand-mean centred (so the main
 * effects are at the other's mean; the interaction's estimate and test do not depend on centring).
 */
export function selbyTest(persons: readonly PersonSeriesView[], roles: ItemRoles, options: TestOptions = {}): TestResult {
  const model = options.model ?? "negbin";
  const rumination = roles.rumination;
  const nssi = roles.nssi;
  if (rumination === undefined || nssi === undefined) return failed(model, "invalid-input", "the design needs a rumination item and an nssi item", 0);
  const mssdR: number[] = [];
  const mssdA: number[] = [];
  const counts: number[] = [];
  const offset: number[] = [];
  for (const person of persons) {
    const index = { day: person.day, beep: person.beep };
    const r = mssd(person.items[rumination], index);
    const a = mssd(naSeries(person, options.naItem), index);
    const exposure = person.summary.answeredSignalPrompts;
    if (!Number.isFinite(r) || !Number.isFinite(a) || exposure === 0) continue;
    let count = 0;
    for (const value of person.items[nssi]) if (!Number.isNaN(value)) count += value;
    mssdR.push(r);
    mssdA.push(a);
    counts.push(count);
    offset.push(Math.log(exposure));
  }
  const design = designMatrix({ mssd_R: mssdR, mssd_A: mssdA }, ["mssd_R*mssd_A"], { center: ["mssd_R", "mssd_A"] });
  const fit = model === "poisson" ? poissonRegression(design, counts, { offset }) : negativeBinomialRegression(design, counts, { offset });
  const row = fit.status === "ok" ? coefficientRow(fit.coefficients, "mssd_R:mssd_A") : undefined;
  return row === undefined ? failed(model, fit.status, fit.message, counts.length) : fromRow(model, fit.status, fit.message, row, counts.length);
}

/**
 * Zaki et al. (2013): emotion differentiation moderating the within-person link of rumination to
 * urges. `urge ~ rumination_within * ed + (1 + rumination_within | person)`, REML with Satterthwaite
 * df; rumination centred on each person's mean, ED = 1 - ICC(C,k) across the NA items over the
 * person's complete prompts (a negative ICC leaves the person out), centred on the persons' mean.
 * `two-stage`: each person's least-squares slope of urge on rumination regressed on ED
 * (random-effects weights, Knapp-Hartung t test on persons - 2 df); coefficient `ed`.
 */
export function zakiTest(persons: readonly PersonSeriesView[], roles: ItemRoles, options: TestOptions = {}): TestResult {
  const method = options.zakiMethod ?? "mixed";
  const rumination = roles.rumination;
  const urge = roles.urge;
  if (rumination === undefined || urge === undefined || roles.na.length < 2) {
    return failed(method === "two-stage" ? "two-stage" : "mixed", "invalid-input", "the design needs a rumination item, an urge item and at least two NA items", 0);
  }
  const person: number[] = [];
  const ruminationWithin: number[] = [];
  const ruminationRaw: number[] = [];
  const edOfRow: number[] = [];
  const urges: number[] = [];
  const edOfPerson: number[] = [];
  persons.forEach((p, index) => {
    const icc = iccConsistencyOfColumns(roles.na.map((name) => p.items[name]));
    const ed = emotionDifferentiation(icc.average);
    if (!Number.isFinite(ed)) return;
    const r = p.items[rumination];
    const u = p.items[urge];
    const rows: number[] = [];
    let sum = 0;
    for (let t = 0; t < r.length; t++) {
      if (Number.isNaN(r[t]) || Number.isNaN(u[t])) continue;
      rows.push(t);
      sum += r[t];
    }
    if (rows.length === 0) return;
    const mean = sum / rows.length;
    for (const t of rows) {
      person.push(index);
      ruminationWithin.push(r[t] - mean);
      ruminationRaw.push(r[t]);
      urges.push(u[t]);
      edOfRow.push(ed);
    }
    edOfPerson.push(ed);
  });
  const analysed = edOfPerson.length;
  const edMean = analysed === 0 ? 0 : edOfPerson.reduce((a, b) => a + b, 0) / analysed;
  const edCentred = edOfRow.map((ed) => ed - edMean);
  const twoStage = (): TestResult => {
    const fit = twoStageSlopes(urges, ruminationRaw, person, { ed: edCentred });
    const persons = fit.slopes.length;
    if (fit.status !== "ok" || fit.regression.status !== "ok") return failed("two-stage", fit.status !== "ok" ? fit.status : fit.regression.status, fit.message || fit.regression.message, persons);
    return fromRow("two-stage", "ok", "", coefficientRow(fit.regression.coefficients, "ed"), persons);
  };
  if (method === "two-stage") return twoStage();
  const x = designMatrix({ rumination_within: ruminationWithin, ed: edCentred }, ["rumination_within*ed"]);
  const z = designMatrix({ rumination_within: ruminationWithin }, ["rumination_within"]);
  const fit = linearMixedModel(x, urges, person, z);
  if (fit.status !== "ok") return method === "mixed-fallback" ? twoStage() : failed("mixed", fit.status, fit.message, analysed);
  return fromRow("mixed", "ok", "", coefficientRow(fit.coefficients, "rumination_within:ed"), analysed);
}

/**
 * A group difference in NA instability: Welch's t test of the persons' MSSD of NA (adjacent pairs)
 * between group `first` and group `second`; the estimate is mean(first) - mean(second).
 */
export function mssdDifferenceTest(persons: readonly PersonSeriesView[], groups: readonly [string, string], options: TestOptions = {}): TestResult {
  const values = groups.map((group) =>
    persons.filter((p) => p.group === group).map((p) => mssd(naSeries(p, options.naItem), { day: p.day, beep: p.beep })).filter((v) => Number.isFinite(v)),
  );
  const analysed = values[0].length + values[1].length;
  if (values[0].length < 2 || values[1].length < 2) return failed("welch", "too-few-observations", `fewer than 2 persons with an MSSD in a group (${values[0].length} and ${values[1].length})`, analysed);
  const test = welchTTest(values[0], values[1]);
  if (!Number.isFinite(test.pValue)) return failed("welch", "invalid-input", "the t test is undefined (both groups constant)", analysed);
  return { status: "ok", method: "welch", estimate: test.difference, standardError: test.standardError, statistic: test.statistic, df: test.df, pValue: test.pValue, persons: analysed, message: "" };
}
