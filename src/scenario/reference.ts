/**
 * The scenario reference (docs/scenario-reference.md), generated from the schema itself so that it
 * cannot drift from the validation: `cascade scenarios reference` prints it, and a test checks that
 * the committed file is current. Also the JSON Schema (`cascade scenarios schema`) for editors.
 */
import * as z from "zod";
import { PARAMETERS, PARAMETER_NAMES, describeRange, type ParameterTopic } from "../model/parameters.js";
import { ScenarioSchema } from "./schema.js";

type JsonSchema = {
  type?: string;
  description?: string;
  default?: unknown;
  unit?: string;
  range?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  pattern?: string;
  const?: unknown;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
};

/** The scenario schema as JSON Schema (draft 2020-12), inputs with their defaults. */
export function scenarioJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(ScenarioSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function numberRange(schema: JsonSchema): string {
  const parts: string[] = [];
  if (schema.exclusiveMinimum !== undefined) parts.push(`> ${schema.exclusiveMinimum}`);
  if (schema.minimum !== undefined && schema.minimum > -Number.MAX_SAFE_INTEGER) parts.push(`>= ${schema.minimum}`);
  if (schema.maximum !== undefined && schema.maximum < Number.MAX_SAFE_INTEGER) parts.push(`<= ${schema.maximum}`);
  if (schema.exclusiveMaximum !== undefined) parts.push(`< ${schema.exclusiveMaximum}`);
  return parts.join(", ");
}

/** Options of a discriminated union: the discriminator and the object schemas. */
function unionOptions(schema: JsonSchema): { key: string; options: { tag: string; schema: JsonSchema }[] } | undefined {
  const options = schema.oneOf ?? schema.anyOf;
  if (!options || options.length < 2 || !options.every((o) => o.type === "object" && o.properties)) return undefined;
  const key = Object.keys(options[0].properties ?? {}).find((k) => options.every((o) => o.properties?.[k]?.const !== undefined || o.properties?.[k]?.enum !== undefined));
  if (key === undefined) return undefined;
  return {
    key,
    options: options.map((o) => {
      const tag = o.properties?.[key];
      return { tag: tag?.const !== undefined ? String(tag.const) : (tag?.enum ?? []).join(" / "), schema: o };
    }),
  };
}

function typeOf(schema: JsonSchema): string {
  if (schema.anyOf?.some((o) => o.type === "number") && schema.anyOf.some((o) => o.oneOf || o.anyOf)) return "number or distribution";
  const union = unionOptions(schema);
  if (union) return `mapping, by \`${union.key}\`: ${union.options.map((o) => `\`${o.tag}\``).join(", ")}`;
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(" or ");
  if (schema.const !== undefined) return `\`${JSON.stringify(schema.const)}\``;
  if (schema.enum) return schema.enum.map((v) => `\`${String(v)}\``).join(", ");
  switch (schema.type) {
    case "array":
      return schema.prefixItems ? `list of ${schema.prefixItems.length} ${typeOf(schema.prefixItems[0])}s` : `list of ${schema.items ? typeOf(schema.items) : "values"}`;
    case "object":
      return "mapping";
    case "integer":
      return "integer";
    case "string":
      return schema.pattern ? "text (pattern)" : "text";
    default:
      return schema.type ?? "value";
  }
}

function rangeOf(schema: JsonSchema): string {
  if (schema.range) return schema.range;
  if (schema.anyOf) return schema.anyOf.map(rangeOf).filter((r) => r !== "").join("; ");
  if (schema.type === "array" && schema.minItems) return `at least ${schema.minItems}`;
  return numberRange(schema);
}

function defaultOf(schema: JsonSchema, required: boolean): string {
  if (schema.default === undefined) return required ? "required" : "";
  const text = JSON.stringify(schema.default);
  return text.length > 40 ? "(see below)" : `\`${text}\``;
}

interface Section {
  title: string;
  intro: string;
  rows: string[];
}

function render(schema: JsonSchema, path: string, sections: Section[], seen: Set<string>): void {
  const union = unionOptions(schema);
  if (union) {
    for (const option of union.options) render(option.schema, `${path} (${union.key}: ${option.tag})`, sections, seen);
    return;
  }
  if (schema.type === "array" && schema.items) {
    render(schema.items, `${path}[]`, sections, seen);
    return;
  }
  if (schema.type !== "object" || !schema.properties) return;
  const signature = JSON.stringify(schema);
  if (seen.has(signature)) return;
  seen.add(signature);
  const section: Section = { title: path, intro: schema.description ?? "", rows: [] };
  sections.push(section);
  const children: [string, JsonSchema][] = [];
  for (const [name, property] of Object.entries(schema.properties)) {
    if (path === "groups[].parameters") continue; // rendered from the parameter table below
    const required = schema.required?.includes(name) ?? false;
    const description = [property.description ?? "", property.unit ? `Unit: ${property.unit}.` : ""].filter((s) => s !== "").join(" ");
    section.rows.push(`| \`${name}\` | ${cell(typeOf(property))} | ${cell(defaultOf(property, required))} | ${cell(rangeOf(property))} | ${cell(description)} |`);
    const target = property.anyOf?.find((o) => o.type === "object" || o.type === "array") ?? property;
    if (typeOf(property) !== "number or distribution") children.push([name, target]);
  }
  for (const [name, child] of children) render(child, `${path === "" ? "" : `${path}.`}${name}`, sections, seen);
}

const TOPIC_TITLES: Record<ParameterTopic, string> = {
  dynamics: "Latent dynamics and differentiation",
  stress: "Stressors",
  nssi: "NSSI acts, relief and reinforcement",
  urge: "Urge",
  skills: "Skills (the hook for treatments)",
};

function parameterTable(): string {
  const lines: string[] = [];
  for (const topic of Object.keys(TOPIC_TITLES) as ParameterTopic[]) {
    lines.push(`### ${TOPIC_TITLES[topic]}`, "", "| parameter | default | valid range | unit | meaning |", "|---|---|---|---|---|");
    for (const name of PARAMETER_NAMES) {
      const spec = PARAMETERS[name] as { topic: ParameterTopic; description: string; unit?: string; default: number };
      if (spec.topic !== topic) continue;
      lines.push(`| \`${name}\` | ${spec.default} | ${cell(describeRange(spec))} | ${cell(spec.unit ?? "")} | ${cell(spec.description)} |`);
    }
    lines.push("");
  }
  return lines.join("\n");
}

/** The reference documentation of scenario files, as Markdown. */
export function scenarioReferenceMarkdown(): string {
  const schema = scenarioJsonSchema() as JsonSchema;
  const sections: Section[] = [];
  render(schema, "", sections, new Set());
  const out: string[] = [
    "# Scenario reference",
    "",
    "<!-- Generated from the schema by `cascade scenarios reference > docs/scenario-reference.md`; do not edit by hand. -->",
    "",
    "Every key of a scenario file, its type, default, valid range and meaning. Keys not listed are errors",
    "(with a \"did you mean\" suggestion). See [scenarios.md](scenarios.md) for a guide and examples, and",
    "[simulation.md](simulation.md) for the model and the output files.",
    "",
  ];
  for (const section of sections) {
    out.push(`## ${section.title === "" ? "Top level" : `\`${section.title}\``}`, "");
    if (section.intro) out.push(section.intro, "");
    out.push("| key | type | default | range | meaning |", "|---|---|---|---|---|", ...section.rows, "");
    if (section.title === "groups[].parameters" || section.rows.length === 0) continue;
  }
  out.push(
    "## Person-level parameters (`groups[].parameters`)",
    "",
    "Each parameter is a number (the same for every person of the group) or a distribution (next section).",
    "Distributions must stay within the parameter's valid range: give `min` (or `max`) where they could leave it.",
    "",
    parameterTable(),
  );
  return out.join("\n").replace(/\n{3,}/g, "\n\n");
}
