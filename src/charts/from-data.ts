/**
 * Building a chart of a given kind from a data source (Node only): what `cascade chart` and
 * `cascade report` call. Analysis-based kinds (instability, event-locked, differentiation,
 * early-warning) run the analysis module on the data; model-based kinds (timeline, phase, design)
 * need a `cascade simulate` directory and the engine (see `adapters/engine.ts`).
 */
import type { TopLevelSpec } from "vega-lite";
import type { EarlyWarningOptions } from "../analysis/earlyWarningSignals.js";
import { NA_MEAN } from "../analysis/options.js";
import type { PersonSeries } from "../analysis/types.js";
import { CascadeError } from "../errors.js";
import { didYouMean } from "../io/suggest.js";
import {
  differentiationFromAnalysis,
  earlyWarningFromSeries,
  eventLockedFromAnalysis,
  instabilityFromAnalysis,
} from "./adapters/analysis.js";
import { differentiationChart } from "./differentiation.js";
import type { EarlyWarningTransition } from "./early-warning.js";
import { earlyWarningChart } from "./early-warning.js";
import { eventLockedChart } from "./event-locked.js";
import { instabilityChart } from "./instability.js";
import { chartKindNames, modelKinds, type ChartKind } from "./kinds.js";
import type { AnalysedChartData } from "./sources.js";

/** Options of `chartFromAnalysis`, as `cascade chart` passes them. */
export interface ChartDataOptions {
  /** The person (timeline, phase, early-warning); default chosen per kind. */
  person?: string;
  /** The variable (early-warning; instability): default `na_mean`. */
  variable?: string;
  /** Early-warning windows, in the analysis module's terms. */
  ews?: Omit<EarlyWarningOptions, "day" | "beep" | "time">;
  /** Transitions to mark on the early-warning chart, in study days. */
  marks?: readonly EarlyWarningTransition[];
  /** Rumination and urge columns (differentiation). */
  rumination?: string;
  urge?: string;
}

/** The person called `id`, or a CascadeError listing close matches. */
export function findPerson(persons: readonly PersonSeries[], id: string): PersonSeries {
  const person = persons.find((p) => p.id === id);
  if (person === undefined) {
    throw new CascadeError(`--person: no person "${id}" in the data${didYouMean(id, persons.map((p) => p.id))} (${persons.length} persons)`);
  }
  return person;
}

function requireVariable(analysed: AnalysedChartData, name: string, flag: string): void {
  const known = [...analysed.data.mapping.items, ...analysed.data.mapping.extraItems, NA_MEAN];
  if (!known.includes(name)) {
    throw new CascadeError(`${flag}: no analysed variable "${name}"${didYouMean(name, known)} (variables: ${known.join(", ")})`);
  }
}

/** The kinds that `chartFromAnalysis` builds: all but the model-based ones. */
export const analysisKinds: readonly ChartKind[] = chartKindNames.filter((kind) => !modelKinds.includes(kind));

/**
 * A chart of an analysis-based kind from analysed data. Throws a CascadeError when the data cannot
 * give that chart (no event column, no rumination or urge item, unknown person or variable).
 */
export function chartFromAnalysis(kind: ChartKind, analysed: AnalysedChartData, options: ChartDataOptions = {}): TopLevelSpec {
  const variable = options.variable ?? NA_MEAN;
  switch (kind) {
    case "instability": {
      requireVariable(analysed, variable, "--variable");
      return instabilityChart(instabilityFromAnalysis(analysed.metrics, analysed.groupRows, { variable }));
    }
    case "event-locked": {
      if (analysed.data.analysis.eventColumn === undefined) {
        throw new CascadeError("the event-locked chart needs an event column (for example nssi): name it with `event:` in the mapping", {
          file: analysed.data.path,
        });
      }
      if (analysed.eventRows.length === 0) {
        throw new CascadeError(`no prompt reports an event in column "${analysed.data.analysis.eventColumn}": nothing to lock on`, { file: analysed.data.path });
      }
      return eventLockedChart(eventLockedFromAnalysis(analysed.eventRows));
    }
    case "differentiation": {
      const rumination = options.rumination ?? "rumination";
      const urge = options.urge ?? "urge";
      requireVariable(analysed, rumination, "--rumination");
      requireVariable(analysed, urge, "--urge");
      return differentiationChart(differentiationFromAnalysis(analysed.persons, analysed.metrics, { rumination, urge }), {
        ruminationLabel: `${rumination}, relative to the person's own mean`,
        urgeLabel: `${urge}, relative to the person's own mean`,
      });
    }
    case "early-warning": {
      requireVariable(analysed, variable, "--variable");
      const person = options.person === undefined ? longestSeries(analysed.persons) : findPerson(analysed.persons, options.person);
      const input = earlyWarningFromSeries(person, analysed.data.analysis.items, {
        variable,
        ews: options.ews ?? (analysed.data.analysis.ews === false ? undefined : analysed.data.analysis.ews),
        transitions: options.marks,
      });
      const subtitleNote = analysed.persons.length > 1 ? `person ${person.id}, ` : "";
      return earlyWarningChart({ ...input, windowNote: `${subtitleNote}${input.windowNote ?? ""}` });
    }
    default:
      throw new CascadeError(`the ${kind} chart is drawn from a simulation, not from analysed data`);
  }
}

/** The person with the most answered prompts (ties: the first), for single-person charts. */
export function longestSeries(persons: readonly PersonSeries[]): PersonSeries {
  if (persons.length === 0) throw new CascadeError("the data hold no person");
  let best = persons[0];
  let bestCount = -1;
  for (const person of persons) {
    const count = person.day.length;
    if (count > bestCount) {
      best = person;
      bestCount = count;
    }
  }
  return best;
}
