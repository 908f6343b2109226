/**
 * Output that appears whole or not at all.
 *
 * Every command that writes files writes them first to a temporary sibling of the target (same
 * directory, so the final rename is atomic on POSIX file systems) and renames it into place only when
 * everything succeeded. A failure, an exception or Ctrl-C leaves no partial output behind. An existing
 * target is replaced only with `force`, and never when it is, or contains, one of the command's inputs.
 */
import { existsSync, mkdirSync, realpathSync, renameSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join, resolve, sep } from "node:path";
import { CascadeError } from "../errors.js";

export interface OutputOptions {
  /** Replace an existing target. Default false: an existing target is an error. */
  force?: boolean;
  /** Files or directories the command reads: the target may not be, or contain, any of them. */
  inputs?: readonly string[];
  /** What to call the target in messages, for example "--out". */
  label?: string;
}

function canonical(path: string): string {
  const absolute = resolve(path);
  try {
    return realpathSync(absolute);
  } catch {
    return absolute;
  }
}

function isSameOrInside(inner: string, outer: string): boolean {
  return inner === outer || inner.startsWith(outer.endsWith(sep) ? outer : outer + sep);
}

/**
 * Checks, before any work starts, that `target` may be written: it does not exist (or `force` is
 * set), it is not an input and holds no input, and its parent directory can be created.
 * Throws a CascadeError naming the target otherwise.
 */
export function checkOutputTarget(target: string, options: OutputOptions = {}): void {
  const label = options.label ?? "output";
  const targetPath = canonical(target);
  for (const input of options.inputs ?? []) {
    const inputPath = canonical(input);
    if (isSameOrInside(inputPath, targetPath)) {
      throw new CascadeError(
        `${label} ${target} would overwrite the input ${input}; choose another output path`,
      );
    }
  }
  if (existsSync(target) && !options.force) {
    throw new CascadeError(`${label} ${target} already exists; use --force to replace it`);
  }
  const parent = dirname(resolve(target));
  if (existsSync(parent) && !statSync(parent).isDirectory()) {
    throw new CascadeError(`${label} ${target}: ${parent} is not a directory`);
  }
}

let temporaryCounter = 0;

function temporarySibling(target: string, tag: string): string {
  temporaryCounter += 1;
  const random = Math.floor(Math.random() * 0x7fffffff).toString(36);
  return join(dirname(resolve(target)), `.${basename(target)}.${tag}-${process.pid}-${temporaryCounter}-${random}`);
}

/** Removes `path` if a signal or exit interrupts the work; returns the function that disarms it. */
function cleanupOnInterrupt(path: string): () => void {
  const remove = (): void => {
    rmSync(path, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    remove();
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.once("exit", remove);
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  return () => {
    process.removeListener("exit", remove);
    process.removeListener("SIGINT", onSignal);
    process.removeListener("SIGTERM", onSignal);
  };
}

function moveIntoPlace(temporary: string, target: string, force: boolean): void {
  if (!existsSync(target)) {
    renameSync(temporary, target);
    return;
  }
  if (!force) throw new CascadeError(`output ${target} appeared while the command ran; nothing was replaced`);
  const previous = temporarySibling(target, "old");
  renameSync(target, previous);
  try {
    renameSync(temporary, target);
  } catch (error) {
    renameSync(previous, target);
    throw error;
  }
  rmSync(previous, { recursive: true, force: true });
}

async function writeAtomically<T>(
  target: string,
  options: OutputOptions,
  kind: "dir" | "file",
  fill: (temporaryPath: string) => Promise<T> | T,
): Promise<T> {
  checkOutputTarget(target, options);
  mkdirSync(dirname(resolve(target)), { recursive: true });
  const temporary = temporarySibling(target, "tmp");
  if (kind === "dir") mkdirSync(temporary);
  const disarm = cleanupOnInterrupt(temporary);
  try {
    const result = await fill(temporary);
    moveIntoPlace(temporary, target, options.force ?? false);
    return result;
  } catch (error) {
    rmSync(temporary, { recursive: true, force: true });
    throw error;
  } finally {
    disarm();
  }
}

/**
 * Creates the directory `target` by letting `fill` write into an empty temporary directory, then
 * renaming it into place. On any error the temporary directory is removed and `target` is untouched.
 */
export function writeDirectoryAtomically<T>(
  target: string,
  options: OutputOptions,
  fill: (temporaryDirectory: string) => Promise<T> | T,
): Promise<T> {
  return writeAtomically(target, options, "dir", fill);
}

/**
 * Creates the file `target` by letting `fill` write to a temporary path, then renaming it into place.
 * On any error the temporary file is removed and `target` is untouched.
 */
export function writeFileAtomically<T>(
  target: string,
  options: OutputOptions,
  fill: (temporaryPath: string) => Promise<T> | T,
): Promise<T> {
  return writeAtomically(target, options, "file", fill);
}
