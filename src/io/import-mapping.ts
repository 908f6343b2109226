/**
 * Column mapping of an ESM file: which columns hold the person, day, beep, time, items, group and
 * events, and how missing values and dates are written. Given by command-line flags (`--id`, `--day`,
 * `--beep`, `--time`, `--date`, `--items`, ...) or a small YAML file (`--mapping FILE`), flags winning.
 *
 * Browser-safe: parsing the YAML text is here, reading the file is the caller's.
 *
 * YAML example (the kossakowski2017 dataset):
 *
 *     id: id            # absent column: a one-person file (see `singlePerson`)
 *     day: dayno
 *     beep: beepno
 *     date: date        # the date of each row, combined with the clock time in `time`
 *     time: beeptime
 *     date_format: dmy
 *     items: [mood_down, mood_lonely, mood_anxious, mood_guilty]
 *     scales: { mood_down: [-3, 3], mood_lonely: [-3, 3], mood_anxious: [-3, 3], mood_guilty: [-3, 3] }
 */
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { CascadeError, CascadeErrors } from "../errors.js";
import type { ScaleBounds } from "../analysis/types.js";
import { didYouMean } from "./suggest.js";
import type { DateOrder } from "./import-time.js";

/** A complete column mapping (defaults filled in). */
export interface ImportMapping {
  /** Person column. Default `id`. */
  id: string;
  /** Treat the whole file as one person when the id column is absent. Default false. */
  singlePerson: boolean;
  /** Day column: integers, or dates. Default `day`. */
  day: string;
  /** Beep (prompt number within the day) column. Default `beep`. */
  beep: string;
  /** Time column: date-times, or clock times when `date` is given. Optional. */
  time?: string;
  /** Date column combined with a clock-time `time` column. Optional. */
  date?: string;
  /** Order of day, month and year in slashed dates. Required for dates such as 13/08/12. */
  dateFormat?: DateOrder;
  /** Negative-affect items (averaged into `na_mean`, used for the ICC). */
  items: string[];
  /** Other variables analysed one by one. */
  extraItems: string[];
  /** Grouping column for group summaries. Optional. */
  group?: string;
  /** Event-count column (for example `nssi`) for event-locked analysis and reported counts. Optional. */
  event?: string;
  /** Cell texts meaning "missing". Default `NA`, empty, `.`. */
  naMarkers: string[];
  /** Scale bounds per variable for relative variability. */
  scales: Record<string, ScaleBounds>;
  /**
   * What to do when a person has the same day and beep twice: `error` (default), or `keep` both rows
   * in file order, as R code that sorts by person, day and beep does (a repeated beep then breaks the
   * pair between its neighbours; the fried2022 data have 33 such extra prompts).
   */
  duplicates: DuplicatePolicy;
}

/** Policy for a repeated person-day-beep. */
export type DuplicatePolicy = "error" | "keep";

/** Default NA markers. */
export const DEFAULT_NA_MARKERS: readonly string[] = ["NA", "", "."];

/** A partial mapping, as given by flags or YAML. */
export type PartialMapping = Partial<ImportMapping>;

const bounds = z
  .tuple([z.number(), z.number()])
  .refine(([min, max]) => min < max, { message: "expected [min, max] with min < max" });

/** Schema of the YAML mapping file (snake_case keys). */
export const mappingFileSchema = z
  .object({
    id: z.string().min(1).optional(),
    single_person: z.boolean().optional(),
    day: z.string().min(1).optional(),
    beep: z.string().min(1).optional(),
    time: z.string().min(1).optional(),
    date: z.string().min(1).optional(),
    date_format: z.enum(["ymd", "dmy", "mdy"]).optional(),
    items: z.array(z.string().min(1)).min(1).optional(),
    extra_items: z.array(z.string().min(1)).optional(),
    group: z.string().min(1).optional(),
    event: z.string().min(1).optional(),
    na: z.array(z.string()).optional(),
    scales: z.record(z.string(), bounds).optional(),
    duplicates: z.enum(["error", "keep"]).optional(),
  })
  .strict();

/** Parses the text of a YAML mapping file; errors name the file and the field. */
export function parseMappingYaml(text: string, file: string): PartialMapping {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new CascadeError(`is not valid YAML: ${(error as Error).message.split("\n")[0]}`, { file });
  }
  const result = mappingFileSchema.safeParse(raw ?? {});
  if (!result.success) {
    const known = Object.keys(mappingFileSchema.shape);
    throw new CascadeErrors(
      result.error.issues.map((issue) => {
        const field = issue.path.join(".") || "(top level)";
        const unknownKeys = issue.code === "unrecognized_keys" ? issue.keys : [];
        const hint = unknownKeys.length > 0 ? `unknown key "${unknownKeys[0]}"${didYouMean(unknownKeys[0], known)}` : issue.message;
        return new CascadeError(hint, { file, field });
      }),
    );
  }
  const data = result.data;
  const mapping: PartialMapping = {};
  if (data.id !== undefined) mapping.id = data.id;
  if (data.single_person !== undefined) mapping.singlePerson = data.single_person;
  if (data.day !== undefined) mapping.day = data.day;
  if (data.beep !== undefined) mapping.beep = data.beep;
  if (data.time !== undefined) mapping.time = data.time;
  if (data.date !== undefined) mapping.date = data.date;
  if (data.date_format !== undefined) mapping.dateFormat = data.date_format;
  if (data.items !== undefined) mapping.items = data.items;
  if (data.extra_items !== undefined) mapping.extraItems = data.extra_items;
  if (data.group !== undefined) mapping.group = data.group;
  if (data.event !== undefined) mapping.event = data.event;
  if (data.na !== undefined) mapping.naMarkers = data.na;
  if (data.duplicates !== undefined) mapping.duplicates = data.duplicates;
  if (data.scales !== undefined) {
    mapping.scales = Object.fromEntries(Object.entries(data.scales).map(([name, [min, max]]) => [name, { min, max }]));
  }
  return mapping;
}

/** Fills in the defaults; later mappings override earlier ones key by key. */
export function completeMapping(...mappings: PartialMapping[]): ImportMapping {
  const merged: PartialMapping = {};
  for (const mapping of mappings) {
    for (const [key, value] of Object.entries(mapping)) if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  if (merged.items === undefined || merged.items.length === 0) {
    throw new CascadeError("no items: name the negative-affect item columns with --items a,b,c (or `items:` in the mapping file)");
  }
  const repeated = merged.items.filter((item, i) => merged.items!.indexOf(item) !== i || (merged.extraItems ?? []).includes(item));
  if (repeated.length > 0) throw new CascadeError(`item "${repeated[0]}" is named twice (in --items or in both --items and --extra-items)`);
  return {
    id: merged.id ?? "id",
    singlePerson: merged.singlePerson ?? false,
    day: merged.day ?? "day",
    beep: merged.beep ?? "beep",
    time: merged.time,
    date: merged.date,
    dateFormat: merged.dateFormat,
    items: merged.items,
    extraItems: merged.extraItems ?? [],
    group: merged.group,
    event: merged.event,
    naMarkers: merged.naMarkers ?? [...DEFAULT_NA_MARKERS],
    scales: merged.scales ?? {},
    duplicates: merged.duplicates ?? "error",
  };
}

/** Positions of the mapped columns in a header. */
export interface ColumnPositions {
  id: number; // -1: single person
  day: number;
  beep: number;
  time: number;
  date: number;
  group: number;
  /** Numeric variables (items, extra items, event) and their positions. */
  variables: { name: string; position: number }[];
}

/**
 * Finds every mapped column in the header; a missing one is an error naming the file, the column and
 * the closest header name.
 */
export function locateColumns(header: readonly string[], mapping: ImportMapping, file: string): ColumnPositions {
  const positions = new Map<string, number>();
  header.forEach((name, position) => {
    if (!positions.has(name)) positions.set(name, position);
  });
  const problems: CascadeError[] = [];
  const find = (name: string | undefined, role: string): number => {
    if (name === undefined) return -1;
    const position = positions.get(name);
    if (position === undefined) {
      problems.push(new CascadeError(`missing column "${name}" (the ${role} column)${didYouMean(name, header)}; the header has: ${header.join(", ")}`, { file, row: 1 }));
      return -1;
    }
    return position;
  };
  const id = mapping.singlePerson && !positions.has(mapping.id) ? -1 : find(mapping.id, "person id");
  const result: ColumnPositions = {
    id,
    day: find(mapping.day, "day"),
    beep: find(mapping.beep, "beep"),
    time: find(mapping.time, "time"),
    date: find(mapping.date, "date"),
    group: find(mapping.group, "group"),
    variables: [],
  };
  const numeric = [...new Set([...mapping.items, ...mapping.extraItems, ...(mapping.event === undefined ? [] : [mapping.event])])];
  for (const name of numeric) result.variables.push({ name, position: find(name, mapping.items.includes(name) ? "item" : "variable") });
  if (problems.length === 1) throw problems[0];
  if (problems.length > 1) throw new CascadeErrors(problems);
  return result;
}
