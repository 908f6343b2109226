/**
 * From YAML text (or a plain object) to a resolved `Scenario`, or a `CascadeError` listing every
 * problem with its field path and line. Browser-safe: no file access here (see `load-file.ts`).
 *
 * Steps:
 * 1. parse the YAML with the `yaml` package (it keeps each node's position, so problems can name
 *    their line; syntax errors come with line and column);
 * 2. merge each group's `design` over the scenario's design (see `mergeDesign`);
 * 3. validate with the zod schema (`schema.ts`), which also fills in defaults;
 * 4. run the cross-field checks (`checks.ts`);
 * 5. format all problems at once (`issues.ts`), or return the resolved scenario.
 */
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, type Node as YamlNode } from "yaml";
import type * as z from "zod";
import { CascadeError, CascadeErrors } from "../errors.js";
import { checkScenario, type CustomIssue } from "./checks.js";
import { issuesToErrors, type IssuePath, type Locator } from "./issues.js";
import { Design, ScenarioSchema, type Scenario } from "./schema.js";

type Issue = z.core.$ZodIssue | CustomIssue;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * A group's design merged over the scenario's: mappings are merged key by key, except that a mapping
 * with a different `type` (a schedule of another kind) replaces the base; lists and values replace.
 */
export function mergeDesign(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  if ("type" in override && "type" in base && override.type !== base.type) return override;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) merged[key] = key in base ? mergeDesign(base[key], value) : value;
  return merged;
}

/** The raw scenario with every group's design merged over the scenario's design. */
function mergeGroupDesigns(raw: unknown): unknown {
  if (!isPlainObject(raw) || !Array.isArray(raw.groups)) return raw;
  // Merge over the scenario's design laid over the default design, so that a group writing only
  // `schedule: { perDay: 3 }` keeps the schedule's type and window even when the scenario left them out.
  const base = mergeDesign(Design.parse({}), raw.design ?? {});
  const groups = raw.groups.map((group: unknown) =>
    isPlainObject(group) && group.design !== undefined ? { ...group, design: mergeDesign(base, group.design) } : group,
  );
  return { ...raw, groups };
}

/**
 * Drops problems of a group's merged design that only repeat a problem of the scenario's design (the
 * group inherited the faulty field), so each problem is reported once, where it is written.
 */
function dropInheritedIssues(issues: readonly Issue[]): Issue[] {
  const topLevel = new Set(issues.filter((i) => i.path[0] === "design").map((i) => `${i.path.slice(1).join("\u0000")}\u0001${i.message}`));
  return issues.filter((i) => {
    if (!(i.path[0] === "groups" && i.path[2] === "design")) return true;
    return !topLevel.has(`${i.path.slice(3).join("\u0000")}\u0001${i.message}`);
  });
}

/** Base name of a file without directory and extension. */
function baseName(fileName: string): string {
  const last = fileName.split(/[\\/]/).pop() ?? fileName;
  return last.replace(/\.(ya?ml|json)$/i, "");
}

/**
 * Validates a scenario given as a plain object (for example parsed JSON, or built by the browser
 * explorer), fills in defaults and resolves every group's design. Throws a `CascadeError` listing
 * every problem.
 *
 * @param input the scenario as written
 * @param fileName what to call it in messages; also the default `name`
 * @param locate optional source positions for messages (YAML input)
 */
export function validateScenario(input: unknown, fileName = "scenario", locate?: Locator): Scenario {
  const merged = mergeGroupDesigns(input);
  const result = ScenarioSchema.safeParse(merged, { reportInput: true });
  let issues: Issue[] = result.success ? [] : [...result.error.issues];
  if (result.success) issues = checkScenario(result.data);
  issues = dropInheritedIssues(issues);
  if (issues.length > 0 || !result.success) {
    const errors = issuesToErrors(issues as z.core.$ZodIssue[], { schema: ScenarioSchema, data: merged, fileName, locate });
    throw errors.length === 1 ? errors[0] : new CascadeErrors(errors);
  }
  const data = result.data;
  return {
    ...data,
    name: data.name ?? baseName(fileName),
    groups: data.groups.map((group) => ({ ...group, design: group.design ?? data.design })),
  };
}

/** A locator over a parsed YAML document: the position of the deepest existing node on `path`. */
function yamlLocator(contents: YamlNode | null, lineCounter: LineCounter): Locator {
  return (path: IssuePath, key = false) => {
    let node: unknown = contents;
    let position: number | undefined = (contents as { range?: [number, number, number] } | null)?.range?.[0];
    for (let depth = 0; depth < path.length; depth++) {
      const segment = path[depth];
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
        if (!pair) break;
        const isLast = depth === path.length - 1;
        const target = isLast && key ? pair.key : (pair.value ?? pair.key);
        const range = (target as { range?: [number, number, number] } | null)?.range;
        if (range) position = range[0];
        node = pair.value;
      } else if (isSeq(node) && typeof segment === "number") {
        const item = node.items[segment];
        if (item === undefined) break;
        const range = (item as { range?: [number, number, number] }).range;
        if (range) position = range[0];
        node = item;
      } else {
        break;
      }
    }
    if (position === undefined) return undefined;
    const { line, col } = lineCounter.linePos(position);
    return { line, column: col };
  };
}

/**
 * Parses and validates a scenario from YAML text.
 *
 * @param yamlText the file's content
 * @param fileName the file's name as the user gave it, for messages and the default `name`
 * @returns the resolved scenario, every default filled in
 * @throws CascadeError naming the file, each invalid field's path and line, or the YAML syntax
 *   error's line and column
 */
export function parseScenario(yamlText: string, fileName = "scenario.yaml"): Scenario {
  if (yamlText.trim() === "") {
    throw new CascadeError("the file is empty; expected a scenario (a mapping with at least `groups`)", { file: fileName });
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true });
  if (document.errors.length > 0) {
    const errors = document.errors.map((error) => {
      const position = lineCounter.linePos(error.pos[0]);
      const where = ` (line ${position.line}, column ${position.col})`;
      const message = error.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
      return new CascadeError(`invalid YAML: ${message}${where}`, { file: fileName });
    });
    throw errors.length === 1 ? errors[0] : new CascadeErrors(errors);
  }
  const raw: unknown = document.toJS({ maxAliasCount: 1000 });
  if (raw === null || raw === undefined) {
    throw new CascadeError("the file holds no scenario (only comments or an empty document)", { file: fileName });
  }
  if (!isPlainObject(raw)) {
    throw new CascadeError(`expected a mapping at the top level (keys such as groups, design, days), got ${Array.isArray(raw) ? "a list" : JSON.stringify(raw)}`, {
      file: fileName,
    });
  }
  return validateScenario(raw, fileName, yamlLocator(document.contents, lineCounter));
}

/**
 * `total` persons split across groups in proportion to `sizes` by the largest-remainder (Hamilton)
 * method: each group gets the integer part of its quota, and the persons left over go to the groups
 * with the largest fractional parts (earlier groups first on ties). The result sums to `total`.
 *
 * @example splitPersons([60, 40], 10) // => [6, 4]
 * @example splitPersons([1, 1, 1], 2) // => [1, 1, 0]
 */
export function splitPersons(sizes: readonly number[], total: number): number[] {
  const sum = sizes.reduce((a, b) => a + b, 0);
  if (sum === 0) return sizes.map((_, i) => (i === 0 ? total : 0));
  const quotas = sizes.map((size) => (total * size) / sum);
  const result = quotas.map(Math.floor);
  let left = total - result.reduce((a, b) => a + b, 0);
  const order = quotas.map((quota, index) => ({ index, fraction: quota - Math.floor(quota) })).sort((a, b) => b.fraction - a.fraction || a.index - b.index);
  for (const { index } of order) {
    if (left <= 0) break;
    result[index] += 1;
    left -= 1;
  }
  return result;
}

export interface ScenarioOverrides {
  /** Seed of every random stream. */
  seed?: number;
  /** Total persons, split across groups in proportion to their sizes (`splitPersons`). */
  persons?: number;
  /** Study length in days. */
  days?: number;
}

/** The scenario with command-line overrides applied (validated like the file's own values). */
export function withOverrides(scenario: Scenario, overrides: ScenarioOverrides): Scenario {
  const check = (value: number | undefined, option: string, min: number, max: number): void => {
    if (value !== undefined && !(Number.isInteger(value) && value >= min && value <= max)) {
      throw new CascadeError(`${option}: expected an integer from ${min} to ${max}, got ${value}`);
    }
  };
  check(overrides.seed, "--seed", 0, Number.MAX_SAFE_INTEGER);
  check(overrides.persons, "--persons", 1, 10_000_000);
  check(overrides.days, "--days", 1, 3650);
  const sizes = overrides.persons === undefined ? undefined : splitPersons(scenario.groups.map((g) => g.size), overrides.persons);
  return {
    ...scenario,
    seed: overrides.seed ?? scenario.seed,
    days: overrides.days ?? scenario.days,
    groups: scenario.groups.map((group, index) => ({ ...group, size: sizes?.[index] ?? group.size })),
  };
}
