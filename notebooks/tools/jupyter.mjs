// Running the teaching notebooks headlessly: find the pinned Deno and Jupyter's nbconvert, give the
// kernel a private kernelspec, execute a notebook into another folder, and read what it displayed.
//
// Shared by `npm run notebooks:test` (notebooks/tools/run.mjs) and the vitest suite
// (tests/notebooks.test.ts), so both execute the notebooks the same way. Plain JavaScript
// (with JSDoc types) because npm scripts run it with Node, which does not run TypeScript.
//
// Why a private kernelspec: `npm run notebooks:setup` installs the user's "deno" kernel, which may
// later point at another Deno. Headless runs write their own kernels/deno/kernel.json, pointing at
// this repository's pinned Deno, into a temporary folder and put that folder first on JUPYTER_PATH
// (Jupyter looks there before the user's kernels), so a run never depends on what is installed
// globally and never changes it.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";

/** The repository root (this file is notebooks/tools/jupyter.mjs). */
export const repoRoot = resolve(import.meta.dirname, "..", "..");

/** The notebooks folder. */
export const notebooksDir = join(repoRoot, "notebooks");

/** Debian packages that provide `jupyter nbconvert --execute` (it pulls jupyter-core, nbclient and jupyter-client). */
export const aptPackages = ["jupyter-nbconvert", "python3-ipykernel", "jupyter-client"];

/** MIME types under which a chart is displayed (notebooks/lib/show.ts explains the choice). */
export const vegaLiteMimeTypes = ["application/vnd.vegalite.v5+json", "application/vnd.vegalite.v6+json"];

/** MIME type of the key numbers a notebook displays for the tests (notebooks/lib/show.ts). */
export const keyNumbersMimeType = "application/vnd.cascade-lab.key-numbers+json";

/** The teaching notebooks, in order: notebooks/NN-name.ipynb. */
export function listNotebooks(directory = notebooksDir) {
  return readdirSync(directory)
    .filter((name) => /^\d\d-[a-z0-9-]+\.ipynb$/.test(name))
    .sort()
    .map((name) => join(directory, name));
}

/**
 * The pinned Deno binary of node_modules (the `deno` npm package fetches it through an optional,
 * platform-specific dependency). Asks Deno itself for its path, through the package's launcher,
 * which also links the binary into place when npm skipped the package's install script.
 * @returns {{ path: string } | { error: string }}
 */
export function findDeno() {
  const launcher = join(repoRoot, "node_modules", "deno", "bin.cjs");
  if (!existsSync(launcher)) {
    return { error: `Deno not found (${launcher} is missing): run \`npm install\` in ${repoRoot}; deno is a devDependency` };
  }
  const result = spawnSync(process.execPath, [launcher, "eval", "console.log(Deno.execPath())"], { encoding: "utf8" });
  const path = result.stdout.trim();
  if (result.status !== 0 || path === "" || !existsSync(path)) {
    return { error: `the deno npm package did not start Deno (exit ${result.status}): ${result.stderr.trim() || result.error?.message || "no output"}` };
  }
  return { path };
}

/**
 * Jupyter's nbconvert, as a command: `jupyter-nbconvert` on the PATH.
 * @returns {{ command: string, version: string } | { error: string }}
 */
export function findNbconvert() {
  const result = spawnSync("jupyter-nbconvert", ["--version"], { encoding: "utf8" });
  if (result.error !== undefined || result.status !== 0) {
    return {
      error:
        `Jupyter's nbconvert was not found (jupyter-nbconvert ${result.error?.message ?? `exited ${result.status}`}). ` +
        `Install it: on Debian or Ubuntu \`sudo apt-get install --no-install-recommends ${aptPackages.join(" ")}\`, ` +
        "elsewhere `pip install nbconvert`.",
    };
  }
  return { command: "jupyter-nbconvert", version: (result.stdout || result.stderr).trim() };
}

/**
 * Writes a kernelspec named "deno" for `denoPath` under `directory/kernels/deno/` and returns the
 * environment that makes Jupyter find it first.
 * @param {string} directory
 * @param {string} denoPath
 */
export function privateKernel(directory, denoPath) {
  const kernelDir = join(directory, "kernels", "deno");
  mkdirSync(kernelDir, { recursive: true });
  const spec = {
    argv: [denoPath, "jupyter", "--kernel", "--conn", "{connection_file}"],
    display_name: "Deno",
    language: "typescript",
  };
  writeFileSync(join(kernelDir, "kernel.json"), `${JSON.stringify(spec, null, 2)}\n`);
  const inherited = process.env.JUPYTER_PATH;
  return { JUPYTER_PATH: inherited ? `${directory}:${inherited}` : directory };
}

/**
 * Executes `notebook` with the "deno" kernel into `outDir` (the source is never touched). Resolves
 * with the exit code, nbconvert's messages, the executed copy's path and the wall time; nbconvert
 * exits non-zero when any cell raises an error.
 * @param {string} notebook
 * @param {string} outDir
 * @param {{ env?: Record<string, string>, cellTimeoutSeconds?: number }} [options]
 * @returns {Promise<{ notebook: string, output: string, code: number, stderr: string, seconds: number }>}
 */
export function executeNotebook(notebook, outDir, options = {}) {
  const args = [
    "--to",
    "notebook",
    "--execute",
    "--ExecutePreprocessor.kernel_name=deno",
    `--ExecutePreprocessor.timeout=${options.cellTimeoutSeconds ?? 600}`,
    "--ExecutePreprocessor.startup_timeout=120",
    // After a cell's reply, wait up to a minute for its last outputs (default 4 s, which a busy
    // machine can exceed), and fail rather than drop them silently.
    "--ExecutePreprocessor.iopub_timeout=60",
    "--ExecutePreprocessor.raise_on_iopub_timeout=True",
    "--output-dir",
    outDir,
    notebook,
  ];
  const started = performance.now();
  return new Promise((resolvePromise) => {
    const child = spawn("jupyter-nbconvert", args, { env: { ...process.env, ...options.env }, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stdout.on("data", (chunk) => (stderr += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", (error) => (stderr += `\n${error.message}`));
    child.on("close", (code) => {
      resolvePromise({
        notebook,
        output: join(outDir, basename(notebook)),
        code: code ?? -1,
        stderr,
        seconds: (performance.now() - started) / 1000,
      });
    });
  });
}

/** The text of a notebook cell's source (stored as a string or a list of lines). */
export function cellSource(cell) {
  return Array.isArray(cell.source) ? cell.source.join("") : String(cell.source ?? "");
}

/** A cell's tags (metadata.tags), or an empty list. */
export function cellTags(cell) {
  return Array.isArray(cell.metadata?.tags) ? cell.metadata.tags : [];
}

/** The display helpers of notebooks/lib/show.ts; a code cell that awaits one shows at least one output. */
const DISPLAY_CALL = /\bawait\s+(show|table|keyNumbers)\(/;

/**
 * Code cells of an executed notebook that call a display helper yet carry no display output: what
 * Deno's kernel loses when, on a busy machine, a display message reaches Jupyter after the cell's
 * "idle" status (nbclient stops collecting a cell's outputs at that status). Used to execute such a
 * notebook again rather than fail on a lost message; a notebook that never displays fails as before.
 * @returns {number[]} 0-based indexes of the cells
 */
export function cellsMissingDisplays(notebook) {
  const missing = [];
  notebook.cells.forEach((cell, index) => {
    if (cell.cell_type !== "code" || !DISPLAY_CALL.test(cellSource(cell))) return;
    if (!(cell.outputs ?? []).some((output) => output.output_type === "display_data")) missing.push(index);
  });
  return missing;
}

/**
 * `executeNotebook`, executed again (up to `attempts` times in all) while it succeeds but
 * `cellsMissingDisplays` finds cells whose displays were lost. Resolves with the last run and the
 * number of runs it took.
 * @param {string} notebook
 * @param {string} outDir
 * @param {{ env?: Record<string, string>, cellTimeoutSeconds?: number, attempts?: number }} [options]
 */
export async function executeNotebookWithDisplays(notebook, outDir, options = {}) {
  const attempts = Math.max(1, options.attempts ?? 3);
  let runs = 0;
  for (;;) {
    const result = await executeNotebook(notebook, outDir, options);
    runs++;
    if (result.code !== 0 || !existsSync(result.output) || runs >= attempts) return { ...result, runs };
    if (cellsMissingDisplays(readNotebook(result.output)).length === 0) return { ...result, runs };
  }
}

/** Reads a notebook file. */
export function readNotebook(path) {
  return JSON.parse(readFileSync(path, "utf8"));
}

/**
 * The Vega-Lite specs a cell displayed (one per display output, under the first of
 * `vegaLiteMimeTypes` it carries).
 */
export function cellCharts(cell) {
  const specs = [];
  for (const output of cell.outputs ?? []) {
    const mime = vegaLiteMimeTypes.find((type) => output.data?.[type] !== undefined);
    if (mime !== undefined) specs.push(output.data[mime]);
  }
  return specs;
}

/** Every key number a notebook displayed (notebooks/lib/show.ts `keyNumbers`), by name. */
export function notebookKeyNumbers(notebook) {
  const numbers = {};
  for (const cell of notebook.cells) {
    for (const output of cell.outputs ?? []) {
      const record = output.data?.[keyNumbersMimeType];
      if (record !== undefined) Object.assign(numbers, record.values);
    }
  }
  return numbers;
}

/** Error outputs of every cell, as "name: value" texts. */
export function notebookErrors(notebook) {
  return notebook.cells.flatMap((cell) => (cell.outputs ?? []).filter((output) => output.output_type === "error").map((output) => `${output.ename}: ${output.evalue}`));
}
