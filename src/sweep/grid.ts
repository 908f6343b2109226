/**
 * Parameter grids: `PATH=FROM:TO:STEPS` (evenly spaced, both ends included) or `PATH=V1,V2,...`
 * (listed values), one per `--param`; the grid is their Cartesian product.
 *
 * Cells are numbered in row-major order with the first parameter varying slowest, as nested loops in
 * the order the parameters are given:
 *
 * ```
 * --param a=0:1:2 --param b=10,20,30   ->   cell 0: a=0 b=10, cell 1: a=0 b=20, ... cell 5: a=1 b=30
 * ```
 *
 * Values are rounded to 12 significant digits, so `0:1:11` gives 0.3 rather than
 * 0.30000000000000004: the value written in the files, the value set in the scenario and the value in
 * the seed key are the same number. Browser-safe: no `node:` imports.
 */
import { CascadeError } from "../errors.js";

/** One swept parameter: its path as the user wrote it and its values in grid order. */
export interface GridAxis {
  /** The path as written after `--param` (resolved to a canonical path by `resolvePath`). */
  path: string;
  values: number[];
}

/** Rounds to 12 significant digits (keeps grid values free of binary noise); -0 becomes 0. */
export function canonicalNumber(value: number): number {
  const rounded = Number(value.toPrecision(12));
  return rounded === 0 ? 0 : rounded;
}

/**
 * Evenly spaced values from `from` to `to`, `steps` of them (both ends included; one step gives
 * `from`).
 *
 * @example evenlySpaced(0, 1, 5) // => [0, 0.25, 0.5, 0.75, 1]
 */
export function evenlySpaced(from: number, to: number, steps: number): number[] {
  if (steps === 1) return [canonicalNumber(from)];
  return Array.from({ length: steps }, (_, i) => canonicalNumber(i === steps - 1 ? to : from + ((to - from) * i) / (steps - 1)));
}

/** Parses one `--param` argument. Throws a CascadeError naming the argument and what was expected. */
export function parseGridAxis(argument: string, flag = "--param"): GridAxis {
  const equals = argument.indexOf("=");
  if (equals < 0) throw new CascadeError(`${flag} ${argument}: expected PATH=FROM:TO:STEPS (for example groups.bpd.parameters.wAR=0.6:1.6:6) or PATH=V1,V2,...`);
  const path = argument.slice(0, equals).trim();
  const spec = argument.slice(equals + 1).trim();
  const bad = (detail: string): never => {
    throw new CascadeError(`${flag} ${argument}: ${detail}`);
  };
  if (path === "") bad("the path before = is empty");
  const number = (text: string, what: string): number => {
    const value = Number(text);
    if (text.trim() === "" || !Number.isFinite(value)) bad(`${what} "${text}" is not a number`);
    return value;
  };
  let values: number[];
  if (spec.includes(":")) {
    const parts = spec.split(":");
    if (parts.length !== 3) bad(`expected FROM:TO:STEPS with three parts, got "${spec}"`);
    const from = number(parts[0], "FROM");
    const to = number(parts[1], "TO");
    const steps = Number(parts[2]);
    if (parts[2].trim() === "" || !Number.isInteger(steps) || steps < 1) bad(`STEPS must be a whole number >= 1, got "${parts[2]}"`);
    if (steps > 1 && from === to) bad(`FROM and TO are both ${from}; give STEPS 1 or two different ends`);
    values = evenlySpaced(from, to, steps);
  } else {
    if (spec === "") bad("no values after =");
    values = spec.split(",").map((text) => canonicalNumber(number(text, "value")));
  }
  const seen = new Set<number>();
  for (const value of values) {
    if (seen.has(value)) bad(`the value ${value} appears twice`);
    seen.add(value);
  }
  return { path, values };
}

/** Number of cells of a grid (the product of the axes' lengths; 1 for no axis). */
export function cellCount(axes: readonly { values: readonly number[] }[]): number {
  return axes.reduce((product, axis) => product * axis.values.length, 1);
}

/** The values of cell `cell` (row-major, first axis slowest), one per axis. */
export function cellValues(axes: readonly { values: readonly number[] }[], cell: number): number[] {
  const values = new Array<number>(axes.length);
  let rest = cell;
  for (let a = axes.length - 1; a >= 0; a--) {
    const length = axes[a].values.length;
    values[a] = axes[a].values[rest % length];
    rest = Math.floor(rest / length);
  }
  return values;
}
