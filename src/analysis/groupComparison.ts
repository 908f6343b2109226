import { CascadeError } from "../errors.js";
import { didYouMean } from "../io/suggest.js";
import { hedgesGFromSummaries, type HedgesG } from "./hedgesG.js";

/** Running count, mean and sum of squared deviations (Welford's algorithm). */
export class RunningMoments {
  count = 0;
  mean = 0;
  private squares = 0;

  /** Adds one value (NaN is ignored). */
  add(value: number): void {
    if (Number.isNaN(value)) return;
    this.count++;
    const delta = value - this.mean;
    this.mean += delta / this.count;
    this.squares += delta * (value - this.mean);
  }

  /** Sample standard deviation (n - 1); NaN for fewer than 2 values. */
  get sd(): number {
    return this.count < 2 ? Number.NaN : Math.sqrt(this.squares / (this.count - 1));
  }
}

/** One row of a group summary: a metric of a variable in one group, against the reference group. */
export interface GroupComparisonRow extends HedgesG {
  variable: string;
  metric: string;
  group: string;
  reference: string;
  n: number;
  mean: number;
  sd: number;
  n_reference: number;
  mean_reference: number;
  sd_reference: number;
}

/**
 * Group summaries of person-level metrics, one person at a time (memory: a few numbers per group,
 * variable and metric): each metric's mean and SD across the persons of each group, and Hedges' g of
 * each group against the reference group with its 95% confidence interval (`hedgesGFromSummaries`).
 * Persons whose metric is undefined are left out of that metric. The reference group is the one
 * named, or else the first in alphabetical order.
 */
export class GroupComparison {
  private readonly moments = new Map<string, RunningMoments>();
  private readonly groups = new Set<string>();
  private readonly variables: string[] = [];
  /** Each group's and variable's moments in metric order (the same objects as in `moments`). */
  private readonly byGroup = new Map<string, Map<string, RunningMoments[]>>();

  constructor(private readonly metrics: readonly string[], private readonly referenceGroup?: string) {}

  /** Adds one row of person metrics (a record with `group`, `variable` and the metric columns). */
  add(row: { group: string | undefined; variable: string } & Record<string, unknown>): void {
    if (row.group === undefined) return;
    let byVariable = this.byGroup.get(row.group);
    if (byVariable === undefined) {
      byVariable = new Map();
      this.byGroup.set(row.group, byVariable);
      this.groups.add(row.group);
    }
    let list = byVariable.get(row.variable);
    if (list === undefined) {
      if (!this.variables.includes(row.variable)) this.variables.push(row.variable);
      list = this.metrics.map((metric) => {
        const moments = new RunningMoments();
        this.moments.set(`${row.group}\u0000${row.variable}\u0000${metric}`, moments);
        return moments;
      });
      byVariable.set(row.variable, list);
    }
    for (let m = 0; m < list.length; m++) {
      const value = row[this.metrics[m]];
      if (typeof value === "number") list[m].add(value);
    }
  }

  /** The groups seen, sorted. */
  groupNames(): string[] {
    return [...this.groups].sort();
  }

  /** One row per variable, metric and non-reference group; a named reference group must exist. */
  rows(): GroupComparisonRow[] {
    const groups = this.groupNames();
    const reference = this.referenceGroup ?? groups[0];
    if (this.referenceGroup !== undefined && groups.length > 0 && !this.groups.has(this.referenceGroup)) {
      throw new CascadeError(`reference group "${this.referenceGroup}" has no persons${didYouMean(this.referenceGroup, groups)}; the groups are: ${groups.join(", ")}`);
    }
    const result: GroupComparisonRow[] = [];
    const get = (group: string, variable: string, metric: string): RunningMoments =>
      this.moments.get(`${group}\u0000${variable}\u0000${metric}`) ?? new RunningMoments();
    for (const variable of this.variables) {
      for (const metric of this.metrics) {
        const base = get(reference, variable, metric);
        for (const group of groups) {
          if (group === reference) continue;
          const other = get(group, variable, metric);
          const effect = hedgesGFromSummaries({ n: other.count, mean: other.mean, sd: other.sd }, { n: base.count, mean: base.mean, sd: base.sd });
          result.push({
            variable, metric, group, reference,
            n: other.count, mean: other.count > 0 ? other.mean : Number.NaN, sd: other.sd,
            n_reference: base.count, mean_reference: base.count > 0 ? base.mean : Number.NaN, sd_reference: base.sd,
            ...effect,
          });
        }
      }
    }
    return result;
  }
}
