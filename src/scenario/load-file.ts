/**
 * Loading scenarios from disk (Node only): a path to a YAML file, or the name of a scenario bundled
 * in the package's `scenarios/` folder (`bpd-cascade`, `differentiation`, ...).
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseDocument } from "yaml";
import { CascadeError } from "../errors.js";
import { didYouMean } from "../io/suggest.js";
import { parseScenario } from "./parse.js";
import type { Scenario } from "./schema.js";

/** The folder of bundled scenarios (`scenarios/` at the package root). */
export function bundledScenarioDirectory(): string {
  return fileURLToPath(new URL("../../scenarios/", import.meta.url));
}

export interface BundledScenario {
  name: string;
  file: string;
  title: string;
}

/** The bundled scenarios, by name. */
export function listBundledScenarios(): BundledScenario[] {
  const directory = bundledScenarioDirectory();
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((file) => file.endsWith(".yaml"))
    .sort()
    .map((file) => {
      const path = join(directory, file);
      const title = (parseDocument(readFileSync(path, "utf8")).get("title") as string | undefined) ?? "";
      return { name: file.replace(/\.yaml$/, ""), file: path, title };
    });
}

/**
 * The file a scenario argument names: an existing path, else a bundled scenario of that name.
 * Throws a CascadeError (with the bundled names and a suggestion) when neither exists.
 */
export function resolveScenarioPath(pathOrName: string): string {
  if (existsSync(pathOrName)) {
    if (statSync(pathOrName).isDirectory()) throw new CascadeError(`${pathOrName} is a directory; expected a scenario file (.yaml)`);
    return pathOrName;
  }
  const bundled = listBundledScenarios();
  const name = basename(pathOrName).replace(/\.ya?ml$/, "");
  const match = bundled.find((scenario) => scenario.name === pathOrName || (!pathOrName.includes("/") && scenario.name === name));
  if (match) return match.file;
  const names = bundled.map((scenario) => scenario.name);
  throw new CascadeError(
    `no such file, and no bundled scenario of that name${didYouMean(name, names)}; bundled scenarios: ${names.join(", ")}`,
    { file: pathOrName },
  );
}

/** Reads and validates a scenario file or bundled scenario. */
export function loadScenario(pathOrName: string): { scenario: Scenario; path: string; text: string } {
  const path = resolveScenarioPath(pathOrName);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new CascadeError(`cannot read the file: ${(error as Error).message}`, { file: pathOrName });
  }
  return { scenario: parseScenario(text, pathOrName), path, text };
}
