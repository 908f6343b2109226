/**
 * A simulated person's prompts as the series the analysis layer works on: what `cascade analyze`
 * would read from `observed.csv` for this person, with the latent negative affect at the same
 * prompts beside it. Used by sweeps and power analyses, which simulate in memory and never write the
 * prompts to disk.
 *
 * - Rows are every prompt of the person (answered or not, signal- and event-contingent), in the
 *   order of observed.csv, with its day and beep, so pairs follow the analysis layer's `adjacent`
 *   rule (beep b and b + 1 of the same day).
 * - `na` is the mean of the negative-affect items at prompts where every one was answered (NaN
 *   otherwise), as the analysis layer's `na_mean`. NA items are the items of kind `emotion`, or of
 *   kind `affect` when the design has no emotion item (as `cascade analyze` reads a simulation).
 * - `latentA` is the latent NA at each prompt's moment (the answer's time, or the scheduled time of a
 *   missed prompt): the truth without missed prompts and measurement error.
 *
 * Browser-safe: no `node:` imports.
 */
import type { PersonResult, PersonSummary } from "../simulate/person.js";
import type { Design } from "../scenario/schema.js";

/** Which items of a design play which role. */
export interface ItemRoles {
  /** Negative-affect items averaged into `na` (kind emotion, else kind affect). */
  na: string[];
  /** The first item of kind rumination, if any. */
  rumination?: string;
  /** The first item of kind urge, if any. */
  urge?: string;
  /** The first NSSI count item, if any. */
  nssi?: string;
}

/** The roles of a design's items (see `ItemRoles`). */
export function itemRoles(design: Design): ItemRoles {
  const ofKind = (kind: string): string[] => design.items.filter((item) => item.kind === kind).map((item) => item.name);
  const emotion = ofKind("emotion");
  return {
    na: emotion.length > 0 ? emotion : ofKind("affect"),
    rumination: ofKind("rumination")[0],
    urge: ofKind("urge")[0],
    nssi: ofKind("nssi")[0],
  };
}

/** One person's prompts as parallel columns. */
export interface PersonSeriesView {
  group: string;
  day: Float64Array;
  beep: Float64Array;
  /** 1 for answered prompts, 0 for missed ones. */
  answered: Uint8Array;
  /** Mean of the NA items where every one was answered, else NaN. */
  na: Float64Array;
  /** Latent NA at each prompt's moment. */
  latentA: Float64Array;
  /** Every item's answers by name (NaN where missed). */
  items: Record<string, Float64Array>;
  /** The engine's truth summary (acts, time in cascade, prompts, ...). */
  summary: PersonSummary;
}

/** The series of a simulated person (see the module comment). */
export function personSeries(design: Design, roles: ItemRoles, result: PersonResult): PersonSeriesView {
  const prompts = result.prompts;
  const n = prompts.length;
  const day = new Float64Array(n);
  const beep = new Float64Array(n);
  const answered = new Uint8Array(n);
  const na = new Float64Array(n);
  const latentA = new Float64Array(n);
  const items: Record<string, Float64Array> = {};
  const columns = design.items.map((item) => {
    const column = new Float64Array(n);
    items[item.name] = column;
    return column;
  });
  const naIndices = roles.na.map((name) => design.items.findIndex((item) => item.name === name));
  for (let t = 0; t < n; t++) {
    const prompt = prompts[t];
    day[t] = prompt.day;
    beep[t] = prompt.beep;
    answered[t] = prompt.answered ? 1 : 0;
    latentA[t] = prompt.latent.A;
    for (let k = 0; k < columns.length; k++) {
      const value = prompt.answered ? prompt.items[k] : undefined;
      columns[k][t] = value === undefined ? Number.NaN : value;
    }
    let sum = 0;
    for (const index of naIndices) sum += columns[index][t];
    na[t] = naIndices.length === 0 ? Number.NaN : sum / naIndices.length;
  }
  return { group: result.group, day, beep, answered, na, latentA, items, summary: result.summary };
}
