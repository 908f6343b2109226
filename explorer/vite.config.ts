/**
 * Build of the classroom explorer (`npm run build:explorer`, part of `npm run build`): one
 * self-contained page, dist-explorer/index.html, that works opened straight from disk (file:) and
 * served by `cascade explore`.
 *
 * Why this shape:
 * - Chromium refuses module scripts and workers loaded from file: URLs, so the page holds its code
 *   inline as classic scripts (IIFE bundles), and the compute side (engine, analysis, chart builders,
 *   vega-lite) is embedded as text that the page starts as a worker from a Blob URL (see
 *   src/compute-client.ts). One file also survives being e-mailed or copied to a USB stick alone.
 * - Everything comes from the same src/ the command line uses: the bundles import src/ directly;
 *   nothing is copied.
 *
 * Steps: (1) the plugin `explorerCompute` bundles src/compute-entry.ts into one IIFE script in memory
 * and offers its text as the module `virtual:explorer-compute`; (2) the page's code (src/main.ts:
 * controls, vega views) is bundled as an IIFE; (3) `singleFilePage` writes index.html from the
 * template with the page's code inline and removes the separate script from the output.
 *
 * Vite 8 (Rolldown) was chosen over a hand-written esbuild script because it is already in the tree
 * through vitest and its library mode gives IIFE bundles with no further dependency.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build, defineConfig, type InlineConfig, type Plugin, type Rollup } from "vite";

const here = dirname(fileURLToPath(import.meta.url));
const computeModule = "virtual:explorer-compute";

/** Options shared by both bundles. */
const shared: InlineConfig = {
  configFile: false,
  root: here,
  logLevel: "warn",
  // Libraries may read process.env.NODE_ENV; a browser bundle has no `process`.
  define: { "process.env.NODE_ENV": JSON.stringify("production") },
};

/**
 * Text safe inside an inline <script>: "</script" would end the element and "<!--" changes how the
 * HTML parser reads the rest, so both are written with an escaped slash or bang, which means the same
 * inside JavaScript strings, templates and regular expressions.
 */
export function inlineScriptText(code: string): string {
  return code.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
}

/** The first JavaScript chunk of a bundle's output. */
function firstChunk(output: readonly (Rollup.OutputChunk | Rollup.OutputAsset)[]): Rollup.OutputChunk {
  const chunk = output.find((item): item is Rollup.OutputChunk => item.type === "chunk");
  if (chunk === undefined) throw new Error("the bundle produced no script");
  return chunk;
}

/** Step 1: the compute bundle, as text, behind `virtual:explorer-compute`. */
function explorerCompute(): Plugin {
  return {
    name: "cascade-explorer-compute",
    resolveId: (source) => (source === computeModule ? `\0${computeModule}` : undefined),
    async load(id) {
      if (id !== `\0${computeModule}`) return undefined;
      const result = await build({
        ...shared,
        build: {
          write: false,
          minify: true,
          target: "es2022",
          reportCompressedSize: false,
          lib: { entry: resolve(here, "src/compute-entry.ts"), formats: ["iife"], name: "cascadeExplorerComputeBundle", fileName: () => "compute.js" },
        },
      });
      const outputs = Array.isArray(result) ? result : [result];
      const output = (outputs[0] as Rollup.RollupOutput).output;
      return `export default ${JSON.stringify(firstChunk(output).code)};`;
    },
  };
}

/** Step 3: index.html with the page's script inline; the separate script is not written. */
function singleFilePage(): Plugin {
  return {
    name: "cascade-explorer-single-file",
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((item): item is Rollup.OutputChunk => item.type === "chunk");
      if (chunks.length !== 1) throw new Error(`expected one script, got ${chunks.length}`);
      const template = readFileSync(resolve(here, "index.html"), "utf8");
      const marker = "<!-- explorer-script -->";
      if (!template.includes(marker)) throw new Error(`explorer/index.html lacks the marker ${marker}`);
      const html = template.replace(marker, () => `<script>${inlineScriptText(chunks[0].code)}</script>`);
      for (const name of Object.keys(bundle)) delete bundle[name];
      this.emitFile({ type: "asset", fileName: "index.html", source: html });
    },
  };
}

export default defineConfig({
  ...shared,
  plugins: [explorerCompute(), singleFilePage()],
  build: {
    outDir: resolve(here, "..", "dist-explorer"),
    emptyOutDir: true,
    copyPublicDir: false,
    // EXPLORER_MINIFY=0 keeps names readable for profiling the page.
    minify: process.env["EXPLORER_MINIFY"] !== "0",
    target: "es2022",
    reportCompressedSize: false,
    // The nested compute build runs inside one plugin hook; Rolldown would report its time as slow.
    rolldownOptions: { checks: { bundlerTimings: false } },
    lib: { entry: resolve(here, "src/main.ts"), formats: ["iife"], name: "cascadeExplorerPage", fileName: () => "explorer.js" },
  },
});
