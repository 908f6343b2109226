/**
 * Running a power analysis and writing its directory (Node only): `cascade power` calls `runPower`.
 *
 * ```
 * DIR/power.csv             one row per setting: replicates, failed fits, significant, power with its Wilson 95% interval
 * DIR/replicates.csv        one row per setting and replicate: seed, fit status, method, estimate, SE, statistic, df, p
 * DIR/power.json            the plan (scenario as written, test, model, grid, alpha, seed), the model in words, column dictionary
 * DIR/power-curve.vl.json   power against persons, one line per days x prompts setting
 * DIR/power-curve.svg
 * DIR/power-curve.png       with --png (twice the SVG's size, for slides and documents)
 * ```
 *
 * Replicates run in worker threads (or this thread) and are written in task order, so the files are
 * byte-identical for any number of workers; the directory appears whole or not at all.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { renderSvg, specJson, svgToPng } from "../charts/render.js";
import { writeDirectoryAtomically, type OutputOptions } from "../io/atomic.js";
import { formatRow } from "../io/csv-writer.js";
import { preferBundledWorker, runTaskPool } from "../sweep/pool.js";
import { packageVersion } from "../version.js";
import { POWER_SEED_SCHEME, powerSettings, type PowerContext, type PowerPlan, type ReplicateResult } from "./plan.js";
import { isSignificant, powerChart, summarisePower, testLabel, type PowerRow } from "./summary.js";

export interface PowerRunOptions extends OutputOptions {
  out: string;
  workers?: number;
  /** Also write the power curve as PNG. */
  png?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export const POWER_COLUMNS = [
  { name: "persons", description: "persons per analysed group" },
  { name: "days", description: "study days" },
  { name: "prompts", description: "prompts per day (empty: the scenario's schedule)" },
  { name: "replicates", description: "simulated studies" },
  { name: "ok", description: "replicates whose fit succeeded (status ok)" },
  { name: "failed", description: "replicates whose fit failed (any other status; counted as not significant)" },
  { name: "significant", description: "replicates with status ok and p < alpha" },
  { name: "power", description: "significant / replicates" },
  { name: "lower", description: "lower end of the Wilson 95% interval of power" },
  { name: "upper", description: "upper end of the Wilson 95% interval of power" },
  { name: "mean_estimate", description: "mean of the tested estimate over successful fits" },
  { name: "median_p", description: "median p-value over successful fits" },
  { name: "mean_persons", description: "mean number of persons that entered the analysis" },
  { name: "methods", description: "replicates per estimator, as method:count separated by ;" },
] as const;

export const REPLICATE_COLUMNS = [
  { name: "persons", description: "persons per analysed group" },
  { name: "days", description: "study days" },
  { name: "prompts", description: "prompts per day (empty: the scenario's schedule)" },
  { name: "replicate", description: "replicate, 1-based" },
  { name: "seed", description: "the replicate's derived seed (cascade simulate --seed with the setting's scenario reproduces its persons)" },
  { name: "status", description: "fit status: ok, invalid-input, too-few-observations, rank-deficient, separation, not-converged" },
  { name: "method", description: "estimator: poisson, negbin, mixed, two-stage or welch" },
  { name: "estimate", description: "the tested coefficient or difference" },
  { name: "standard_error", description: "its standard error" },
  { name: "statistic", description: "z or t statistic" },
  { name: "df", description: "degrees of freedom (Inf for Wald z tests)" },
  { name: "p_value", description: "two-sided p-value" },
  { name: "significant", description: "1 when status is ok and p < alpha" },
  { name: "persons_analysed", description: "persons that entered the analysis" },
  { name: "message", description: "why the fit failed (empty when ok)" },
] as const;

/** The model of a test in words, for power.json (docs/power.md has the full statement). */
function modelDescription(plan: PowerPlan): Record<string, string> {
  const na = plan.naItem === undefined ? "na_mean (mean of the emotion items at prompts where all were answered)" : `the item ${plan.naItem}`;
  switch (plan.test) {
    case "selby":
      return {
        outcome: "person's NSSI count: the nssi item summed over answered prompts",
        predictors: `MSSD of the rumination item and MSSD of ${na} (adjacent pairs within a day), both grand-mean centred, and their product`,
        offset: "log(answered signal-contingent prompts)",
        model: plan.model === "poisson" ? "Poisson GLM, log link (IRLS)" : "negative binomial GLM, log link, theta by maximum likelihood (as MASS::glm.nb)",
        test: "Wald z test of mssd_R:mssd_A, two-sided",
        source: "Selby, Franklin, Carson-Wong & Rizvi (2013), J Clin Psychol 69, 1213-1227, doi:10.1002/jclp.21966",
      };
    case "zaki":
      return {
        outcome: "urge item at each answered prompt with rumination and urge answered",
        predictors: "rumination centred on the person's mean (rumination_within), emotion differentiation ED = 1 - ICC(C,k) across the emotion items over the person's complete prompts (negative ICC: person left out), grand-mean centred across persons, and their product",
        randomEffects: "correlated random intercept and slope of rumination_within by person",
        model:
          plan.method === "two-stage"
            ? "two-stage slopes: per-person OLS slope of urge on rumination, regressed on ED with random-effects weights (DerSimonian-Laird) and Knapp-Hartung t test"
            : `linear mixed model, REML, Satterthwaite df (as lme4 + lmerTest)${plan.method === "mixed-fallback" ? "; two-stage slopes for replicates where it fails" : ""}`,
        test: plan.method === "two-stage" ? "t test of the slope on ed, two-sided" : "t test of rumination_within:ed, two-sided",
        source: "Zaki, Coifman, Rafaeli, Berenson & Downey (2013), Behavior Therapy 44, 529-540, doi:10.1016/j.beth.2013.04.008",
      };
    case "mssd-difference":
      return {
        outcome: `person's MSSD of ${na}, adjacent pairs within a day`,
        predictors: `group: ${plan.groups[0]} minus ${plan.groups[1]}`,
        model: "Welch two-sample t test (Welch-Satterthwaite df)",
        test: "two-sided",
        source: "Jahng, Wood & Trull (2008), Psychological Methods 13, 354-375, doi:10.1037/a0014173; Welch (1947), Biometrika 34, 28-35",
      };
  }
}

function powerText(rows: readonly PowerRow[]): string {
  let text = formatRow(POWER_COLUMNS.map((c) => c.name));
  for (const row of rows) {
    const methods = Object.entries(row.methods).map(([method, count]) => `${method}:${count}`).join(";");
    text += formatRow([row.persons, row.days, row.prompts, row.replicates, row.ok, row.failed, row.significant, row.power, row.lower, row.upper, row.meanEstimate, row.medianP, row.meanPersons, methods]);
  }
  return text;
}

function replicatesText(plan: PowerPlan, results: readonly ReplicateResult[]): string {
  const settings = powerSettings(plan);
  let text = formatRow(REPLICATE_COLUMNS.map((c) => c.name));
  for (const r of results) {
    const s = settings[r.setting];
    text += formatRow([s.persons, s.days, s.prompts, r.replicate, r.seed, r.status, r.method, r.estimate, r.standardError, r.statistic, r.df, r.pValue, isSignificant(r, plan.alpha), r.persons, r.message]);
  }
  return text;
}

function workerFile(): string {
  return preferBundledWorker(fileURLToPath(new URL("../bundles/power-worker.js", import.meta.url)), fileURLToPath(new URL("./worker.js", import.meta.url)));
}

/** Runs every replicate of the plan of `context` and writes the directory atomically. */
export async function runPower(context: PowerContext, options: PowerRunOptions): Promise<{ rows: PowerRow[]; files: string[] }> {
  const plan = context.plan;
  const tasks = Array.from({ length: context.tasks }, (_, i) => i);
  return writeDirectoryAtomically(options.out, { force: options.force, inputs: options.inputs, label: options.label ?? "--out" }, async (directory) => {
    const results: ReplicateResult[] = [];
    await runTaskPool<ReplicateResult>(tasks, {
      workers: options.workers ?? 1,
      workerFile: workerFile(),
      workerData: { plan, fileName: context.fileName },
      runLocal: (task) => context.runTask(task),
      onResult: (result, done) => {
        results.push(result);
        options.onProgress?.(done, tasks.length);
      },
    });
    const rows = summarisePower(plan, results);
    writeFileSync(join(directory, "power.csv"), powerText(rows));
    writeFileSync(join(directory, "replicates.csv"), replicatesText(plan, results));
    const files = ["power.csv", "replicates.csv"];
    if (rows.some((row) => Number.isFinite(row.power))) {
      const spec = powerChart(plan, rows);
      const svg = await renderSvg(spec);
      writeFileSync(join(directory, "power-curve.vl.json"), specJson(spec));
      writeFileSync(join(directory, "power-curve.svg"), svg);
      files.push("power-curve.vl.json", "power-curve.svg");
      if (options.png === true) {
        writeFileSync(join(directory, "power-curve.png"), svgToPng(svg));
        files.push("power-curve.png");
      }
    }
    const metadata = {
      generator: { package: "cascade-lab", version: packageVersion() },
      notice: "Synthetic data from Cascade Lab, a research and teaching tool; not a clinical or risk-prediction tool.",
      kind: "power",
      test: testLabel(plan),
      plan,
      model: modelDescription(plan),
      significance: `a replicate is significant when its fit's status is ok and p < ${plan.alpha}; failed fits count as not significant; power = significant / replicates with a Wilson 95% score interval`,
      seeds: {
        scheme: POWER_SEED_SCHEME,
        key: plan.commonRandomNumbers ? `${POWER_SEED_SCHEME}/<seed>/common/<replicate>` : `${POWER_SEED_SCHEME}/<seed>/persons=<n>&days=<d>&prompts=<k>/<replicate>`,
        commonRandomNumbers: plan.commonRandomNumbers,
      },
      files: {
        "power.csv": { description: "Power per setting.", rows: rows.length, columns: POWER_COLUMNS },
        "replicates.csv": { description: "Every replicate's test.", rows: results.length, columns: REPLICATE_COLUMNS },
        charts: files.filter((f) => f.startsWith("power-curve")),
      },
    };
    writeFileSync(join(directory, "power.json"), JSON.stringify(metadata, (_, v) => (typeof v === "number" && !Number.isFinite(v) ? null : v), 2) + "\n");
    files.push("power.json");
    return { rows, files };
  });
}
