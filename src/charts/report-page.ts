/**
 * The body of the one-page report `cascade report` writes: a header saying what was simulated and how
 * to reproduce it, a not-a-clinical-tool notice, one section per chart with a plain-language caption
 * saying what to notice, and the metrics tables. The page itself (styles, the inlined Vega libraries,
 * the script that draws the charts) comes from `page.ts`.
 *
 * Browser-safe: no `node:` imports.
 */
import type { TopLevelSpec } from "vega-lite";
import { chartSlot, escapeHtml, type PageChart } from "./page.js";

/** A table of numbers and words. Cells that are numbers are printed with `digits` decimals; null is "–". */
export interface ReportTable {
  caption: string;
  columns: readonly string[];
  rows: ReadonlyArray<ReadonlyArray<string | number | null>>;
  /** Decimals for number cells (default 2). */
  digits?: number;
  /** A sentence under the table. */
  note?: string;
}

/** One chart with its heading and caption. */
export interface ReportSection {
  /** Used for the chart's element id and the section's anchor. */
  id: string;
  heading: string;
  spec: TopLevelSpec;
  /** What to notice, in a few plain sentences. */
  caption: readonly string[];
  /** Where the chart's spec is saved beside the page, relative to it, for the link under the chart. */
  specFile?: string;
  /** Tables shown under the chart. */
  tables?: readonly ReportTable[];
}

export interface ReportContent {
  title: string;
  /** One or two sentences on what was simulated. */
  summary: readonly string[];
  /** Facts for the header: scenario, seed, persons, days, package version, ... */
  facts: ReadonlyArray<readonly [string, string]>;
  /** The command that makes the same report again. */
  command: string;
  sections: readonly ReportSection[];
  /** Tables after the charts. */
  tables: readonly ReportTable[];
  /** Files of the report directory worth pointing to (relative path, description). */
  files: ReadonlyArray<readonly [string, string]>;
}

/** The notice every report carries. */
export const notClinicalNotice = {
  title: "Not a clinical tool.",
  text: "This report shows a simulation of synthetic persons, for research and teaching. It does not assess, predict or monitor anyone's risk of self-injury or suicide, and nothing in it should be used to make decisions about a person.",
} as const;

function formatCell(value: string | number | null, digits: number): string {
  if (value === null || (typeof value === "number" && !Number.isFinite(value))) return "–";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : value.toFixed(digits).replace(/^-/, "\u2212");
  return escapeHtml(value);
}

/** A table as HTML. */
export function tableHtml(table: ReportTable): string {
  const digits = table.digits ?? 2;
  const head = `<tr>${table.columns.map((column) => `<th scope="col">${escapeHtml(column)}</th>`).join("")}</tr>`;
  const body = table.rows.map((row) => `<tr>${row.map((cell) => `<td>${formatCell(cell, digits)}</td>`).join("")}</tr>`).join("\n");
  const note = table.note === undefined ? "" : `\n<p class="meta">${escapeHtml(table.note)}</p>`;
  return `<table>\n<caption>${escapeHtml(table.caption)}</caption>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>${note}`;
}

/** The report's body and its charts, for `buildPage` / `chartPage`. */
export function reportBody(content: ReportContent): { bodyHtml: string; charts: PageChart[] } {
  const charts: PageChart[] = content.sections.map((section) => ({ id: `chart-${section.id}`, spec: section.spec }));
  const facts = content.facts.map(([name, value]) => `<tr><th scope="row">${escapeHtml(name)}</th><td>${escapeHtml(value)}</td></tr>`).join("\n");
  const contents = content.sections.map((section) => `<li><a href="#${escapeHtml(section.id)}">${escapeHtml(section.heading)}</a></li>`).join("\n");
  const sections = content.sections.map((section) => {
    const link = section.specFile === undefined ? "" : ` <a href="${escapeHtml(section.specFile)}">Vega-Lite spec</a>.`;
    const caption = section.caption.map((sentence) => escapeHtml(sentence)).join(" ");
    return [
      `<section id="${escapeHtml(section.id)}">`,
      `<h2>${escapeHtml(section.heading)}</h2>`,
      "<figure>",
      chartSlot(`chart-${section.id}`, section.heading),
      `<figcaption><strong>What to notice.</strong> ${caption}${link}</figcaption>`,
      "</figure>",
      ...(section.tables ?? []).map(tableHtml),
      "</section>",
    ].join("\n");
  });
  const files = content.files.map(([path, description]) => `<li><a href="${escapeHtml(path)}"><code>${escapeHtml(path)}</code></a>: ${escapeHtml(description)}</li>`);
  const bodyHtml = [
    `<h1>${escapeHtml(content.title)}</h1>`,
    `<p class="notice" role="note"><strong>${notClinicalNotice.title}</strong> ${escapeHtml(notClinicalNotice.text)}</p>`,
    ...content.summary.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`),
    `<table class="facts">\n<caption>The simulation</caption>\n<tbody>\n${facts}\n</tbody>\n</table>`,
    `<p>Make this report again, number for number:</p>\n<pre><code>${escapeHtml(content.command)}</code></pre>`,
    `<nav aria-label="Charts"><ol>\n${contents}\n</ol></nav>`,
    ...sections,
    ...(content.tables.length > 0 ? ['<section id="tables">', "<h2>Metrics tables</h2>", ...content.tables.map(tableHtml), "</section>"] : []),
    ...(files.length > 0 ? ['<section id="files">', "<h2>Files in this report</h2>", `<ul>\n${files.join("\n")}\n</ul>`, "</section>"] : []),
  ].join("\n");
  return { bodyHtml, charts };
}
