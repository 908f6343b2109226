/**
 * The page's chart views (page side of chart-updates.ts): per chart, the Vega views of its last few
 * structures, each drawn on its own canvas, only the current one shown.
 *
 * An update either brings a compiled Vega spec (the page has no view of that structure: a new view
 * is built and the least recently used one is dropped, exactly as the worker's key list drops it) or
 * only datasets, titles and domains for a view the page has, which then runs again. Building a view
 * is the expensive step of a redraw; feeding an existing one is several times faster.
 *
 * Canvas rather than SVG: the dataflow, not the rasterising, dominates, and a canvas keeps the page's
 * DOM small. Downloads are rendered by the view itself as PNG or SVG (`toImageURL`).
 */
import { View, parse, type Spec } from "vega";
import { RecentKeys, VIEWS_PER_CHART } from "./recent-keys.js";
import { SUBTITLE_SIGNAL, TITLE_SIGNAL, type ChartUpdate } from "./protocol.js";

/** Counts the marks drawn in a Vega scenegraph (items that are not groups). */
function countMarks(node: unknown): number {
  if (node === null || typeof node !== "object") return 0;
  const item = node as { marktype?: string; items?: unknown[] };
  let count = item.marktype !== undefined && item.marktype !== "group" ? (item.items?.length ?? 0) : 0;
  for (const child of item.items ?? []) count += countMarks(child);
  return count;
}

/** A built view and what it can take at run time. */
interface KeptView {
  view: View;
  element: HTMLElement;
  datasets: Set<string>;
  signals: Set<string>;
}

export class ChartView {
  private readonly views = new Map<string, KeptView>();
  private readonly recent = new RecentKeys(VIEWS_PER_CHART);
  private current: KeptView | undefined;

  constructor(readonly container: HTMLElement) {}

  /** Draws `update`; resolves once the canvas is drawn. Returns whether a view was built. */
  async show(update: ChartUpdate): Promise<boolean> {
    const { known, evicted } = this.recent.use(update.key);
    if (evicted !== undefined) this.drop(evicted);
    let kept = this.views.get(update.key);
    if (update.vega !== undefined) {
      if (kept !== undefined) this.drop(update.key);
      kept = this.build(update.vega as Spec);
      this.views.set(update.key, kept);
    } else {
      if (!known || kept === undefined) throw new Error("a chart update without a spec for a structure the page has no view of");
      for (const [name, rows] of Object.entries(update.datasets)) if (kept.datasets.has(name)) kept.view.data(name, rows);
      kept.view.signal(TITLE_SIGNAL, update.title).signal(SUBTITLE_SIGNAL, update.subtitle);
      for (const [name, domain] of Object.entries(update.domains)) if (kept.signals.has(name)) kept.view.signal(name, domain);
    }
    await kept.view.runAsync();
    if (this.current !== kept) {
      if (this.current !== undefined) this.current.element.hidden = true;
      kept.element.hidden = false;
      this.current = kept;
    }
    this.container.dataset["marks"] = String(this.marks());
    return update.vega !== undefined;
  }

  private build(spec: Spec): KeptView {
    const element = document.createElement("div");
    element.className = "chart-view";
    element.hidden = true;
    this.container.append(element);
    const view = new View(parse(spec), { renderer: "canvas", container: element, hover: true });
    return {
      view,
      element,
      datasets: new Set((spec.data ?? []).filter((data) => "values" in data).map((data) => data.name)),
      signals: new Set((spec.signals ?? []).map((signal) => signal.name)),
    };
  }

  private drop(key: string): void {
    const kept = this.views.get(key);
    if (kept === undefined) return;
    kept.view.finalize();
    kept.element.remove();
    this.views.delete(key);
    if (this.current === kept) this.current = undefined;
  }

  /** Number of marks drawn in the view shown (points, lines, rules, texts...). */
  marks(): number {
    return this.current === undefined ? 0 : countMarks((this.current.view.scenegraph() as unknown as { root: unknown }).root);
  }

  /** The chart shown, as a PNG (twice its size) or SVG data URL. */
  async imageUrl(format: "png" | "svg"): Promise<string> {
    if (this.current === undefined) throw new Error("nothing drawn yet");
    return this.current.view.toImageURL(format, format === "png" ? 2 : 1);
  }

  /** Drops every view (the next update must bring a full spec). */
  reset(): void {
    for (const key of [...this.views.keys()]) this.drop(key);
    this.recent.clear();
  }
}
