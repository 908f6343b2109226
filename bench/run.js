// `npm run bench [-- NAME ...]`: runs every bench/*.bench.js (or those whose name contains NAME), each
// in its own Node process so that peak-memory figures do not mix. Prints numbers; never fails on speed.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { repoRoot } from "./lib.js";

const filters = process.argv.slice(2);
const files = readdirSync(join(repoRoot, "bench"))
  .filter((f) => f.endsWith(".bench.js"))
  .filter((f) => filters.length === 0 || filters.some((name) => f.includes(name)))
  .sort();

console.log(`Cascade Lab benchmarks: node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? "unknown CPU"})`);
let failed = 0;
for (const file of files) {
  console.log(`\n## ${file.replace(".bench.js", "")}`);
  const result = spawnSync(process.execPath, ["--expose-gc", join(repoRoot, "bench", file)], { stdio: "inherit", cwd: repoRoot });
  if (result.status !== 0) failed += 1;
}
if (failed > 0) {
  console.error(`\n${failed} benchmark(s) failed to run`);
  process.exitCode = 1;
}
