/**
 * Displaying things in the teaching notebooks (Deno's Jupyter kernel): charts, tables and the key
 * numbers the tests check.
 *
 * Charts: Cascade Lab's chart builders return Vega-Lite 6 specs (`$schema` .../vega-lite/v6.json).
 * A Jupyter front end draws a display output whose MIME type it has a renderer for. JupyterLab 4
 * and VS Code's notebook renderers draw `application/vnd.vegalite.v5+json` (VS Code declined to add
 * a v6 type, microsoft/vscode-notebook-renderers#241, 2025); newer front ends (nteract, marimo,
 * later JupyterLab releases) also know `application/vnd.vegalite.v6+json`. `show` puts the same spec
 * under both types in one output, so every front end picks the newest it knows and draws the chart
 * once; the spec keeps its v6 `$schema`, and the v5 renderers draw it (our specs use nothing that
 * Vega-Lite 5 lacks; at worst vega-embed notes the version in the browser console). A `text/plain`
 * line says what the chart is, for viewers without a Vega renderer (GitHub's preview, a terminal,
 * a reviewer reading the executed JSON).
 *
 * Outside Jupyter (`deno run`, type checks) `Deno.jupyter` is absent and the functions print their
 * plain-text form instead, so notebook code can be run as a script too.
 */

/** The MIME types a chart is displayed under (tests/notebooks.test.ts looks for them). */
export const VEGA_LITE_MIME_TYPES = ["application/vnd.vegalite.v5+json", "application/vnd.vegalite.v6+json"] as const;

/** MIME type of the key numbers: machine-readable for the tests, beside a plain-text table. */
export const KEY_NUMBERS_MIME_TYPE = "application/vnd.cascade-lab.key-numbers+json";

/** A MIME bundle: MIME type to content. */
type Bundle = Record<string, unknown>;

/** Deno's Jupyter API, or undefined outside `deno jupyter` (where reading `Deno.jupyter` throws). */
function jupyterApi(): { display(obj: unknown, options: { raw: boolean }): unknown } | undefined {
  try {
    return (globalThis as { Deno?: { jupyter?: { display(obj: unknown, options: { raw: boolean }): unknown } } }).Deno?.jupyter;
  } catch {
    return undefined;
  }
}

/** Sends a MIME bundle to the notebook, or prints its text when not running in Jupyter. */
async function display(bundle: Bundle): Promise<void> {
  const jupyter = jupyterApi();
  if (jupyter === undefined) {
    console.log(String(bundle["text/plain"] ?? ""));
    return;
  }
  await jupyter.display(bundle, { raw: true });
  // Give the kernel a moment to publish the message before the cell can end: on a busy machine Deno's
  // kernel otherwise now and then gets the display to Jupyter after the cell's "idle" status, and
  // Jupyter, which stops collecting a cell's outputs at that status, drops it (3 of 8 runs of notebooks
  // 04 and 05 lost one display while a sweep loaded the machine without this wait, 0 of 8 with it;
  // `npm run notebooks:test -- --repeat 4 04 05` counts them; tests/notebooks.test.ts also executes a
  // notebook again when a display is missing).
  await new Promise((resolve) => setTimeout(resolve, DISPLAY_SETTLE_MS));
}

/** Milliseconds to wait after each display (see `display`). */
const DISPLAY_SETTLE_MS = 25;

/** The title text of a spec (a string, a list of lines, or `{ text }`), for the plain-text line. */
function titleOf(spec: Record<string, unknown>): string {
  const title = spec.title as unknown;
  const text = typeof title === "object" && title !== null && !Array.isArray(title) ? (title as { text?: unknown }).text : title;
  if (Array.isArray(text)) return text.join(" ");
  return typeof text === "string" ? text : "untitled chart";
}

/** The plain-text description of a chart: its title and the rows of each named dataset. */
export function chartSummary(spec: object): string {
  const record = spec as Record<string, unknown>;
  const datasets = (record.datasets ?? {}) as Record<string, unknown[]>;
  const parts = Object.entries(datasets).map(([name, rows]) => `${name}: ${Array.isArray(rows) ? rows.length : 0} rows`);
  const inline = (record.data as { values?: unknown[] } | undefined)?.values;
  if (Array.isArray(inline)) parts.push(`${inline.length} rows`);
  return `[Vega-Lite chart: ${titleOf(record)}${parts.length > 0 ? ` (${parts.join(", ")})` : ""}. Open the notebook in JupyterLab or VS Code to see it.]`;
}

/**
 * Displays a Vega-Lite spec as a chart (see the module comment for the MIME types).
 *
 * @example await show(charts.phaseChart(charts.phaseFromPerson(person)));
 */
export async function show(spec: object): Promise<void> {
  const bundle: Bundle = { "text/plain": chartSummary(spec) };
  for (const mime of VEGA_LITE_MIME_TYPES) bundle[mime] = spec;
  await display(bundle);
}

/** A cell of a table: numbers are shown with `digits` significant digits. */
export type TableCell = string | number | boolean | null | undefined;

/** How a number is written in tables: up to `digits` significant digits, "NaN" when undefined. */
export function formatCell(value: TableCell, digits = 4): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return "NaN";
    return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(digits)));
  }
  return String(value);
}

/**
 * Displays rows of records as a table (Markdown for the notebook, aligned text otherwise). Columns
 * are the keys of the first row unless given.
 *
 * @example await table([{ group: "bpd", mssd: 2.41 }, { group: "control", mssd: 0.93 }]);
 */
export async function table(rows: readonly Record<string, TableCell>[], options: { columns?: readonly string[]; digits?: number } = {}): Promise<void> {
  const columns = options.columns ?? (rows.length > 0 ? Object.keys(rows[0]) : []);
  const cells = rows.map((row) => columns.map((column) => formatCell(row[column], options.digits)));
  const escape = (text: string): string => text.replaceAll("|", "\\|");
  const markdown = [
    `| ${columns.map(escape).join(" | ")} |`,
    `| ${columns.map(() => "---").join(" | ")} |`,
    ...cells.map((line) => `| ${line.map(escape).join(" | ")} |`),
  ].join("\n");
  const widths = columns.map((column, index) => Math.max(column.length, ...cells.map((line) => line[index].length)));
  const text = [columns.map((column, index) => column.padEnd(widths[index])).join("  "), ...cells.map((line) => line.map((cell, index) => cell.padEnd(widths[index])).join("  "))].join("\n");
  await display({ "text/markdown": markdown, "text/plain": text });
}

/**
 * Displays the notebook's key numbers: a few results under stable names, shown as a table for the
 * reader and carried in full precision under `KEY_NUMBERS_MIME_TYPE`, where the tests read them
 * and recompute each with the library for the same seed (tests/notebooks.test.ts).
 * Undefined values (NaN) are carried as null.
 *
 * @example await keyNumbers({ "bpd.mssd": 2.41, "control.mssd": 0.93 });
 */
export async function keyNumbers(values: Readonly<Record<string, number>>): Promise<void> {
  const carried: Record<string, number | null> = {};
  for (const [name, value] of Object.entries(values)) carried[name] = Number.isFinite(value) ? value : null;
  const width = Math.max(...Object.keys(values).map((name) => name.length));
  const lines = Object.entries(values).map(([name, value]) => `  ${name.padEnd(width)}  ${formatCell(value, 6)}`);
  await display({ [KEY_NUMBERS_MIME_TYPE]: { values: carried }, "text/plain": ["Key numbers (checked against the library by the tests):", ...lines].join("\n") });
}
