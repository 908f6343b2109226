/**
 * The list of subcommands, by name. Each module exports `register(program)`; add new commands here.
 *
 * Modules are imported only when needed: `cascade analyze ...` loads the analysis command alone, while
 * `cascade --help`, an unknown command or no command loads them all (so the help lists every command
 * and commander can suggest the nearest name). Loading every command pulls in the engine, the
 * statistics, the worker pools and the charts, which costs about a second of start-up on every run.
 */
import type { Command } from "commander";

export type RegisterCommand = (program: Command) => void;

/** The subcommands in the order `cascade --help` lists them, each with the loader of its module. */
export const commandLoaders: ReadonlyArray<readonly [name: string, load: () => Promise<{ register: RegisterCommand }>]> = [
  ["simulate", () => import("./simulate.js")],
  ["scenarios", () => import("./scenarios.js")],
  ["analyze", () => import("./analyze.js")],
  ["chart", () => import("./chart.js")],
  ["report", () => import("./report.js")],
  ["sweep", () => import("./sweep.js")],
  ["merge", () => import("./merge.js")],
  ["power", () => import("./power.js")],
  ["trial", () => import("./trial.js")],
  ["explore", () => import("./explore.js")],
  ["validate", () => import("./validate.js")],
];

/**
 * The names of the commands to load for the arguments `args` (without node and the script): the named
 * command when the first argument names one, otherwise all of them.
 */
export function commandNamesFor(args: readonly string[]): string[] {
  const all = commandLoaders.map(([name]) => name);
  return all.includes(args[0] ?? "") ? [args[0]] : all;
}

/** Imports the `register` functions of the commands named, in the registry's order. */
export async function loadCommands(names: readonly string[]): Promise<RegisterCommand[]> {
  const wanted = commandLoaders.filter(([name]) => names.includes(name));
  return Promise.all(wanted.map(async ([, load]) => (await load()).register));
}
