import { CompensatedSum } from "./compensatedSum.js";
import type { SuccessivePairs } from "./types.js";

/** Width of the interval bins of `LambdaEstimator`, in log2 hours (a quarter octave). */
const BIN_WIDTH = 0.25;

/**
 * Streaming estimator of the time-adjustment exponent lambda (`timeAdjustedMssd`), the documented
 * estimator of `cascade analyze --lambda estimate`:
 *
 * 1. every timed valid pair (interval dt > 0) goes into a bin of log2(dt) a quarter octave wide;
 * 2. per bin: the mean squared difference m_j and the mean log interval l_j;
 * 3. weighted least squares (weights: the pairs per bin) of log m_j on l_j over the bins with at
 *    least `minimumPerBin` pairs and m_j > 0;
 * 4. lambda = slope / 2.
 *
 * If E[d^2] is proportional to dt^(2 lambda), the log of the binned mean squared difference is linear
 * in log dt with slope 2 lambda, so the estimator recovers lambda (0.5 for diffusion). Binning first
 * (a variogram) keeps the many zero differences of response-scale items, whose logarithm the
 * pair-by-pair regression of log d^2 on log dt cannot take. NaN with fewer than two usable bins
 * (equally spaced data carry no information about lambda).
 *
 * Memory is constant (a few numbers per bin), so persons can be added one at a time.
 *
 * @example
 * const estimator = new LambdaEstimator();
 * estimator.addPair(0, 1, 1); estimator.addPair(0, 2, 4); // d^2 proportional to dt
 * estimator.estimate({ minimumPerBin: 1 });                 // => 0.5
 */
export class LambdaEstimator {
  private readonly bins = new Map<number, { count: number; squares: CompensatedSum; logs: CompensatedSum }>();
  /** The last bin used: consecutive pairs mostly share one (regular beep intervals). */
  private lastKey = Number.NaN;
  private lastBin: { count: number; squares: CompensatedSum; logs: CompensatedSum } | undefined;

  /** Adds one pair: its two values and its interval in hours (ignored unless finite and > 0). */
  addPair(first: number, second: number, interval: number): void {
    if (!(interval > 0) || !Number.isFinite(interval) || Number.isNaN(first) || Number.isNaN(second)) return;
    this.addLogged(first, second, Math.log2(interval));
  }

  /** Adds a pair whose interval is valid, given log2 of the interval. */
  private addLogged(first: number, second: number, logInterval: number): void {
    const key = Math.floor(logInterval / BIN_WIDTH);
    let bin = key === this.lastKey ? this.lastBin : this.bins.get(key);
    if (bin === undefined) {
      bin = { count: 0, squares: new CompensatedSum(), logs: new CompensatedSum() };
      this.bins.set(key, bin);
    }
    this.lastKey = key;
    this.lastBin = bin;
    bin.count++;
    bin.squares.add((second - first) * (second - first));
    bin.logs.add(logInterval);
  }

  /**
   * Adds every pair with its interval. `logIntervals`, when given, holds log2 of each interval (as
   * `logIntervalsInto` computes them), for callers that add several series with the same intervals.
   */
  addPairs(pairs: SuccessivePairs, intervals: ArrayLike<number>, logIntervals?: ArrayLike<number>): void {
    for (let i = 0; i < pairs.count; i++) {
      const interval = intervals[i];
      if (!(interval > 0) || !Number.isFinite(interval) || Number.isNaN(pairs.first[i]) || Number.isNaN(pairs.second[i])) continue;
      this.addLogged(pairs.first[i], pairs.second[i], logIntervals === undefined ? Math.log2(interval) : logIntervals[i]);
    }
  }

  /** The estimate of lambda; NaN with fewer than two usable bins. */
  estimate(options: { minimumPerBin?: number } = {}): number {
    const minimum = options.minimumPerBin ?? 5;
    let weight = 0;
    const xs: number[] = [];
    const ys: number[] = [];
    const ws: number[] = [];
    for (const bin of this.bins.values()) {
      const meanSquare = bin.squares.value / bin.count;
      if (bin.count < minimum || !(meanSquare > 0)) continue;
      xs.push(bin.logs.value / bin.count);
      ys.push(Math.log2(meanSquare));
      ws.push(bin.count);
      weight += bin.count;
    }
    if (xs.length < 2) return Number.NaN;
    let meanX = 0;
    let meanY = 0;
    for (let i = 0; i < xs.length; i++) {
      meanX += (ws[i] * xs[i]) / weight;
      meanY += (ws[i] * ys[i]) / weight;
    }
    let sxx = 0;
    let sxy = 0;
    for (let i = 0; i < xs.length; i++) {
      sxx += ws[i] * (xs[i] - meanX) * (xs[i] - meanX);
      sxy += ws[i] * (xs[i] - meanX) * (ys[i] - meanY);
    }
    return sxx > 0 ? sxy / sxx / 2 : Number.NaN;
  }
}

/** log2 of the first `count` intervals into `target` (entries of invalid intervals are not used). */
export function logIntervalsInto(intervals: ArrayLike<number>, count: number, target: Float64Array): Float64Array {
  for (let i = 0; i < count; i++) target[i] = Math.log2(intervals[i]);
  return target;
}

/**
 * Estimates lambda from one series' pairs and intervals with `LambdaEstimator` (see there).
 *
 * @example
 * estimateTimeLambda([0, 0, 0, 0], [1, 1, 2, 2], [1, 1, 4, 4], { minimumPerBin: 1 }); // => 0.5
 */
export function estimateTimeLambda(
  first: ArrayLike<number>,
  second: ArrayLike<number>,
  intervals: ArrayLike<number>,
  options: { minimumPerBin?: number } = {},
): number {
  const estimator = new LambdaEstimator();
  for (let i = 0; i < first.length; i++) estimator.addPair(first[i], second[i], intervals[i]);
  return estimator.estimate(options);
}
