/**
 * `cascade report <scenario> [--seed N] --out DIR`: simulate, analyse and draw one scenario into a
 * report directory (index.html with every chart, captions and tables; the data; the metrics). A thin
 * layer: flags -> overrides -> `writeReport` (src/charts/report.ts), with `runSimulation` (the engine's
 * writer, as `cascade simulate` uses it) for the data.
 */
import type { Command } from "commander";
import { checkOutputTarget } from "../../io/atomic.js";
import { loadScenario } from "../../scenario/load-file.js";
import { withOverrides, type ScenarioOverrides } from "../../scenario/parse.js";
import { runSimulation } from "../../simulate/run.js";
import { integerFlag } from "../flags.js";

interface ReportFlags {
  out: string;
  seed?: string;
  persons?: string;
  days?: string;
  workers: string;
  designPersons: string;
  force?: boolean;
}

/** Runs `cascade report`. */
export async function runReport(scenarioArgument: string, flags: ReportFlags): Promise<void> {
  const overrides: ScenarioOverrides = {};
  const flagsForCommand: string[] = [];
  for (const [name, flag, min] of [
    ["seed", "--seed", 0],
    ["persons", "--persons", 1],
    ["days", "--days", 1],
  ] as const) {
    const value = integerFlag(flag, flags[name], min);
    if (value === undefined) continue;
    overrides[name] = value;
    if (name !== "seed") flagsForCommand.push(flag, String(value));
  }
  const workers = integerFlag("--workers", flags.workers, 1) ?? 1;
  const designPersons = integerFlag("--design-persons", flags.designPersons, 8) ?? 60;
  // Validate everything before any output exists: a bad scenario names its field and writes nothing.
  const loaded = loadScenario(scenarioArgument);
  const scenario = withOverrides(loaded.scenario, overrides);
  checkOutputTarget(flags.out, { force: flags.force, inputs: [loaded.path], label: "--out" });
  // The chart layer (Vega) is loaded only here, so that every other command starts quickly.
  const { writeReport } = await import("../../charts/report.js");
  const summary = await writeReport(scenario, {
    scenarioFile: scenarioArgument,
    out: flags.out,
    flags: flagsForCommand,
    force: flags.force,
    designPersons,
    simulate: async (resolved, directory) => {
      await runSimulation(resolved, { out: directory, inputs: [loaded.path], workers, overrides });
    },
  });
  process.stdout.write(`Wrote ${summary.out}/index.html: ${summary.persons} persons, ${summary.charts.length} charts (${summary.charts.join(", ")}).\n`);
}

/** Registers `cascade report`. */
export function register(program: Command): void {
  program
    .command("report")
    .summary("simulate, analyse and chart a scenario into one offline HTML report")
    .description(
      "Simulate a scenario, analyse it and write DIR/index.html: every teaching chart with a plain-language caption,\n" +
        "the metrics tables, the scenario and seed (to make the same report again), and the simulated data (DIR/data),\n" +
        "the per-person metrics (DIR/metrics.csv) and each chart's Vega-Lite spec (DIR/charts/). The page works offline.\n" +
        "A research and teaching tool on synthetic data; not a clinical or risk-prediction tool.",
    )
    .argument("<scenario>", "a scenario file (.yaml) or the name of a bundled scenario")
    .requiredOption("--out <dir>", "report directory")
    .option("--seed <n>", "seed of every random stream (default: the scenario's seed)")
    .option("--persons <n>", "total persons, split across groups in proportion to their sizes")
    .option("--days <n>", "study length in days (default: the scenario's)")
    .option("--workers <n>", "worker threads for the simulation (the report is the same for any number)", "1")
    .option("--design-persons <n>", "persons simulated under each design of the design chart", "60")
    .option("--force", "replace the report directory if it exists")
    .addHelpText("after", "\nExample:\n  cascade report scenarios/bpd-cascade.yaml --seed 1 --out out/report\n\nSee docs/charts.md.")
    .action(async (scenarioArgument: string, flags: ReportFlags) => {
      await runReport(scenarioArgument, flags);
    });
}
