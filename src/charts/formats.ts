/**
 * The output formats of a chart, named by their file extension (kept apart from `render.ts` so that
 * the command line can check `--out` without loading the Vega libraries).
 */
import { CascadeError } from "../errors.js";

/** The output formats, named by their file extension. */
export const chartFormats = ["vl.json", "svg", "png", "html"] as const;
export type ChartFormat = (typeof chartFormats)[number];

/** The format a path's extension asks for; throws a CascadeError naming the path otherwise. */
export function formatFromPath(path: string, label = "--out"): ChartFormat {
  const lower = path.toLowerCase();
  for (const format of chartFormats) if (lower.endsWith(`.${format}`)) return format;
  throw new CascadeError(
    `${label} ${path}: the extension picks the format; expected one of ${chartFormats.map((f) => `.${f}`).join(", ")}`,
  );
}
