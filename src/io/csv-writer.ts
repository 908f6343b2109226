/**
 * Streaming CSV output (RFC 4180: comma-separated, `"`-quoted where needed, `\n` line ends).
 *
 * Rows are buffered into chunks of about 64 KiB and written with back-pressure, so a simulation of
 * many persons streams to disk without holding its rows in memory. Cells:
 * - `null`, `undefined` and NaN become an empty cell (the NA marker R's `read.csv` and pandas read);
 * - numbers use JavaScript's shortest round-trip form (`String(x)`), which the ECMAScript standard fixes
 *   exactly, so the same numbers give byte-identical files on every machine; `formatFixed` rounds;
 * - strings are quoted when they hold a comma, quote, or line break.
 */
import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";

export type Cell = string | number | boolean | null | undefined;

/** One cell as CSV text. */
export function formatCell(value: Cell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : Number.isNaN(value) ? "" : value > 0 ? "Inf" : "-Inf";
  if (typeof value === "boolean") return value ? "1" : "0";
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * `value` rounded to `digits` decimals, as a number whose shortest form has at most that many
 * decimals (keeps files small where full double precision is noise, as for latent states).
 */
export function formatFixed(value: number, digits: number): number {
  if (!Number.isFinite(value)) return value;
  const factor = 10 ** digits;
  const rounded = Math.round(value * factor) / factor;
  return rounded === 0 ? 0 : rounded; // no "-0"
}

/** One row as a CSV line, with its line end. */
export function formatRow(values: readonly Cell[]): string {
  let line = "";
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += ",";
    line += formatCell(values[i]);
  }
  return line + "\n";
}

/** Writes a CSV file row by row. Call `close()` and await it before using the file. */
export class CsvWriter {
  private readonly stream: WriteStream;
  private buffer = "";
  private failure: Error | undefined;
  readonly columns: readonly string[];
  rowCount = 0;

  constructor(path: string, columns: readonly string[], private readonly chunkSize = 1 << 16) {
    this.columns = columns;
    this.stream = createWriteStream(path, { encoding: "utf8" });
    this.stream.on("error", (error) => {
      this.failure = error;
    });
    this.buffer = formatRow(columns);
  }

  /** Appends one row; resolves when the buffer may take more (back-pressure). */
  async write(values: readonly Cell[]): Promise<void> {
    if (values.length !== this.columns.length) {
      throw new Error(`CsvWriter: row has ${values.length} cells, header has ${this.columns.length}`);
    }
    this.buffer += formatRow(values);
    this.rowCount += 1;
    if (this.buffer.length >= this.chunkSize) await this.flush();
  }

  /** Appends text already formatted by `formatRow` (for rows produced in worker threads). */
  async writeFormatted(text: string, rows: number): Promise<void> {
    this.buffer += text;
    this.rowCount += rows;
    if (this.buffer.length >= this.chunkSize) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.buffer === "") return;
    const ok = this.stream.write(this.buffer);
    this.buffer = "";
    if (!ok) await once(this.stream, "drain");
    if (this.failure) throw this.failure;
  }

  /** Writes what is buffered and closes the file. */
  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, "finish");
    if (this.failure) throw this.failure;
  }
}
