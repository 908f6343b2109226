/**
 * Reading ESM files from disk (Node only): streaming a file person by person, loading it whole when
 * its rows are not grouped by person, reading YAML mappings, and recognising directories written by
 * `cascade simulate`.
 */
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { PersonSeries } from "../analysis/types.js";
import { CascadeError } from "../errors.js";
import { parseMappingYaml, type ImportMapping, type PartialMapping } from "./import-mapping.js";
import { ContiguousPersons, GroupedPersons, TableChunker, type RowSink } from "./import-text.js";

async function feedFile(path: string, label: string, sink: RowSink): Promise<void> {
  const chunker = new TableChunker(label, sink);
  const stream = createReadStream(path, { encoding: "utf8", highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream) chunker.push(chunk as string);
  } catch (error) {
    stream.destroy();
    if (error instanceof CascadeError) throw error;
    throw new CascadeError(`cannot be read: ${(error as Error).message}`, { file: label });
  }
  chunker.end();
}

/**
 * Streams the persons of an ESM file to `onPerson`, one at a time, in file order. Memory holds one
 * person's rows (plus the parser's 1 MiB chunk), whatever the file size. Requires each person's rows
 * to be together (they usually are: exports are sorted by person); otherwise throws
 * `NonContiguousPersonsError`, and the caller can use `loadPersons`.
 *
 * `onPerson` may be async; the file is read no faster than persons are handled.
 */
export async function streamPersons(
  path: string,
  mapping: ImportMapping,
  onPerson: (person: PersonSeries) => void | Promise<void>,
  label: string = path,
): Promise<number> {
  let count = 0;
  const queue: PersonSeries[] = [];
  const persons = new ContiguousPersons(label, mapping, (person) => queue.push(person));
  const chunker = new TableChunker(label, persons);
  const stream = createReadStream(path, { encoding: "utf8", highWaterMark: 1 << 20 });
  const drain = async (): Promise<void> => {
    while (queue.length > 0) {
      const person = queue.shift()!;
      count++;
      const pending = onPerson(person);
      if (pending !== undefined) await pending;
    }
  };
  try {
    for await (const chunk of stream) {
      chunker.push(chunk as string);
      await drain();
    }
  } catch (error) {
    stream.destroy();
    if (error instanceof CascadeError) throw error;
    throw new CascadeError(`cannot be read: ${(error as Error).message}`, { file: label });
  }
  chunker.end();
  persons.finish();
  await drain();
  return count;
}

/** Loads every person of an ESM file into memory, whatever the row order. */
export async function loadPersons(path: string, mapping: ImportMapping, label: string = path): Promise<PersonSeries[]> {
  const grouped = new GroupedPersons(label, mapping);
  await feedFile(path, label, grouped);
  return grouped.persons();
}

/** Reads a YAML mapping file. */
export function readMappingFile(path: string): PartialMapping {
  if (!existsSync(path)) throw new CascadeError("mapping file not found", { file: path });
  return parseMappingYaml(readFileSync(path, "utf8"), path);
}

/** What `cascade analyze` needs from a directory written by `cascade simulate`. */
export interface SimulationDirectory {
  /** The observed data file. */
  observed: string;
  /** truth/persons.csv, if present. */
  truthPersons?: string;
  /** The parsed metadata.json. */
  metadata: Record<string, unknown>;
  /** Mapping defaults taken from the metadata (items, scales, group, event and time columns). */
  mapping: PartialMapping;
}

/** Items of the simulated format that are not negative-emotion items. */
const NON_EMOTION_ITEMS = new Set(["rumination", "urge", "nssi"]);

/**
 * Recognises a directory written by `cascade simulate` (it holds metadata.json and observed.csv) and
 * derives mapping defaults from its metadata: the emotion items (items of kind `emotion` when the
 * metadata declares kinds, otherwise every item except rumination, urge and nssi), rumination and
 * urge as extra items, the `nssi` item as the event column, `group` as the group,
 * `scheduled` as the time (the prompt times, in order by construction; `responded` can go backwards
 * when a late answer to beep b comes after beep b + 1 was answered, and `--time responded` asks for
 * it), and each item's scale bounds when the metadata gives them. Returns
 * undefined for anything else.
 */
export function readSimulationDirectory(path: string): SimulationDirectory | undefined {
  if (!existsSync(path) || !statSync(path).isDirectory()) return undefined;
  const metadataPath = join(path, "metadata.json");
  const observed = join(path, "observed.csv");
  if (!existsSync(metadataPath) || !existsSync(observed)) return undefined;
  let metadata: Record<string, unknown>;
  try {
    metadata = JSON.parse(readFileSync(metadataPath, "utf8")) as Record<string, unknown>;
  } catch (error) {
    throw new CascadeError(`is not valid JSON: ${(error as Error).message}`, { file: metadataPath });
  }
  const header = readFileSync(observed, "utf8").slice(0, 4096).split(/\r?\n/)[0].replace(/^\uFEFF/, "").split(",");
  const fixed = new Set(["id", "group", "day", "beep", "scheduled", "responded", "answered", "trigger"]);
  const itemColumns = header.filter((name) => !fixed.has(name));
  const scales = simulationScales(metadata, itemColumns);
  const kinds = itemKinds(metadata);
  const kindOf = (name: string): string | undefined => kinds.get(name);
  const known = itemColumns.some((name) => kindOf(name) !== undefined);
  const mapping: PartialMapping = {
    items: itemColumns.filter((name) => (known ? kindOf(name) === "emotion" : !NON_EMOTION_ITEMS.has(name))),
    extraItems: itemColumns.filter((name) => (known ? kindOf(name) === "rumination" || kindOf(name) === "urge" || kindOf(name) === "affect" : name === "rumination" || name === "urge")),
    scales,
  };
  if (header.includes("group")) mapping.group = "group";
  const event = itemColumns.find((name) => (known ? kindOf(name) === "nssi" : name === "nssi"));
  if (event !== undefined) mapping.event = event;
  if (header.includes("scheduled")) mapping.time = "scheduled";
  const truthPersons = join(path, "truth", "persons.csv");
  return { observed, truthPersons: existsSync(truthPersons) ? truthPersons : undefined, metadata, mapping };
}

/** Item kinds (`emotion`, `rumination`, `urge`, `nssi`, ...) declared anywhere in the metadata as `{ name, kind }`. */
function itemKinds(metadata: unknown): Map<string, string> {
  const kinds = new Map<string, string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === "object") {
      const record = value as Record<string, unknown>;
      if (typeof record.name === "string" && typeof record.kind === "string" && !kinds.has(record.name)) kinds.set(record.name, record.kind);
      Object.values(record).forEach(visit);
    }
  };
  visit(metadata);
  return kinds;
}

/**
 * Scale bounds from the metadata's item descriptions, read defensively: any object with the item's
 * name and numeric `min`/`max`, `scale: { min, max }` (as in the scenario schema) or
 * `scale: [min, max]`, anywhere under `items` or `columns`.
 */
function simulationScales(metadata: Record<string, unknown>, items: readonly string[]): Record<string, { min: number; max: number }> {
  const scales: Record<string, { min: number; max: number }> = {};
  const visit = (value: unknown, name: string | undefined): void => {
    if (Array.isArray(value)) {
      for (const entry of value) visit(entry, undefined);
      return;
    }
    if (value === null || typeof value !== "object") return;
    const record = value as Record<string, unknown>;
    const own = typeof record.name === "string" ? record.name : name;
    if (own !== undefined && items.includes(own)) {
      const scale = record.scale as unknown;
      const [min, max] = Array.isArray(scale)
        ? (scale as unknown[])
        : scale !== null && typeof scale === "object"
          ? [(scale as Record<string, unknown>).min, (scale as Record<string, unknown>).max]
          : [record.min, record.max];
      if (typeof min === "number" && typeof max === "number" && min < max) scales[own] = { min, max };
    }
    for (const [key, child] of Object.entries(record)) visit(child, items.includes(key) ? key : undefined);
  };
  visit(metadata.items ?? metadata.columns ?? metadata, undefined);
  return scales;
}

/**
 * Reads a simulation's truth/persons.csv into a map from person id to its numeric columns (drawn
 * parameters such as `delta` and `thetaA`, and per-person truth summaries such as `acts`). Text
 * columns are skipped. Memory: one small record per person.
 */
export async function readTruthPersons(path: string): Promise<{ columns: string[]; byId: Map<string, Record<string, number>> }> {
  const byId = new Map<string, Record<string, number>>();
  let header: readonly string[] = [];
  const numeric = new Set<string>();
  await feedFile(path, path, {
    header(names) {
      header = names;
      if (!names.includes("id")) throw new CascadeError('missing column "id"', { file: path, row: 1 });
    },
    row(cells) {
      const record: Record<string, number> = {};
      let id = "";
      header.forEach((name, position) => {
        const text = (cells[position] ?? "").trim();
        if (name === "id") id = text;
        else if (text !== "" && text !== "NA" && Number.isFinite(Number(text))) {
          record[name] = Number(text);
          numeric.add(name);
        }
      });
      byId.set(id, record);
    },
  });
  const columns = header.filter((name) => numeric.has(name));
  return { columns, byId };
}
