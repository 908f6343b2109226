import { CascadeError } from "../errors.js";
import { closestName } from "../io/suggest.js";
import type { DesignMatrix } from "./linear-algebra/matrix.js";

/** Options of `designMatrix`. */
export interface DesignMatrixOptions {
  /** Add a first column of ones named "(Intercept)". Default true. */
  intercept?: boolean;
  /**
   * Variables to mean-centre before the terms are formed, so that main effects in a model with
   * interactions are effects at the mean of the other variables. Default: none.
   */
  center?: readonly string[];
}

/**
 * **Design matrix** with an intercept, main effects and interactions from named numeric columns,
 * in the spirit of R's `model.matrix` for numeric variables (no factors, no formula parser).
 *
 * A term is a variable name (`"mssd_R"`), an interaction of variables joined by `:` (their
 * product, `"mssd_R:mssd_A"`), or variables joined by `*`, which expands to all their main effects
 * and interactions (`"mssd_R*mssd_A"` gives `mssd_R`, `mssd_A`, `mssd_R:mssd_A`). As in R, terms are
 * ordered by their number of variables (main effects first, then two-way interactions, ...) and
 * otherwise kept in the order given; repeated terms appear once. Column names follow R's.
 *
 * Values are copied as given: a NaN stays NaN, and fitting functions then return status
 * "invalid-input" (use `completeCases` first to drop incomplete rows). Throws a `CascadeError`
 * naming the variable when one is unknown (with a did-you-mean suggestion) or of the wrong length.
 *
 * @example
 * designMatrix({ r: [1, 2, 3], a: [2, 0, 1] }, ["r*a"]).names; // => ["(Intercept)", "r", "a", "r:a"]
 */
export function designMatrix(
  data: Readonly<Record<string, ArrayLike<number>>>,
  terms: readonly string[],
  options: DesignMatrixOptions = {},
): DesignMatrix {
  const variableNames = Object.keys(data);
  const lookup = (name: string, field: string): ArrayLike<number> => {
    const values = data[name];
    if (values === undefined) {
      const suggestion = closestName(name, variableNames);
      const hint = suggestion === undefined ? `; the data have ${variableNames.map((v) => `"${v}"`).join(", ")}` : `; did you mean "${suggestion}"?`;
      throw new CascadeError(`unknown variable "${name}"${hint}`, { field });
    }
    return values;
  };

  const expanded = expandTerms(terms);
  const rows = expanded.length > 0 ? lookup(expanded[0][0], "terms[0]").length : variableNames.length > 0 ? data[variableNames[0]].length : 0;
  const centred = new Map<string, Float64Array>();
  const variable = (name: string, field: string): ArrayLike<number> => {
    const values = lookup(name, field);
    if (values.length !== rows) throw new CascadeError(`expected ${rows} values, got ${values.length}`, { field: name });
    if (!(options.center ?? []).includes(name)) return values;
    let cached = centred.get(name);
    if (cached === undefined) {
      let sum = 0;
      for (let i = 0; i < rows; i++) sum += values[i];
      const mean = sum / rows;
      cached = Float64Array.from(values, (v) => v - mean);
      centred.set(name, cached);
    }
    return cached;
  };
  for (const name of options.center ?? []) lookup(name, "center");

  const intercept = options.intercept ?? true;
  const columns = expanded.length + (intercept ? 1 : 0);
  const values = new Float64Array(rows * columns);
  const names: string[] = [];
  let offset = 0;
  if (intercept) {
    values.fill(1, 0, rows);
    names.push("(Intercept)");
    offset = rows;
  }
  expanded.forEach((factors, t) => {
    const target = values.subarray(offset, offset + rows);
    target.fill(1);
    for (const factor of factors) {
      const source = variable(factor, `terms[${t}]`);
      for (let i = 0; i < rows; i++) target[i] *= source[i];
    }
    names.push(factors.join(":"));
    offset += rows;
  });
  return { rows, columns, values, names };
}

/** Expands `a*b` into a, b, a:b and orders terms by degree, keeping first appearances. */
function expandTerms(terms: readonly string[]): string[][] {
  const seen = new Set<string>();
  const result: string[][] = [];
  const add = (factors: string[]): void => {
    const key = [...factors].sort().join(":");
    if (seen.has(key)) return;
    seen.add(key);
    result.push(factors);
  };
  terms.forEach((term, t) => {
    const crossed = term.split("*").map((part) => part.trim());
    if (crossed.some((part) => part === "")) throw new CascadeError(`expected a term such as "a", "a:b" or "a*b", got "${term}"`, { field: `terms[${t}]` });
    // All non-empty subsets of the crossed parts, each part possibly itself an interaction a:b.
    for (let mask = 1; mask < 1 << crossed.length; mask++) {
      const factors: string[] = [];
      crossed.forEach((part, k) => {
        if (mask & (1 << k)) factors.push(...part.split(":").map((f) => f.trim()));
      });
      add(factors);
    }
  });
  return result.map((factors, index) => ({ factors, index })).sort((a, b) => a.factors.length - b.factors.length || a.index - b.index).map((entry) => entry.factors);
}

/**
 * **Complete cases**: the rows of `data` in which every listed variable (default: all) is a finite
 * number, as a new set of columns. Use before `designMatrix` when the data have missing values.
 *
 * @example
 * completeCases({ x: [1, NaN, 3], y: [4, 5, 6] }); // => { x: Float64Array [1, 3], y: Float64Array [4, 6] }
 */
export function completeCases(
  data: Readonly<Record<string, ArrayLike<number>>>,
  variables: readonly string[] = Object.keys(data),
): Record<string, Float64Array> {
  const names = Object.keys(data);
  const rows = names.length === 0 ? 0 : data[names[0]].length;
  for (const name of names) {
    if (data[name].length !== rows) throw new CascadeError(`expected ${rows} values, got ${data[name].length}`, { field: name });
  }
  const keep: number[] = [];
  for (let i = 0; i < rows; i++) if (variables.every((name) => Number.isFinite(data[name][i]))) keep.push(i);
  return Object.fromEntries(names.map((name) => [name, Float64Array.from(keep, (i) => data[name][i])]));
}
