/**
 * `cascade power <scenario> --test selby|zaki|mssd-difference --persons LIST --days LIST [--prompts LIST]
 * --out DIR`: Monte Carlo power over persons, days and prompts per day. A thin layer: flags ->
 * `PowerPlan` -> `PowerContext` (checks groups, items and every setting's scenario before anything
 * runs) -> `runPower`.
 */
import type { Command } from "commander";
import { CascadeError } from "../../errors.js";
import { checkOutputTarget } from "../../io/atomic.js";
import { didYouMean } from "../../io/suggest.js";
import { PowerContext, settingLabel, type PowerPlan } from "../../power/plan.js";
import { runPower } from "../../power/run.js";
import { POWER_TESTS, SELBY_MODELS, ZAKI_METHODS, type PowerTest, type SelbyModel, type ZakiMethod } from "../../power/tests.js";
import { loadScenario } from "../../scenario/load-file.js";
import { evenlySpaced } from "../../sweep/grid.js";
import { scenarioInput } from "../../sweep/scenario-input.js";
import { formatTextTable } from "../../sweep/text-table.js";
import { integerFlag } from "../flags.js";
import { createProgress } from "../progress.js";

interface PowerFlags {
  test: string;
  persons: string;
  days?: string;
  prompts?: string;
  replicates: string;
  alpha: string;
  model: string;
  method: string;
  group?: string;
  groups?: string;
  naItem?: string;
  workers: string;
  seed?: string;
  commonRandomNumbers?: boolean;
  out: string;
  png?: boolean;
  force?: boolean;
  quiet?: boolean;
}

/** One of `choices`, or a CascadeError listing them with a suggestion. */
function choice<T extends string>(flag: string, value: string, choices: readonly T[]): T {
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new CascadeError(`${flag}: expected one of ${choices.join(", ")}, got "${value}"${didYouMean(value, choices)}`);
}

/**
 * A list of whole numbers: `20,40,80` or `FROM:TO:STEPS` (evenly spaced, which must give whole
 * numbers), each within [min, max]; in the order given, without repeats.
 */
export function integerList(flag: string, text: string, min: number, max: number): number[] {
  const bad = (detail: string): never => {
    throw new CascadeError(`${flag} ${text}: ${detail}`);
  };
  let values: number[];
  if (text.includes(":")) {
    const parts = text.split(":").map((part) => Number(part));
    if (parts.length !== 3 || parts.some((part) => !Number.isFinite(part)) || !Number.isInteger(parts[2]) || parts[2] < 1) bad("expected FROM:TO:STEPS, for example 20:100:5, or a list such as 20,40,80");
    values = evenlySpaced(parts[0], parts[1], parts[2]);
  } else {
    values = text.split(",").map((part) => (part.trim() === "" ? Number.NaN : Number(part)));
  }
  for (const value of values) {
    if (!Number.isInteger(value)) bad(`expected whole numbers, got ${Number.isNaN(value) ? "an empty or non-numeric entry" : value}`);
    if (value < min || value > max) bad(`expected values from ${min} to ${max}, got ${value}`);
  }
  if (new Set(values).size !== values.length) bad("a value appears twice");
  return values;
}

/** The alpha flag: a number strictly between 0 and 1. */
function alphaFlag(text: string): number {
  const value = Number(text);
  if (text.trim() === "" || !(value > 0 && value < 1)) throw new CascadeError(`--alpha: expected a number between 0 and 1, got "${text}"`);
  return value;
}

/** Runs `cascade power`. */
export async function runPowerCommand(scenarioArgument: string, flags: PowerFlags): Promise<void> {
  const test = choice<PowerTest>("--test", flags.test, POWER_TESTS);
  const model = choice<SelbyModel>("--model", flags.model, SELBY_MODELS);
  const method = choice<ZakiMethod>("--method", flags.method, ZAKI_METHODS);
  const persons = integerList("--persons", flags.persons, test === "zaki" || test === "selby" ? 5 : 2, 100_000);
  const replicates = integerFlag("--replicates", flags.replicates, 1) ?? 1;
  const alpha = alphaFlag(flags.alpha);
  const workers = integerFlag("--workers", flags.workers, 1) ?? 1;
  const seedFlag = integerFlag("--seed", flags.seed, 0);
  const loaded = loadScenario(scenarioArgument);
  const scenario = loaded.scenario;
  const days = flags.days === undefined ? [scenario.days] : integerList("--days", flags.days, 1, 3650);
  const prompts = flags.prompts === undefined ? null : integerList("--prompts", flags.prompts, 1, 100);
  const names = scenario.groups.map((g) => g.name);
  let groups: string[];
  if (test === "mssd-difference") {
    if (flags.group !== undefined) throw new CascadeError("--group: the MSSD difference compares two groups; use --groups A,B");
    groups = flags.groups === undefined ? names.slice(0, 2) : flags.groups.split(",").map((g) => g.trim());
    if (groups.length !== 2 || groups[0] === groups[1]) throw new CascadeError(`--groups: expected two different groups as A,B (the test is mean MSSD of A minus B), got "${flags.groups ?? names.join(",")}"`);
  } else {
    if (flags.groups !== undefined) throw new CascadeError(`--groups: the ${test} test analyses one group; use --group NAME`);
    groups = [flags.group ?? names[0]];
  }
  const plan: PowerPlan = {
    scenario: { name: scenario.name, input: scenarioInput(loaded.text, scenarioArgument) },
    test,
    ...(test === "selby" ? { model } : {}),
    ...(test === "zaki" ? { method } : {}),
    groups,
    persons,
    days,
    prompts,
    replicates,
    alpha,
    seed: seedFlag ?? scenario.seed,
    commonRandomNumbers: flags.commonRandomNumbers === true,
    ...(flags.naItem === undefined ? {} : { naItem: flags.naItem }),
  };
  const context = new PowerContext(plan, scenarioArgument);
  context.validateAllSettings();
  checkOutputTarget(flags.out, { force: flags.force, inputs: [loaded.path], label: "--out" });
  const progress = createProgress(context.tasks, { unit: "replicates" });
  let result;
  try {
    result = await runPower(context, { out: flags.out, force: flags.force, inputs: [loaded.path], workers, png: flags.png === true, onProgress: (done) => progress.update(done) });
  } finally {
    progress.stop();
  }
  if (flags.quiet) return;
  process.stdout.write(`Wrote ${flags.out}: ${context.settings.length} settings x ${replicates} replicates.\n`);
  const lines = [["persons", "design", "power", "95% CI (Wilson)", "failed"]];
  for (const row of result.rows) {
    const ci = Number.isFinite(row.lower) ? `[${row.lower.toFixed(3)}, ${row.upper.toFixed(3)}]` : "";
    lines.push([String(row.persons), settingLabel(row), Number.isFinite(row.power) ? row.power.toFixed(3) : "n/a", ci, String(row.failed)]);
  }
  process.stdout.write(formatTextTable(lines, [1]));
}

/** Registers `cascade power`. */
export function register(program: Command): void {
  program
    .command("power")
    .summary("Monte Carlo power over persons, days and prompts per day for the Selby, Zaki and MSSD-difference tests")
    .description(
      "Simulate many studies of a scenario at every combination of persons, days and prompts per day, " +
        "apply a test to each, and report power (share with a successful fit and p < alpha) with a Wilson " +
        "95% interval and the number of failed fits: power.csv, replicates.csv, power.json and a power-curve " +
        "chart. Byte-identical for any --workers. The tests' models are stated in docs/power.md.",
    )
    .argument("<scenario>", "a scenario file (.yaml) or the name of a bundled scenario")
    .requiredOption("--test <name>", `the test: ${POWER_TESTS.join(", ")}`)
    .requiredOption("--persons <list>", "persons per analysed group: a list (20,40,80) or FROM:TO:STEPS")
    .option("--days <list>", "study days: a list or FROM:TO:STEPS (default: the scenario's)")
    .option("--prompts <list>", "prompts per day (sets perDay of stratified or random schedules; default: the scenario's schedule)")
    .option("--replicates <n>", "simulated studies per setting", "100")
    .option("--alpha <p>", "significance level", "0.05")
    .option("--model <name>", `selby: count model, ${SELBY_MODELS.join(" or ")}`, "negbin")
    .option("--method <name>", `zaki: estimator, ${ZAKI_METHODS.join(", ")}`, "mixed")
    .option("--group <name>", "selby and zaki: the analysed group (default: the scenario's first)")
    .option("--groups <a,b>", "mssd-difference: the two groups, mean MSSD of a minus b (default: the first two)")
    .option("--na-item <name>", "selby and mssd-difference: one NA item instead of na_mean (for example sad)")
    .option("--workers <n>", "threads that simulate: this one and N - 1 worker threads (output is byte-identical for any number)", "1")
    .option("--seed <n>", "base seed of the derived seeds (default: the scenario's seed)")
    .option("--common-random-numbers", "replicate r uses the same seed in every setting (smoother, dependent curves)")
    .requiredOption("--out <dir>", "output directory")
    .option("--png", "also write the power curve as PNG (twice the SVG's size, for slides and documents)")
    .option("--force", "replace the output directory if it exists")
    .option("--quiet", "print nothing on success")
    .addHelpText(
      "after",
      "\nTests:\n" +
        "  selby            interaction of rumination and NA instability (MSSD) on NSSI counts,\n" +
        "                   Poisson or negative binomial GLM (Selby et al. 2013)\n" +
        "  zaki             emotion differentiation moderating the within-person rumination-urge slope,\n" +
        "                   mixed model or two-stage slopes (Zaki et al. 2013)\n" +
        "  mssd-difference  difference in MSSD of NA between two groups (Welch t test)\n" +
        "\nExamples:\n" +
        "  cascade power bpd-cascade --test mssd-difference --persons 10,20,40 --days 7,14 --replicates 200 --workers 2 --out out/power-mssd\n" +
        "  cascade power bpd-cascade --test selby --model negbin --persons 30,60,120 --days 14,28 --prompts 6 --out out/power-selby\n" +
        "  cascade power bpd-cascade --test zaki --method mixed-fallback --persons 20,40 --days 21 --prompts 4,8 --out out/power-zaki",
    )
    .action(async (scenario: string, flags: PowerFlags) => {
      await runPowerCommand(scenario, flags);
    });
}
