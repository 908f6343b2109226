/**
 * Addressing one numeric field of a scenario by a path, as `cascade sweep --param` does:
 *
 * ```
 * groups.bpd.parameters.wAR.median     a group by name, then keys
 * groups[0].parameters.wRA             a group by index (0-based)
 * groups.*.parameters.wAR              every group
 * design.schedule.perDay               the scenario's design (inherited by groups that do not override it)
 * design.items.sad.loading             list elements with a `name` by name, others by index: design.items[0]
 * days
 * ```
 *
 * A path is checked against the scenario schema and the scenario itself before anything runs: each
 * key must be a field the schema allows at that place (with a "did you mean" suggestion), each list
 * index must exist, and the field must be numeric. A person-level parameter written as a distribution
 * can be swept in one of its numbers (`wAR.median`); sweeping the parameter itself (`wAR`) makes it
 * the same for every person of the group at each value.
 *
 * Values are set on the scenario *as written* (so the scenario's design keeps flowing into groups
 * that do not override it), then the whole scenario is validated again, so an out-of-range value is
 * reported with the field's own message. Where the file leaves a field to its default, the resolved
 * default is copied in first (so `covariates.age.mean` keeps the default distribution's other keys).
 *
 * The schema is walked through zod's introspection (`_zod.def`), so fields added to the schema later
 * (treatments, for example) can be swept without changes here. Browser-safe: no `node:` imports.
 */
import type * as z from "zod";
import { CascadeError, describeValue } from "../errors.js";
import { didYouMean } from "../io/suggest.js";
import { ScenarioSchema, type Scenario } from "../scenario/schema.js";
import { defOf, unwrap } from "../scenario/schema-def.js";

/** One step of a path: a mapping key or a list index. */
export type PathSegment = string | number;

/** A path resolved against a scenario: the concrete field(s) it sets. */
export interface ResolvedPath {
  /** The path as the user wrote it. */
  text: string;
  /** The canonical spelling: groups and named list elements by name, `*` kept (`groups.*.parameters.wAR`). */
  canonical: string;
  /** Every concrete field the path sets (several for `groups.*`), as segments with list indices as numbers. */
  targets: PathSegment[][];
  /** Whether the field takes whole numbers only. */
  integer: boolean;
  /** The field's current value in the resolved scenario (of the first target); undefined when unset. */
  current: unknown;
}

// ---------------------------------------------------------------------------------------------------
// Schema introspection (zod 4 internals, read-only; see ../scenario/schema-def.ts)

/** The non-union schemas a (possibly nested) union stands for. */
function flattenUnion(schema: z.ZodType): z.ZodType[] {
  const inner = unwrap(schema);
  const def = defOf(inner);
  if (def.type !== "union") return [inner];
  return (def.options ?? []).flatMap(flattenUnion);
}

/** The options of `schema` that fit `value`: numbers for a number, the matching discriminated option for a mapping. */
function optionsFor(schema: z.ZodType, value: unknown): z.ZodType[] {
  const options = flattenUnion(schema);
  if (options.length === 1) return options;
  if (typeof value === "number") return options.filter((o) => defOf(o).type === "number");
  const objects = options.filter((o) => defOf(o).type === "object");
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    const matching = objects.filter((o) => {
      const shape = defOf(o).shape ?? {};
      return Object.entries(shape).every(([key, field]) => {
        const fieldDef = defOf(unwrap(field));
        return fieldDef.type !== "literal" || (fieldDef.values ?? []).includes(record[key]);
      });
    });
    if (matching.length > 0) return matching;
  }
  return objects.length > 0 ? objects : options;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** `groups[1].parameters.thetaA` for `["groups", 1, "parameters", "thetaA"]`. */
export function formatSegments(segments: readonly PathSegment[]): string {
  let text = "";
  for (const segment of segments) {
    if (typeof segment === "number") text += `[${segment}]`;
    else text += text === "" ? segment : `.${segment}`;
  }
  return text === "" ? "(top level)" : text;
}

/**
 * Splits a path into keys and indices: `a.b[0].c` -> ["a", "b", 0, "c"]; `groups.bpd` keeps "bpd"
 * (resolved to an index later); `[*]` and `.*` give "*". Throws a CascadeError for malformed paths.
 */
export function splitPath(text: string, flag = "--param"): PathSegment[] {
  const segments: PathSegment[] = [];
  const pattern = /([^.[\]]+)|\[(\d+|\*)\]/g;
  let position = 0;
  let expectSeparator = false;
  const trimmed = text.trim();
  if (trimmed === "") throw new CascadeError(`${flag}: expected a field path such as groups.bpd.parameters.wAR, got nothing`);
  while (position < trimmed.length) {
    if (expectSeparator && trimmed[position] === ".") position++;
    pattern.lastIndex = position;
    const match = pattern.exec(trimmed);
    if (match === null || match.index !== position) {
      throw new CascadeError(`${flag}: cannot read the field path "${text}" at character ${position + 1}; expected keys separated by dots, with list indices as [0]`);
    }
    if (match[1] !== undefined) segments.push(/^\d+$/.test(match[1]) ? Number(match[1]) : match[1]);
    else segments.push(match[2] === "*" ? "*" : Number(match[2]));
    position = pattern.lastIndex;
    expectSeparator = true;
    if (position < trimmed.length && trimmed[position] !== "." && trimmed[position] !== "[") {
      throw new CascadeError(`${flag}: cannot read the field path "${text}" at character ${position + 1}`);
    }
    if (trimmed[position] === "." && position === trimmed.length - 1) throw new CascadeError(`${flag}: the field path "${text}" ends with a dot`);
  }
  return segments;
}

/** A short description of what a schema holds, for messages. */
function describeSchema(schema: z.ZodType): string {
  const types = new Set(flattenUnion(schema).map((o) => defOf(o).type));
  if (types.has("number")) return "a number";
  if (types.has("object")) return "a mapping";
  if (types.has("array")) return "a list";
  if (types.has("string") || types.has("enum") || types.has("literal")) return "a text";
  if (types.has("boolean")) return "true or false";
  return [...types].join(" or ");
}

/**
 * Resolves `text` against the resolved scenario and the scenario schema (see the module comment).
 * Throws a CascadeError naming the flag, the path and what was expected.
 */
export function resolvePath(scenario: Scenario, text: string, flag = "--param"): ResolvedPath {
  const segments = splitPath(text, flag);
  const where = (upTo: readonly PathSegment[]) => formatSegments(upTo);
  const fail = (detail: string): never => {
    throw new CascadeError(`${flag} ${text}: ${detail}`);
  };
  if (segments[0] === "seed") fail("the seed is not a sweep parameter: every cell and replicate gets its own seed derived from --seed (see docs/sweeps.md); use --replicates for more runs");

  // Walk the data and the schema together; `branches` holds one concrete path per matched group.
  let branches: { path: PathSegment[]; value: unknown }[] = [{ path: [], value: scenario }];
  let schema: z.ZodType = ScenarioSchema;
  const canonical: PathSegment[] = [];
  for (let depth = 0; depth < segments.length; depth++) {
    const segment = segments[depth];
    const value = branches[0].value;
    const options = optionsFor(schema, value);
    const objectOption = options.find((o) => defOf(o).type === "object");
    const arrayOption = options.find((o) => defOf(o).type === "array");
    if (arrayOption !== undefined && Array.isArray(value)) {
      const element = defOf(arrayOption).element as z.ZodType;
      const list = value as unknown[];
      const names = list.map((item) => (isPlainObject(item) && typeof item.name === "string" ? item.name : undefined));
      const listPath = where(canonical);
      const next: { path: PathSegment[]; value: unknown }[] = [];
      let canonicalSegment: PathSegment;
      for (const branch of branches) {
        const items = branch.value as unknown[];
        if (segment === "*") {
          if (items.length === 0) fail(`${listPath} is an empty list`);
          items.forEach((item, index) => next.push({ path: [...branch.path, index], value: item }));
        } else if (typeof segment === "number") {
          if (segment >= items.length) fail(`${listPath} has ${items.length} element${items.length === 1 ? "" : "s"} (indices 0 to ${items.length - 1}), so [${segment}] does not exist`);
          next.push({ path: [...branch.path, segment], value: items[segment] });
        } else {
          const index = names.indexOf(segment);
          if (index < 0) {
            const known = names.filter((n): n is string => n !== undefined);
            if (known.length === 0) fail(`${listPath} is a list: address its elements by index, as ${listPath}[0]`);
            fail(`${listPath} has no element named "${segment}"${didYouMean(segment, known)}; its elements are ${known.join(", ")}`);
          }
          next.push({ path: [...branch.path, index], value: items[index] });
        }
      }
      if (segment === "*") canonicalSegment = "*";
      else if (typeof segment === "number") canonicalSegment = names[segment] ?? segment;
      else canonicalSegment = segment;
      // Named elements are written `groups.bpd`; unnamed ones `items[0]`.
      canonical.push(canonicalSegment);
      branches = next;
      schema = element;
      continue;
    }
    if (objectOption !== undefined && (isPlainObject(value) || value === undefined || value === null)) {
      if (typeof segment !== "string" || segment === "*") fail(`${where(canonical)} is a mapping: address a field by name, not ${typeof segment === "number" ? `[${segment}]` : "*"}`);
      const keys = [...new Set(options.filter((o) => defOf(o).type === "object").flatMap((o) => Object.keys(defOf(o).shape ?? {})))];
      const field = options.map((o) => defOf(o).shape?.[segment as string]).find((s) => s !== undefined);
      if (field === undefined) {
        const place = canonical.length === 0 ? "the scenario" : where(canonical);
        const kind = isPlainObject(value) && typeof value.dist === "string" ? `, a ${value.dist} distribution` : "";
        fail(`unknown field "${segment}" in ${place}${kind}${didYouMean(segment as string, keys)}; fields there: ${keys.join(", ")}`);
      }
      canonical.push(segment);
      branches = branches.map((branch) => ({
        path: [...branch.path, segment],
        value: isPlainObject(branch.value) ? branch.value[segment as string] : undefined,
      }));
      schema = field as z.ZodType;
      continue;
    }
    const current = where(canonical);
    if (typeof value === "number") {
      fail(
        `${current} is the number ${value} in this scenario (the same for every person), not a distribution, so it has no field "${String(segment)}"; ` +
          `sweep ${current} itself, or write it as a distribution in the scenario`,
      );
    }
    fail(`${current} is ${value === undefined ? describeSchema(schema) : describeValue(value)}, which has no field "${String(segment)}"`);
  }

  const leafOptions = optionsFor(schema, branches[0].value);
  const numberOption = leafOptions.find((o) => defOf(o).type === "number") ?? flattenUnion(schema).find((o) => defOf(o).type === "number");
  if (numberOption === undefined) {
    const here = where(canonical);
    const shapeKeys = leafOptions.filter((o) => defOf(o).type === "object").flatMap((o) => Object.entries(defOf(o).shape ?? {}));
    const numeric = shapeKeys.filter(([, s]) => flattenUnion(s).some((o) => defOf(o).type === "number")).map(([k]) => k);
    const value = branches[0].value;
    if (numeric.length > 0) fail(`${here} is a mapping; sweeps set a number: name one of its numeric fields, ${numeric.map((k) => `${here}.${k}`).join(", ")}`);
    fail(`${here} is ${value === undefined ? describeSchema(schema) : describeValue(value)}; sweeps set numeric fields only`);
  }
  const format = defOf(numberOption as z.ZodType).format;
  return {
    text,
    canonical: formatSegments(canonical).replace(/\[\*\]/g, ".*"),
    targets: branches.map((b) => b.path),
    integer: format === "safeint" || format === "int32",
    current: branches[0].value,
  };
}

// ---------------------------------------------------------------------------------------------------
// Setting values on the scenario as written

function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/**
 * A copy of `input` (the scenario as written) with `value` set at `target`. Where the input leaves a
 * node out, the node of `resolved` (every default filled in) is copied in first; where neither has
 * it, an empty mapping is created. The input is not modified.
 */
export function setAtPath(input: Record<string, unknown>, resolved: unknown, target: readonly PathSegment[], value: number): Record<string, unknown> {
  const root = clone(input);
  let node: Record<string, unknown> | unknown[] = root;
  let resolvedNode: unknown = resolved;
  for (let depth = 0; depth < target.length; depth++) {
    const segment = target[depth];
    const resolvedChild = resolvedNode !== null && typeof resolvedNode === "object" ? (resolvedNode as Record<PropertyKey, unknown>)[segment] : undefined;
    if (depth === target.length - 1) {
      (node as Record<PropertyKey, unknown>)[segment] = value;
      break;
    }
    let child = (node as Record<PropertyKey, unknown>)[segment];
    if (child === undefined || child === null || typeof child !== "object") {
      child = resolvedChild !== undefined && resolvedChild !== null && typeof resolvedChild === "object" ? clone(resolvedChild) : {};
      (node as Record<PropertyKey, unknown>)[segment] = child;
    }
    node = child as Record<string, unknown> | unknown[];
    resolvedNode = resolvedChild;
  }
  return root;
}
