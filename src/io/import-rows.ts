/**
 * From parsed CSV rows (arrays of cell texts) to persons' ESM series, with the checks that make a
 * researcher trust the result. Browser-safe: the CSV parsing is in `import-text.ts`, the file access
 * in `import-file.ts`.
 *
 * Checks, each an error naming the file, the row (the header is row 1, so rows are line numbers when
 * no quoted field holds a line break) and the column:
 * - a missing or empty id, day or beep; a day or beep that is not a whole number (or, for days, a date);
 * - an item value that is neither a number nor an NA marker;
 * - the same person, day and beep twice;
 * - a person's time going backwards in (day, beep) order;
 * - a group column that changes within a person.
 */
import type { PersonSeries } from "../analysis/types.js";
import { CascadeError, describeValue } from "../errors.js";
import type { ColumnPositions, DuplicatePolicy, ImportMapping } from "./import-mapping.js";
import { parseClock, parseDay, parseLocalIsoFast, parseTimestamp } from "./import-time.js";

/** One decoded row. */
export interface DecodedRow {
  id: string;
  group: string | undefined;
  day: number;
  beep: number;
  time: number;
  values: Float64Array;
  row: number;
}

/**
 * Turns cell texts into typed values, or throws a CascadeError naming the file, row and column.
 * `decode` returns the same scratch object every time (valid until the next call): the assembler
 * copies what it needs, so no object is allocated per row.
 */
export class RowDecoder {
  private readonly naMarkers: Set<string>;
  private readonly scratch: DecodedRow;
  private readonly dayCache = { prefix: "\u0000", days: 0 };
  /** Whether some NA marker reads as a number (such as -99). */
  private readonly numericMarkers: boolean;
  /** The last person id that passed the missing-id check. */
  private lastId: string | undefined;
  /** The last group cell and what it meant (a group, or undefined for an NA marker). */
  private lastGroupText: string | undefined;
  private lastGroup: string | undefined;

  constructor(
    private readonly mapping: ImportMapping,
    private readonly columns: ColumnPositions,
    private readonly header: readonly string[],
    private readonly file: string,
  ) {
    this.naMarkers = new Set(mapping.naMarkers);
    this.numericMarkers = mapping.naMarkers.some((marker) => marker.trim() !== "" && Number.isFinite(Number(marker)));
    this.scratch = { id: "", group: undefined, day: 0, beep: 0, time: 0, values: new Float64Array(columns.variables.length), row: 0 };
  }

  /** Variable names in the order of `DecodedRow.values`. */
  get variableNames(): string[] {
    return this.columns.variables.map((v) => v.name);
  }

  private fail(detail: string, row: number, position: number): never {
    throw new CascadeError(detail, { file: this.file, row, column: this.header[position] });
  }

  private isMissing(text: string): boolean {
    if (this.naMarkers.has(text)) return true;
    // Only texts with surrounding white space need trimming (rare; avoids a copy per cell).
    const length = text.length;
    return length > 0 && (text.charCodeAt(0) <= 32 || text.charCodeAt(length - 1) <= 32) && this.naMarkers.has(text.trim());
  }

  private wholeNumber(cells: readonly string[], position: number, row: number, what: string, allowDate: boolean): number {
    const raw = cells[position] ?? "";
    // Plain digits (the usual day and beep): no NA marker can read as one unless a marker is numeric.
    const quick = plainInteger(raw);
    if (!Number.isNaN(quick) && !this.numericMarkers) return quick;
    const text = trimmed(raw);
    if (text === "" || this.naMarkers.has(text)) this.fail(`the ${what} is missing`, row, position);
    const value = Number(text);
    if (Number.isInteger(value)) return value;
    if (allowDate) {
      const parsed = parseDay(text, this.mapping.dateFormat);
      if ("value" in parsed) return parsed.value;
    }
    return this.fail(`expected a whole number${allowDate ? " or a date" : ""} for the ${what}, got ${describeValue(text)}`, row, position);
  }

  private timeOf(cells: readonly string[], row: number): number {
    const { time, date } = this.columns;
    if (time < 0) return Number.NaN;
    const raw = cells[time] ?? "";
    if (date < 0) {
      const fast = parseLocalIsoFast(raw, this.dayCache);
      if (!Number.isNaN(fast)) return fast;
    }
    const text = trimmed(raw);
    if (this.isMissing(text)) return Number.NaN;
    if (date >= 0) {
      const dateText = (cells[date] ?? "").trim();
      if (this.isMissing(dateText)) return Number.NaN;
      const day = parseDay(dateText, this.mapping.dateFormat);
      if ("error" in day) this.fail(`${describeValue(dateText)} ${day.error}`, row, date);
      const clock = parseClock(text);
      if ("error" in clock) {
        const full = parseTimestamp(text, this.mapping.dateFormat);
        if ("value" in full) return full.value;
        this.fail(`${describeValue(text)} ${clock.error}`, row, time);
      }
      return day.value * 24 + clock.value;
    }
    const parsed = parseTimestamp(text, this.mapping.dateFormat);
    if ("error" in parsed) this.fail(`${describeValue(text)} ${parsed.error}`, row, time);
    return parsed.value;
  }

  /** Decodes one row (cells as parsed, `row` its number in the file). */
  decode(cells: readonly string[], row: number): DecodedRow {
    const { columns } = this;
    let id = "1";
    if (columns.id >= 0) {
      id = trimmed(cells[columns.id] ?? "");
      // Rows of one person follow each other: an id equal to the last one checked needs no check.
      if (id !== this.lastId) {
        if (id === "" || this.naMarkers.has(id)) this.fail("the person id is missing", row, columns.id);
        this.lastId = id;
      }
    }
    const day = this.wholeNumber(cells, columns.day, row, "day", true);
    const beep = this.wholeNumber(cells, columns.beep, row, "beep", false);
    const values = this.scratch.values;
    for (let k = 0; k < columns.variables.length; k++) {
      const position = columns.variables[k].position;
      const text = cells[position] ?? "";
      // Numbers first (the common case, no set lookup), then NA markers; a marker that looks like a
      // number (-99) is honoured through `numericMarkers`.
      const quick = plainInteger(text);
      const value = !Number.isNaN(quick) ? quick : text === "" ? Number.NaN : Number(text);
      if (Number.isFinite(value) && !(value === 0 && text.trim() === "") && !(this.numericMarkers && this.naMarkers.has(trimmed(text)))) {
        values[k] = value;
        continue;
      }
      if (this.isMissing(text)) {
        values[k] = Number.NaN;
        continue;
      }
      this.fail(`expected a number or an NA marker (${this.mapping.naMarkers.map((m) => (m === "" ? "empty" : m)).join(", ")}), got ${describeValue(text)}`, row, position);
    }
    let group: string | undefined;
    if (columns.group >= 0) {
      const text = trimmed(cells[columns.group] ?? "");
      if (text === this.lastGroupText) group = this.lastGroup;
      else {
        group = this.isMissing(text) ? undefined : text;
        this.lastGroupText = text;
        this.lastGroup = group;
      }
    }
    const scratch = this.scratch;
    scratch.id = id;
    scratch.group = group;
    scratch.day = day;
    scratch.beep = beep;
    scratch.time = this.timeOf(cells, row);
    scratch.row = row;
    return scratch;
  }
}

/**
 * Collects one person's decoded rows and builds the person's series: occasions sorted by (day, beep)
 * whatever the row order in the file, then checked for duplicates and for time going backwards.
 */
export class PersonAssembler {
  private days = new Float64Array(256);
  private beeps = new Float64Array(256);
  private times = new Float64Array(256);
  private rows = new Float64Array(256);
  private values: Float64Array[];
  private count = 0;
  private group: string | undefined;
  private groupRow = 0;

  constructor(
    readonly id: string,
    private readonly variableNames: readonly string[],
    private readonly file: string,
    private readonly columnNames: { day: string; beep: string; time?: string; group?: string },
    private readonly duplicates: DuplicatePolicy = "error",
  ) {
    this.values = variableNames.map(() => new Float64Array(256));
  }

  /** Number of rows collected. */
  get size(): number {
    return this.count;
  }

  private grow(): void {
    const larger = (array: Float64Array): Float64Array<ArrayBuffer> => {
      const copy = new Float64Array(array.length * 2);
      copy.set(array);
      return copy;
    };
    this.days = larger(this.days);
    this.beeps = larger(this.beeps);
    this.times = larger(this.times);
    this.rows = larger(this.rows);
    this.values = this.values.map(larger);
  }

  /** Adds one decoded row of this person. */
  add(row: DecodedRow): void {
    if (row.group !== undefined) {
      if (this.group === undefined) {
        this.group = row.group;
        this.groupRow = row.row;
      } else if (row.group !== this.group) {
        throw new CascadeError(
          `person ${describeValue(this.id)} is in group ${describeValue(row.group)} here but in ${describeValue(this.group)} at row ${this.groupRow}; a person belongs to one group`,
          { file: this.file, row: row.row, column: this.columnNames.group },
        );
      }
    }
    if (this.count === this.days.length) this.grow();
    const i = this.count++;
    this.days[i] = row.day;
    this.beeps[i] = row.beep;
    this.times[i] = row.time;
    this.rows[i] = row.row;
    for (let k = 0; k < this.values.length; k++) this.values[k][i] = row.values[k];
  }

  /** The person's series, sorted and checked. */
  build(): PersonSeries {
    const n = this.count;
    let order: number[] | undefined;
    for (let i = 1; i < n; i++) {
      if (this.days[i] < this.days[i - 1] || (this.days[i] === this.days[i - 1] && this.beeps[i] <= this.beeps[i - 1])) {
        order = Array.from({ length: n }, (_, k) => k);
        order.sort((a, b) => this.days[a] - this.days[b] || this.beeps[a] - this.beeps[b] || this.rows[a] - this.rows[b]);
        break;
      }
    }
    const pick = (source: Float64Array): Float64Array => (order === undefined ? source.slice(0, n) : Float64Array.from(order, (k) => source[k]));
    const day = pick(this.days);
    const beep = pick(this.beeps);
    const time = pick(this.times);
    const rowOf = (i: number): number => (order === undefined ? this.rows[i] : this.rows[order[i]]);
    let lastTimed = -1;
    for (let i = 0; i < n; i++) {
      if (i > 0 && day[i] === day[i - 1] && beep[i] === beep[i - 1] && this.duplicates === "error") {
        const [earlier, later] = [rowOf(i - 1), rowOf(i)].sort((a, b) => a - b);
        throw new CascadeError(
          `person ${describeValue(this.id)} has day ${day[i]} beep ${beep[i]} twice (also at row ${earlier}); each person, day and beep must appear once (or use --duplicates keep)`,
          { file: this.file, row: later, column: this.columnNames.beep },
        );
      }
      if (!Number.isNaN(time[i])) {
        if (lastTimed >= 0 && time[i] < time[lastTimed]) {
          throw new CascadeError(
            `time goes backwards for person ${describeValue(this.id)}: day ${day[i]} beep ${beep[i]} is ${formatHours(time[lastTimed] - time[i])} earlier than day ${day[lastTimed]} beep ${beep[lastTimed]} (row ${rowOf(lastTimed)})`,
            { file: this.file, row: rowOf(i), column: this.columnNames.time },
          );
        }
        lastTimed = i;
      }
    }
    const variables: Record<string, Float64Array> = {};
    this.variableNames.forEach((name, k) => {
      variables[name] = pick(this.values[k]);
    });
    return { id: this.id, group: this.group, day, beep, time, variables };
  }
}

function formatHours(hours: number): string {
  const minutes = Math.round(hours * 60);
  return minutes < 120 ? `${minutes} min` : `${(hours).toFixed(1)} h`;
}

/**
 * The value of a cell of plain decimal digits with an optional leading minus (at most 15 digits, so
 * exact), computed without `Number()`; NaN for any other text (the caller then uses `Number()`, which
 * gives the same value for these texts).
 */
function plainInteger(text: string): number {
  const length = text.length;
  if (length === 0 || length > 15) return Number.NaN;
  const negative = text.charCodeAt(0) === 45;
  let i = negative ? 1 : 0;
  if (i === length) return Number.NaN;
  let value = 0;
  for (; i < length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  return negative ? -value : value;
}

/** The text without surrounding white space, without copying when there is none (the usual case). */
function trimmed(text: string): string {
  const length = text.length;
  return length > 0 && (text.charCodeAt(0) <= 32 || text.charCodeAt(length - 1) <= 32) ? text.trim() : text;
}
