/**
 * `cascade merge SHARD_DIR... --out DIR`: combines the shard directories of one sweep (written by
 * `cascade sweep --shard I/N`) into exactly the directory a single run writes. Refuses shards of
 * different sweeps (naming what differs), missing or repeated shards, and incomplete shards.
 */
import type { Command } from "commander";
import { checkOutputTarget } from "../../io/atomic.js";
import { mergeSweepShards } from "../../sweep/run.js";

interface MergeFlags {
  out: string;
  charts: boolean;
  png?: boolean;
  force?: boolean;
  quiet?: boolean;
}

/** Registers `cascade merge`. */
export function register(program: Command): void {
  program
    .command("merge")
    .summary("combine the shard directories of a sweep into one sweep directory")
    .description(
      "Combine the directories of `cascade sweep ... --shard I/N` (every I from 0 to N - 1) into the " +
        "directory one run without --shard writes, byte for byte. The shards must come from the same " +
        "scenario, grid, seed, options and version; merge names what differs. See docs/sweeps.md.",
    )
    .argument("<shards...>", "shard directories (any order; a shell glob such as out/shard-* works)")
    .requiredOption("--out <dir>", "output directory")
    .option("--no-charts", "do not draw the charts")
    .option("--png", "also write each chart as PNG (twice the SVG's size, for slides and documents)")
    .option("--force", "replace the output directory if it exists")
    .option("--quiet", "print nothing on success")
    .addHelpText(
      "after",
      "\nExample (after a Slurm array job of 8 shards; see docs/sweeps.md):\n" +
        "  cascade merge out/shard-* --out out/sweep-wRA",
    )
    .action(async (shards: string[], flags: MergeFlags) => {
      checkOutputTarget(flags.out, { force: flags.force, inputs: shards, label: "--out" });
      const result = await mergeSweepShards(shards, { out: flags.out, force: flags.force, charts: flags.charts, png: flags.png === true });
      if (!flags.quiet) process.stdout.write(`Wrote ${flags.out}: ${result.tasks} runs from ${shards.length} shard${shards.length === 1 ? "" : "s"}.\n`);
    });
}
