/**
 * `cascade sweep <scenario> --param PATH=FROM:TO:STEPS ... --out DIR`: outcomes of a scenario over a
 * parameter grid, in worker threads, deterministic for any number of workers or shards. A thin layer:
 * flags -> `createSweepPlan` (checks every path and cell before anything runs) -> `runSweep`.
 */
import type { Command } from "commander";
import { CascadeError } from "../../errors.js";
import { checkOutputTarget } from "../../io/atomic.js";
import { loadScenario } from "../../scenario/load-file.js";
import { parseShard } from "../../sweep/files.js";
import { parseGridAxis } from "../../sweep/grid.js";
import { OUTCOMES, OUTCOME_NAMES, PAC_CUTOFF_METHODS, parseOutcomes, type PacCutoffMethod } from "../../sweep/outcomes.js";
import { createSweepPlan } from "../../sweep/plan.js";
import { runSweep } from "../../sweep/run.js";
import { scenarioInput } from "../../sweep/scenario-input.js";
import { summarise } from "../../sweep/summary.js";
import { formatTextTable } from "../../sweep/text-table.js";
import { integerFlag } from "../flags.js";
import { createProgress } from "../progress.js";

interface SweepFlags {
  param?: string[];
  out: string;
  replicates: string;
  outcomes?: string;
  pacCutoff: string;
  commonRandomNumbers?: boolean;
  workers: string;
  shard?: string;
  seed?: string;
  persons?: string;
  days?: string;
  charts: boolean;
  png?: boolean;
  force?: boolean;
  quiet?: boolean;
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** The --pac-cutoff method, or a CascadeError listing the methods. */
function pacCutoffMethod(text: string): PacCutoffMethod {
  if ((PAC_CUTOFF_METHODS as readonly string[]).includes(text)) return text as PacCutoffMethod;
  throw new CascadeError(`--pac-cutoff: expected ${PAC_CUTOFF_METHODS.join(" or ")}, got "${text}"`);
}

/** Runs `cascade sweep`. */
export async function runSweepCommand(scenarioArgument: string, flags: SweepFlags): Promise<void> {
  const axes = (flags.param ?? []).map((argument) => parseGridAxis(argument));
  const outcomes = parseOutcomes(flags.outcomes);
  const replicates = integerFlag("--replicates", flags.replicates, 1) ?? 1;
  const workers = integerFlag("--workers", flags.workers, 1) ?? 1;
  const shard = flags.shard === undefined ? undefined : parseShard(flags.shard);
  const loaded = loadScenario(scenarioArgument);
  const input = scenarioInput(loaded.text, scenarioArgument);
  const { context } = createSweepPlan(input, scenarioArgument, {
    name: loaded.scenario.name,
    seed: integerFlag("--seed", flags.seed, 0),
    persons: integerFlag("--persons", flags.persons, 1),
    days: integerFlag("--days", flags.days, 1),
    parameters: axes,
    replicates,
    outcomes,
    pacCutoff: pacCutoffMethod(flags.pacCutoff),
    commonRandomNumbers: flags.commonRandomNumbers === true,
  });
  checkOutputTarget(flags.out, { force: flags.force, inputs: [loaded.path], label: "--out" });
  const total = shard === undefined ? context.tasks : Math.ceil((context.tasks - shard.index) / shard.count);
  const progress = createProgress(total, { unit: "runs" });
  let result;
  try {
    result = await runSweep(context, {
      out: flags.out,
      force: flags.force,
      inputs: [loaded.path],
      workers,
      shard,
      charts: flags.charts,
      png: flags.png === true,
      onProgress: (done) => progress.update(done),
    });
  } finally {
    progress.stop();
  }
  if (flags.quiet) return;
  const { plan } = context;
  const runs = `${context.cells} cell${context.cells === 1 ? "" : "s"} x ${plan.replicates} replicate${plan.replicates === 1 ? "" : "s"}`;
  const part = shard === undefined ? `${runs} = ${result.tasks} runs` : `shard ${shard.index}/${shard.count}: ${result.tasks} of the ${context.tasks} runs of ${runs}`;
  process.stdout.write(`Wrote ${flags.out}: ${part}, ${result.persons} persons simulated.\n`);
  if (shard !== undefined) {
    process.stdout.write(`Combine the ${shard.count} shard directories with \`cascade merge SHARD_DIR... --out DIR\`.\n`);
    return;
  }
  // A glance at the first outcome: mean over replicates, one line per cell, one column per group.
  if (context.cells > 40) return;
  const outcome = plan.outcomes[0];
  const rows = summarise(plan, result.results).filter((row) => row.outcome === outcome);
  const groups = [...new Set(rows.map((row) => row.group))];
  process.stdout.write(`\n${OUTCOMES[outcome].label}, mean over replicates:\n`);
  const header = [...plan.parameters.map((axis) => axis.path), ...groups];
  const lines = [header];
  for (let cell = 0; cell < context.cells; cell++) {
    const cellRows = rows.filter((row) => row.cell === cell);
    if (cellRows.length === 0) continue;
    lines.push([...cellRows[0].values.map(String), ...groups.map((g) => {
      const mean = cellRows.find((row) => row.group === g)?.mean ?? Number.NaN;
      return Number.isFinite(mean) ? mean.toPrecision(3) : "n/a";
    })]);
  }
  process.stdout.write(formatTextTable(lines));
}

/** Registers `cascade sweep`. */
export function register(program: Command): void {
  program
    .command("sweep")
    .summary("outcomes of a scenario over a parameter grid, in parallel, shardable for clusters")
    .description(
      "Simulate a scenario at every cell of a parameter grid, several replicates each, and write the " +
        "outcomes per group (results.csv, summary.csv), charts (a heatmap for two parameters, a " +
        "bifurcation-style chart for one) and sweep.json. Byte-identical for any --workers, and for one run " +
        "versus --shard runs combined with `cascade merge`. See docs/sweeps.md.",
    )
    .argument("<scenario>", "a scenario file (.yaml) or the name of a bundled scenario")
    .option("--param <PATH=FROM:TO:STEPS>", "a swept field and its values: FROM:TO:STEPS (evenly spaced, ends included) or V1,V2,...; repeatable (the grid is the product); required", collect)
    .requiredOption("--out <dir>", "output directory")
    .option("--replicates <n>", "simulated studies per grid cell, each with its own seed", "3")
    .option("--outcomes <list>", "comma-separated outcomes, or all", "all")
    .option("--pac-cutoff <method>", "PAC cutoff: baseline (pooled 90th percentile of the unmodified scenario) or cell (each cell's own)", "baseline")
    .option("--common-random-numbers", "every cell of a replicate uses the same seed (the same persons), for smoother comparisons between cells")
    .option("--workers <n>", "threads that simulate: this one and N - 1 worker threads (output is byte-identical for any number)", "1")
    .option("--shard <I/N>", "run only shard I of N (0-based; task t belongs to shard t mod N) and write a shard directory for `cascade merge`")
    .option("--seed <n>", "base seed of the derived seeds (default: the scenario's seed)")
    .option("--persons <n>", "total persons per simulated study, split across groups in proportion to their sizes")
    .option("--days <n>", "study length in days")
    .option("--no-charts", "do not draw the charts")
    .option("--png", "also write each chart as PNG (twice the SVG's size, for slides and documents)")
    .option("--force", "replace the output directory if it exists")
    .option("--quiet", "print nothing on success")
    .addHelpText(
      "after",
      `\nOutcomes (definitions in docs/sweeps.md):\n${OUTCOME_NAMES.map((name) => `  ${name.padEnd(16)} ${OUTCOMES[name].label}`).join("\n")}\n` +
        "\nExamples:\n" +
        "  cascade sweep bpd-cascade --param groups.bpd.parameters.wAR.median=0.6:1.6:6 --persons 40 --days 14 --out out/sweep-wAR\n" +
        "  cascade sweep bpd-cascade --param groups.bpd.parameters.delta.mean=0.1:0.7:4 --param design.schedule.perDay=3,6,10 \\\n" +
        "    --outcomes mssd_na,mssd_latent --workers 2 --out out/sweep-design\n" +
        "  cascade sweep bpd-cascade --param groups.*.parameters.wRA=0.6:1.6:11 --shard $SLURM_ARRAY_TASK_ID/8 --out out/shard-$SLURM_ARRAY_TASK_ID",
    )
    .action(async (scenario: string, flags: SweepFlags) => {
      await runSweepCommand(scenario, flags);
    });
}
