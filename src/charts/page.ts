/**
 * HTML pages that show Vega-Lite charts: the template, without the Vega libraries themselves.
 *
 * A page holds its chart specs as JSON in a `<script type="application/json">` element and a small
 * boot script that draws each one into its slot (`<div id="..." class="cascade-chart">`) with
 * vega-embed, as SVG. When a chart has rendered its slot gets `data-rendered="true"`; when one fails,
 * `data-error` holds the message and the error goes to the console. When all are done, `<body>` gets
 * `data-charts-done` (the number rendered) and `data-charts-failed`. Browser tests wait for these.
 *
 * The Vega libraries are passed in as script texts (see `html.ts`, which reads them from
 * node_modules), so the same template serves Node and a future in-browser explorer.
 *
 * Browser-safe: no `node:` imports.
 */
import type { TopLevelSpec } from "vega-lite";

/** A chart on a page: the id of its slot and its spec. */
export interface PageChart {
  id: string;
  spec: TopLevelSpec;
}

export interface PageContent {
  /** The page title (`<title>` and, without `bodyHtml`, the heading). */
  title: string;
  charts: readonly PageChart[];
  /**
   * The page's body. It must contain a slot for every chart (`chartSlot(id)`); without it, the body
   * is the title followed by one slot per chart.
   */
  bodyHtml?: string;
  /** Extra CSS appended to the page's style sheet. */
  extraCss?: string;
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** Makes JavaScript or JSON safe inside a `<script>` element (no `</script` or `<!--` can end it early). */
export function escapeScript(text: string): string {
  return text.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
}

/** The element a chart is drawn into. */
export function chartSlot(id: string, label?: string): string {
  const aria = label === undefined ? "" : ` role="img" aria-label="${escapeHtml(label)}"`;
  return `<div id="${escapeHtml(id)}" class="cascade-chart"${aria}></div>`;
}

/** The page's style sheet: large readable type, printable. */
export const pageCss = `
:root { color-scheme: light; }
body { font-family: "Liberation Sans", Arial, Helvetica, "DejaVu Sans", sans-serif; font-size: 18px; line-height: 1.5;
  color: #111; background: #fff; margin: 0 auto; padding: 24px 32px 64px; max-width: 1200px; }
h1 { font-size: 2rem; margin: 0.5em 0 0.25em; }
h2 { font-size: 1.5rem; margin: 2em 0 0.5em; border-bottom: 2px solid #ddd; padding-bottom: 0.2em; }
h3 { font-size: 1.2rem; margin: 1.5em 0 0.5em; }
figure { margin: 1em 0 2em; }
figcaption { font-size: 1.05rem; max-width: 60em; margin-top: 0.5em; padding-left: 0.8em; border-left: 4px solid #0072B2; }
.cascade-chart { overflow-x: auto; }
.cascade-chart[data-error]::before { content: "This chart could not be drawn: " attr(data-error); color: #B00; }
.notice { border: 2px solid #D55E00; background: #FFF5EE; padding: 0.8em 1em; margin: 1em 0; }
.meta { color: #333; }
code, pre { font-family: "Liberation Mono", "DejaVu Sans Mono", monospace; font-size: 0.95em; }
pre { background: #F4F4F4; padding: 0.6em 0.8em; overflow-x: auto; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 0.95rem; }
th, td { border: 1px solid #CCC; padding: 0.3em 0.6em; text-align: right; }
th { background: #F2F2F2; }
td:first-child, th:first-child { text-align: left; }
@media print { body { padding: 0; } h2 { page-break-before: auto; } figure { page-break-inside: avoid; } }
`;

/** The script that draws every chart of the page (see the module comment). */
const bootScript = `
(function () {
  "use strict";
  var entries = JSON.parse(document.getElementById("cascade-chart-specs").textContent);
  var rendered = 0;
  var failed = 0;
  function settle() {
    if (rendered + failed < entries.length) return;
    document.body.setAttribute("data-charts-done", String(rendered));
    document.body.setAttribute("data-charts-failed", String(failed));
  }
  settle();
  entries.forEach(function (entry) {
    var slot = document.getElementById(entry.id);
    if (!slot) {
      console.error("chart " + entry.id + ": no element with this id on the page");
      failed += 1;
      settle();
      return;
    }
    vegaEmbed(slot, entry.spec, {
      renderer: "svg",
      actions: { export: true, source: false, compiled: false, editor: false },
    }).then(function () {
      slot.setAttribute("data-rendered", "true");
      rendered += 1;
      settle();
    }).catch(function (error) {
      slot.setAttribute("data-error", String(error && error.message ? error.message : error));
      console.error("chart " + entry.id + ": " + error);
      failed += 1;
      settle();
    });
  });
})();
`;

/**
 * A complete HTML document showing `content`'s charts, with `libraries` (the texts of the vega,
 * vega-lite and vega-embed browser builds, in that order) inlined, so the page needs no network.
 */
export function buildPage(content: PageContent, libraries: readonly string[]): string {
  const body =
    content.bodyHtml ??
    `<h1>${escapeHtml(content.title)}</h1>\n${content.charts.map((chart) => chartSlot(chart.id)).join("\n")}`;
  const specs = JSON.stringify(content.charts.map((chart) => ({ id: chart.id, spec: chart.spec })));
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(content.title)}</title>`,
    `<style>${pageCss}${content.extraCss ?? ""}</style>`,
    ...libraries.map((library) => `<script>${escapeScript(library)}</script>`),
    "</head>",
    "<body>",
    '<noscript><p class="notice">The charts on this page need JavaScript.</p></noscript>',
    body,
    `<script type="application/json" id="cascade-chart-specs">${escapeScript(specs.replace(/</g, "\\u003c"))}</script>`,
    `<script>${bootScript}</script>`,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
