import type { OccasionIndex, PairPolicy, SuccessivePairs } from "./types.js";

/** Options of the pair-based metrics: the occasion index and the pair policy. */
export interface PairOptions extends OccasionIndex {
  /** Which successive values form a pair. Default `adjacent`. */
  pairs?: PairPolicy;
}

function at(array: ArrayLike<number> | undefined, index: number, fallback: number): number {
  return array === undefined ? fallback : array[index];
}

/**
 * The successive-difference pairs of a series under a pair policy (SCIENCE.md, "Successive
 * differences"; see `PairPolicy`).
 *
 * The values must be sorted by (day, beep). With no `day` all values are one day; with no `beep` the
 * values are beeps 1, 2, ..., n. NaN marks a missed prompt. Cost O(n).
 *
 * - `adjacent`: occasions i and i + 1 with the same day and beep(i + 1) = beep(i) + 1, both answered.
 *   Absent rows (a file that leaves missed prompts out) break pairs exactly as NaN rows do.
 * - `bridge`: consecutive answered occasions of the same day.
 * - `psych`: consecutive occasions in order, both answered, whatever their day (psych::mssd applies
 *   `diff` to the rows as they come).
 *
 * @example
 * successivePairs([1, NaN, 3, 4]).count;                     // => 1 (only 3 -> 4)
 * successivePairs([1, NaN, 3, 4], { pairs: "bridge" }).count; // => 2 (1 -> 3 and 3 -> 4)
 */
export function successivePairs(values: ArrayLike<number>, options: PairOptions = {}): SuccessivePairs {
  const policy = options.pairs ?? "adjacent";
  const n = values.length;
  const capacity = Math.max(0, n - 1);
  const first = new Float64Array(capacity);
  const second = new Float64Array(capacity);
  const firstIndex = new Int32Array(capacity);
  const secondIndex = new Int32Array(capacity);
  let count = 0;
  let observed = 0;
  for (let i = 0; i < n; i++) if (!Number.isNaN(values[i])) observed++;
  const push = (a: number, b: number): void => {
    first[count] = values[a];
    second[count] = values[b];
    firstIndex[count] = a;
    secondIndex[count] = b;
    count++;
  };
  if (policy === "bridge") {
    let previous = -1;
    for (let i = 0; i < n; i++) {
      if (Number.isNaN(values[i])) continue;
      if (previous >= 0 && at(options.day, previous, 1) === at(options.day, i, 1)) push(previous, i);
      previous = i;
    }
  } else {
    for (let i = 0; i + 1 < n; i++) {
      if (Number.isNaN(values[i]) || Number.isNaN(values[i + 1])) continue;
      if (policy === "adjacent") {
        if (at(options.day, i, 1) !== at(options.day, i + 1, 1)) continue;
        if (at(options.beep, i + 1, i + 2) !== at(options.beep, i, i + 1) + 1) continue;
      }
      push(i, i + 1);
    }
  }
  return { first, second, firstIndex, secondIndex, count, policy, observed };
}
