// The committed form of the teaching notebooks, and the command that puts a notebook into it:
//
//   npm run notebooks:strip               rewrite every notebooks/NN-*.ipynb in the committed form
//   npm run notebooks:strip -- --check    only report notebooks that are not (exit 1 if any)
//   node notebooks/tools/strip.mjs FILE…  the same for the named files
//
// Committed form (docs/notebooks.md explains the choice): no outputs and no execution counts (CI
// executes every notebook and the tests check what it displays, so stored outputs would only be
// large, stale and noisy in review); cell metadata reduced to `tags` (the tests use them); notebook
// metadata reduced to the Deno kernelspec and the language, without versions; JSON as Jupyter writes
// it (keys sorted, one-space indent, sources as lists of lines, a final newline). Cells keep their
// ids; a cell without one gets `<notebook>-<position>`.
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { listNotebooks } from "./jupyter.mjs";

/** The notebook metadata every teaching notebook carries: Deno's kernel and TypeScript. */
export const notebookMetadata = {
  kernelspec: { display_name: "Deno", language: "typescript", name: "deno" },
  language_info: {
    codemirror_mode: "typescript",
    file_extension: ".ts",
    mimetype: "text/x.typescript",
    name: "typescript",
    nbconvert_exporter: "script",
    pygments_lexer: "typescript",
  },
};

/** Splits a cell source into Jupyter's list of lines (each but the last ends with "\n"). */
export function sourceLines(text) {
  const lines = text.split("\n");
  return lines.map((line, index) => (index < lines.length - 1 ? `${line}\n` : line)).filter((line) => line !== "");
}

/**
 * The committed form of a parsed notebook (a new object; see the module comment).
 * @param {any} notebook
 * @param {string} stem the file name without .ipynb, for ids of cells that have none
 */
export function normalizeNotebook(notebook, stem) {
  const cells = notebook.cells.map((cell, index) => {
    const text = Array.isArray(cell.source) ? cell.source.join("") : String(cell.source ?? "");
    const tags = Array.isArray(cell.metadata?.tags) ? cell.metadata.tags : [];
    const id = typeof cell.id === "string" && /^[A-Za-z0-9_-]{1,64}$/.test(cell.id) ? cell.id : `${stem}-${index + 1}`.slice(-64);
    const normal = { cell_type: cell.cell_type, id, metadata: tags.length > 0 ? { tags: [...tags] } : {}, source: sourceLines(text) };
    if (cell.cell_type === "code") Object.assign(normal, { execution_count: null, outputs: [] });
    if (cell.cell_type === "markdown" && cell.attachments !== undefined) normal.attachments = cell.attachments;
    return normal;
  });
  return { cells, metadata: notebookMetadata, nbformat: 4, nbformat_minor: 5 };
}

/** A value with every object's keys sorted (Jupyter writes notebooks with sorted keys). */
function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys(value[key])]),
  );
}

/** A notebook as Jupyter writes it: sorted keys, one-space indent, final newline. */
export function serializeNotebook(notebook) {
  return `${JSON.stringify(sortKeys(notebook), null, 1)}\n`;
}

/** The committed text of the notebook file at `path`. */
export function committedText(path) {
  const notebook = JSON.parse(readFileSync(path, "utf8"));
  return serializeNotebook(normalizeNotebook(notebook, basename(path, ".ipynb")));
}

/** Writes `text` to `path` through a temporary sibling and a rename, so a failure leaves the old file whole. */
function writeAtomically(path, text) {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

function main(argv) {
  const check = argv.includes("--check");
  const files = argv.filter((arg) => arg !== "--check");
  const paths = files.length > 0 ? files : listNotebooks();
  const changed = [];
  for (const path of paths) {
    const current = readFileSync(path, "utf8");
    const wanted = committedText(path);
    if (current === wanted) continue;
    changed.push(path);
    if (!check) writeAtomically(path, wanted);
  }
  if (check) {
    for (const path of changed) console.error(`${path}: not in the committed form (outputs or extra metadata); run \`npm run notebooks:strip\``);
    process.exitCode = changed.length > 0 ? 1 : 0;
  } else {
    console.log(changed.length === 0 ? `${paths.length} notebooks already in the committed form` : `rewrote ${changed.join(", ")}`);
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) main(process.argv.slice(2));
