/**
 * Errors that reach the user.
 *
 * Every entry point (scenario loading, file import, the command line) throws a `CascadeError` when
 * the input is wrong. Its message names where the problem is (the file, and the row, column or field
 * path) and what was expected, so the user can fix the input without reading a stack trace. The
 * command line prints the message alone and exits with `exitCode`.
 */

/** Where in an input a problem sits. All parts are optional; the message shows those given. */
export interface ErrorLocation {
  /** The file the problem is in, as the user named it. */
  file?: string;
  /** 1-based line or data row in that file. */
  row?: number;
  /** Column name (tabular input). */
  column?: string;
  /** Path of the field in a structured input, for example `groups[1].parameters.thetaA`. */
  field?: string;
}

/** Exit codes of the `cascade` command. */
export const EXIT = {
  ok: 0,
  /** Something failed while running (I/O error, internal error). */
  failure: 1,
  /** The input or the command line was wrong: the message says what and where. */
  badInput: 2,
} as const;

/** Formats a location as `file, row 12, column "sad": ` or `file: groups[1].delta: `. */
export function formatLocation(location: ErrorLocation): string {
  const parts: string[] = [];
  if (location.file !== undefined) parts.push(location.file);
  const inFile: string[] = [];
  if (location.row !== undefined) inFile.push(`row ${location.row}`);
  if (location.column !== undefined) inFile.push(`column "${location.column}"`);
  if (inFile.length > 0) parts.push(inFile.join(", "));
  let prefix = parts.join(", ");
  if (location.field !== undefined) prefix = prefix === "" ? location.field : `${prefix}: ${location.field}`;
  return prefix === "" ? "" : `${prefix}: `;
}

/** An error in the user's input or command, with its location and the exit code to use. */
export class CascadeError extends Error {
  readonly location: ErrorLocation;
  readonly detail: string;
  readonly exitCode: number;

  constructor(detail: string, location: ErrorLocation = {}, exitCode: number = EXIT.badInput) {
    super(formatLocation(location) + detail);
    this.name = "CascadeError";
    this.location = location;
    this.detail = detail;
    this.exitCode = exitCode;
  }
}

/** Several input errors at once (for example every invalid field of a scenario). */
export class CascadeErrors extends CascadeError {
  readonly errors: readonly CascadeError[];

  constructor(errors: readonly CascadeError[]) {
    const head = errors.length === 1 ? "" : `${errors.length} problems:\n  `;
    super(head + errors.map((e) => e.message).join("\n  "), {}, EXIT.badInput);
    this.name = "CascadeErrors";
    this.errors = errors;
  }

  override get message(): string {
    return super.message;
  }
}

/** Describes a received value for messages: `-1`, `"abc"`, `an array`, `nothing`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? value.slice(0, 37) + "..." : value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return typeof value;
}
