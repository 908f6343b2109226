import { studentTQuantile } from "../stats/distributions/student-t-quantile.js";
import { RunningMoments } from "./groupComparison.js";
import type { PersonSeries } from "./types.js";

/** Options of event-locked analysis. */
export interface EventLockedOptions {
  /** Column with event counts at each prompt (for example `nssi`: acts reported since the last prompt). */
  event: string;
  /** Variables to average around events (for example `na_mean`, `rumination`, `urge`). */
  variables: readonly string[];
  /** Prompts before and after the event prompt. Default 3 and 3. */
  before?: number;
  after?: number;
  /** Only prompts of the event prompt's day. Default false. */
  sameDay?: boolean;
  /** Confidence level of the intervals. Default 0.95. */
  level?: number;
}

/** One row of the event-locked table. */
export interface EventLockedRow {
  variable: string;
  /** Prompt offset from the event prompt (0: the prompt that reported the event). */
  offset: number;
  /** Persons contributing (with at least one answered value at this offset). */
  persons: number;
  /** Event prompts contributing. */
  events: number;
  /** Mean over persons of each person's mean at this offset. */
  mean: number;
  sd: number;
  lower: number;
  upper: number;
}

/**
 * Event-locked means: the average of each variable at prompts before and after prompts that reported
 * an event (event count > 0, for example NSSI since the last prompt), by prompt offset, with
 * confidence intervals.
 *
 * Offsets count the person's prompts in (day, beep) order, answered or not, so a missed prompt keeps
 * its place (files that leave missed prompts out count only the prompts present). Each person's
 * events are first averaged per offset, then persons are averaged, so that a person with many events
 * does not dominate and the interval treats persons as the independent units:
 *
 *     mean(o) = (1 / P_o) sum_p mean_p(o),   CI = mean(o) -/+ t(0.975, P_o - 1) * SD / sqrt(P_o)
 *
 * NaN bounds with fewer than 2 persons. Streaming: `add` one person at a time, then `rows`.
 *
 * @example
 * const locked = new EventLockedMeans({ event: "nssi", variables: ["urge"], before: 1, after: 1 });
 * locked.add(person); locked.rows();
 */
export class EventLockedMeans {
  private readonly moments = new Map<string, RunningMoments>();
  private readonly eventCounts = new Map<string, number>();
  private readonly before: number;
  private readonly after: number;

  constructor(private readonly options: EventLockedOptions) {
    this.before = options.before ?? 3;
    this.after = options.after ?? 3;
  }

  /** Adds one person's series; `derived` supplies computed variables such as `na_mean`. */
  add(person: PersonSeries, derived: Readonly<Record<string, Float64Array>> = {}): void {
    const events = person.variables[this.options.event];
    if (events === undefined) return;
    const length = events.length;
    // The event prompts, in order (few per person; none for most).
    const eventPrompts: number[] = [];
    for (let t = 0; t < length; t++) if (events[t] > 0) eventPrompts.push(t);
    if (eventPrompts.length === 0) return;
    for (const variable of this.options.variables) {
      const values = derived[variable] ?? person.variables[variable];
      if (values === undefined) continue;
      for (let offset = -this.before; offset <= this.after; offset++) {
        let sum = 0;
        let count = 0;
        let eventsUsed = 0;
        for (const t of eventPrompts) {
          const at = t + offset;
          if (at < 0 || at >= length) continue;
          if (this.options.sameDay === true && person.day[at] !== person.day[t]) continue;
          if (Number.isNaN(values[at])) continue;
          sum += values[at];
          count++;
          eventsUsed++;
        }
        if (count === 0) continue;
        const key = `${variable}\u0000${offset}`;
        let moments = this.moments.get(key);
        if (moments === undefined) {
          moments = new RunningMoments();
          this.moments.set(key, moments);
        }
        moments.add(sum / count);
        this.eventCounts.set(key, (this.eventCounts.get(key) ?? 0) + eventsUsed);
      }
    }
  }

  /** One row per variable and offset (offsets without any data are left out). */
  rows(): EventLockedRow[] {
    const level = this.options.level ?? 0.95;
    const result: EventLockedRow[] = [];
    for (const variable of this.options.variables) {
      for (let offset = -this.before; offset <= this.after; offset++) {
        const key = `${variable}\u0000${offset}`;
        const moments = this.moments.get(key);
        if (moments === undefined) continue;
        const persons = moments.count;
        const half = persons >= 2 ? studentTQuantile(1 - (1 - level) / 2, persons - 1) * (moments.sd / Math.sqrt(persons)) : Number.NaN;
        result.push({
          variable,
          offset,
          persons,
          events: this.eventCounts.get(key) ?? 0,
          mean: moments.mean,
          sd: moments.sd,
          lower: moments.mean - half,
          upper: moments.mean + half,
        });
      }
    }
    return result;
  }
}
