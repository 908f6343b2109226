import { CascadeError } from "../errors.js";
import { didYouMean } from "../io/suggest.js";
import { DifferenceTally } from "./differenceTally.js";
import { LambdaEstimator, logIntervalsInto } from "./estimateTimeLambda.js";
import { naMean } from "./naMean.js";
import { analysedVariables, NA_MEAN, type AnalysisOptions } from "./options.js";
import { tallyPairChanges } from "./pooledPacCutoff.js";
import { emptyPairs, samePairs, successivePairsInto } from "./successivePairs.js";
import { pairIntervalsInto } from "./timeAdjustedMssd.js";
import type { PersonSeries, SuccessivePairs } from "./types.js";

/** What the per-person metrics need from all persons: PAC cutoffs and lambda per variable. */
export interface PooledStatistics {
  /** PAC cutoff per variable. */
  cutoffs: Record<string, number>;
  /** Time-adjustment exponent per variable. */
  lambdas: Record<string, number>;
}

/**
 * Collects, one person at a time, what some metrics need from every person before any person's row
 * can be written: the pooled PAC cutoff (a quantile of |difference| over all persons' valid pairs,
 * kept exactly as counts of distinct values, see `DifferenceTally`) and the pooled lambda estimate
 * (`LambdaEstimator`). Memory does not grow with the number of persons or rows, so a file can be
 * streamed through it (the first of the two passes of `cascade analyze`).
 */
export class PooledAccumulator {
  private readonly tallies = new Map<string, DifferenceTally>();
  private readonly lambdaEstimators = new Map<string, LambdaEstimator>();
  private readonly variables: string[];
  private readonly groupsSeen = new Set<string>();
  private referencePersons = 0;
  /** Pair, interval and log-interval arrays reused from one series and person to the next. */
  private pairsA = emptyPairs(0);
  private pairsB = emptyPairs(0);
  private intervals = new Float64Array(0);
  private logIntervals = new Float64Array(0);

  constructor(private readonly options: AnalysisOptions) {
    this.variables = analysedVariables(options);
    for (const variable of this.variables) {
      this.tallies.set(variable, new DifferenceTally());
      this.lambdaEstimators.set(variable, new LambdaEstimator());
    }
  }

  /** Whether any option needs a pass over all persons first. */
  static needed(options: AnalysisOptions): boolean {
    const cutoff = options.pac?.cutoff ?? "pooled";
    return cutoff === "pooled" || (options.lambda ?? "estimate") === "estimate";
  }

  /** Adds one person's pairs. */
  add(person: PersonSeries): void {
    const pacFromThisPerson = this.options.pac?.referenceGroup === undefined || person.group === this.options.pac.referenceGroup;
    if (person.group !== undefined) this.groupsSeen.add(person.group);
    if (pacFromThisPerson) this.referencePersons++;
    const derived = naMean(person, this.options.items);
    const n = person.day.length;
    if (this.pairsA.first.length < n) {
      this.pairsA = emptyPairs(2 * n);
      this.pairsB = emptyPairs(2 * n);
      this.intervals = new Float64Array(2 * n);
      this.logIntervals = new Float64Array(2 * n);
    }
    const pairOptions = { day: person.day, beep: person.beep, pairs: this.options.pairs };
    let previous: SuccessivePairs | undefined;
    for (const variable of this.variables) {
      const values = variable === NA_MEAN ? derived : person.variables[variable];
      // Two pair buffers in turn, so that a variable with the previous variable's pairs reuses its intervals.
      const pairs = successivePairsInto(values, pairOptions, previous === this.pairsA ? this.pairsB : this.pairsA);
      if (previous === undefined || !samePairs(pairs, previous)) {
        pairIntervalsInto(pairs, person.time, this.intervals);
        logIntervalsInto(this.intervals, pairs.count, this.logIntervals);
      }
      previous = pairs;
      if (pacFromThisPerson) tallyPairChanges(this.tallies.get(variable)!, pairs, this.options.pac?.direction);
      this.lambdaEstimators.get(variable)!.addPairs(pairs, this.intervals, this.logIntervals);
    }
  }

  /**
   * The cutoffs and lambdas, honouring fixed values given in the options. Throws a CascadeError when
   * a PAC reference group was named but no person belongs to it.
   */
  finish(): PooledStatistics {
    const reference = this.options.pac?.referenceGroup;
    if (reference !== undefined && (this.options.pac?.cutoff ?? "pooled") === "pooled" && this.referencePersons === 0) {
      const groups = [...this.groupsSeen].sort();
      throw new CascadeError(`PAC reference group "${reference}" has no persons${didYouMean(reference, groups)}; the groups are: ${groups.length > 0 ? groups.join(", ") : "none (no group column)"}`);
    }
    const cutoffs: Record<string, number> = {};
    const lambdas: Record<string, number> = {};
    const cutoff = this.options.pac?.cutoff ?? "pooled";
    for (const variable of this.variables) {
      if (cutoff === "pooled") cutoffs[variable] = this.tallies.get(variable)!.quantile(this.options.pac?.probability ?? 0.9);
      else if (typeof cutoff === "number") cutoffs[variable] = cutoff;
      else cutoffs[variable] = cutoff[variable] ?? Number.NaN;
      const lambda = this.options.lambda ?? "estimate";
      lambdas[variable] = lambda === "estimate" ? this.lambdaEstimators.get(variable)!.estimate() : lambda;
    }
    return { cutoffs, lambdas };
  }
}
