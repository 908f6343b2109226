/**
 * A temporary binary copy of the persons read in the first pass of `cascade analyze`, so that the
 * second pass reads decoded numbers instead of parsing the CSV again (parsing and decoding are most of
 * the cost of a pass). Written and read sequentially in blocks, so memory stays at one person plus a
 * 1 MiB buffer whatever the file size; the copy lives in the output's temporary directory and is
 * removed with it.
 *
 * Layout per person (little-endian): u32 byte length of the id, the id in UTF-8, u32 byte length of
 * the group (0xFFFFFFFF: none), the group, u32 occasions n, then 3 + V columns of n values each: day,
 * beep, time, and the V variables in the order given to the writer. Each column is a one-byte code
 * and its values: `SMALL` when every value is NaN or a whole number from -127 to 127 (not -0), one
 * signed byte each (-128 for NaN), as for answers on a response scale and for beep numbers; `WHOLE`
 * when every value is a whole number in the 32-bit range (not -0), as for days, four bytes each;
 * otherwise `DOUBLE`, the float64 values. Every value reads back exactly as written; the copy is
 * about a third of the size of float64 throughout.
 */
import { closeSync, openSync, readSync, writeSync } from "node:fs";
import type { PersonSeries } from "../analysis/types.js";

const NO_GROUP = 0xffffffff;
const BLOCK = 1 << 20;
/** Column codes. */
const DOUBLE = 0;
const SMALL = 1;
const WHOLE = 2;
/** The byte that stands for NaN in a `SMALL` column (-128 as a signed byte). */
const SMALL_NAN = 0x80;

/** The narrowest code that holds every value of the column exactly. */
function columnCode(values: Float64Array): number {
  let small = true;
  let whole = true;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (Number.isNaN(value)) {
      whole = false;
      continue;
    }
    const integral = Math.trunc(value) === value && !(value === 0 && 1 / value < 0);
    if (!integral || value < -127 || value > 127) small = false;
    if (!integral || value < -2147483648 || value > 2147483647) whole = false;
    if (!small && !whole) return DOUBLE;
  }
  return small ? SMALL : whole ? WHOLE : DOUBLE;
}

/** Appends persons to a spill file. */
export class PersonSpillWriter {
  private readonly descriptor: number;
  private buffer = Buffer.allocUnsafe(BLOCK);
  private used = 0;

  constructor(path: string, private readonly variables: readonly string[]) {
    this.descriptor = openSync(path, "w");
  }

  private reserve(bytes: number): void {
    if (this.used + bytes <= this.buffer.length) return;
    this.flush();
    if (bytes > this.buffer.length) this.buffer = Buffer.allocUnsafe(bytes);
  }

  private flush(): void {
    let written = 0;
    while (written < this.used) written += writeSync(this.descriptor, this.buffer, written, this.used - written);
    this.used = 0;
  }

  private writeText(text: string | undefined): void {
    if (text === undefined) {
      this.reserve(4);
      this.buffer.writeUInt32LE(NO_GROUP, this.used);
      this.used += 4;
      return;
    }
    const bytes = Buffer.byteLength(text);
    this.reserve(4 + bytes);
    this.buffer.writeUInt32LE(bytes, this.used);
    this.buffer.write(text, this.used + 4);
    this.used += 4 + bytes;
  }

  private writeNumbers(values: Float64Array): void {
    const code = columnCode(values);
    const n = values.length;
    this.reserve(1 + n * (code === SMALL ? 1 : code === WHOLE ? 4 : 8));
    this.buffer[this.used++] = code;
    if (code === SMALL) {
      for (let i = 0; i < n; i++) this.buffer[this.used + i] = Number.isNaN(values[i]) ? SMALL_NAN : values[i] & 0xff;
      this.used += n;
    } else if (code === WHOLE) {
      for (let i = 0; i < n; i++) this.buffer.writeInt32LE(values[i], this.used + 4 * i);
      this.used += 4 * n;
    } else {
      Buffer.from(values.buffer, values.byteOffset, n * 8).copy(this.buffer, this.used);
      this.used += n * 8;
    }
  }

  write(person: PersonSeries): void {
    this.writeText(person.id);
    this.writeText(person.group);
    this.reserve(4);
    this.buffer.writeUInt32LE(person.day.length, this.used);
    this.used += 4;
    this.writeNumbers(person.day);
    this.writeNumbers(person.beep);
    this.writeNumbers(person.time);
    for (const name of this.variables) this.writeNumbers(person.variables[name]);
  }

  close(): void {
    this.flush();
    closeSync(this.descriptor);
  }
}

/** Reads the persons of a spill file in order, handing each to `onPerson`. Returns their number. */
export async function readPersonSpill(path: string, variables: readonly string[], onPerson: (person: PersonSeries) => void | Promise<void>): Promise<number> {
  const descriptor = openSync(path, "r");
  let buffer = Buffer.allocUnsafe(BLOCK);
  let start = 0;
  let end = 0;
  let exhausted = false;
  /** Makes `bytes` bytes available from `start`; false at the end of the file. */
  const need = (bytes: number): boolean => {
    if (end - start >= bytes) return true;
    if (bytes > buffer.length) {
      const larger = Buffer.allocUnsafe(bytes * 2);
      buffer.copy(larger, 0, start, end);
      buffer = larger;
    } else buffer.copy(buffer, 0, start, end);
    end -= start;
    start = 0;
    while (!exhausted && end < bytes) {
      const read = readSync(descriptor, buffer, end, buffer.length - end, null);
      if (read === 0) exhausted = true;
      end += read;
    }
    return end - start >= bytes;
  };
  const readText = (): string | undefined => {
    need(4);
    const length = buffer.readUInt32LE(start);
    start += 4;
    if (length === NO_GROUP) return undefined;
    need(length);
    const text = buffer.toString("utf8", start, start + length);
    start += length;
    return text;
  };
  const readNumbers = (n: number): Float64Array => {
    need(1);
    const code = buffer[start++];
    const values = new Float64Array(n);
    if (code === SMALL) {
      need(n);
      for (let i = 0; i < n; i++) {
        const byte = buffer[start + i];
        values[i] = byte === SMALL_NAN ? Number.NaN : (byte << 24) >> 24;
      }
      start += n;
    } else if (code === WHOLE) {
      need(4 * n);
      for (let i = 0; i < n; i++) values[i] = buffer.readInt32LE(start + 4 * i);
      start += 4 * n;
    } else {
      need(n * 8);
      new Uint8Array(values.buffer).set(buffer.subarray(start, start + n * 8));
      start += n * 8;
    }
    return values;
  };
  let count = 0;
  try {
    while (need(4)) {
      const id = readText()!;
      const group = readText();
      need(4);
      const n = buffer.readUInt32LE(start);
      start += 4;
      const day = readNumbers(n);
      const beep = readNumbers(n);
      const time = readNumbers(n);
      const values: Record<string, Float64Array> = {};
      for (const name of variables) values[name] = readNumbers(n);
      count++;
      const pending = onPerson({ id, group, day, beep, time, variables: values });
      if (pending !== undefined) await pending;
    }
  } finally {
    closeSync(descriptor);
  }
  return count;
}
