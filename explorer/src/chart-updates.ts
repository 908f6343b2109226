/**
 * From a chart builder's Vega-Lite spec to the cheapest update of the page's view (worker side; the
 * page side is views.ts).
 *
 * Building a Vega view is the slow step of a redraw, so the page keeps a view per chart *structure*
 * and only feeds it new data when the structure is one it has. A structure is the Vega-Lite spec
 * without what a view can take at run time:
 *
 * - its datasets (named data; `view.data(name, rows)`);
 * - its title and subtitle (turned into the signals TITLE_SIGNAL and SUBTITLE_SIGNAL);
 * - the numeric domains written into the encodings of a layered chart (the phase plot's axes and the
 *   flow field's opacity scale, which move with every parameter). The Vega scale of channel `c` of a
 *   layered chart is named `c`; when the compiled spec has that scale with exactly that domain, its
 *   domain becomes the signal `explorer_domain_<c>`. A domain that does not map so stays part of the
 *   structure, so a change of it rebuilds the view rather than draw a wrong picture.
 *
 * Both sides keep the last `capacity` structures in least-recently-used order and apply the same
 * sequence of keys, so they always agree on which views exist: the worker sends the compiled spec
 * exactly when the page has no view for the key.
 *
 * Browser-safe: no `node:` imports.
 */
import { compile, type TopLevelSpec } from "vega-lite";
import { SUBTITLE_SIGNAL, TITLE_SIGNAL, type ChartUpdate } from "./protocol.js";
import { RecentKeys, VIEWS_PER_CHART } from "./recent-keys.js";

/** The signal that carries the domain of the Vega scale `scale`. */
export function domainSignal(scale: string): string {
  return `explorer_domain_${scale}`;
}

type Json = { [key: string]: unknown };

/** A spec as plain JSON, to read and rewrite its parts. */
function json(spec: TopLevelSpec): Json {
  return spec as unknown as Json;
}

function isNumberArray(value: unknown): value is number[] {
  return Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === "number");
}

/** The numeric literal domains of the top-level layers' encodings, by channel (channels given two different domains are left out). */
export function layerDomains(spec: TopLevelSpec): Map<string, number[]> {
  const domains = new Map<string, number[]>();
  const conflicting = new Set<string>();
  const layers = json(spec)["layer"];
  if (!Array.isArray(layers)) return domains;
  for (const layer of layers as Json[]) {
    const encoding = (layer["encoding"] ?? {}) as Record<string, Json | undefined>;
    for (const [channel, definition] of Object.entries(encoding)) {
      const domain = (definition?.["scale"] as Json | undefined)?.["domain"];
      if (!isNumberArray(domain)) continue;
      const known = domains.get(channel);
      if (known !== undefined && JSON.stringify(known) !== JSON.stringify(domain)) conflicting.add(channel);
      else domains.set(channel, domain);
    }
  }
  for (const channel of conflicting) domains.delete(channel);
  return domains;
}

/**
 * The structure key of a spec: everything but its datasets, its title and the domains in `domains`
 * (those of the top-level layers' encodings that become signals).
 */
export function structureKey(spec: TopLevelSpec, domains: ReadonlyMap<string, number[]>): string {
  const { datasets: _datasets, title: _title, ...rest } = json(spec);
  const layers = rest["layer"];
  if (Array.isArray(layers)) {
    rest["layer"] = (layers as Json[]).map((layer) => {
      const encoding = layer["encoding"] as Record<string, Json> | undefined;
      if (encoding === undefined) return layer;
      const replaced: Record<string, Json> = {};
      for (const [channel, definition] of Object.entries(encoding)) {
        const scale = definition["scale"] as Json | undefined;
        replaced[channel] = domains.has(channel) && scale !== undefined && isNumberArray(scale["domain"]) ? { ...definition, scale: { ...scale, domain: "<signal>" } } : definition;
      }
      return { ...layer, encoding: replaced };
    });
  }
  return JSON.stringify(rest);
}

/** A chart's title lines from a spec's `title` (a string or `{ text, subtitle }`). */
function titleLines(title: unknown): { title: string; subtitle: string[] } {
  const object = typeof title === "object" && title !== null ? (title as { text?: unknown; subtitle?: unknown }) : { text: title };
  const lines = (value: unknown): string[] => (value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)]);
  return { title: lines(object.text).join(" "), subtitle: lines(object.subtitle) };
}

/** Collects vega-lite's warnings instead of printing them (a warning is a bug in the explorer). */
class WarningCollector {
  readonly messages: string[] = [];
  #level = 0;
  level(): number;
  level(value: number): this;
  level(value?: number): number | this {
    if (value === undefined) return this.#level;
    this.#level = value;
    return this;
  }
  warn(...args: readonly unknown[]): this {
    this.messages.push(args.map(String).join(" "));
    return this;
  }
  info(): this {
    return this;
  }
  debug(): this {
    return this;
  }
  error(...args: readonly unknown[]): this {
    this.messages.push(args.map(String).join(" "));
    return this;
  }
}

/**
 * The compiled Vega spec of `spec` with its title and subtitle read from signals, and the domain of
 * each channel in `domains` read from a domain signal. Throws when the compiled spec has no scale of
 * that name with that domain (the chart builders no longer compile as this module assumes: a test
 * draws both charts over the sliders' extremes).
 */
export function compileForUpdates(spec: TopLevelSpec, domains: ReadonlyMap<string, number[]>): Json {
  const logger = new WarningCollector();
  const vega = compile(spec, { logger }).spec as unknown as Json;
  if (logger.messages.length > 0) throw new Error(`vega-lite: ${logger.messages.join("; ")}`);
  const { title, subtitle } = titleLines(vega["title"]);
  const base = typeof vega["title"] === "object" && vega["title"] !== null ? (vega["title"] as Json) : {};
  vega["title"] = { ...base, text: { signal: TITLE_SIGNAL }, subtitle: { signal: SUBTITLE_SIGNAL } };
  const signals = [...((vega["signals"] ?? []) as Json[]), { name: TITLE_SIGNAL, value: title }, { name: SUBTITLE_SIGNAL, value: subtitle }];
  const scales = (vega["scales"] ?? []) as Json[];
  for (const [channel, domain] of domains) {
    const scale = scales.find((candidate) => candidate["name"] === channel);
    if (scale === undefined || JSON.stringify(scale["domain"]) !== JSON.stringify(domain)) {
      throw new Error(`explorer: the compiled chart has no scale "${channel}" with the domain ${JSON.stringify(domain)}`);
    }
    scale["domain"] = { signal: domainSignal(channel) };
    signals.push({ name: domainSignal(channel), value: domain });
  }
  vega["signals"] = signals;
  return vega;
}

/**
 * One chart's updates for the page (see the module comment). A data-only update carries only the
 * datasets whose rows differ from those the page's view of that structure holds (the phase plot's
 * flow field and nullclines stay while only the seed or the study changes; the timeline's nights
 * while the days shown stay): replacing a dataset in a Vega view costs time even when its rows are
 * equal.
 */
export class ChartChannel {
  private readonly recent = new RecentKeys(VIEWS_PER_CHART);
  /** Per structure key, the JSON text of each dataset the page's view holds. */
  private readonly held = new Map<string, Map<string, string>>();

  /** The update for `spec`; `full` forgets what the page has (it lost its views). */
  update(spec: TopLevelSpec, full = false): ChartUpdate {
    if (full) {
      this.recent.clear();
      this.held.clear();
    }
    const domains = layerDomains(spec);
    const key = structureKey(spec, domains);
    const { title, subtitle } = titleLines(json(spec)["title"]);
    const all = (json(spec)["datasets"] ?? {}) as Record<string, unknown[]>;
    const { known, evicted } = this.recent.use(key);
    if (evicted !== undefined) this.held.delete(evicted);
    const held = known ? (this.held.get(key) ?? new Map<string, string>()) : new Map<string, string>();
    const datasets: Record<string, unknown[]> = {};
    for (const [name, rows] of Object.entries(all)) {
      const text = JSON.stringify(rows);
      if (held.get(name) !== text) datasets[name] = rows;
      held.set(name, text);
    }
    this.held.set(key, held);
    const update: ChartUpdate = {
      key,
      datasets: known ? datasets : all,
      title,
      subtitle,
      domains: Object.fromEntries([...domains].map(([channel, domain]) => [domainSignal(channel), domain])),
    };
    if (!known) update.vega = compileForUpdates(spec, domains);
    return update;
  }
}
