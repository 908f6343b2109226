/**
 * The compute side of the explorer: from the controls' values to everything the page shows.
 *
 * ```
 * values ─► resolveScenario (schema: valid range) ─► simulatePerson (engine, latent path every 10 min)
 *        ─► explorerMetrics (analysis module)      ─► timelineChart, phaseChart (chart builders)
 *        ─► chart updates (vega-lite compile only for a structure the page has no view of) ─► ComputeResponse
 * ```
 *
 * Everything here is the code the command line runs (src/), called in memory: the same scenario
 * and seed give the same person as `cascade simulate` (a browser test compares them).
 *
 * Speed (a slider move should be drawn within 100 ms): only changes of what the page shows are
 * computed again. A change of the view alone (the days shown) reuses the last simulation; the phase
 * plot's flow field and nullclines are reused while the parameters and region stay (`PhaseCharts`);
 * a chart whose structure the page has a view of is sent as data only (chart-updates.ts).
 *
 * Runs in a web worker (compute-entry.ts) or in the page when no worker can start. One session per
 * page; its state is the last simulation (for the downloads and view changes), the recent phase
 * charts and the structures the page has views of.
 *
 * Browser-safe: no `node:` imports.
 */
import type { TopLevelSpec } from "vega-lite";
import { phaseFromPerson, timelineFromPerson } from "../../src/charts/adapters/engine.js";
import type { PhaseExtent } from "../../src/charts/fixed-points.js";
import { phaseChart, phaseExtent, type PhaseInput, type PhaseOptions } from "../../src/charts/phase.js";
import { timelineChart } from "../../src/charts/timeline.js";
import { parseScenario } from "../../src/scenario/parse.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { simulatePerson, type PersonResult } from "../../src/simulate/person.js";
import { EVENT_COLUMNS, PERSON_COLUMNS, PROMPT_TRUTH_COLUMNS, TRAJECTORY_COLUMNS, observedColumns, personRows } from "../../src/simulate/tables.js";
import { viewWindow, type ControlValues } from "./controls.js";
import { csvText } from "./csv.js";
import { explorerMetrics } from "./metrics.js";
import { ChartChannel } from "./chart-updates.js";
import type { ChartName, ComputeRequest, ComputeResponse, ExportKind, ExportResponse } from "./protocol.js";
import { defaultValues, resolveScenario, scenarioYaml } from "./scenario.js";

/** The latent path is recorded every this many minutes (a divisor of an hour, for the hourly truth). */
export const TRAJECTORY_MINUTES = 10;

/** Rows of observed.csv shown on the page. */
export const TABLE_ROWS = 8;

/**
 * At most this many samples of the latent path are drawn per line (timeline) and as segments (phase
 * plot). A week of the path recorded every 10 minutes has 1,008 samples; every third one (a point
 * every 30 minutes, about 2 pixels apart in the timeline) is plenty at the charts' width, and Vega's
 * work per redraw grows with the marks drawn. The downloads and the numbers use every sample.
 */
export const MAX_DRAWN_SAMPLES = 400;

/**
 * The region of the phase plot: at least `PHASE_FRAME`, which holds the paths of typical settings,
 * and more where the path or the fixed points leave it. A fixed frame keeps the picture still while
 * a slider moves, and lets the flow field and nullclines be reused (below).
 */
export const PHASE_FRAME: PhaseExtent = { A: [-5, 9], R: [-3, 8] };

/**
 * Grid lines scanned per nullcline: at 420 pixels a line every 3.5 pixels. Each crossing is refined
 * by bisection, so the points lie on the curves as exactly as with the chart builder's default (240
 * lines), only further apart, for a quarter of the drift evaluations (a coupling or differentiation
 * slider draws new nullclines at every step).
 */
export const NULLCLINE_RESOLUTION = 120;

/** The phase plot's size in pixels: small enough to sit beside the numbers on a 1400-pixel screen. */
export const PHASE_SIZE = { width: 470, height: 420 };

export function phaseRegion(input: PhaseInput): PhaseExtent {
  const fitted = phaseExtent(input.trajectory, input.fixedPoints ?? []);
  return {
    A: [Math.min(fitted.A[0], PHASE_FRAME.A[0]), Math.max(fitted.A[1], PHASE_FRAME.A[1])],
    R: [Math.min(fitted.R[0], PHASE_FRAME.R[0]), Math.max(fitted.R[1], PHASE_FRAME.R[1])],
  };
}

/**
 * Phase charts by the parts that are costly to draw: the flow field and the nullclines depend only on
 * the person's parameters (the drift) and on the plotted region, not on the path. A chart whose
 * parameters and region were drawn recently reuses that chart's spec with the new path's dataset,
 * taken from a call of the same builder without nullclines; the result equals a fresh
 * `phaseChart(input, options)` (a test checks it). The drift is recognised by its values on a grid
 * over the region, with the fixed points and the parameter note: a parameter that does not enter the
 * drift (a stress rate, the relief) keeps the cached parts, one that does changes the values. Another
 * seed or another design keeps the drift and, thanks to the fixed frame, usually the region.
 */
export class PhaseCharts {
  private readonly recent = new Map<string, TopLevelSpec>();

  constructor(private readonly capacity = 8) {}

  chart(input: PhaseInput): TopLevelSpec {
    const extent = phaseRegion(input);
    const options: PhaseOptions = { extent, maxTrajectoryPoints: MAX_DRAWN_SAMPLES, nullclineResolution: NULLCLINE_RESOLUTION, ...PHASE_SIZE };
    const grid: number[] = [];
    for (let i = 0; i <= 6; i++) {
      for (let j = 0; j <= 6; j++) {
        grid.push(...input.drift(extent.A[0] + ((extent.A[1] - extent.A[0]) * i) / 6, extent.R[0] + ((extent.R[1] - extent.R[0]) * j) / 6));
      }
    }
    const key = JSON.stringify([extent, grid, input.fixedPoints, input.parameterNote, input.person]);
    const cached = this.recent.get(key);
    if (cached === undefined) {
      const spec = phaseChart(input, options);
      this.recent.set(key, spec);
      if (this.recent.size > this.capacity) this.recent.delete(this.recent.keys().next().value as string);
      return spec;
    }
    this.recent.delete(key);
    this.recent.set(key, cached); // most recently used last
    const path = phaseChart(input, { ...options, nullclines: false }) as TopLevelSpec & { datasets: Record<string, unknown[]> };
    const full = cached as TopLevelSpec & { datasets: Record<string, unknown[]> };
    return { ...full, datasets: { ...full.datasets, trajectory: path.datasets["trajectory"] } } as TopLevelSpec;
  }
}

/**
 * A chart builder's spec as the page draws it: without ARIA descriptions. Vega-Lite otherwise gives
 * every mark item a description computed by an expression that formats each of its fields (a new
 * number formatter per call), which on the timeline's and phase plot's 2,800 items took a large share
 * of each redraw; a canvas has no use for them (the chart containers carry their own labels).
 */
export function forCanvas(spec: TopLevelSpec): TopLevelSpec {
  const config = (spec as { config?: Record<string, unknown> }).config ?? {};
  return { ...spec, config: { ...config, aria: false } } as TopLevelSpec;
}

/** The last simulation, for the downloads. */
interface LastRun {
  scenario: Scenario;
  /** The scenario as JSON: equal keys, the same simulation. */
  scenarioKey: string;
  values: ControlValues;
  person: PersonResult;
}

export class ExplorerSession {
  readonly base: Scenario;
  readonly defaults: ControlValues;
  private last: LastRun | undefined;
  private readonly channels: Record<ChartName, ChartChannel> = { timeline: new ChartChannel(), phase: new ChartChannel() };
  private readonly phaseCharts = new PhaseCharts();

  /** @param baseYaml the text of the bundled bpd-cascade scenario, the explorer's starting point */
  constructor(baseYaml: string) {
    this.base = parseScenario(baseYaml, "bpd-cascade.yaml");
    this.defaults = defaultValues(this.base);
  }

  /** Simulates, analyses and draws the person for the request's values. */
  compute(request: ComputeRequest): ComputeResponse {
    const timings: Record<string, number> = {};
    let clock = performance.now();
    const lap = (name: string): void => {
      const now = performance.now();
      timings[name] = now - clock;
      clock = now;
    };
    const resolved = resolveScenario(this.base, request.values, request.issues ?? []);
    const { scenario, values } = resolved;
    const scenarioKey = JSON.stringify(scenario);
    lap("validate");
    const person =
      this.last !== undefined && this.last.scenarioKey === scenarioKey
        ? this.last.person
        : simulatePerson(scenario, { group: 0, indexInGroup: 0, trajectoryEveryMinutes: TRAJECTORY_MINUTES });
    this.last = { scenario, scenarioKey, values, person };
    lap("simulate");
    const metrics = explorerMetrics(scenario, person);
    // The first rows of observed.csv: only the first prompts are needed for them.
    const firstRows = personRows(scenario, { ...person, prompts: person.prompts.slice(0, TABLE_ROWS), events: [], trajectory: undefined }, 1).observed;
    lap("analyse");

    const window = viewWindow(values, scenario.days);
    const fromHours = (window.fromDay - 1) * 24;
    const toHours = window.toDay * 24;
    const timeline = timelineChart(timelineFromPerson(person, scenario, "1"), { fromHours, toHours, maxLatentPoints: MAX_DRAWN_SAMPLES });
    const phaseInput = phaseFromPerson(person, "1");
    const phase = this.phaseCharts.chart({ ...phaseInput, trajectory: phaseInput.trajectory.filter((sample) => sample.hours >= fromHours && sample.hours <= toHours) });
    lap("specs");
    const charts = {
      timeline: this.channels.timeline.update(forCanvas(timeline), request.full === true),
      phase: this.channels.phase.update(forCanvas(phase), request.full === true),
    };
    lap("compile");

    return {
      type: "compute",
      id: request.id,
      values,
      issues: resolved.issues,
      window,
      metrics: metrics.rows,
      figures: metrics.figures,
      table: {
        columns: observedColumns(scenario).map((column) => column.name),
        rows: firstRows.map((row) => row.map((cell) => (cell === undefined || cell === null ? null : typeof cell === "boolean" ? (cell ? 1 : 0) : cell))),
      },
      charts,
      timings,
    };
  }

  /** A download of the last simulation: one of `cascade simulate`'s tables as CSV, or the scenario as YAML. */
  exportFile(kind: ExportKind, id: number, link?: string): ExportResponse {
    if (this.last === undefined) throw new Error("nothing simulated yet");
    const { scenario, values, person } = this.last;
    const stem = `cascade-explorer-seed${values.seed}`;
    if (kind === "scenario") {
      return { type: "export", id, fileName: `${stem}.yaml`, mimeType: "application/yaml", text: scenarioYaml(this.base, values, link) };
    }
    const rows = personRows(scenario, person, 1);
    const tables: Record<Exclude<ExportKind, "scenario">, { columns: readonly { name: string }[]; rows: readonly (readonly unknown[])[] }> = {
      observed: { columns: observedColumns(scenario), rows: rows.observed },
      prompts: { columns: PROMPT_TRUTH_COLUMNS, rows: rows.prompts },
      events: { columns: EVENT_COLUMNS, rows: rows.events },
      persons: { columns: PERSON_COLUMNS, rows: [rows.person] },
      trajectory: { columns: TRAJECTORY_COLUMNS, rows: rows.trajectory },
    };
    const table = tables[kind];
    return {
      type: "export",
      id,
      fileName: `${stem}-${kind}.csv`,
      mimeType: "text/csv",
      text: csvText(
        table.columns.map((column) => column.name),
        table.rows as Parameters<typeof csvText>[1],
      ),
    };
  }
}
