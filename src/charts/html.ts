/**
 * Standalone HTML pages for charts (Node only): the page template of `page.ts` with the Vega
 * libraries inlined.
 *
 * The browser builds of vega, vega-lite and vega-embed (about 830 KB together, minified) are read from
 * the installed packages and inlined into every page, rather than loaded from a CDN or copied beside
 * the page. Inlining makes each page one self-contained file: it opens offline, from a USB stick or an
 * e-mail attachment, and cannot lose its scripts when it is moved or copied alone; the size is a small
 * price for a classroom handout. The versions are exactly those the charts were built and tested with.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { buildPage, type PageContent } from "./page.js";

export type { PageChart, PageContent } from "./page.js";

/** Package entry points and the browser build that sits beside each (their `exports` hide the builds). */
const browserBuilds: ReadonlyArray<readonly [string, string]> = [
  ["vega", "vega.min.js"],
  ["vega-lite", "vega-lite.min.js"],
  ["vega-embed", "vega-embed.min.js"],
];

let cachedLibraries: string[] | undefined;

/** The texts of the vega, vega-lite and vega-embed browser builds, read once from node_modules. */
export function vegaBrowserLibraries(): readonly string[] {
  if (cachedLibraries === undefined) {
    const require = createRequire(import.meta.url);
    // The builds end with a source-map comment; a page that must work offline should not point to files it lacks.
    cachedLibraries = browserBuilds.map(([name, file]) =>
      readFileSync(join(dirname(require.resolve(name)), file), "utf8").replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, "\n"),
    );
  }
  return cachedLibraries;
}

/** A complete offline HTML page with `content`'s charts (see `buildPage` in `page.ts`). */
export function chartPage(content: PageContent): string {
  return buildPage(content, vegaBrowserLibraries());
}
