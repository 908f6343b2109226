/**
 * `cascade simulate <scenario> --out DIR`: simulate a scenario and write observed.csv, the truth and
 * metadata.json. A thin layer: flags -> overrides -> `runSimulation`.
 */
import type { Command } from "commander";
import { CascadeError } from "../../errors.js";
import { checkOutputTarget } from "../../io/atomic.js";
import { loadScenario } from "../../scenario/load-file.js";
import { withOverrides, type ScenarioOverrides } from "../../scenario/parse.js";
import { runSimulation } from "../../simulate/run.js";
import { formatSummary } from "../../simulate/summary.js";
import { createProgress } from "../progress.js";

interface SimulateFlags {
  out: string;
  seed?: string;
  persons?: string;
  days?: string;
  workers: string;
  trajectoryEvery?: string;
  force?: boolean;
  quiet?: boolean;
}

function integer(flag: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (value.trim() === "" || !Number.isInteger(parsed) || parsed < min) throw new CascadeError(`${flag}: expected an integer >= ${min}, got "${value}"`);
  return parsed;
}

export function register(program: Command): void {
  program
    .command("simulate")
    .description("Simulate an ESM study of the Emotional Cascade Model and write observed data, truth and metadata")
    .argument("<scenario>", "a scenario file (.yaml) or the name of a bundled scenario (see `cascade scenarios list`)")
    .requiredOption("--out <dir>", "output directory (observed.csv, truth/, metadata.json)")
    .option("--seed <n>", "seed of every random stream (default: the scenario's seed)")
    .option("--persons <n>", "total persons, split across groups in proportion to their sizes (largest remainder)")
    .option("--days <n>", "study length in days (default: the scenario's)")
    .option("--workers <n>", "worker threads (output is byte-identical for any number)", "1")
    .option("--trajectory-every <minutes>", "also write truth/trajectory.csv with the latent path every this many minutes")
    .option("--force", "replace the output directory if it exists")
    .option("--quiet", "do not print the summary")
    .addHelpText(
      "after",
      "\nExamples:\n  cascade simulate bpd-cascade --seed 1 --out out/bpd\n  cascade simulate scenarios/differentiation.yaml --persons 200 --days 28 --workers 2 --out out/ed\n\nFiles and columns are described in docs/simulation.md and in the output's metadata.json.",
    )
    .action(async (scenarioArgument: string, flags: SimulateFlags) => {
      const overrides: ScenarioOverrides = {};
      const seed = integer("--seed", flags.seed, 0);
      const persons = integer("--persons", flags.persons, 1);
      const days = integer("--days", flags.days, 1);
      if (seed !== undefined) overrides.seed = seed;
      if (persons !== undefined) overrides.persons = persons;
      if (days !== undefined) overrides.days = days;
      const workers = integer("--workers", flags.workers, 1) ?? 1;
      const loaded = loadScenario(scenarioArgument);
      const scenario = withOverrides(loaded.scenario, overrides);
      let trajectoryEveryMinutes: number | undefined;
      if (flags.trajectoryEvery !== undefined) {
        trajectoryEveryMinutes = Number(flags.trajectoryEvery);
        const dt = scenario.simulation.dtMinutes;
        if (!(trajectoryEveryMinutes >= dt) || Math.abs(trajectoryEveryMinutes / dt - Math.round(trajectoryEveryMinutes / dt)) > 1e-9) {
          throw new CascadeError(`--trajectory-every: expected a multiple of the time step (${dt} minutes), got "${flags.trajectoryEvery}"`);
        }
      }
      checkOutputTarget(flags.out, { force: flags.force, inputs: [loaded.path], label: "--out" });
      const total = scenario.groups.reduce((sum, group) => sum + group.size, 0);
      const progress = createProgress(total, { unit: "persons" });
      try {
        const result = await runSimulation(scenario, {
          out: flags.out,
          force: flags.force,
          inputs: [loaded.path],
          workers,
          trajectoryEveryMinutes,
          overrides,
          onProgress: (done) => progress.update(done),
        });
        progress.stop();
        if (!flags.quiet) {
          process.stdout.write(`Wrote ${flags.out}: ${result.persons} persons, ${result.rows.observed} prompts, ${result.rows.events} events.\n`);
          process.stdout.write(formatSummary(result.summary, scenario.days));
        }
      } catch (error) {
        progress.stop();
        throw error;
      }
    });
}
