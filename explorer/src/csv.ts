/**
 * CSV text for the explorer's downloads, in the exact format of `cascade simulate`'s files (RFC 4180,
 * comma-separated, `\n` line ends, a header row; empty cells for missing values; numbers in
 * JavaScript's shortest round-trip form; booleans as 1 and 0).
 *
 * The rules are those of `formatCell` in src/io/csv-writer.ts, repeated here because that module also
 * holds the file writer and imports `node:fs`, which a browser bundle cannot load (src/simulate/tables.ts
 * repeats `formatFixed` for the same reason). A test checks that both give the same text.
 *
 * Browser-safe: no `node:` imports.
 */
import type { TableCell } from "../../src/simulate/tables.js";

/** One cell as CSV text. */
export function csvCell(value: TableCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : Number.isNaN(value) ? "" : value > 0 ? "Inf" : "-Inf";
  if (typeof value === "boolean") return value ? "1" : "0";
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A whole table: the header, then one line per row. */
export function csvText(columns: readonly string[], rows: readonly (readonly TableCell[])[]): string {
  let text = columns.map(csvCell).join(",") + "\n";
  for (const row of rows) text += row.map(csvCell).join(",") + "\n";
  return text;
}
