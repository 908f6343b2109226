/**
 * The scenario as written: the YAML text parsed to plain data (anchors, aliases and merge keys
 * expanded, as `parseScenario` reads them), without defaults. Sweeps and power analyses set fields on
 * this form and validate it again (see `scenario-path.ts`). Browser-safe: no `node:` imports.
 */
import { parseDocument } from "yaml";
import { CascadeError } from "../errors.js";

/**
 * Plain data of a scenario's YAML text. Call it on text that `parseScenario` has accepted; aliases are
 * expanded into separate copies, so setting a field in one place never changes another.
 */
export function scenarioInput(yamlText: string, fileName = "scenario.yaml"): Record<string, unknown> {
  const document = parseDocument(yamlText, { merge: true, uniqueKeys: true });
  const data: unknown = document.toJS({ maxAliasCount: 1000 });
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new CascadeError("expected a mapping at the top level", { file: fileName });
  }
  return JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
}
