import type { OccasionIndex, PairPolicy, SuccessivePairs } from "./types.js";

/** Options of the pair-based metrics: the occasion index and the pair policy. */
export interface PairOptions extends OccasionIndex {
  /** Which successive values form a pair. Default `adjacent`. */
  pairs?: PairPolicy;
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
  return successivePairsInto(values, options, emptyPairs(Math.max(0, values.length - 1)));
}

/** Pair arrays with room for `capacity` pairs (count 0), to fill with `successivePairsInto`. */
export function emptyPairs(capacity: number): SuccessivePairs {
  return {
    first: new Float64Array(capacity),
    second: new Float64Array(capacity),
    firstIndex: new Int32Array(capacity),
    secondIndex: new Int32Array(capacity),
    count: 0,
    policy: "adjacent",
    observed: 0,
  };
}

/**
 * `successivePairs` written into `target` (arrays with room for at least n - 1 pairs, for example
 * from `emptyPairs`), so that a caller analysing many series can reuse one set of arrays. Returns
 * `target` with its count, policy and observed set.
 */
export function successivePairsInto(values: ArrayLike<number>, options: PairOptions, target: SuccessivePairs): SuccessivePairs {
  const policy = options.pairs ?? "adjacent";
  const n = values.length;
  const { first, second, firstIndex, secondIndex } = target;
  const day = options.day;
  const beep = options.beep;
  let count = 0;
  let observed = 0;
  for (let i = 0; i < n; i++) if (!Number.isNaN(values[i])) observed++;
  if (policy === "bridge") {
    let previous = -1;
    for (let i = 0; i < n; i++) {
      if (Number.isNaN(values[i])) continue;
      if (previous >= 0 && (day === undefined || day[previous] === day[i])) {
        first[count] = values[previous];
        second[count] = values[i];
        firstIndex[count] = previous;
        secondIndex[count] = i;
        count++;
      }
      previous = i;
    }
  } else {
    const adjacent = policy === "adjacent";
    for (let i = 0; i + 1 < n; i++) {
      const a = values[i];
      const b = values[i + 1];
      if (Number.isNaN(a) || Number.isNaN(b)) continue;
      if (adjacent) {
        if (day !== undefined && day[i] !== day[i + 1]) continue;
        if (beep !== undefined && beep[i + 1] !== beep[i] + 1) continue;
      }
      first[count] = a;
      second[count] = b;
      firstIndex[count] = i;
      secondIndex[count] = i + 1;
      count++;
    }
  }
  target.count = count;
  target.policy = policy;
  target.observed = observed;
  return target;
}

/** Whether two sets of pairs join the same occasions (then their time intervals are the same too). */
export function samePairs(a: SuccessivePairs, b: SuccessivePairs): boolean {
  if (a.count !== b.count) return false;
  for (let i = 0; i < a.count; i++) if (a.firstIndex[i] !== b.firstIndex[i] || a.secondIndex[i] !== b.secondIndex[i]) return false;
  return true;
}
