// `npm run notebooks:setup`: registers the Deno kernel with Jupyter and VS Code, using this
// repository's pinned Deno (devDependency `deno`), and says whether headless execution will work.
//
// `deno jupyter --install --force` writes the user's kernelspec "deno" (on Linux
// ~/.local/share/jupyter/kernels/deno/kernel.json) pointing at this Deno binary; JupyterLab, Jupyter
// Notebook and VS Code's Jupyter extension all find kernels there. It replaces an existing "deno"
// kernelspec, so a Deno installed elsewhere stops being the notebooks' kernel until it is installed
// again. No Python is needed for this step; `jupyter nbconvert` (for `npm run notebooks:test`) is
// checked and reported, not installed.
import { spawnSync } from "node:child_process";
import { aptPackages, findDeno, findNbconvert, repoRoot } from "./jupyter.mjs";

const deno = findDeno();
if ("error" in deno) {
  console.error(`notebooks:setup: ${deno.error}`);
  process.exit(1);
}
const install = spawnSync(deno.path, ["jupyter", "--install", "--force"], { cwd: repoRoot, encoding: "utf8" });
process.stdout.write(install.stdout);
process.stderr.write(install.stderr.split("\n").filter((line) => !line.includes("is unstable")).join("\n"));
if (install.status !== 0) {
  console.error(`notebooks:setup: \`${deno.path} jupyter --install\` failed (exit ${install.status})`);
  process.exit(1);
}
const version = spawnSync(deno.path, ["--version"], { encoding: "utf8" }).stdout.split("\n")[0];
console.log(`Kernel "deno" now runs ${deno.path} (${version}).`);
console.log("Open notebooks/01-tour.ipynb in VS Code (Jupyter extension) or JupyterLab and pick the kernel \"Deno\".");
const nbconvert = findNbconvert();
if ("error" in nbconvert) {
  console.log(`For \`npm run notebooks:test\` (headless execution) you also need Jupyter's nbconvert: ${nbconvert.error}`);
  console.log(`(Debian packages: ${aptPackages.join(" ")}.)`);
} else {
  console.log(`jupyter-nbconvert ${nbconvert.version} found: \`npm run notebooks:test\` executes every notebook headlessly.`);
}
