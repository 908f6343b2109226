import { kendallTauOfFirst } from "./kendallTau.js";
import { successivePairs } from "./successivePairs.js";
import type { OccasionIndex, PairPolicy, SuccessivePairs } from "./types.js";

/** How rolling windows are measured: scheduled prompt slots, hours, or days. */
export type WindowUnit = "prompts" | "hours" | "days";

/** Options of `earlyWarningSignals`. */
export interface EarlyWarningOptions extends OccasionIndex {
  /** Window length in `unit`. Default: half the series' span (Dakos et al. 2012). */
  window?: number;
  /** Unit of `window` and `step`. Default `prompts`. */
  unit?: WindowUnit;
  /** Distance between successive window starts, in `unit`. Default 1. */
  step?: number;
  /** Fewest answered values for a window's variance. Default 5. */
  minimumObservations?: number;
  /** Fewest valid pairs for a window's lag-1 autocorrelation (at least 3). Default 5. */
  minimumPairs?: number;
  /** Pair policy inside windows: `adjacent` (default) or `bridge`; never across nights. */
  pairs?: Exclude<PairPolicy, "psych">;
}

/** One rolling window. */
export interface EarlyWarningWindow {
  /** Window start and end (end exclusive), in the position scale (prompt slots, or hours). */
  start: number;
  end: number;
  /** Answered values inside the window. */
  observations: number;
  /** Valid pairs with both occasions inside the window. */
  pairs: number;
  /** Sample variance of the answered values (NaN when too few). */
  variance: number;
  /** Lag-1 autocorrelation over the pairs inside the window (NaN when too few or constant). */
  ac1: number;
}

/** Result of `earlyWarningSignals`. */
export interface EarlyWarningSignals {
  windows: EarlyWarningWindow[];
  /** Kendall's tau-b of window variance against window end (NaN with fewer than 3 defined windows). */
  varianceTau: number;
  /** Kendall's tau-b of window lag-1 autocorrelation against window end. */
  ac1Tau: number;
  /** Window length and step used, in position units (prompt slots or hours). */
  window: number;
  step: number;
  unit: WindowUnit;
}

/**
 * Position of each occasion on the window axis: for `prompts`, the scheduled prompt slot
 * (day - first day) * B + (beep - lowest beep), B the number of beeps per day seen in the series, so
 * that missed prompts, whether present as NaN rows or absent from the file, and nights keep their
 * place; for `hours` and `days`, the time in hours.
 */
export function windowPositions(length: number, options: OccasionIndex, unit: WindowUnit): Float64Array {
  const positions = new Float64Array(length);
  if (unit !== "prompts") {
    for (let i = 0; i < length; i++) positions[i] = options.time === undefined ? Number.NaN : options.time[i];
    return positions;
  }
  let lowestBeep = Infinity;
  let highestBeep = -Infinity;
  let firstDay = Infinity;
  for (let i = 0; i < length; i++) {
    const beep = options.beep === undefined ? i + 1 : options.beep[i];
    lowestBeep = Math.min(lowestBeep, beep);
    highestBeep = Math.max(highestBeep, beep);
    firstDay = Math.min(firstDay, options.day === undefined ? 1 : options.day[i]);
  }
  const beepsPerDay = highestBeep - lowestBeep + 1;
  for (let i = 0; i < length; i++) {
    const beep = options.beep === undefined ? i + 1 : options.beep[i];
    const day = options.day === undefined ? 1 : options.day[i];
    positions[i] = (day - firstDay) * beepsPerDay + (beep - lowestBeep);
  }
  return positions;
}

/** Rolling windows as parallel arrays (what `earlyWarningSignals` returns as objects). */
export interface RollingWindows {
  count: number;
  start: Float64Array;
  end: Float64Array;
  observations: Int32Array;
  pairs: Int32Array;
  variance: Float64Array;
  ac1: Float64Array;
  varianceTau: number;
  ac1Tau: number;
  /** Window length and step in position units (prompt slots or hours). */
  window: number;
  step: number;
  unit: WindowUnit;
}

/**
 * Arrays that `rollingWindows` may reuse from one call to the next (`analyzePerson` keeps one for all
 * its series): with a workspace, the result's arrays are the workspace's, valid until the next call
 * and longer than `count`.
 */
export class RollingWorkspace {
  start = new Float64Array(0);
  end = new Float64Array(0);
  observations = new Int32Array(0);
  pairs = new Int32Array(0);
  variance = new Float64Array(0);
  ac1 = new Float64Array(0);
  valueCounted = new Uint8Array(0);
  pairCounted = new Uint8Array(0);

  /** Makes room for `windows` windows, `values` values and `pairs` pairs; clears the marks. */
  prepare(windows: number, values: number, pairs: number): void {
    if (this.start.length < windows) {
      const size = Math.max(windows, 2 * this.start.length);
      this.start = new Float64Array(size);
      this.end = new Float64Array(size);
      this.observations = new Int32Array(size);
      this.pairs = new Int32Array(size);
      this.variance = new Float64Array(size);
      this.ac1 = new Float64Array(size);
    }
    if (this.valueCounted.length < values) this.valueCounted = new Uint8Array(Math.max(values, 2 * this.valueCounted.length));
    else this.valueCounted.fill(0, 0, values);
    if (this.pairCounted.length < pairs) this.pairCounted = new Uint8Array(Math.max(pairs, 2 * this.pairCounted.length));
    else this.pairCounted.fill(0, 0, pairs);
  }
}

/**
 * The computation behind `earlyWarningSignals`, with the windows as parallel arrays (no object per
 * window), and the series' pairs and window positions (`windowPositions`, the same for every
 * variable of a person) passed in when the caller has them already (`analyzePerson`), as well as a
 * workspace whose arrays it may reuse.
 */
export function rollingWindows(
  values: ArrayLike<number>,
  options: EarlyWarningOptions = {},
  formedPairs?: SuccessivePairs,
  knownPositions?: Float64Array,
  workspace?: RollingWorkspace,
): RollingWindows {
  const unit = options.unit ?? "prompts";
  const scale = unit === "days" ? 24 : 1;
  const n = values.length;
  const positions = knownPositions ?? windowPositions(n, options, unit);
  let first = Infinity;
  let last = -Infinity;
  let centre = 0;
  let answered = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(positions[i])) continue;
    if (positions[i] < first) first = positions[i];
    if (positions[i] > last) last = positions[i];
    if (!Number.isNaN(values[i])) {
      centre += values[i];
      answered++;
    }
  }
  centre = answered > 0 ? centre / answered : 0;
  const span = last - first + (unit === "prompts" ? 1 : 0);
  const window = options.window !== undefined ? options.window * scale : Math.max(1, Math.floor(span / 2));
  const step = (options.step ?? 1) * scale;
  const minimumObservations = Math.max(2, options.minimumObservations ?? 5);
  const minimumPairs = Math.max(3, options.minimumPairs ?? 5);
  const pairs = formedPairs ?? successivePairs(values, { day: options.day, beep: options.beep, pairs: options.pairs ?? "adjacent" });
  const lastStart = last + (unit === "prompts" ? 1 : 0) - window + 1e-9;
  const capacity = span > 0 && window > 0 && step > 0 && Number.isFinite(first) && lastStart >= first ? Math.floor((lastStart - first) / step) + 1 : 0;
  const space = workspace ?? new RollingWorkspace();
  space.prepare(capacity, n, pairs.count);
  const result: RollingWindows = {
    count: capacity,
    start: space.start,
    end: space.end,
    observations: space.observations,
    pairs: space.pairs,
    variance: space.variance,
    ac1: space.ac1,
    varianceTau: Number.NaN,
    ac1Tau: Number.NaN,
    window: window / scale,
    step: step / scale,
    unit,
  };
  if (capacity === 0) return result;
  // Occasions and pairs are ordered by position (the series is sorted by day and beep, and time never
  // goes backwards); an item enters when the window's end passes it and leaves when its start does.
  const valueCounted = space.valueCounted;
  const pairCounted = space.pairCounted;
  const before = (position: number, limit: number): boolean => Number.isNaN(position) || position < limit;
  const { first: pairFirst, second: pairSecond, firstIndex, secondIndex } = pairs;
  let enterValue = 0;
  let leaveValue = 0;
  let enterPair = 0;
  let leavePair = 0;
  // Sliding sums of the values in the window (count, sum, sum of squares) and of the pairs (a the
  // earlier value, b the later), kept in locals; removing an item subtracts exactly what adding it added.
  let count = 0;
  let sum = 0;
  let squares = 0;
  let pairCount = 0;
  let sumA = 0;
  let sumB = 0;
  let sumAA = 0;
  let sumBB = 0;
  let sumAB = 0;
  for (let w = 0; w < capacity; w++) {
    const start = first + w * step;
    const end = start + window;
    for (; enterValue < n && before(positions[enterValue], end); enterValue++) {
      const v = values[enterValue] - centre;
      if (Number.isNaN(v) || Number.isNaN(positions[enterValue]) || positions[enterValue] < start) continue;
      valueCounted[enterValue] = 1;
      count++;
      sum += v;
      squares += v * v;
    }
    for (; leaveValue < enterValue && before(positions[leaveValue], start); leaveValue++) {
      if (valueCounted[leaveValue] === 0) continue;
      const v = values[leaveValue] - centre;
      count--;
      sum -= v;
      squares -= v * v;
    }
    for (; enterPair < pairs.count && before(positions[secondIndex[enterPair]], end); enterPair++) {
      const from = positions[firstIndex[enterPair]];
      if (Number.isNaN(from) || Number.isNaN(positions[secondIndex[enterPair]]) || from < start) continue;
      pairCounted[enterPair] = 1;
      const a = pairFirst[enterPair] - centre;
      const b = pairSecond[enterPair] - centre;
      pairCount++;
      sumA += a;
      sumB += b;
      sumAA += a * a;
      sumBB += b * b;
      sumAB += a * b;
    }
    for (; leavePair < enterPair && before(positions[firstIndex[leavePair]], start); leavePair++) {
      if (pairCounted[leavePair] === 0) continue;
      const a = pairFirst[leavePair] - centre;
      const b = pairSecond[leavePair] - centre;
      pairCount--;
      sumA -= a;
      sumB -= b;
      sumAA -= a * a;
      sumBB -= b * b;
      sumAB -= a * b;
    }
    const variance = count >= minimumObservations ? Math.max(0, (squares - (sum * sum) / count) / (count - 1)) : Number.NaN;
    let ac1 = Number.NaN;
    if (pairCount >= minimumPairs) {
      const sxx = sumAA - (sumA * sumA) / pairCount;
      const syy = sumBB - (sumB * sumB) / pairCount;
      const sxy = sumAB - (sumA * sumB) / pairCount;
      if (sxx > 1e-12 * Math.max(1, sumAA) && syy > 1e-12 * Math.max(1, sumBB)) ac1 = sxy / Math.sqrt(sxx * syy);
    }
    result.start[w] = start / scale;
    result.end[w] = end / scale;
    result.observations[w] = count;
    result.pairs[w] = pairCount;
    result.variance[w] = variance;
    result.ac1[w] = ac1;
  }
  result.varianceTau = trendTau(result.end, result.variance, capacity);
  result.ac1Tau = trendTau(result.end, result.ac1, capacity);
  return result;
}

/** Kendall's tau of a window statistic against window end over the first `count` windows; NaN with fewer than 3 defined windows. */
function trendTau(ends: Float64Array, statistic: Float64Array, count: number): number {
  let defined = 0;
  for (let i = 0; i < count; i++) if (!Number.isNaN(statistic[i])) defined++;
  return defined >= 3 ? kendallTauOfFirst(ends, statistic, count) : Number.NaN;
}

/**
 * Early-warning signals of a critical transition: rolling-window variance and lag-1 autocorrelation,
 * and Kendall's tau of each against time (rising variance and autocorrelation, "critical slowing
 * down", are expected before a transition).
 *
 * Unlike tools that assume equally spaced series, windows here are measured in scheduled prompt
 * slots (`prompts`, the default: missed prompts and nights keep their place whether the file has
 * empty rows for them or leaves them out) or in clock time (`hours`, `days`). Within a window, the
 * variance uses the answered values and the autocorrelation uses only valid pairs (`adjacent`: beep
 * b and b + 1 of the same day; `bridge`: consecutive answered beeps of a day), both inside the
 * window, so no pair crosses a night. Windows with fewer than `minimumObservations` values or
 * `minimumPairs` pairs give NaN and are left out of the trend. No detrending is applied.
 *
 * Windows start at the first position and advance by `step` while they fit in the series. Sums slide
 * with the window (values are centred on the series mean first, which keeps the sliding sums
 * accurate on response scales), so the cost is O(n + W log W) for W windows.
 *
 * References: Scheffer, M., Bascompte, J., Brock, W. A., et al. (2009). Early-warning signals for
 * critical transitions. Nature 461, 53-59. doi:10.1038/nature08227. van de Leemput, I. A., Wichers,
 * M., Cramer, A. O. J., et al. (2014). Critical slowing down as early warning for the onset and
 * termination of depression. PNAS 111(1), 87-92. doi:10.1073/pnas.1312114110. Dakos, V., Carpenter,
 * S. R., Brock, W. A., et al. (2012). Methods for detecting early warnings of critical transitions in
 * time series illustrated using simulated ecological data. PLoS ONE 7(7), e41010.
 * doi:10.1371/journal.pone.0041010
 *
 * @example
 * const rising = [1, 2, 1, 2, 0, 3, 0, 3, -1, 4, -1, 4];
 * earlyWarningSignals(rising, { window: 4, minimumObservations: 3, minimumPairs: 3 }).varianceTau; // => 1
 */
export function earlyWarningSignals(values: ArrayLike<number>, options: EarlyWarningOptions = {}): EarlyWarningSignals {
  const rolled = rollingWindows(values, options);
  const windows: EarlyWarningWindow[] = [];
  for (let w = 0; w < rolled.count; w++) {
    windows.push({ start: rolled.start[w], end: rolled.end[w], observations: rolled.observations[w], pairs: rolled.pairs[w], variance: rolled.variance[w], ac1: rolled.ac1[w] });
  }
  return { windows, varianceTau: rolled.varianceTau, ac1Tau: rolled.ac1Tau, window: rolled.window, step: rolled.step, unit: rolled.unit };
}
