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
import { parseClock, parseDay, parseTimestamp } from "./import-time.js";

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

/** Turns cell texts into typed values, or throws a CascadeError naming the file, row and column. */
export class RowDecoder {
  private readonly naMarkers: Set<string>;

  constructor(
    private readonly mapping: ImportMapping,
    private readonly columns: ColumnPositions,
    private readonly header: readonly string[],
    private readonly file: string,
  ) {
    this.naMarkers = new Set(mapping.naMarkers);
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
    const text = (cells[position] ?? "").trim();
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
    const text = (cells[time] ?? "").trim();
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
      id = (cells[columns.id] ?? "").trim();
      if (id === "" || this.naMarkers.has(id)) this.fail("the person id is missing", row, columns.id);
    }
    const day = this.wholeNumber(cells, columns.day, row, "day", true);
    const beep = this.wholeNumber(cells, columns.beep, row, "beep", false);
    const values = new Float64Array(columns.variables.length);
    for (let k = 0; k < columns.variables.length; k++) {
      const position = columns.variables[k].position;
      const text = cells[position] ?? "";
      if (this.isMissing(text)) {
        values[k] = Number.NaN;
        continue;
      }
      const value = Number(text);
      if (!Number.isFinite(value) || text.trim() === "") {
        this.fail(`expected a number or an NA marker (${this.mapping.naMarkers.map((m) => (m === "" ? "empty" : m)).join(", ")}), got ${describeValue(text)}`, row, position);
      }
      values[k] = value;
    }
    let group: string | undefined;
    if (columns.group >= 0) {
      const text = (cells[columns.group] ?? "").trim();
      group = this.isMissing(text) ? undefined : text;
    }
    return { id, group, day, beep, time: this.timeOf(cells, row), values, row };
  }
}

/**
 * Collects one person's decoded rows and builds the person's series: occasions sorted by (day, beep)
 * whatever the row order in the file, then checked for duplicates and for time going backwards.
 */
export class PersonAssembler {
  private readonly days: number[] = [];
  private readonly beeps: number[] = [];
  private readonly times: number[] = [];
  private readonly rows: number[] = [];
  private readonly values: number[][];
  private group: string | undefined;
  private groupRow = 0;

  constructor(
    readonly id: string,
    private readonly variableNames: readonly string[],
    private readonly file: string,
    private readonly columnNames: { day: string; beep: string; time?: string; group?: string },
    private readonly duplicates: DuplicatePolicy = "error",
  ) {
    this.values = variableNames.map(() => []);
  }

  /** Number of rows collected. */
  get size(): number {
    return this.rows.length;
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
    this.days.push(row.day);
    this.beeps.push(row.beep);
    this.times.push(row.time);
    this.rows.push(row.row);
    for (let k = 0; k < this.values.length; k++) this.values[k].push(row.values[k]);
  }

  /** The person's series, sorted and checked. */
  build(): PersonSeries {
    const n = this.rows.length;
    let order: number[] | undefined;
    for (let i = 1; i < n; i++) {
      if (this.days[i] < this.days[i - 1] || (this.days[i] === this.days[i - 1] && this.beeps[i] <= this.beeps[i - 1])) {
        order = Array.from({ length: n }, (_, k) => k);
        order.sort((a, b) => this.days[a] - this.days[b] || this.beeps[a] - this.beeps[b] || this.rows[a] - this.rows[b]);
        break;
      }
    }
    const pick = (source: number[]): Float64Array => (order === undefined ? Float64Array.from(source) : Float64Array.from(order, (k) => source[k]));
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
