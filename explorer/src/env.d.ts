/** Modules made by the build (explorer/vite.config.ts). */

/** The compute bundle (compute-entry.ts and everything it imports) as the text of one classic script. */
declare module "virtual:explorer-compute" {
  const source: string;
  export default source;
}

/** A file's text (Vite's `?raw` import). */
declare module "*?raw" {
  const text: string;
  export default text;
}
