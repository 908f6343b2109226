import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
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
});
