/**
 * Turns zod validation issues into messages a scenario author can act on:
 *
 * ```
 * bpd.yaml: groups[1].parameters.thetaA: expected a number > 0, got -1 (line 14)
 * bpd.yaml: groups[0].parameters.thetA: unknown key (did you mean "thetaA"?) (line 9)
 * bpd.yaml: design.schedule.type: expected one of "stratified", "random", ..., got "stratifed" (did you mean "stratified"?) (line 22)
 * ```
 *
 * The formatting is generic: it walks the issue codes (and, for unknown keys, the schema at the
 * issue's path to find the allowed keys), so new fields need no new messages.
 */
import type * as z from "zod";
import { CascadeError, describeValue } from "../errors.js";
import { closestName, didYouMean } from "../io/suggest.js";
import { defOf, unwrap, type SchemaDef } from "./schema-def.js";

export type IssuePath = readonly PropertyKey[];

/** Where a field sits in the source text (1-based), or undefined when unknown. */
export type Locator = (path: IssuePath, key?: boolean) => { line: number; column: number } | undefined;

/** `groups[1].parameters.thetaA` for `["groups", 1, "parameters", "thetaA"]`; `(top level)` for `[]`. */
export function formatPath(path: IssuePath): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else text += text === "" ? String(segment) : `.${String(segment)}`;
  }
  return text === "" ? "(top level)" : text;
}

const EXPECTED: Record<string, string> = {
  number: "a number",
  int: "an integer",
  string: "a text",
  boolean: "true or false",
  array: "a list",
  tuple: "a list",
  object: "a mapping",
  record: "a mapping",
  null: "null",
};

function expectedPhrase(expected: string): string {
  return EXPECTED[expected] ?? expected;
}

/** Values a literal or enum schema accepts. */
function literalValues(schema: z.ZodType): unknown[] {
  const def = defOf(unwrap(schema));
  if (def.type === "literal") return def.values ?? [];
  if (def.type === "enum") return Object.values(def.entries ?? {});
  return [];
}

/** The option of a union that fits `value` best: the object option whose discriminator matches, else the first object option. */
function unionOption(options: readonly z.ZodType[], discriminator: string | undefined, value: unknown): z.ZodType | undefined {
  const objects = options.filter((option) => defOf(unwrap(option)).type === "object");
  if (value === null || typeof value !== "object" || Array.isArray(value)) return options[0];
  if (discriminator !== undefined) {
    const tag = (value as Record<string, unknown>)[discriminator];
    const match = objects.find((option) => literalValues(defOf(unwrap(option)).shape?.[discriminator] as z.ZodType).includes(tag));
    if (match) return match;
  }
  return objects[0];
}

/** The schema at `path` inside `schema`, choosing union options by the data at that path. */
export function schemaAt(schema: z.ZodType, path: IssuePath, data: unknown): z.ZodType | undefined {
  let current: z.ZodType | undefined = unwrap(schema);
  let value = data;
  for (let depth = 0; depth <= path.length && current; depth++) {
    let def = defOf(current);
    if (def.type === "union") {
      current = unionOption(def.options ?? [], def.discriminator, value);
      if (!current) return undefined;
      current = unwrap(current);
      def = defOf(current);
    }
    if (depth === path.length) return current;
    const segment = path[depth];
    const next: Record<PropertyKey, unknown> | undefined = value !== null && typeof value === "object" ? (value as Record<PropertyKey, unknown>) : undefined;
    value = next?.[segment];
    if (def.type === "object") current = def.shape?.[String(segment)];
    else if (def.type === "array") current = def.element;
    else if (def.type === "tuple") current = def.items?.[Number(segment)];
    else return undefined;
    if (current) current = unwrap(current);
  }
  return current;
}

/** Whether a schema is an integer number (`z.int()`). */
function isIntegerSchema(schema: z.ZodType | undefined): boolean {
  if (!schema) return false;
  const def = defOf(schema) as SchemaDef & { format?: string };
  return def.type === "number" && (def.format === "safeint" || def.format === "int32");
}

/** The keys the object schema at `path` allows. */
function allowedKeys(root: z.ZodType, path: IssuePath, data: unknown): string[] {
  const schema = schemaAt(root, path, data);
  if (!schema) return [];
  const def = defOf(schema);
  return def.type === "object" ? Object.keys(def.shape ?? {}) : [];
}

function valueAt(data: unknown, path: IssuePath): unknown {
  let value = data;
  for (const segment of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

function quoteList(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(", ");
}

interface Problem {
  path: IssuePath;
  detail: string;
  key?: boolean;
}

/** Message details for one zod issue (several for unknown keys or union branches). */
function describeIssue(issue: z.core.$ZodIssue, root: z.ZodType, data: unknown, prefix: IssuePath): Problem[] {
  const path = [...prefix, ...issue.path];
  const input = "input" in issue ? issue.input : valueAt(data, path);
  switch (issue.code) {
    case "invalid_type": {
      const expected = issue.expected === "number" && isIntegerSchema(schemaAt(root, path, data)) ? "an integer" : expectedPhrase(issue.expected);
      if (input === undefined) return [{ path, detail: `missing: expected ${expected}` }];
      return [{ path, detail: `expected ${expected}, got ${describeValue(input)}` }];
    }
    case "too_small":
    case "too_big": {
      const bound = issue.code === "too_small" ? issue.minimum : issue.maximum;
      const comparison = issue.code === "too_small" ? (issue.inclusive ? ">=" : ">") : issue.inclusive ? "<=" : "<";
      if (issue.origin === "array" || issue.origin === "set") {
        const count = Array.isArray(input) ? input.length : undefined;
        const word = issue.code === "too_small" ? "at least" : "at most";
        return [{ path, detail: `expected ${word} ${String(bound)} entries${count === undefined ? "" : `, got ${count}`}` }];
      }
      if (issue.origin === "string") {
        const word = issue.code === "too_small" ? "at least" : "at most";
        return [{ path, detail: `expected ${word} ${String(bound)} characters, got ${describeValue(input)}` }];
      }
      return [{ path, detail: `expected a number ${comparison} ${String(bound)}, got ${describeValue(input)}` }];
    }
    case "invalid_format":
    case "custom":
    case "not_multiple_of": {
      const detail = issue.code === "not_multiple_of" ? `expected a multiple of ${String(issue.divisor)}` : issue.message;
      const got = issue.code === "custom" || input === undefined ? "" : `, got ${describeValue(input)}`;
      return [{ path, detail: detail + got }];
    }
    case "invalid_value": {
      const suggestion = typeof input === "string" ? didYouMean(input, issue.values.map(String)) : "";
      const expected = issue.values.length === 1 ? JSON.stringify(issue.values[0]) : `one of ${quoteList(issue.values)}`;
      return [{ path, detail: `expected ${expected}, got ${describeValue(input)}${suggestion}` }];
    }
    case "unrecognized_keys": {
      const allowed = allowedKeys(root, path, data);
      return issue.keys.map((key) => ({
        path: [...path, key],
        key: true,
        detail: `unknown key${didYouMean(key, allowed)}${allowed.length > 0 && closestName(key, allowed) === undefined ? `; expected one of ${allowed.join(", ")}` : ""}`,
      }));
    }
    case "invalid_union": {
      const note = (issue as { note?: string; discriminator?: string; options?: unknown[] }).note;
      if (note === "No matching discriminator") {
        const extra = issue as unknown as { discriminator: string; options: unknown[] };
        const tagPath = [...prefix, ...issue.path];
        const tag = valueAt(data, tagPath);
        const suggestion = typeof tag === "string" ? didYouMean(tag, extra.options.map(String)) : "";
        const detail = tag === undefined ? `missing: expected one of ${quoteList(extra.options)}` : `expected one of ${quoteList(extra.options)}, got ${describeValue(tag)}${suggestion}`;
        return [{ path: tagPath, detail }];
      }
      // Keep the branches whose type matched the input (their issues are deeper than the root).
      const matching = issue.errors.filter((branch) => !branch.some((inner) => inner.code === "invalid_type" && inner.path.length === 0));
      if (matching.length > 0) return matching[0].flatMap((inner) => describeIssue(inner, root, data, path));
      const expectedTypes = issue.errors
        .flatMap((branch) => branch.filter((inner) => inner.code === "invalid_type" && inner.path.length === 0))
        .map((inner) => expectedPhrase((inner as { expected: string }).expected));
      const unique = [...new Set(expectedTypes)];
      return [{ path, detail: `expected ${unique.join(" or ")}, got ${describeValue(input)}` }];
    }
    default:
      return [{ path, detail: issue.message }];
  }
}

/**
 * One `CascadeError` per problem, naming the file, the field path and (when `locate` knows it) the
 * line, in the order of the source.
 */
export function issuesToErrors(
  issues: readonly z.core.$ZodIssue[],
  options: { schema: z.ZodType; data: unknown; fileName: string; locate?: Locator },
): CascadeError[] {
  const problems = issues.flatMap((issue) => describeIssue(issue, options.schema, options.data, []));
  const located = problems.map((problem) => ({ problem, position: options.locate?.(problem.path, problem.key) }));
  located.sort((a, b) => (a.position?.line ?? Infinity) - (b.position?.line ?? Infinity));
  const seen = new Set<string>();
  const errors: CascadeError[] = [];
  for (const { problem, position } of located) {
    const field = formatPath(problem.path);
    const detail = problem.detail + (position ? ` (line ${position.line})` : "");
    const signature = `${field}\u0000${detail}`;
    if (seen.has(signature)) continue;
    seen.add(signature);
    errors.push(new CascadeError(detail, { file: options.fileName, field }));
  }
  return errors;
}
