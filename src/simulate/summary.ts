/**
 * Group-level figures of a simulated dataset, printed at the end of `cascade simulate` and stored in
 * metadata.json, so users see at once whether a scenario gives plausible numbers (MODEL.md section 5:
 * share of persons with at least one act, acts per person, how concentrated acts are, time in the
 * cascade state, compliance).
 */
import type { PersonSummary } from "./person.js";

/** What the group summary needs of a person (small enough to pass from worker threads). */
export type PersonFigures = Pick<PersonSummary, "acts" | "cascadeShare" | "prompts" | "signalPrompts" | "answeredSignalPrompts" | "skillUses" | "stressors">;

export interface GroupSummary {
  group: string;
  persons: number;
  /** Rows of observed.csv. */
  prompts: number;
  /** Share of scheduled prompts answered. */
  compliance: number;
  /** Mean NSSI acts per person. */
  actsPerPerson: number;
  /** Variance of acts per person (overdispersion: variance well above the mean). */
  actsVariance: number;
  /** Share of persons with at least one act. */
  anyAct: number;
  /** Share of all acts made by the fifth of persons with the most acts (NaN without acts). */
  topFifthShare: number;
  /** Mean share of time in the cascade state. */
  cascadeShare: number;
  stressorsPerPerson: number;
  skillUsesPerPerson: number;
}

/** Collects person figures group by group. */
export class SummaryCollector {
  private readonly groups = new Map<string, PersonFigures[]>();

  constructor(groupNames: readonly string[]) {
    for (const name of groupNames) this.groups.set(name, []);
  }

  add(group: string, figures: PersonFigures): void {
    const list = this.groups.get(group);
    if (list === undefined) this.groups.set(group, [figures]);
    else list.push(figures);
  }

  /** One summary per group, in the order given to the constructor. */
  summaries(): GroupSummary[] {
    return [...this.groups.entries()].map(([group, people]) => summarise(group, people));
  }
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;
}

/** The summary of one group's persons. */
export function summarise(group: string, people: readonly PersonFigures[]): GroupSummary {
  const acts = people.map((p) => p.acts);
  const actsMean = mean(acts);
  const variance = acts.length > 1 ? acts.reduce((s, a) => s + (a - actsMean) ** 2, 0) / (acts.length - 1) : Number.NaN;
  const total = acts.reduce((a, b) => a + b, 0);
  const top = [...acts].sort((a, b) => b - a).slice(0, Math.ceil(acts.length / 5)).reduce((a, b) => a + b, 0);
  const signal = people.reduce((s, p) => s + p.signalPrompts, 0);
  return {
    group,
    persons: people.length,
    prompts: people.reduce((s, p) => s + p.prompts, 0),
    compliance: signal > 0 ? people.reduce((s, p) => s + p.answeredSignalPrompts, 0) / signal : Number.NaN,
    actsPerPerson: actsMean,
    actsVariance: variance,
    anyAct: people.length > 0 ? acts.filter((a) => a > 0).length / people.length : Number.NaN,
    topFifthShare: total > 0 ? top / total : Number.NaN,
    cascadeShare: mean(people.map((p) => p.cascadeShare)),
    stressorsPerPerson: mean(people.map((p) => p.stressors)),
    skillUsesPerPerson: mean(people.map((p) => p.skillUses)),
  };
}

function percent(value: number): string {
  return Number.isFinite(value) ? `${(100 * value).toFixed(0)}%` : "-";
}

/** A short plain-text table of the group summaries. */
export function formatSummary(summaries: readonly GroupSummary[], days: number): string {
  const header = ["group", "persons", "prompts", "answered", "with act", "acts/person", "variance", "top 1/5 share", "in cascade"];
  const rows = summaries.map((s) => [
    s.group,
    String(s.persons),
    String(s.prompts),
    percent(s.compliance),
    percent(s.anyAct),
    Number.isFinite(s.actsPerPerson) ? s.actsPerPerson.toFixed(2) : "-",
    Number.isFinite(s.actsVariance) ? s.actsVariance.toFixed(1) : "-",
    percent(s.topFifthShare),
    percent(s.cascadeShare),
  ]);
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (cells: string[]): string => cells.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join("  ");
  return [`Summary over ${days} days (NSSI acts and time in the cascade from the latent truth):`, line(header), ...rows.map(line)].join("\n") + "\n";
}
