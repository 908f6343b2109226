// Helpers shared by tests/sweep-*.test.ts and tests/power-*.test.ts.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { expect } from "vitest";
import { main } from "../src/cli/main.js";

export interface InProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the `cascade` command line in this process (no child process start-up, which costs over a
 * second on a loaded machine), capturing what it writes. For paths that do not need worker threads
 * from dist/; tests of --workers N spawn the compiled command with `runCli`.
 */
export async function runInProcess(args: readonly string[]): Promise<InProcessResult> {
  const out: string[] = [];
  const err: string[] = [];
  const stdoutWrite = process.stdout.write;
  const stderrWrite = process.stderr.write;
  process.stdout.write = ((chunk: string | Uint8Array) => (out.push(String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => (err.push(String(chunk)), true)) as typeof process.stderr.write;
  try {
    const code = await main(["node", "cascade", ...args]);
    return { code, stdout: out.join(""), stderr: err.join("") };
  } finally {
    process.stdout.write = stdoutWrite;
    process.stderr.write = stderrWrite;
  }
}

/** Every file under `root` with its bytes, by relative path. */
export function snapshot(root: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (path: string): void => {
    for (const entry of readdirSync(path)) {
      const full = join(path, entry);
      if (statSync(full).isDirectory()) walk(full);
      else files.set(relative(root, full), readFileSync(full));
    }
  };
  walk(root);
  return files;
}

/** The two directories hold the same files with the same bytes. */
export function expectSameFiles(a: string, b: string): void {
  const left = snapshot(a);
  const right = snapshot(b);
  expect([...right.keys()].sort()).toEqual([...left.keys()].sort());
  for (const [name, bytes] of left) expect(right.get(name)?.equals(bytes), name).toBe(true);
}
