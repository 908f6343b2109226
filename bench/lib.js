// Shared helpers for the benchmarks in bench/*.bench.js (run by `npm run bench`).
//
// Benchmarks run the compiled code in dist/ and print numbers; they never pass or fail. Every figure
// is the median over several runs, printed with the individual runs, because these machines are
// shared and noisy. Peak memory is the process's maximum resident set size (RSS), reported by the
// process itself on exit through bench/rss-hook.js.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const repoRoot = resolve(import.meta.dirname, "..");

/** Median of a list of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs `fn` `runs` times (after `warmup` unmeasured runs); returns the durations in milliseconds. */
export async function timeRuns(fn, { runs = 5, warmup = 1 } = {}) {
  for (let i = 0; i < warmup; i++) await fn(i);
  const durations = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn(i);
    durations.push(performance.now() - start);
  }
  return durations;
}

/**
 * Runs `node bin/cascade.js ...args` in a child process and returns its wall time (ms), peak RSS (MB)
 * and exit code. Output goes to a fresh temporary directory, passed to `args` as the token `{tmp}`.
 */
export function runCascade(args, { env = {} } = {}) {
  const tmp = mkdtempSync(join(tmpdir(), "cascade-bench-"));
  const rssFile = join(tmp, "rss.txt");
  const start = performance.now();
  const result = spawnSync(
    process.execPath,
    ["--import", join(repoRoot, "bench", "rss-hook.js"), join(repoRoot, "bin", "cascade.js"), ...args.map((a) => a.replaceAll("{tmp}", tmp))],
    { cwd: repoRoot, env: { ...process.env, ...env, CASCADE_RSS_FILE: rssFile }, encoding: "utf8", maxBuffer: 1 << 28 },
  );
  const wallMs = performance.now() - start;
  let peakRssMb = Number.NaN;
  try {
    peakRssMb = Number(readFileSync(rssFile, "utf8")) / 1024;
  } catch {
    /* the process died before its exit hook */
  }
  rmSync(tmp, { recursive: true, force: true });
  if (result.status !== 0) {
    throw new Error(`cascade ${args.join(" ")} exited ${result.status}: ${result.stderr}`);
  }
  return { wallMs, peakRssMb, stdout: result.stdout };
}

/** Formats a number with thousands separators and `digits` decimals. */
export function fmt(value, digits = 0) {
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Prints one benchmark figure: name, median, unit, and the individual runs. */
export function report(name, values, unit, digits = 1) {
  const runs = values.map((v) => fmt(v, digits)).join(", ");
  console.log(`  ${name}: ${fmt(median(values), digits)} ${unit}  (median of ${values.length}; runs: ${runs})`);
  return median(values);
}
