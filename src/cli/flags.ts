/**
 * Parsing numeric command-line flags with messages that name the flag and what was expected. Shared
 * by the subcommands (commander hands every flag over as text).
 */
import { CascadeError } from "../errors.js";

/** An integer flag >= `min`, or undefined when the flag was not given. */
export function integerFlag(flag: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (value.trim() === "" || !Number.isInteger(parsed) || parsed < min) throw new CascadeError(`${flag}: expected an integer >= ${min}, got "${value}"`);
  return parsed;
}

/** A number flag > 0. */
export function positiveNumberFlag(flag: string, value: string): number {
  const parsed = Number(value);
  if (value.trim() === "" || !(parsed > 0)) throw new CascadeError(`${flag}: expected a number > 0, got "${value}"`);
  return parsed;
}
