import type { PersonSeries } from "./types.js";

/**
 * The `na_mean` variable: at each occasion, the mean of the items if every item was answered, NaN
 * otherwise (as `ifelse(complete.cases(items), rowMeans(items), NA)` in R). Cost O(n K).
 *
 * @example
 * naMean({ variables: { a: Float64Array.of(1, 2), b: Float64Array.of(3, NaN) } }, ["a", "b"]); // => Float64Array [2, NaN]
 */
export function naMean(person: Pick<PersonSeries, "variables">, items: readonly string[]): Float64Array {
  const columns = items.map((item) => person.variables[item]);
  const length = columns.length > 0 ? columns[0].length : 0;
  const result = new Float64Array(length);
  for (let t = 0; t < length; t++) {
    let sum = 0;
    for (const column of columns) sum += column[t];
    result[t] = sum / columns.length; // NaN when any item is NaN
  }
  return result;
}
