// `npm run notebooks:test [-- NAME...]`: executes every teaching notebook (or those whose file name
// contains one of the NAMEs) headlessly with Jupyter's nbconvert and the pinned Deno kernel, into a
// temporary folder, and reports each notebook's wall time. Exit code 1 if any cell of any notebook
// failed, with nbconvert's message. The executed copies stay in the folder printed at the end, to be
// opened and read; the committed notebooks are never touched. The vitest suite does the same and
// also checks the charts and key numbers (tests/notebooks.test.ts).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { executeNotebook, findDeno, findNbconvert, listNotebooks, privateKernel } from "./jupyter.mjs";

const names = process.argv.slice(2);
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
let total = 0;
for (const notebook of notebooks) {
  const result = await executeNotebook(notebook, outDir, { env });
  total += result.seconds;
  const status = result.code === 0 ? "ok" : "FAILED";
  console.log(`${status.padEnd(6)} ${basename(notebook).padEnd(36)} ${result.seconds.toFixed(1).padStart(6)} s`);
  if (result.code !== 0) {
    failed += 1;
    console.log(result.stderr.split("\n").filter((line) => !/Debugger warning|frozen modules|PYDEVD|breakpoints|is unstable/.test(line)).join("\n"));
  }
}
console.log(`${notebooks.length - failed} of ${notebooks.length} notebooks ran without error in ${total.toFixed(1)} s; executed copies in ${outDir}`);
process.exitCode = failed > 0 ? 1 : 0;
