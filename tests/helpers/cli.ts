/** Runs the compiled `cascade` command in a child process, as a user would. */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const repoRoot = resolve(import.meta.dirname, "..", "..");
export const sharedDir = resolve(repoRoot, "..", "shared");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/cascade.js ...args` from `cwd` (default: the repository root). */
export function runCli(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): CliResult {
  const result = spawnSync(process.execPath, [join(repoRoot, "bin", "cascade.js"), ...args], {
    cwd: options.cwd ?? repoRoot,
    env: { ...process.env, ...options.env },
    input: options.input,
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh temporary directory for one test. */
export function tempDir(prefix = "cascade-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
