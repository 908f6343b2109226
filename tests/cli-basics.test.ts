import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { commandLoaders, commandNamesFor, loadCommands } from "../src/cli/commands/index.js";
import { buildProgram } from "../src/cli/main.js";
import { repoRoot, runCli } from "./helpers/cli.js";

describe("the cascade command", () => {
  it("prints its help and exits 0", () => {
    const result = runCli(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Usage: cascade");
    expect(result.stdout).toMatch(/not a clinical or\s+risk-prediction tool/);
  });
  it("prints the package version", () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string };
    const result = runCli(["--version"]);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(manifest.version);
  });
  it("rejects an unknown command with a non-zero exit", () => {
    const result = runCli(["no-such-command"]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/unknown command|too many arguments/);
  });
  it("lists every registered command in its help", () => {
    const result = runCli(["--help"]);
    for (const [name] of commandLoaders) expect(result.stdout).toMatch(new RegExp(`^  ${name}\\b`, "m"));
  });
  it("suggests the nearest command name for a misspelt one", () => {
    const result = runCli(["simlate"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Did you mean simulate?");
  });
});

describe("loading commands on demand", () => {
  it("loads only the command named first, and all of them otherwise", () => {
    expect(commandNamesFor(["analyze", "data.csv", "--out", "x"])).toEqual(["analyze"]);
    expect(commandNamesFor(["scenarios", "validate", "f.yaml"])).toEqual(["scenarios"]);
    const all = commandLoaders.map(([name]) => name);
    expect(commandNamesFor([])).toEqual(all);
    expect(commandNamesFor(["--help"])).toEqual(all);
    expect(commandNamesFor(["simlate"])).toEqual(all);
  });
  it("registers each module under the name the registry gives it", async () => {
    for (const [name] of commandLoaders) {
      const program = buildProgram(await loadCommands([name]));
      expect(program.commands.map((command) => command.name())).toEqual([name]);
    }
  });
});
