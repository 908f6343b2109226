import { CompensatedSum } from "./compensatedSum.js";

/** A true parameter and the estimate that should recover it. */
export interface RecoveryPair {
  /** Column of the truth (for example `delta`). */
  truth: string;
  /** Metric column of the estimate (for example `icc3k`). */
  estimate: string;
  /** Variable whose row holds the estimate (for example `na_mean`). */
  variable: string;
  /** Expected sign of the correlation, for the reader: -1, 1, or 0 when no sign is expected. */
  expectedSign: -1 | 0 | 1;
  /** Why this pair, in a few words. */
  note: string;
}

/**
 * The pairs `cascade analyze` reports for simulated data (MODEL.md): differentiation `delta` against
 * the ICC across emotion items (high delta, items less alike, lower ICC), attractor strength `thetaA`
 * against the AR(1) slope of `na_mean` (stronger pull to baseline, less inertia), and true NSSI acts
 * against the counts reported at prompts.
 */
export const DEFAULT_RECOVERY_PAIRS: readonly RecoveryPair[] = [
  { truth: "delta", estimate: "icc3k", variable: "na_mean", expectedSign: -1, note: "differentiation lowers the ICC across emotion items" },
  { truth: "delta", estimate: "ed", variable: "na_mean", expectedSign: 1, note: "ED = 1 - ICC(C,k) should follow delta" },
  { truth: "thetaA", estimate: "ar1", variable: "na_mean", expectedSign: -1, note: "AR(1) slope ~ exp(-thetaA * beep interval)" },
  { truth: "thetaA", estimate: "ac1", variable: "na_mean", expectedSign: -1, note: "lag-1 autocorrelation ~ exp(-thetaA * beep interval)" },
  { truth: "acts", estimate: "events_reported", variable: "na_mean", expectedSign: 1, note: "true NSSI acts against acts reported at prompts" },
];

/** One row of the recovery summary. */
export interface RecoveryRow extends RecoveryPair {
  /** Persons with both values defined. */
  n: number;
  /** Pearson correlation across persons. */
  correlation: number;
  /** Mean of estimate minus truth (meaningful where both are on one scale, such as counts). */
  meanDifference: number;
}

/**
 * How well person-level estimates recover simulated truth: for each pair, the Pearson correlation
 * across persons and the mean difference, accumulated one person at a time.
 */
export class TruthRecovery {
  private readonly sums = new Map<RecoveryPair, { n: number; x: CompensatedSum; y: CompensatedSum; xx: CompensatedSum; yy: CompensatedSum; xy: CompensatedSum }>();

  constructor(private readonly pairs: readonly RecoveryPair[] = DEFAULT_RECOVERY_PAIRS) {
    for (const pair of pairs) {
      this.sums.set(pair, { n: 0, x: new CompensatedSum(), y: new CompensatedSum(), xx: new CompensatedSum(), yy: new CompensatedSum(), xy: new CompensatedSum() });
    }
  }

  /** Adds one person-variable row (metric columns) with the person's truth record. */
  add(row: { variable: string } & Record<string, unknown>, truth: Readonly<Record<string, number>>): void {
    for (const pair of this.pairs) {
      if (row.variable !== pair.variable) continue;
      const x = truth[pair.truth];
      const y = row[pair.estimate];
      if (typeof x !== "number" || typeof y !== "number" || Number.isNaN(x) || Number.isNaN(y)) continue;
      const sums = this.sums.get(pair)!;
      sums.n++;
      sums.x.add(x);
      sums.y.add(y);
      sums.xx.add(x * x);
      sums.yy.add(y * y);
      sums.xy.add(x * y);
    }
  }

  /** One row per pair whose truth column was present. */
  rows(): RecoveryRow[] {
    return this.pairs.map((pair) => {
      const s = this.sums.get(pair)!;
      const n = s.n;
      const sxx = s.xx.value - (s.x.value * s.x.value) / n;
      const syy = s.yy.value - (s.y.value * s.y.value) / n;
      const sxy = s.xy.value - (s.x.value * s.y.value) / n;
      const correlation = n >= 3 && sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Number.NaN;
      return { ...pair, n, correlation, meanDifference: n > 0 ? (s.y.value - s.x.value) / n : Number.NaN };
    });
  }
}
