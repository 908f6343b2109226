/**
 * A chunk of consecutive persons simulated and formatted as CSV text: the unit of work of the worker
 * threads and of the single-threaded path alike, so both write the same bytes.
 */
import { formatRow } from "../io/csv-writer.js";
import type { Scenario } from "../scenario/schema.js";
import { simulatePerson } from "./person.js";
import type { PersonFigures } from "./summary.js";
import { personRows, type TableCell } from "./tables.js";

/** Person number `ordinal` (0-based over the whole scenario) as group index, index within the group and id. */
export function personAt(scenario: Scenario, ordinal: number): { groupIndex: number; indexInGroup: number; id: number } {
  let first = 0;
  for (let groupIndex = 0; groupIndex < scenario.groups.length; groupIndex++) {
    const size = scenario.groups[groupIndex].size;
    if (ordinal < first + size) return { groupIndex, indexInGroup: ordinal - first, id: ordinal + 1 };
    first += size;
  }
  throw new RangeError(`personAt: ordinal ${ordinal} beyond the scenario's ${first} persons`);
}

/** Total persons of a scenario. */
export function personCount(scenario: Scenario): number {
  return scenario.groups.reduce((sum, group) => sum + group.size, 0);
}

export interface ChunkOptions {
  trajectoryEveryMinutes?: number;
}

/** The CSV text of a chunk, per table, and the figures of its persons. */
export interface ChunkOutput {
  observed: string;
  prompts: string;
  events: string;
  persons: string;
  trajectory: string;
  weeks: string;
  rows: { observed: number; prompts: number; events: number; persons: number; trajectory: number; weeks: number };
  figures: { group: string; figures: PersonFigures }[];
}

function rowsText(rows: readonly TableCell[][]): string {
  let text = "";
  for (const row of rows) text += formatRow(row);
  return text;
}

/** Simulates persons `first` .. `first + count - 1` (ordinals) and formats their rows. */
export function simulateChunk(scenario: Scenario, first: number, count: number, options: ChunkOptions = {}): ChunkOutput {
  const output: ChunkOutput = {
    observed: "",
    prompts: "",
    events: "",
    persons: "",
    trajectory: "",
    weeks: "",
    rows: { observed: 0, prompts: 0, events: 0, persons: 0, trajectory: 0, weeks: 0 },
    figures: [],
  };
  for (let ordinal = first; ordinal < first + count; ordinal++) {
    const { groupIndex, indexInGroup, id } = personAt(scenario, ordinal);
    const result = simulatePerson(scenario, { group: groupIndex, indexInGroup, trajectoryEveryMinutes: options.trajectoryEveryMinutes });
    const rows = personRows(scenario, result, id);
    output.observed += rowsText(rows.observed);
    output.prompts += rowsText(rows.prompts);
    output.events += rowsText(rows.events);
    output.persons += formatRow(rows.person);
    output.trajectory += rowsText(rows.trajectory);
    output.weeks += rowsText(rows.weeks);
    output.rows.observed += rows.observed.length;
    output.rows.prompts += rows.prompts.length;
    output.rows.events += rows.events.length;
    output.rows.persons += 1;
    output.rows.trajectory += rows.trajectory.length;
    output.rows.weeks += rows.weeks.length;
    const s = result.summary;
    output.figures.push({
      group: result.group,
      figures: {
        acts: s.acts,
        cascadeShare: s.cascadeShare,
        prompts: s.prompts,
        signalPrompts: s.signalPrompts,
        answeredSignalPrompts: s.answeredSignalPrompts,
        skillUses: s.skillUses,
        stressors: s.stressors,
      },
    });
  }
  return output;
}
