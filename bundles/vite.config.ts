/**
 * Build of the worker-thread bundles (`npm run build:workers`, part of `npm run build`):
 * dist/bundles/sweep-worker.js, the module that `cascade sweep --workers N` runs in each worker
 * thread, with its dependencies (zod, yaml, seedrandom, simple-statistics) inlined, and likewise
 * power-worker.js, trial-worker.js and validate-worker.js for `cascade power`, `cascade trial` and
 * `cascade validate`. Code the entries share goes into a few chunk files beside them, so each worker
 * loads its entry and those chunks instead of a hundred modules.
 *
 * Why: a worker thread is a fresh V8 isolate that loads its module graph from scratch. Unbundled, the
 * sweep worker resolves and compiles about a hundred files under dist/ and node_modules/ (module
 * resolution, file reads and a module record each); the bundle loads in a fraction of that time, and
 * a sweep's worker starts computing sooner (measured in docs/sweeps.md, Speed). src/sweep/run.ts
 * falls back to the unbundled dist/sweep/worker.js when the bundle is missing or older than the tsc
 * output (a build that ran tsc alone), so a stale bundle never runs.
 *
 * Why Vite: Vite 8 (with Rolldown) is already in the tree and builds the classroom explorer
 * (explorer/vite.config.ts); its SSR build targets Node (node: modules stay external) and
 * `ssr.noExternal` inlines the npm dependencies, so no further bundler is needed.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const root = fileURLToPath(new URL("..", import.meta.url));

export default defineConfig({
  root,
  logLevel: "warn",
  // Bundle every npm dependency into the file; only Node's own modules stay imports.
  ssr: { noExternal: true, target: "node" },
  build: {
    ssr: true,
    target: "node20",
    outDir: "dist/bundles",
    emptyOutDir: true,
    minify: false,
    sourcemap: true,
    copyPublicDir: false,
    rolldownOptions: {
      input: {
        "sweep-worker": "src/sweep/worker.ts",
        "power-worker": "src/power/worker.ts",
        "trial-worker": "src/trial/worker.ts",
        "validate-worker": "src/validate/worker.ts",
      },
      output: { format: "es", entryFileNames: "[name].js" },
    },
  },
});
