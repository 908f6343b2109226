/**
 * Dates and times of ESM files, parsed into hours (for occasion times) and days (for day columns).
 *
 * Accepted (browser-safe, no `node:` imports):
 * - ISO 8601 date-times: `2020-03-16T12:04:45`, `2020-03-16 12:04`, fractional seconds, and a zone:
 *   `Z`, an offset (`+01:00`, `+0100`, `-05`), or an abbreviation after a space (`2020-03-16 12:04:45 CET`,
 *   as in fried2022's `response` column; see `ZONE_OFFSETS`).
 * - Dates: `2020-03-16`, `2020/03/16`, and day-first or month-first dates with slashes, dots or dashes
 *   (`13/08/12`, `13.08.2012`) when the date order is given (`dmy` or `mdy`; two-digit years are
 *   20yy). An ambiguous date without an order is an error, never a guess.
 * - Clock times `08:58` or `08:58:56`, combined with a date column.
 *
 * Times with a zone become instants (hours since 1970-01-01T00:00Z); times without a zone are taken as
 * the participant's wall-clock time (hours since 1970-01-01T00:00 of that clock). Only differences
 * between a person's times are used (intervals, ordering, windows), so both work as long as one
 * column does not mix them.
 */

/** Order of day, month and year in dates written with slashes, dots or dashes. */
export type DateOrder = "ymd" | "dmy" | "mdy";

/**
 * UTC offsets (hours) of the zone abbreviations accepted after a time. Ambiguous abbreviations
 * (IST, CST in China, BST in Bangladesh...) are deliberately limited to their European or North
 * American meaning listed here; other zones need a numeric offset.
 */
export const ZONE_OFFSETS: Readonly<Record<string, number>> = {
  UTC: 0, GMT: 0, UT: 0, Z: 0, WET: 0, WEST: 1, BST: 1, CET: 1, CEST: 2, MET: 1, MEST: 2, EET: 2, EEST: 3,
  MSK: 3, EST: -5, EDT: -4, CST: -6, CDT: -5, MST: -7, MDT: -6, PST: -8, PDT: -7, AKST: -9, AKDT: -8,
  HST: -10, AEST: 10, AEDT: 11, ACST: 9.5, ACDT: 10.5, AWST: 8, JST: 9, KST: 9, NZST: 12, NZDT: 13,
};

const HOUR_MS = 3_600_000;

function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const code = text.charCodeAt(i) - 48;
    if (code < 0 || code > 9) return Number.NaN;
    value = value * 10 + code;
  }
  return value;
}

const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validDate(year: number, month: number, day: number): boolean {
  if (!(month >= 1 && month <= 12 && day >= 1)) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= MONTH_LENGTHS[month - 1] + (month === 2 && leap ? 1 : 0);
}

/** Result of parsing: the value, or a reason for the error message. */
export type Parsed = { value: number } | { error: string };

const DATE_PATTERN = /^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})/;

/** Parses the date at the start of `text`; returns days since 1970-01-01 and the length consumed. */
function parseDatePart(text: string, order: DateOrder | undefined): { days: number; length: number } | { error: string } {
  // Fast path: YYYY-MM-DD.
  if (text.length >= 10 && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45) {
    const year = digits(text, 0, 4);
    const month = digits(text, 5, 2);
    const day = digits(text, 8, 2);
    if (!Number.isNaN(year + month + day)) {
      if (!validDate(year, month, day)) return { error: "is not a valid date" };
      return { days: Date.UTC(year, month - 1, day) / (24 * HOUR_MS), length: 10 };
    }
  }
  const match = DATE_PATTERN.exec(text);
  if (match === null) return { error: "is not a date (expected YYYY-MM-DD, or dd/mm/yy with --date-format)" };
  const [whole, a, b, c] = match;
  let year: number;
  let month: number;
  let day: number;
  if (a.length === 4) [year, month, day] = [Number(a), Number(b), Number(c)];
  else if (order === "dmy") [day, month, year] = [Number(a), Number(b), Number(c)];
  else if (order === "mdy") [month, day, year] = [Number(a), Number(b), Number(c)];
  else if (order === "ymd") [year, month, day] = [Number(a), Number(b), Number(c)];
  else return { error: "is ambiguous: give the date order with --date-format dmy, mdy or ymd" };
  if (year < 100) year += 2000;
  if (!validDate(year, month, day)) return { error: `is not a valid date in the order ${order ?? "ymd"}` };
  return { days: Date.UTC(year, month - 1, day) / (24 * HOUR_MS), length: whole.length };
}

/** Parses `HH:MM[:SS[.fff]]` at `start`; returns hours and the end position. */
function parseClockPart(text: string, start: number): { hours: number; end: number } | undefined {
  // H:MM or HH:MM, then optionally :SS and a decimal fraction; written out by hand because it runs
  // once per row.
  let position = start;
  const hourDigits = text.charCodeAt(start + 1) === 58 ? 1 : 2;
  const hours = digits(text, position, hourDigits);
  position += hourDigits;
  if (Number.isNaN(hours) || text.charCodeAt(position) !== 58) return undefined;
  const minutes = digits(text, position + 1, 2);
  position += 3;
  if (Number.isNaN(minutes)) return undefined;
  let seconds = 0;
  if (text.charCodeAt(position) === 58) {
    seconds = digits(text, position + 1, 2);
    if (Number.isNaN(seconds)) return undefined;
    position += 3;
    if (text.charCodeAt(position) === 46) {
      let end = position + 1;
      while (end < text.length && text.charCodeAt(end) >= 48 && text.charCodeAt(end) <= 57) end++;
      seconds += Number(text.slice(position, end));
      position = end;
    }
  }
  if (hours > 24 || minutes > 59 || seconds >= 61) return undefined;
  return { hours: hours + minutes / 60 + seconds / 3600, end: position };
}

/** Parses a zone suffix (`Z`, `+01:00`, `+0100`, `-05`, ` CET`); returns its offset in hours. */
function parseZone(rest: string): number | undefined {
  if (rest === "") return 0;
  const text = rest.trim();
  if (text === "") return 0;
  if (text === "Z" || text === "z") return 0;
  const offset = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(text);
  if (offset !== null) return (offset[1] === "-" ? -1 : 1) * (Number(offset[2]) + (offset[3] === undefined ? 0 : Number(offset[3]) / 60));
  return ZONE_OFFSETS[text.toUpperCase()];
}

/**
 * Parses a date-time into hours since 1970-01-01T00:00 (UTC when the text has a zone, wall-clock
 * otherwise). A date alone is midnight.
 *
 * @example
 * parseTimestamp("2020-03-16 12:04:45 CET"); // => { value: 442835.0791666667 }  (11:04:45 UTC)
 * parseTimestamp("13/08/12 08:58", "dmy");   // => 13 August 2012, 08:58
 */
export function parseTimestamp(text: string, order?: DateOrder): Parsed {
  const date = parseDatePart(text, order);
  if ("error" in date) return date;
  let position = date.length;
  let hours = 0;
  if (position < text.length && (text[position] === "T" || text[position] === " " || text[position] === "t")) {
    const clock = parseClockPart(text, position + 1);
    if (clock !== undefined) {
      hours = clock.hours;
      position = clock.end;
    }
  }
  const zone = parseZone(text.slice(position));
  if (zone === undefined) return { error: `has an unknown time zone "${text.slice(position).trim()}" (use Z, an offset such as +01:00, or one of ${Object.keys(ZONE_OFFSETS).slice(0, 8).join(", ")}, ...)` };
  return { value: date.days * 24 + hours - zone };
}

/**
 * Fast path for the most common form, a zone-less `YYYY-MM-DDTHH:MM:SS` (or with a space), as
 * `cascade simulate` writes: hours since 1970-01-01T00:00 of the wall clock, or NaN when the text has
 * another form (the caller then uses `parseTimestamp`, which also explains errors). `dayCache` keeps
 * the last date seen, since consecutive rows mostly share it.
 */
export function parseLocalIsoFast(text: string, dayCache: { prefix: string; days: number }): number {
  if (text.length !== 19 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return Number.NaN;
  const separator = text.charCodeAt(10);
  if (separator !== 84 && separator !== 32) return Number.NaN;
  let days = dayCache.days;
  if (!text.startsWith(dayCache.prefix)) {
    if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return Number.NaN;
    const year = digits(text, 0, 4);
    const month = digits(text, 5, 2);
    const day = digits(text, 8, 2);
    if (Number.isNaN(year + month + day) || !validDate(year, month, day)) return Number.NaN;
    days = Date.UTC(year, month - 1, day) / (24 * HOUR_MS);
    dayCache.prefix = text.slice(0, 10);
    dayCache.days = days;
  }
  const hours = digits(text, 11, 2);
  const minutes = digits(text, 14, 2);
  const seconds = digits(text, 17, 2);
  if (Number.isNaN(hours + minutes + seconds) || hours > 24 || minutes > 59 || seconds > 60) return Number.NaN;
  return days * 24 + hours + minutes / 60 + seconds / 3600;
}

/** Parses a date into whole days since 1970-01-01 (for day columns holding dates). */
export function parseDay(text: string, order?: DateOrder): Parsed {
  const date = parseDatePart(text, order);
  if ("error" in date) return date;
  if (text.slice(date.length).trim() !== "") return { error: "is not a date" };
  return { value: date.days };
}

/** Parses a clock time `HH:MM[:SS]` (with an optional zone) into hours after midnight. */
export function parseClock(text: string): Parsed {
  const clock = parseClockPart(text, 0);
  if (clock === undefined) return { error: "is not a clock time (expected HH:MM or HH:MM:SS)" };
  const zone = parseZone(text.slice(clock.end));
  if (zone === undefined) return { error: "has an unknown time zone" };
  return { value: clock.hours - zone };
}
