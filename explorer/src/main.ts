/**
 * The classroom explorer's page: controls, lessons, the link, downloads, and drawing what the compute
 * side (session.ts, in a web worker) returns.
 *
 * ```
 * input event ─► values ─► link (#...) ─► compute side: simulate, analyse, build charts
 *                                              │
 *   charts drawn ◄─ Vega views (views.ts) ◄────┘  metrics panel, data table, notices
 * ```
 *
 * Only one computation is in flight at a time. Slider moves that arrive meanwhile are merged: when the
 * answer comes, the page draws it and asks once for the latest values, so dragging a slider never
 * queues up stale work. Each drawn result records its latency, from the first input event it covers to
 * the charts drawn (`window.cascadeExplorer.latencies`, the `cascade-explorer:drawn` event and
 * performance measure; bench/explorer.bench.js reads them).
 */
import computeSource from "virtual:explorer-compute";
import { startCompute, type ComputeClient } from "./compute-client.js";
import { CONTROLS, CONTROL_IDS, controlDigits, type ControlId, type ControlSection, type ControlSpec, type ControlValues } from "./controls.js";
import { LESSONS, NOT_CLINICAL, lesson as findLesson, lessonValues, type Lesson } from "./lessons.js";
import type { MetricValue } from "./metrics.js";
import type { ChartName, ComputeResponse, ExportKind, Response, ValueIssue } from "./protocol.js";
import { decodeState, encodeState } from "./state.js";
import { ChartView } from "./views.js";

/** One drawn result's timing, in milliseconds. */
export interface Latency {
  /** From the first input event the result covers to the charts drawn. */
  total: number;
  /** Time spent by the compute side, per step. */
  compute: Record<string, number>;
  /** Drawing the charts on the page. */
  draw: number;
  /** Whether each chart was rebuilt from a new spec (true) or updated with new data (false). */
  rebuilt: Record<ChartName, boolean>;
}

/**
 * Emitted on `window` (a CustomEvent whose detail is the result's `Latency`) and recorded as a
 * performance measure each time a result has been drawn.
 */
export const DRAWN_EVENT = "cascade-explorer:drawn";

/** What the page offers to tests and benchmarks on `window.cascadeExplorer`. */
export interface ExplorerHandle {
  mode: string;
  fallbackReason?: string;
  values(): ControlValues;
  lesson(): string | undefined;
  last(): ComputeResponse | undefined;
  latencies: Latency[];
  /** Results drawn so far. */
  drawn: number;
  chartImage(name: ChartName, format: "png" | "svg"): Promise<string>;
  marks(name: ChartName): number;
}

const sectionTitles: Record<ControlSection, string> = {
  person: "The person",
  nssi: "Self-injury (NSSI)",
  treatment: "Treatment",
  study: "The ESM study",
  view: "What the charts show",
};

function element<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (node === null) throw new Error(`the page has no #${id}`);
  return node as T;
}

/** A number for the panel: fixed decimals, a real minus sign. */
function formatValue(value: number, digits: number): string {
  const text = value.toFixed(digits);
  return text.startsWith("-") && !/^-0(\.0*)?$/.test(text) ? "\u2212" + text.slice(1) : text.replace(/^-/, "");
}

/** Decimals of the metrics panel. */
const metricDigits = 2;

/** The controls' DOM: a slider and a number box per control, grouped by section. */
class ControlPanel {
  readonly sliders = new Map<ControlId, HTMLInputElement>();
  readonly boxes = new Map<ControlId, HTMLInputElement>();
  /** The values last shown (those simulated). */
  private shown: ControlValues | undefined;

  constructor(
    container: HTMLElement,
    private readonly onChange: (id: ControlId, value: number, event: Event) => void,
  ) {
    for (const section of Object.keys(sectionTitles) as ControlSection[]) {
      const specs = CONTROLS.filter((spec) => spec.section === section);
      const fieldset = element("fieldset", { class: `controls-${section}` });
      fieldset.append(element("legend", {}, sectionTitles[section]));
      for (const spec of specs) fieldset.append(this.row(spec));
      container.append(fieldset);
    }
  }

  private row(spec: ControlSpec): HTMLElement {
    const row = element("div", { class: "control", "data-control": spec.id });
    const sliderId = `control-${spec.id}`;
    const label = element("label", { for: sliderId });
    label.append(element("span", { class: "control-label" }, spec.label), element("span", { class: "control-parameter" }, spec.parameter === "view" ? "" : spec.parameter));
    const slider = element("input", { type: "range", id: sliderId, min: String(spec.min), max: String(spec.max), step: String(spec.step), "aria-describedby": `${sliderId}-help` });
    const box = element("input", { type: "number", class: "control-value", step: String(spec.step), "aria-label": `${spec.label} (value)` });
    const help = element("p", { class: "control-help", id: `${sliderId}-help` }, spec.help + (spec.unit === undefined ? "" : ` Unit: ${spec.unit}.`));
    slider.addEventListener("input", (event) => {
      box.value = slider.value;
      this.onChange(spec.id, Number(slider.value), event);
    });
    box.addEventListener("change", (event) => {
      const value = box.value.trim() === "" ? Number.NaN : Number(box.value);
      slider.value = String(value);
      this.onChange(spec.id, value, event);
    });
    // A box keeps what is typed while it has the focus; on leaving it, it shows the value simulated
    // (which differs when the typed value was outside the model's valid range).
    box.addEventListener("blur", () => {
      if (this.shown !== undefined) box.value = this.boxText(spec, this.shown[spec.id]);
    });
    this.sliders.set(spec.id, slider);
    this.boxes.set(spec.id, box);
    const inputs = element("div", { class: "control-inputs" });
    inputs.append(slider, box);
    row.append(label, inputs, help);
    return row;
  }

  private boxText(spec: ControlSpec, value: number): string {
    return Number.isFinite(value) ? formatValue(value, controlDigits(spec)).replace("\u2212", "-") : "";
  }

  show(values: ControlValues, days: number): void {
    this.shown = values;
    for (const id of CONTROL_IDS) {
      const spec = CONTROLS.find((c) => c.id === id) as ControlSpec;
      const slider = this.sliders.get(id) as HTMLInputElement;
      const box = this.boxes.get(id) as HTMLInputElement;
      if (id === "fromDay" || id === "showDays") slider.max = String(Math.max(1, days));
      slider.value = String(values[id]);
      if (document.activeElement !== box) box.value = this.boxText(spec, values[id]);
    }
  }
}

/** Renders a metric's value, or its reason, into a table cell. */
function metricCell(value: MetricValue, digits: number, column: string, id: string): HTMLTableCellElement {
  const cell = element("td", { "data-metric": `${id}-${column}` });
  if (value.value === null) {
    cell.classList.add("undefined");
    cell.textContent = "not defined";
    cell.title = value.reason ?? "";
    cell.append(element("span", { class: "reason" }, value.reason ?? ""));
  } else {
    cell.textContent = formatValue(value.value, digits);
  }
  return cell;
}

class ExplorerPage {
  private values: ControlValues;
  private currentLesson: Lesson | undefined;
  private lessonTouched = false;
  private readonly panel: ControlPanel;
  private readonly charts: Record<ChartName, ChartView>;
  private inFlight = false;
  private dirtySince: number | undefined;
  private lastResponse: ComputeResponse | undefined;
  private pendingIssues: ValueIssue[] = [];
  /** After a failure the views are gone: the next request asks for full specs. */
  private needFull = false;
  private notes: string[] = [];
  readonly latencies: Latency[] = [];
  drawn = 0;

  constructor(
    private readonly client: ComputeClient,
    private readonly defaults: ControlValues,
  ) {
    this.values = { ...defaults };
    this.panel = new ControlPanel(byId("controls"), (id, value, event) => this.change(id, value, event));
    this.charts = { timeline: new ChartView(byId("chart-timeline")), phase: new ChartView(byId("chart-phase")) };
    this.buildLessons();
    this.buildExports();
    byId("notice").textContent = NOT_CLINICAL;
    window.addEventListener("hashchange", () => {
      if (location.hash.slice(1) !== encodeState(this.state())) this.loadFromLink(performance.now());
    });
  }

  private state(): { values: ControlValues; lesson?: string } {
    return { values: this.values, ...(this.currentLesson === undefined ? {} : { lesson: this.currentLesson.id }) };
  }

  /** Reads the link; called at start and when the fragment changes. */
  loadFromLink(since: number): void {
    const decoded = decodeState(location.hash, this.defaults);
    this.values = decoded.values;
    this.currentLesson = findLesson(decoded.lesson);
    this.lessonTouched = this.currentLesson !== undefined && CONTROL_IDS.some((id) => lessonValues(this.currentLesson as Lesson, this.defaults)[id] !== this.values[id]);
    this.pendingIssues = decoded.issues;
    this.notes = decoded.notes;
    if (decoded.lesson !== undefined && this.currentLesson === undefined) this.notes.push(`The link names a lesson "${decoded.lesson}" that the explorer does not have.`);
    this.showLesson();
    this.request(since);
  }

  private change(id: ControlId, value: number, event: Event): void {
    this.values = { ...this.values, [id]: value };
    if (this.currentLesson !== undefined) this.lessonTouched = true;
    this.notes = [];
    this.showLesson();
    this.request(event.timeStamp);
  }

  private applyLesson(target: Lesson, since: number): void {
    this.currentLesson = target;
    this.lessonTouched = false;
    this.values = lessonValues(target, this.defaults);
    this.notes = [];
    this.showLesson();
    this.request(since);
  }

  /** Asks for a computation of the current values (merged with any in flight). */
  private request(since: number): void {
    this.dirtySince ??= since;
    // The request leaves for the worker first (computeLatest posts it before its first await); the
    // link is updated while the worker computes.
    if (!this.inFlight) void this.computeLatest();
    history.replaceState(null, "", `#${encodeState(this.state())}`);
  }

  private async computeLatest(): Promise<void> {
    const since = this.dirtySince ?? performance.now();
    this.dirtySince = undefined;
    this.inFlight = true;
    document.body.dataset["busy"] = "true";
    const issues = this.pendingIssues;
    this.pendingIssues = [];
    try {
      const full = this.needFull;
      this.needFull = false;
      const response = await this.client.send({ type: "compute", values: { ...this.values }, issues, full });
      if (response.type === "error") throw new Error(response.message);
      if (response.type !== "compute") throw new Error(`unexpected answer "${response.type}"`);
      const drawStart = performance.now();
      await this.draw(response);
      const now = performance.now();
      const latency: Latency = {
        total: now - since,
        compute: response.timings,
        draw: now - drawStart,
        rebuilt: { timeline: response.charts.timeline.vega !== undefined, phase: response.charts.phase.vega !== undefined },
      };
      this.latencies.push(latency);
      this.drawn += 1;
      document.body.dataset["drawn"] = String(this.drawn);
      // For the benchmark and profilers: a measure from the first input event covered to the charts drawn.
      performance.measure(DRAWN_EVENT, { start: since, end: now, detail: latency });
      window.dispatchEvent(new CustomEvent<Latency>(DRAWN_EVENT, { detail: latency }));
      byId("error").hidden = true;
    } catch (error) {
      // A failure here is a bug: show it, log it, and make the next request rebuild the charts.
      const message = error instanceof Error ? error.message : String(error);
      byId("error").hidden = false;
      byId("error").textContent = `Something went wrong while drawing: ${message}`;
      console.error(error);
      for (const chart of Object.values(this.charts)) chart.reset();
      this.needFull = true;
    } finally {
      this.inFlight = false;
      if (this.dirtySince !== undefined) {
        void this.computeLatest();
      } else {
        document.body.dataset["busy"] = "false";
        document.body.dataset["ready"] = "true";
      }
    }
  }

  private async draw(response: ComputeResponse): Promise<void> {
    this.lastResponse = response;
    // Values the model could not take were replaced: show what was simulated.
    if (response.issues.length > 0) this.values = { ...this.values, ...response.values };
    this.panel.show(this.values, response.values.days);
    // Both charts in one task: drawing them in two tasks, so that input could be handled between
    // them, made a redraw about twice as slow (bench/explorer.bench.js, the two builds alternated;
    // the browser renders the page between the tasks).
    await Promise.all([this.charts.timeline.show(response.charts.timeline), this.charts.phase.show(response.charts.phase)]);
    this.showIssues(response.issues);
    this.showFigures(response);
    this.showMetrics(response);
    this.showTable(response);
  }

  private showIssues(issues: readonly ValueIssue[]): void {
    const box = byId("issues");
    box.replaceChildren();
    const lines = issues.map((issue) => {
      const spec = CONTROLS.find((c) => c.id === issue.control) as ControlSpec;
      return `${spec.label} (${spec.parameter}): ${issue.given} is outside the model's valid range — ${issue.message}. Shown with ${formatValue(issue.used, controlDigits(spec))} instead.`;
    });
    for (const line of [...lines, ...this.notes]) box.append(element("p", {}, line));
    box.hidden = box.childElementCount === 0;
    for (const [id, slider] of this.panel.sliders) slider.closest(".control")?.classList.toggle("invalid", issues.some((issue) => issue.control === id));
  }

  private showFigures(response: ComputeResponse): void {
    const f = response.figures;
    const share = f.prompts > 0 ? Math.round((100 * f.answered) / f.prompts) : 0;
    const items: Array<[string, string, string]> = [
      ["acts", "NSSI acts (true)", String(f.acts)],
      ["reported", "NSSI acts reported at prompts", String(f.reportedActs)],
      ["answered", "Prompts answered", `${f.answered} of ${f.prompts} (${share}%)`],
      ["cascade", "Time in the cascade state (true)", `${Math.round(100 * f.cascadeShare)}%`],
      ["stressors", "Stressors (everyday, rejections, reminders)", String(f.stressors)],
      ["skills", "Skill uses", String(f.skillUses)],
      ["reinforcement", "Reinforcement of NSSI at the end (W)", formatValue(f.finalW, 2)],
      ["resting", "Resting states", f.bistable ? "two: calm and cascade" : "one"],
    ];
    const list = byId("figures");
    list.replaceChildren();
    for (const [key, label, value] of items) {
      list.append(element("dt", {}, label), element("dd", { "data-figure": key }, value));
    }
    byId("window-note").textContent = `Charts show days ${response.window.fromDay} to ${response.window.toDay} of ${response.values.days}; the numbers cover the whole study.`;
  }

  private showMetrics(response: ComputeResponse): void {
    const body = byId("metrics-body");
    body.replaceChildren();
    for (const row of response.metrics) {
      const tr = element("tr", { "data-metric-row": row.id });
      const head = element("th", { scope: "row" }, row.label);
      head.append(element("span", { class: "unit" }, row.unit));
      tr.append(head);
      tr.append(
        metricCell(row.study, metricDigits, "study", row.id),
        metricCell(row.truthAtPrompts, metricDigits, "prompts", row.id),
        metricCell(row.truthHourly, metricDigits, "hourly", row.id),
      );
      body.append(tr);
    }
  }

  private showTable(response: ComputeResponse): void {
    const table = byId("data-table");
    table.replaceChildren();
    const head = element("tr");
    for (const column of response.table.columns) head.append(element("th", { scope: "col" }, column));
    const thead = element("thead");
    thead.append(head);
    const tbody = element("tbody");
    for (const row of response.table.rows) {
      const tr = element("tr");
      for (const cell of row) tr.append(element("td", {}, cell === null ? "" : String(cell)));
      tbody.append(tr);
    }
    table.append(thead, tbody);
  }

  private buildLessons(): void {
    const list = byId("lessons");
    for (const target of LESSONS) {
      const button = element("button", { type: "button", "data-lesson": target.id }, target.title);
      button.addEventListener("click", (event) => this.applyLesson(target, event.timeStamp));
      list.append(button);
    }
    byId("lesson-reset").addEventListener("click", (event) => {
      if (this.currentLesson !== undefined) this.applyLesson(this.currentLesson, event.timeStamp);
    });
  }

  private showLesson(): void {
    const target = this.currentLesson;
    for (const button of document.querySelectorAll<HTMLButtonElement>("#lessons button")) {
      button.setAttribute("aria-pressed", String(button.dataset["lesson"] === target?.id));
    }
    const panel = byId("lesson");
    byId("lesson-title").textContent = target === undefined ? "Explore the model" : target.title;
    const text = byId("lesson-text");
    text.replaceChildren();
    const paragraphs =
      target === undefined
        ? [
            "This page simulates one person with the Emotional Cascade Model, live in your browser: rumination and negative affect escalate each other, stressors tip the person into a cascade, and self-injury interrupts it and is reinforced by the relief. An ESM study prompts the person a few times a day.",
            "Pick a lesson above, or move the sliders. The timeline shows what happened and what the study recorded; the phase plot shows the model's resting states; the panel compares what the study estimates with the truth. Copy the link to show the class exactly this picture.",
          ]
        : target.text;
    for (const paragraph of paragraphs) text.append(element("p", {}, paragraph));
    if (target !== undefined) {
      const tryThis = element("p", { class: "try" });
      tryThis.append(element("strong", {}, "Try this: "), document.createTextNode(target.tryThis));
      text.append(tryThis, element("p", { class: "sources" }, `Sources: ${target.sources.join("; ")}.`));
    }
    byId("lesson-changed").hidden = !(target !== undefined && this.lessonTouched);
    panel.dataset["lesson"] = target?.id ?? "";
  }

  private buildExports(): void {
    const tables: Array<[ExportKind, string]> = [
      ["observed", "Prompts as recorded (observed.csv)"],
      ["prompts", "Truth at each prompt (prompts.csv)"],
      ["events", "Events: stressors, acts, skills (events.csv)"],
      ["persons", "The person's parameters and summary (persons.csv)"],
      ["trajectory", "Latent path every 10 minutes (trajectory.csv)"],
      ["scenario", "Scenario for the command line (.yaml)"],
    ];
    const list = byId("downloads");
    for (const [kind, label] of tables) {
      const button = element("button", { type: "button", "data-export": kind }, label);
      button.addEventListener("click", () => void this.exportTable(kind));
      list.append(button);
    }
    for (const chart of ["timeline", "phase"] as const) {
      for (const format of ["png", "svg"] as const) {
        const button = element("button", { type: "button", "data-export": `${chart}-${format}` }, `${chart === "timeline" ? "Timeline" : "Phase plot"} (${format.toUpperCase()})`);
        button.addEventListener("click", () => void this.exportChart(chart, format));
        list.append(button);
      }
    }
    byId("copy-link").addEventListener("click", () => {
      const status = byId("copy-status");
      navigator.clipboard?.writeText(location.href).then(
        () => (status.textContent = "Link copied."),
        () => (status.textContent = "Copy the address bar: it holds every setting."),
      ) ?? (status.textContent = "Copy the address bar: it holds every setting.");
    });
  }

  private async exportTable(kind: ExportKind): Promise<void> {
    const response: Response = await this.client.send({ type: "export", kind, link: location.href });
    if (response.type !== "export") throw new Error(response.type === "error" ? response.message : "unexpected answer");
    download(URL.createObjectURL(new Blob([response.text], { type: response.mimeType })), response.fileName);
  }

  private async exportChart(chart: ChartName, format: "png" | "svg"): Promise<void> {
    download(await this.charts[chart].imageUrl(format), `cascade-explorer-seed${this.values.seed}-${chart}.${format}`);
  }

  handle(): ExplorerHandle {
    const self = this;
    return {
      mode: this.client.mode,
      ...(this.client.fallbackReason === undefined ? {} : { fallbackReason: this.client.fallbackReason }),
      values: () => ({ ...this.values }),
      lesson: () => this.currentLesson?.id,
      last: () => this.lastResponse,
      latencies: this.latencies,
      get drawn() {
        return self.drawn;
      },
      chartImage: (name, format) => this.charts[name].imageUrl(format),
      marks: (name) => this.charts[name].marks(),
    };
  }
}

function download(url: string, fileName: string): void {
  const link = element("a", { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
}

async function start(): Promise<void> {
  const since = performance.now();
  const client = await startCompute(computeSource);
  const init = await client.send({ type: "init" });
  if (init.type !== "init") throw new Error(init.type === "error" ? init.message : "unexpected answer to init");
  const page = new ExplorerPage(client, init.defaults);
  document.body.dataset["compute"] = client.mode;
  (window as unknown as { cascadeExplorer: ExplorerHandle }).cascadeExplorer = page.handle();
  page.loadFromLink(since);
}

start().catch((error: unknown) => {
  byId("error").hidden = false;
  byId("error").textContent = `The explorer could not start: ${error instanceof Error ? error.message : String(error)}`;
  console.error(error);
});
