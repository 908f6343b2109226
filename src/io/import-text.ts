/**
 * Parsing ESM tables (CSV or TSV) chunk by chunk, and grouping their rows into persons.
 *
 * CSV parser: uDSV (`udsv` on npm). Measured on this project's benchmark file (1.68 million rows,
 * 110 MB, 14 columns), parsing only, Node 20 on the 2-core development machine: uDSV 0.8-0.9 million
 * rows/s, Papa Parse 0.44 million rows/s, csv-parse 0.07 million rows/s (and a naive split on commas,
 * which does not handle quoting, 0.6 million rows/s). uDSV is RFC 4180 compliant (quoted fields with
 * separators, doubled quotes and line breaks), has an incremental `chunk()` API so a file never has to
 * be in memory, is 5 KB without dependencies, and runs in the browser too.
 *
 * Handled here, around the parser: a byte-order mark, CRLF or LF line ends (taken from the header
 * line), and the separator: tab for `.tsv`/`.tab`/`.txt` files whose header has tabs, comma for `.csv`,
 * otherwise whichever of tab, semicolon or comma the header line holds most of.
 *
 * Browser-safe (no `node:` imports).
 */
import { inferSchema, initParser, type Parser, type Schema } from "udsv";
import type { PersonSeries } from "../analysis/types.js";
import { CascadeError, describeValue } from "../errors.js";
import { locateColumns, type ImportMapping } from "./import-mapping.js";
import { PersonAssembler, RowDecoder, type DecodedRow } from "./import-rows.js";

/** Chooses the separator from the file name and the header line. */
export function detectSeparator(file: string, headerLine: string): string {
  const count = (character: string): number => headerLine.split(character).length - 1;
  const tabs = count("\t");
  const lower = file.toLowerCase();
  if (lower.endsWith(".csv") && count(",") > 0) return ",";
  if ((lower.endsWith(".tsv") || lower.endsWith(".tab") || lower.endsWith(".txt")) && tabs > 0) return "\t";
  const candidates: [string, number][] = [["\t", tabs], [";", count(";")], [",", count(",")]];
  candidates.sort((a, b) => b[1] - a[1]);
  return candidates[0][1] > 0 ? candidates[0][0] : ",";
}

/** Receives the rows of a table as cell texts, with their row numbers (header = row 1). */
export interface RowSink {
  header(names: readonly string[]): void;
  row(cells: readonly string[], rowNumber: number): void;
}

/**
 * Feeds text chunks of a CSV/TSV table to uDSV and passes each row to `sink`. Call `push` for each
 * chunk in order, then `end`.
 *
 * Two uDSV parsers: as long as no quote character has been seen, whole lines are handed to a parser
 * without quote handling (about 25% faster on this project's files); from the first chunk that holds
 * a `"` on, the rest goes to an incremental RFC 4180 parser. Both start at a row boundary, so the
 * switch is exact.
 */
export class TableChunker {
  private fast: Parser | undefined;
  private quoted: Parser | undefined;
  private quotedSchema: Schema | undefined;
  private pending = "";
  private carry = "";
  private rowNumber = 1;
  private first = true;
  private started = false;
  /** A carriage return held back from the end of a chunk, so that a CRLF split between chunks stays one line end. */
  private heldReturn = "";
  private readonly onRow: (cells: string[]) => void;

  constructor(private readonly file: string, private readonly sink: RowSink) {
    this.onRow = (cells) => {
      this.rowNumber++;
      if (cells.length === 1 && cells[0] === "") return; // blank line
      this.sink.row(cells, this.rowNumber);
    };
  }

  push(chunk: string): void {
    let text = chunk;
    if (this.first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      this.first = false;
    }
    if (!this.started) {
      this.pending += text;
      if (this.pending.indexOf("\n") < 0) return;
      text = this.pending;
      this.pending = "";
      text = this.start(text);
    }
    this.feed(text);
  }

  end(): void {
    if (!this.started) {
      if (this.pending.trim() === "") throw new CascadeError("is empty: expected a header line and rows", { file: this.file });
      this.feed(this.start(this.pending + "\n"));
    }
    if (this.quoted !== undefined) {
      if (this.heldReturn !== "") {
        this.heldReturn = "";
        this.quoted.chunk<string[]>("\n", this.quoted.stringArrs, this.onRow);
      }
      this.quoted.end();
    } else if (this.carry !== "") {
      this.fast!.stringArrs<string[]>(this.carry, this.onRow);
      this.carry = "";
    }
  }

  /** Reads the header line, sets up the parsers; returns the text after the header line. */
  private start(text: string): string {
    const lineEnd = text.indexOf("\n");
    const headerLine = text.slice(0, lineEnd).replace(/\r$/, "");
    const crlf = lineEnd > 0 && text[lineEnd - 1] === "\r";
    const options = { col: detectSeparator(this.file, headerLine), row: crlf ? "\r\n" : "\n", header: () => [] };
    this.fast = initParser(inferSchema(text, { ...options, encl: "" }, 1));
    this.quotedSchema = inferSchema(text, { ...options, encl: '"' }, 1);
    const headerParser = initParser(this.quotedSchema);
    const names = headerParser.stringArrs<string[]>(headerLine)[0] ?? [];
    this.started = true;
    this.sink.header(names.map((name) => name.trim()));
    return text.slice(lineEnd + 1);
  }

  private feed(chunk: string): void {
    if (this.quoted === undefined) {
      const text = this.carry + chunk;
      if (text.indexOf('"') < 0) {
        const cut = text.lastIndexOf("\n");
        if (cut < 0) {
          this.carry = text;
          return;
        }
        this.carry = text.slice(cut + 1);
        this.fast!.stringArrs<string[]>(text.slice(0, cut + 1), this.onRow);
        return;
      }
      // A quote from here on: switch to the RFC 4180 parser, starting at the row boundary in `carry`.
      this.carry = "";
      this.quoted = initParser(this.quotedSchema!);
      chunk = text;
    }
    let text = this.heldReturn + chunk;
    this.heldReturn = "";
    if (text.endsWith("\r")) {
      this.heldReturn = "\r";
      text = text.slice(0, -1);
    }
    if (text !== "") this.quoted.chunk<string[]>(text, this.quoted.stringArrs, this.onRow);
  }
}

/** Thrown by `ContiguousPersons` when a person's rows are not together; callers fall back to `GroupedPersons`. */
export class NonContiguousPersonsError extends CascadeError {
  constructor(file: string, row: number, id: string) {
    super(`the rows of person ${describeValue(id)} are not together (they start again here); reading the whole file into memory instead`, { file, row });
    this.name = "NonContiguousPersonsError";
  }
}

/** Decodes rows of one table with a mapping (the header comes first). */
abstract class PersonRows implements RowSink {
  protected decoder: RowDecoder | undefined;
  protected names: { day: string; beep: string; time?: string; group?: string } = { day: "", beep: "" };

  constructor(protected readonly file: string, protected readonly mapping: ImportMapping) {}

  header(names: readonly string[]): void {
    const columns = locateColumns(names, this.mapping, this.file);
    this.decoder = new RowDecoder(this.mapping, columns, names, this.file);
    this.names = { day: this.mapping.day, beep: this.mapping.beep, time: this.mapping.time, group: this.mapping.group };
  }

  row(cells: readonly string[], rowNumber: number): void {
    this.accept(this.decoder!.decode(cells, rowNumber));
  }

  protected assembler(id: string): PersonAssembler {
    return new PersonAssembler(id, this.decoder!.variableNames, this.file, this.names, this.mapping.duplicates);
  }

  protected abstract accept(row: DecodedRow): void;
}

/**
 * Streams persons whose rows are together in the file (any order within a person, any order of
 * persons): a person is complete when the next person's rows begin, so memory holds one person at a
 * time. A person whose rows start again later raises `NonContiguousPersonsError`.
 */
export class ContiguousPersons extends PersonRows {
  private current: PersonAssembler | undefined;
  private readonly finished = new Set<string>();

  constructor(file: string, mapping: ImportMapping, private readonly emit: (person: PersonSeries) => void) {
    super(file, mapping);
  }

  protected accept(row: DecodedRow): void {
    if (this.current === undefined || this.current.id !== row.id) {
      if (this.current !== undefined) this.close();
      if (this.finished.has(row.id)) throw new NonContiguousPersonsError(this.file, row.row, row.id);
      this.current = this.assembler(row.id);
    }
    this.current.add(row);
  }

  private close(): void {
    const person = this.current!;
    this.finished.add(person.id);
    this.current = undefined;
    this.emit(person.build());
  }

  /** Emits the last person. */
  finish(): void {
    if (this.current !== undefined) this.close();
  }
}

/** Collects every person in memory whatever the row order (persons in order of first appearance). */
export class GroupedPersons extends PersonRows {
  private readonly byId = new Map<string, PersonAssembler>();

  protected accept(row: DecodedRow): void {
    let assembler = this.byId.get(row.id);
    if (assembler === undefined) {
      assembler = this.assembler(row.id);
      this.byId.set(row.id, assembler);
    }
    assembler.add(row);
  }

  /** Every person's series. */
  persons(): PersonSeries[] {
    return [...this.byId.values()].map((assembler) => assembler.build());
  }
}

/**
 * Parses a whole ESM table held in memory (browser, tests) into persons, any row order.
 *
 * @example
 * parseEsmText("id,day,beep,sad\n1,1,1,3\n1,1,2,4\n", "x.csv", completeMapping({ items: ["sad"] }));
 */
export function parseEsmText(text: string, file: string, mapping: ImportMapping): PersonSeries[] {
  const grouped = new GroupedPersons(file, mapping);
  const chunker = new TableChunker(file, grouped);
  chunker.push(text);
  chunker.end();
  return grouped.persons();
}
