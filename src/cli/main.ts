/**
 * The `cascade` command line: a thin layer over the library.
 *
 * Each subcommand lives in `src/cli/commands/<name>.ts` and exports a `register(program)` function
 * that adds it to commander; its action parses options into a typed object and calls library code.
 * Errors the user can fix are `CascadeError`s: their message is printed alone (no stack trace) and
 * their exit code returned. Anything else is a bug and is printed with its stack.
 */
import { Command, CommanderError } from "commander";
import { CascadeError, EXIT } from "../errors.js";
import { packageVersion } from "../version.js";
import { commandNamesFor, loadCommands, type RegisterCommand } from "./commands/index.js";

/**
 * Builds the commander program with the subcommands given (see `commands/index.ts`: a run loads only
 * the command it names).
 */
export function buildProgram(commands: readonly RegisterCommand[]): Command {
  const program = new Command("cascade")
    .description(
      "Cascade Lab: simulate experience-sampling (ESM) studies of the Emotional Cascade Model and analyse ESM data.\n" +
        "A research and teaching tool on synthetic data; not a clinical or risk-prediction tool.",
    )
    .version(packageVersion(), "-V, --version")
    .showHelpAfterError("(add --help for usage)")
    .exitOverride();
  for (const register of commands) register(program);
  return program;
}

/** The exit code for an error thrown by a command. */
export function getExitCode(error: unknown): number {
  if (error instanceof CascadeError) return error.exitCode;
  if (error instanceof CommanderError) {
    if (error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.code === "commander.help") {
      return EXIT.ok;
    }
    return error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
  }
  return EXIT.failure;
}

/** Runs the command line; resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let program: Command;
  try {
    program = buildProgram(await loadCommands(commandNamesFor(argv.slice(2))));
  } catch (error) {
    process.stderr.write(`cascade: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.failure;
  }
  try {
    await program.parseAsync([...argv]);
    return EXIT.ok;
  } catch (error) {
    const code = getExitCode(error);
    if (error instanceof CascadeError) {
      process.stderr.write(`cascade: error: ${error.message}\n`);
    } else if (!(error instanceof CommanderError)) {
      // Commander has already printed its own message; anything else is unexpected.
      process.stderr.write(`cascade: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    return code;
  }
}
