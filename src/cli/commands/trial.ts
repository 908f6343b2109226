/**
 * `cascade trial <scenario> [--seed N] [--persons N] [--workers N] --out DIR [--force]`: a simulated
 * randomised trial (the scenario's `trial:` section). A thin layer: flags -> `runTrial` (plan,
 * randomisation, persons in worker threads, outcomes and effects) -> `writeTrial` (tables, charts,
 * trial.json, atomically) -> a short table of the effects at the last assessment on stdout.
 */
import type { Command } from "commander";
import { checkOutputTarget } from "../../io/atomic.js";
import { loadScenario } from "../../scenario/load-file.js";
import { formatTextTable } from "../../sweep/text-table.js";
import { writeTrial } from "../../trial/files.js";
import { createTrialPlan } from "../../trial/plan.js";
import { runTrial, type TrialResult } from "../../trial/run.js";
import { integerFlag } from "../flags.js";
import { createProgress } from "../progress.js";

interface TrialFlags {
  out: string;
  seed?: string;
  persons?: string;
  workers: string;
  charts: boolean;
  force?: boolean;
  quiet?: boolean;
}

function show(value: number | undefined, digits = 2): string {
  return value !== undefined && Number.isFinite(value) ? value.toFixed(digits) : "n/a";
}

/** The stdout table: per outcome, each arm's mean at the last assessment and the effect with its CI. */
export function trialTextTable(result: TrialResult): string {
  const { plan } = result;
  const last = plan.assessments[plan.assessments.length - 1];
  const control = plan.arms[plan.control].name;
  const header = ["outcome", ...plan.arms.map((arm) => `${arm.name} mean`), "comparison", "effect", "95% CI"];
  const lines: string[][] = [header];
  for (const outcome of ["nssi_per_week", "any_nssi", "urge", "na_mssd", "gaf", "gaf_above_60"] as const) {
    const means = plan.arms.map((arm) => show(result.arms.find((row) => row.arm === arm.name && row.assessment === last.name && row.outcome === outcome)?.mean));
    for (const effect of result.effects.filter((e) => e.assessment === last.name && e.outcome === outcome)) {
      const measure = effect.measure === "hedges_g" ? "g" : "RR";
      lines.push([outcome, ...means, `${effect.arm} vs ${control}`, `${measure} ${show(effect.estimate)}`, `${show(effect.lower)} to ${show(effect.upper)}`]);
    }
  }
  const counts = plan.arms.map((arm, i) => `${arm.name} ${plan.allocation.filter((a) => a === i).length}`).join(", ");
  return `At ${last.name} (week ${last.week}; ${counts} persons):\n` + formatTextTable(lines, [0, plan.arms.length + 1]);
}

/** Runs `cascade trial`. */
export async function runTrialCommand(scenarioArgument: string, flags: TrialFlags): Promise<void> {
  const seed = integerFlag("--seed", flags.seed, 0);
  const persons = integerFlag("--persons", flags.persons, 2);
  const workers = integerFlag("--workers", flags.workers, 1) ?? 1;
  // Validate everything before any work: a bad scenario or trial names its field and writes nothing.
  const loaded = loadScenario(scenarioArgument);
  const plan = createTrialPlan(loaded.scenario, { seed, persons, fileName: scenarioArgument });
  checkOutputTarget(flags.out, { force: flags.force, inputs: [loaded.path], label: "--out" });
  const progress = createProgress(plan.persons, { unit: "persons" });
  let result: TrialResult;
  try {
    result = await runTrial(loaded.scenario, { seed, persons, workers, fileName: scenarioArgument, onProgress: (done) => progress.update(done) });
  } finally {
    progress.stop();
  }
  const files = await writeTrial(loaded.scenario, result, { out: flags.out, force: flags.force, inputs: [loaded.path], charts: flags.charts });
  if (flags.quiet) return;
  process.stdout.write(`Wrote ${flags.out}: ${plan.persons} persons, ${plan.arms.length} arms, ${plan.assessments.length} assessments over ${plan.days} days (${files.length} files).\n\n`);
  process.stdout.write(trialTextTable(result));
}

/** Registers `cascade trial`. */
export function register(program: Command): void {
  program
    .command("trial")
    .summary("a simulated randomised trial: arms, ESM bursts, outcomes and effects")
    .description(
      "Randomise the persons of a scenario's trial population to its arms (permuted blocks), simulate each over\n" +
        "the trial's horizon with its arm's slow processes (DBT, MBT, TAU, recovery, ...), assess them by ESM bursts,\n" +
        "and write outcomes per person (outcomes.csv), per arm (arms.csv), between-arm effects with 95% intervals\n" +
        "(effects.csv: Hedges' g, risk ratios), weekly functioning (weekly.csv), charts and trial.json.\n" +
        "Byte-identical for any --workers. See docs/treatments.md.\n" +
        "A research and teaching tool on synthetic data; not a clinical or risk-prediction tool.",
    )
    .argument("<scenario>", "a scenario file (.yaml) with a trial: section, or the name of a bundled one")
    .requiredOption("--out <dir>", "output directory")
    .option("--seed <n>", "seed of every random stream and of the randomisation (default: the scenario's seed)")
    .option("--persons <n>", "persons randomised (default: trial.persons, else the population group's size)")
    .option("--workers <n>", "worker threads (output is byte-identical for any number)", "1")
    .option("--no-charts", "do not draw the charts")
    .option("--force", "replace the output directory if it exists")
    .option("--quiet", "print nothing on success")
    .addHelpText("after", "\nExamples:\n  cascade trial dbt-vs-tau --seed 1 --out out/dbt\n  cascade trial mbt-long-term --persons 80 --workers 2 --out out/mbt")
    .action(async (scenario: string, flags: TrialFlags) => {
      await runTrialCommand(scenario, flags);
    });
}
