// `npm run notebooks:test [-- NAME...]`: executes every teaching notebook (or those whose file name
// contains one of the NAMEs) headlessly with Jupyter's nbconvert and the pinned Deno kernel, into a
// temporary folder, and reports each notebook's wall time. Exit code 1 if any cell of any notebook
// failed, with nbconvert's message. The executed copies stay in the folder printed at the end, to be
// opened and read; the committed notebooks are never touched. The vitest suite does the same and
// also checks the charts and key numbers (tests/notebooks.test.ts).
//
// Each run also names the display cells that came back without a display output
// (`cellsMissingDisplays`: a display lost on a busy machine, see notebooks/lib/show.ts). With
// `--repeat N` every notebook runs N times, to count such losses, for example while another job loads
// the machine: `npm run notebooks:test -- --repeat 4 04 05`.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { cellsMissingDisplays, executeNotebook, findDeno, findNbconvert, listNotebooks, privateKernel, readNotebook } from "./jupyter.mjs";

const args = process.argv.slice(2);
const repeatAt = args.indexOf("--repeat");
const repeat = repeatAt < 0 ? 1 : Number(args[repeatAt + 1]);
if (!Number.isInteger(repeat) || repeat < 1) {
  console.error(`notebooks:test: --repeat expects a whole number of runs >= 1, got ${args[repeatAt + 1] ?? "nothing"}`);
  process.exit(1);
}
const names = repeatAt < 0 ? args : [...args.slice(0, repeatAt), ...args.slice(repeatAt + 2)];
const nbconvert = findNbconvert();
const deno = findDeno();
for (const found of [nbconvert, deno]) {
  if ("error" in found) {
    console.error(`notebooks:test: ${found.error}`);
    process.exit(1);
  }
}
const notebooks = listNotebooks().filter((path) => names.length === 0 || names.some((name) => basename(path).includes(name)));
if (notebooks.length === 0) {
  console.error(`notebooks:test: no notebook matches ${names.join(", ")}`);
  process.exit(1);
}
const work = mkdtempSync(join(tmpdir(), "cascade-notebooks-"));
const env = privateKernel(join(work, "jupyter"), deno.path);
const outDir = join(work, "executed");
let failed = 0;
let lost = 0;
let runs = 0;
let total = 0;
for (const notebook of notebooks) {
  for (let run = 1; run <= repeat; run++) {
    const result = await executeNotebook(notebook, repeat === 1 ? outDir : join(outDir, `run-${run}`), { env });
    runs += 1;
    total += result.seconds;
    const missing = result.code === 0 ? cellsMissingDisplays(readNotebook(result.output)) : [];
    if (missing.length > 0) lost += 1;
    const status = result.code !== 0 ? "FAILED" : missing.length > 0 ? "LOST" : "ok";
    const label = repeat === 1 ? basename(notebook) : `${basename(notebook)} (run ${run})`;
    const note = missing.length > 0 ? `  no display output in cell${missing.length > 1 ? "s" : ""} ${missing.map((index) => index + 1).join(", ")}` : "";
    console.log(`${status.padEnd(6)} ${label.padEnd(44)} ${result.seconds.toFixed(1).padStart(6)} s${note}`);
    if (result.code !== 0) {
      failed += 1;
      console.log(result.stderr.split("\n").filter((line) => !/Debugger warning|frozen modules|PYDEVD|breakpoints|is unstable/.test(line)).join("\n"));
    }
  }
}
console.log(`${runs - failed} of ${runs} notebook runs without error, ${lost} with a display lost, in ${total.toFixed(1)} s; executed copies in ${outDir}`);
process.exitCode = failed > 0 ? 1 : 0;
