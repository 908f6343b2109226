/**
 * `cascade report`: one scenario, simulated, analysed and drawn, as a directory an instructor can put
 * on a projector (Node only).
 *
 *     scenario file ─► validate (errors name the field; nothing is written)
 *                   ─► simulate into DIR/data            (the engine, as `cascade simulate` writes it)
 *                   ─► analyse in memory                 (the analysis module, as `cascade analyze`)
 *                   ─► every chart + caption + tables    (src/charts)
 *                   ─► DIR/index.html, DIR/charts/*.vl.json, DIR/metrics.csv
 *
 * The directory is built in a temporary sibling and renamed into place only when everything worked
 * (`writeDirectoryAtomically`), so a failure leaves no half report. The page inlines the Vega
 * libraries and works offline. Nothing in it depends on the clock or the machine: the same scenario
 * and seed give the same report, byte for byte.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { TopLevelSpec } from "vega-lite";
import { NA_MEAN } from "../analysis/options.js";
import type { PersonSeries } from "../analysis/types.js";
import { writeDirectoryAtomically } from "../io/atomic.js";
import { CsvWriter, type Cell } from "../io/csv-writer.js";
import { metricColumns } from "../io/import-pipeline.js";
import type { Scenario } from "../scenario/schema.js";
import { simulatePerson } from "../simulate/person.js";
import { packageVersion } from "../version.js";
import {
  differentiationFromAnalysis,
  earlyWarningFromSeries,
  eventLockedFromAnalysis,
  instabilityFromAnalysis,
} from "./adapters/analysis.js";
import { designRecovery } from "./adapters/design.js";
import { cascadeOnsets, phaseFromPerson, timelineFromPerson } from "./adapters/engine.js";
import {
  designCaption,
  differentiationCaption,
  earlyWarningCaption,
  eventLockedCaption,
  instabilityCaption,
  phaseCaption,
  timelineCaption,
} from "./captions.js";
import { designChart } from "./design.js";
import { differentiationChart } from "./differentiation.js";
import { earlyWarningChart, type EarlyWarningInput } from "./early-warning.js";
import { eventLockedChart } from "./event-locked.js";
import { resimulatePerson, simulationScenario, personPlaces } from "./from-simulation.js";
import { chartPage } from "./html.js";
import { instabilityChart } from "./instability.js";
import { phaseChart } from "./phase.js";
import { renderSvg, specJson } from "./render.js";
import { formatEstimate, formatNumber } from "./spec.js";
import { reportBody, type ReportContent, type ReportSection, type ReportTable } from "./report-page.js";
import { analyseChartData, openChartData, type AnalysedChartData } from "./sources.js";
import { timelineChart } from "./timeline.js";

/** What `writeReport` needs besides the scenario. */
export interface ReportOptions {
  /** The scenario file as the user named it (for the header and the command to reproduce). */
  scenarioFile: string;
  /** The output directory as the user named it. */
  out: string;
  /** Extra command-line flags that changed the scenario (for the command to reproduce), e.g. ["--persons", "40"]. */
  flags?: readonly string[];
  force?: boolean;
  /** Persons in the design chart's simulations (default 60). */
  designPersons?: number;
  /**
   * Writes the simulation of `scenario` into `directory` exactly as `cascade simulate` does (the
   * engine's writer), so the report's data can be analysed again with the other commands.
   */
  simulate: (scenario: Scenario, directory: string) => Promise<void>;
}

/** What was written. */
export interface ReportSummary {
  out: string;
  persons: number;
  charts: string[];
}

/** Mean (SD) of a group's metric, as text. */
function meanSd(mean: number, sd: number): string {
  return Number.isFinite(mean) ? `${formatNumber(mean)} (${Number.isFinite(sd) ? formatNumber(sd) : "–"})` : "–";
}

const groupMetricNames: Record<string, string> = {
  mean: "Mean",
  sd: "SD",
  mssd: "MSSD",
  rmssd: "RMSSD",
  pac: "PAC",
  ac1: "Lag-1 autocorrelation (inertia)",
  mssd_rel: "Relative MSSD",
  sd_rel: "Relative SD",
  icc3k: "ICC(C,k) across emotion items",
};

/** The group comparison of negative affect (na_mean): one row per metric, each group's mean (SD), and Hedges' g. */
export function groupTable(analysed: AnalysedChartData): ReportTable | undefined {
  const rows = analysed.groupRows.filter((row) => row.variable === NA_MEAN && groupMetricNames[row.metric] !== undefined);
  if (rows.length === 0 || analysed.reference === undefined) return undefined;
  const others = analysed.groups.filter((group) => group !== analysed.reference);
  const metrics = Object.keys(groupMetricNames).filter((metric) => rows.some((row) => row.metric === metric));
  return {
    caption: `Negative affect (mean of the emotion items) by group: mean (SD) across persons, and Hedges' g against ${analysed.reference} [95% CI]`,
    columns: ["Metric", ...others.map((group) => `${group}: mean (SD)`), `${analysed.reference}: mean (SD)`, ...others.map((group) => `g, ${group} vs ${analysed.reference}`)],
    rows: metrics.map((metric) => {
      const of = (group: string) => rows.find((row) => row.metric === metric && row.group === group);
      const reference = rows.find((row) => row.metric === metric);
      return [
        groupMetricNames[metric],
        ...others.map((group) => meanSd(of(group)?.mean ?? Number.NaN, of(group)?.sd ?? Number.NaN)),
        meanSd(reference?.mean_reference ?? Number.NaN, reference?.sd_reference ?? Number.NaN),
        ...others.map((group) => {
          const row = of(group);
          return row === undefined || !Number.isFinite(row.g) ? null : formatEstimate(row.g, row.lower, row.upper);
        }),
      ];
    }),
    note: "Conventions: successive differences of adjacent prompts within a day; PAC cutoff the pooled 90th percentile of |difference|; relative MSSD after Mestdagh et al. (2018). See docs/metrics.md.",
  };
}

/** NSSI in the truth and in the record, by group. */
export function nssiTable(analysed: AnalysedChartData): ReportTable | undefined {
  const truth = analysed.truth;
  if (truth === undefined) return undefined;
  const naRows = analysed.metrics.filter((row) => row.variable === NA_MEAN);
  const groups = analysed.groups.length > 0 ? analysed.groups : ["all persons"];
  const rows = groups.map((group) => {
    const persons = naRows.filter((row) => (row.group ?? "all persons") === group);
    const acts = persons.map((row) => truth.get(row.id)?.acts ?? Number.NaN).filter(Number.isFinite);
    const reported = persons.map((row) => row.events_reported).filter(Number.isFinite);
    const total = acts.reduce((a, b) => a + b, 0);
    const sortedActs = [...acts].sort((a, b) => b - a);
    const topFifth = sortedActs.slice(0, Math.max(1, Math.round(sortedActs.length / 5))).reduce((a, b) => a + b, 0);
    return [
      group,
      persons.length,
      acts.length === 0 ? null : `${Math.round((100 * acts.filter((a) => a > 0).length) / acts.length)}%`,
      acts.length === 0 ? null : total / acts.length,
      total > 0 ? `${Math.round((100 * topFifth) / total)}%` : null,
      reported.length === 0 ? null : reported.reduce((a, b) => a + b, 0) / reported.length,
    ];
  });
  return {
    caption: "NSSI acts in the simulation (the truth) and as reported at the prompts",
    columns: ["Group", "Persons", "With at least one act", "Acts per person", "Share of acts by the top fifth", "Reported per person"],
    rows,
    note: "Reported: the NSSI counts of answered prompts; acts before a missed prompt are not reported.",
  };
}

/** How well the estimates recover the simulated truth (correlations across persons). */
export function recoveryTable(analysed: AnalysedChartData): ReportTable | undefined {
  if (analysed.recoveryRows.length === 0) return undefined;
  return {
    caption: "How well the study recovers the truth: correlation across persons between a true parameter and its estimate",
    columns: ["True parameter", "Estimate", "Persons", "Correlation", "Why"],
    rows: analysed.recoveryRows.map((row) => [row.truth, `${row.estimate} (${row.variable})`, row.n, row.correlation, row.note]),
  };
}

/** The simulated series of the first group with the clearest cascade onset, cut at the onset, as early-warning input. */
function simulatedEarlyWarning(analysed: AnalysedChartData, scenario: Scenario, seed: number): EarlyWarningInput {
  const places = personPlaces(analysed.persons, scenario, analysed.truth);
  const firstGroup = scenario.groups[0].name;
  const candidates = places.filter((place) => place.group === firstGroup).slice(0, 40);
  const schedule = scenario.groups[0].design.schedule;
  const perDay = "perDay" in schedule ? schedule.perDay : "times" in schedule ? schedule.times.length : 6;
  let best: { place: (typeof places)[number]; onset: number; prompts: number } | undefined;
  for (const place of candidates) {
    const result = simulatePerson(scenario, { group: place.group, indexInGroup: place.indexInGroup, seed, days: scenario.days, trajectoryEveryMinutes: 10 });
    if (result.trajectory === undefined) continue;
    const threshold = result.fixedPoints.saddle?.R ?? result.parameters.h;
    const onset = cascadeOnsets(result.trajectory, threshold, 6, 24).find((hours) => hours >= 5 * 24);
    if (onset === undefined) continue;
    const prompts = result.prompts.filter((prompt) => prompt.scheduledSeconds / 3600 < onset).length;
    if (best === undefined || onset > best.onset) best = { place, onset, prompts };
  }
  const items = analysed.data.analysis.items;
  const ews = { window: Math.max(6, 2 * perDay), unit: "prompts" as const, minimumObservations: 5, minimumPairs: 4 };
  if (best === undefined) {
    const person = analysed.persons[0];
    return { ...earlyWarningFromSeries(person, items, { ews, label: "negative affect" }), windowNote: `person ${person.id}: no cascade onset after day 5 in the first ${candidates.length} persons of ${firstGroup}` };
  }
  const chosen = best;
  const person = analysed.persons.find((p) => p.id === chosen.place.id) as PersonSeries;
  const cut = (values: Float64Array): Float64Array => values.slice(0, chosen.prompts);
  const before: PersonSeries = {
    ...person,
    day: cut(person.day),
    beep: cut(person.beep),
    time: cut(person.time),
    variables: Object.fromEntries(Object.entries(person.variables).map(([name, values]) => [name, cut(values)])),
  };
  const onsetDay = 1 + chosen.onset / 24;
  const input = earlyWarningFromSeries(before, items, { ews, label: "negative affect", transitions: [{ time: Number(onsetDay.toFixed(2)), label: "cascade onset" }] });
  return { ...input, windowNote: `person ${person.id}, the prompts before the first cascade onset after day 5; ${input.windowNote ?? ""}` };
}

/** The first person of the first group (at most 40 looked at) whose drift has two attractors. */
function firstBistablePerson(analysed: AnalysedChartData, scenario: Scenario, seed: number): string | undefined {
  const firstGroup = scenario.groups[0].name;
  const candidates = personPlaces(analysed.persons, scenario, analysed.truth).filter((place) => place.group === firstGroup).slice(0, 40);
  return candidates.find((place) => simulatePerson(scenario, { group: place.group, indexInGroup: place.indexInGroup, seed, days: 1 }).fixedPoints.bistable)?.id;
}

/** Every chart of the report, with captions, from an analysed simulation. */
export async function reportSections(analysed: AnalysedChartData, designPersons?: number): Promise<ReportSection[]> {
  const { scenario, seed } = simulationScenario(analysed.data);
  const sections: ReportSection[] = [];
  const add = (id: string, heading: string, spec: TopLevelSpec, caption: readonly string[]): void => {
    sections.push({ id, heading, spec, caption, specFile: `charts/${id}.vl.json` });
  };

  const { result, series, place } = await resimulatePerson(analysed.data, undefined, 10);
  const timelineInput = timelineFromPerson(result, scenario, place.id);
  const events = series.variables[analysed.data.analysis.eventColumn ?? ""];
  const firstReport = events === undefined ? -1 : Array.from(events).findIndex((count) => count > 0);
  const firstDay = Math.max(1, Math.min(firstReport < 0 ? 1 : series.day[firstReport] - 1, scenario.days - 3));
  const window = { from: (firstDay - 1) * 24, to: Math.min(scenario.days, firstDay + 3) * 24 };
  add("timeline", "What the study sees, and what really happened", timelineChart(timelineInput, { fromHours: window.from, toHours: window.to }), timelineCaption(timelineInput, window.from, window.to));

  // The phase chart shows the bistable model best: the first person of the first group with two
  // resting states (the drift depends only on the drawn parameters), else the timeline's person.
  const bistable = firstBistablePerson(analysed, scenario, seed);
  const phasePerson = bistable === undefined || bistable === place.id ? { result, place } : await resimulatePerson(analysed.data, bistable, 10);
  const phaseInput = phaseFromPerson(phasePerson.result, phasePerson.place.id);
  add("phase", "Calm and cascade: the model as a dynamic system", phaseChart(phaseInput), phaseCaption(phaseInput));

  const instability = instabilityFromAnalysis(analysed.metrics, analysed.groupRows);
  add("instability", "Instability of negative affect by group", instabilityChart(instability), instabilityCaption(instability));

  const known = [...analysed.data.mapping.items, ...analysed.data.mapping.extraItems];
  if (known.includes("rumination") && known.includes("urge")) {
    const differentiation = differentiationFromAnalysis(analysed.persons, analysed.metrics);
    add("differentiation", "Rumination, urges and emotion differentiation", differentiationChart(differentiation), differentiationCaption(differentiation));
  }
  if (analysed.eventRows.length > 0) {
    const locked = eventLockedFromAnalysis(analysed.eventRows);
    add("event-locked", "Before and after reported self-injury", eventLockedChart(locked), eventLockedCaption(locked));
  }
  const warning = simulatedEarlyWarning(analysed, scenario, seed);
  add("early-warning", "Early-warning signals before a cascade", earlyWarningChart(warning), earlyWarningCaption(warning));

  const design = designRecovery(scenario, { seed, persons: designPersons });
  add("design", "How the sampling design shapes what the study sees", designChart(design), designCaption(design));
  return sections;
}

/** The report's header facts. */
function reportFacts(scenario: Scenario, seed: number, analysed: AnalysedChartData, scenarioFile: string): Array<[string, string]> {
  const schedule = scenario.groups[0].design.schedule;
  const design =
    schedule.type === "stratified" || schedule.type === "random"
      ? `${schedule.perDay} ${schedule.type === "stratified" ? "stratified random" : "random"} prompts a day, ${schedule.start} to ${schedule.end}`
      : schedule.type;
  const persons = analysed.groups.length > 0 ? analysed.groups.map((group) => `${analysed.persons.filter((p) => p.group === group).length} ${group}`).join(", ") : String(analysed.persons.length);
  return [
    ["Scenario", `${scenario.name}${scenario.title === "" ? "" : `: ${scenario.title}`} (${scenarioFile})`],
    ["Seed", String(seed)],
    ["Persons", persons],
    ["Study length", `${scenario.days} days`],
    ["Design", design],
    ["Cascade Lab version", packageVersion()],
  ];
}

/** Writes the per-person metrics table (as `cascade analyze` names its columns). */
async function writeMetrics(path: string, analysed: AnalysedChartData): Promise<void> {
  const columns = metricColumns(analysed.data.mapping.group !== undefined, []);
  const writer = new CsvWriter(path, columns);
  for (const row of analysed.metrics) {
    const record = row as unknown as Record<string, Cell>;
    await writer.write(columns.map((column) => record[column]));
  }
  await writer.close();
}

/**
 * Simulates, analyses and writes the report of `scenario` into `options.out` (see the module
 * comment). The scenario must already be validated, with the command line's overrides applied.
 */
export async function writeReport(scenario: Scenario, options: ReportOptions): Promise<ReportSummary> {
  return writeDirectoryAtomically(options.out, { force: options.force, inputs: [options.scenarioFile], label: "--out" }, async (directory) => {
    const dataDirectory = join(directory, "data");
    await options.simulate(scenario, dataDirectory);
    const analysed = await analyseChartData(openChartData(dataDirectory));
    const sections = await reportSections(analysed, options.designPersons);
    mkdirSync(join(directory, "charts"));
    for (const section of sections) {
      await renderSvg(section.spec); // fails on any warning: no chart in the report is broken
      writeFileSync(join(directory, "charts", `${section.id}.vl.json`), specJson(section.spec));
    }
    await writeMetrics(join(directory, "metrics.csv"), analysed);
    const { scenario: resolved, seed } = simulationScenario(analysed.data);
    const flags = options.flags ?? [];
    const content: ReportContent = {
      title: `Cascade Lab report: ${resolved.title === "" ? resolved.name : resolved.title}`,
      summary: [
        ...(resolved.description === "" ? [] : [resolved.description]),
        "Every person here is simulated: rumination and negative affect escalate each other (the Emotional Cascade Model), stressors push them up, NSSI acts interrupt the cascade and are reinforced by the relief, and an ESM study samples the result with random prompts, missed prompts and imperfect answers. Because the truth is known, each chart can show what the study sees next to what really happened.",
      ],
      facts: reportFacts(resolved, seed, analysed, options.scenarioFile),
      command: ["cascade report", options.scenarioFile, "--seed", String(seed), ...flags, "--out", options.out].join(" "),
      sections,
      tables: [groupTable(analysed), nssiTable(analysed), recoveryTable(analysed)].filter((table): table is ReportTable => table !== undefined),
      files: [
        ["data/observed.csv", "the simulated ESM data, one row per prompt (as `cascade simulate` writes it)"],
        ["data/truth/", "the truth: latent states at each prompt, every event, every person's parameters"],
        ["data/metadata.json", "the resolved scenario, seed, version and column dictionary"],
        ["metrics.csv", "every metric per person and variable (as `cascade analyze` writes it)"],
        ["charts/", "each chart's Vega-Lite spec; `cascade chart` draws them again from data/"],
      ],
    };
    const { bodyHtml, charts } = reportBody(content);
    writeFileSync(join(directory, "index.html"), chartPage({ title: content.title, charts, bodyHtml }));
    return { out: options.out, persons: analysed.persons.length, charts: sections.map((section) => section.id) };
  });
}
