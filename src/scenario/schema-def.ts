/**
 * Read-only introspection of zod 4 schemas (`_zod.def`), shared by the scenario error messages
 * (`issues.ts`) and the sweep's parameter paths (`../sweep/scenario-path.ts`), which both walk the
 * scenario schema so that fields added later need no changes there. Browser-safe.
 */
import type * as z from "zod";

/** The type-independent part of a zod schema's internals that the walkers read. */
export interface SchemaDef {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  items?: z.ZodType[];
  options?: z.ZodType[];
  discriminator?: string;
  values?: unknown[];
  entries?: Record<string, unknown>;
  format?: string;
}

/** The internals of `schema`. */
export function defOf(schema: z.ZodType): SchemaDef {
  return (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;
}

const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "catch", "readonly", "nonoptional"]);

/** Removes wrappers (optional, default, ...) and pipes around a schema. */
export function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if (WRAPPERS.has(def.type) && def.innerType) current = def.innerType;
    else if (def.type === "pipe" && def.in) current = def.in;
    else return current;
  }
}
