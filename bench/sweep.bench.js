// Benchmarks of sweeps and power analyses (`npm run bench -- sweep`). Prints medians of several runs:
//
// 1. sweep throughput: each sweep runs `runSweep` in a fresh Node process (this file with --one-sweep),
//    so that --workers 1 and 2 both start cold, as a researcher's `cascade sweep` does; wall time,
//    persons simulated per second, the time to the first finished run, and the speed-up (target
//    >= 1.7 with 2 workers on a 2-core machine), for a sweep of realistic size and for a small one;
//    one end-to-end command-line run for context. Runs alternate between 1 and 2 workers so that a
//    change in the machine's load hits both alike, and the load average is printed before and after.
//    Because a loaded Linux machine shares CPU between sessions rather than threads, the benchmark
//    also reads each thread's CPU time (/proc) and gives two estimates of the speed-up on idle cores:
//    the ratio of the busiest threads' CPU times (the critical paths; an upper bound, as if every
//    other thread had a core of its own) and the ratio of max(busiest thread, process CPU / cores)
//    (what the cores can give when V8's own compiler and garbage-collector threads compete for them),
//    and the share of the machine's cores that stood idle during the sweep (/proc/stat; on an
//    otherwise idle machine, cores the sweep left unused);
//    then a longer sweep, where the fixed costs (a worker's start-up, compiling the simulation in each
//    thread) weigh less;
//    the start-up of one worker thread, bundled (dist/bundles/sweep-worker.js) and unbundled;
// 2. power: replicates per second for each test at a typical size, with 1 and 2 workers.
//
// Set CASCADE_BENCH_QUICK=1 for a short run.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { fmt, median, repoRoot, report, runCascade } from "./lib.js";

const dist = (path) => new URL(`../dist/${path}`, import.meta.url).href;
const { createSweepPlan } = await import(dist("sweep/plan.js"));
const { runSweep } = await import(dist("sweep/run.js"));
const { scenarioInput } = await import(dist("sweep/scenario-input.js"));
const { OUTCOME_NAMES } = await import(dist("sweep/outcomes.js"));
const { PowerContext } = await import(dist("power/plan.js"));
const { runPower } = await import(dist("power/run.js"));

const quick = process.env.CASCADE_BENCH_QUICK === "1";
const input = scenarioInput(readFileSync(join(repoRoot, "scenarios", "bpd-cascade.yaml"), "utf8"));
async function timed(fn) {
  const start = performance.now();
  const result = await fn();
  return { ms: performance.now() - start, result };
}

const grid = [{ path: "groups.bpd.parameters.wAR.median", values: [0.6, 0.8, 1, 1.2, 1.4, 1.6] }];

if (process.argv[2] === "--one-sweep") {
  // One sweep in this fresh process; prints its figures as JSON for the parent.
  const { persons, days, replicates, workers } = JSON.parse(process.argv[3]);
  const { context } = createSweepPlan(input, "bpd-cascade.yaml", { name: "bpd-cascade", persons, days, parameters: grid, replicates, outcomes: [...OUTCOME_NAMES] });
  const dir = temporary();
  const start = performance.now();
  const cpuBefore = threadCpuMs();
  let cpuAfter = cpuBefore;
  const machineBefore = machineTicks();
  let machineAfter = machineBefore;
  let first = Number.NaN;
  const onProgress = (done, total) => {
    if (done === 1) first = performance.now() - start;
    if (done === total) {
      cpuAfter = threadCpuMs(); // before the pool closes and its threads vanish
      machineAfter = machineTicks();
    }
  };
  const { ms, result } = await timed(() => runSweep(context, { out: join(dir, "out"), workers, charts: false, onProgress }));
  rmSync(dir, { recursive: true, force: true });
  const idle = machineAfter.total > machineBefore.total ? (machineAfter.idle - machineBefore.idle) / (machineAfter.total - machineBefore.total) : Number.NaN;
  const figures = { ms, first, ...threadCpuSpent(cpuBefore, cpuAfter), idle, persons: result.persons, tasks: context.tasks, baseline: context.baselinePersons() };
  process.stdout.write(JSON.stringify(figures) + "\n");
  process.exit(0);
}

if (process.argv[2] === "--worker-start") {
  // One worker thread started in this fresh process: wall time until it has loaded its module and
  // answered, and the CPU time of the threads that appeared meanwhile (the worker's, mostly).
  const { TaskPool } = await import(dist("sweep/pool.js"));
  const { context } = createSweepPlan(input, "bpd-cascade.yaml", { name: "bpd-cascade", parameters: grid, replicates: 1, outcomes: [...OUTCOME_NAMES] });
  const before = threadCpuMs();
  const start = performance.now();
  const pool = new TaskPool({ workers: 2, workerFile: process.argv[3], workerData: { plan: context.plan, fileName: context.fileName }, runLocal: () => undefined });
  await pool.started();
  const ms = performance.now() - start;
  let cpu = 0;
  for (const [tid, spent] of threadCpuMs()) if (!before.has(tid)) cpu += spent;
  await pool.close();
  process.stdout.write(JSON.stringify({ ms, cpu }) + "\n");
  process.exit(0);
}

console.log(`load average at start: ${loadavg().map((x) => x.toFixed(2)).join(", ")} on ${cpus().length} cores (figures are noisy when others use the machine)`);


/**
 * CPU time of each thread of this process so far, in ms (Linux: /proc/self/task/<tid>/stat, 10 ms
 * ticks); an empty map elsewhere. Used to estimate what two idle cores would give: on a machine that
 * others load, the kernel shares CPU between sessions (autogroups), not threads, so a process gets
 * about the same CPU time with two threads as with one and wall-time speed-ups say little.
 */
function threadCpuMs() {
  const threads = new Map();
  if (!existsSync("/proc/self/task")) return threads;
  for (const tid of readdirSync("/proc/self/task")) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      threads.set(tid, (Number(fields[11]) + Number(fields[12])) * 10); // utime + stime, in 10 ms ticks
    } catch {
      /* the thread ended meanwhile */
    }
  }
  return threads;
}

/**
 * CPU ms between two `threadCpuMs` readings: of the busiest thread (the critical path on idle cores)
 * and of all threads together (this thread, worker threads, and V8's compiler and garbage-collector
 * threads, which run beside them).
 */
function threadCpuSpent(before, after) {
  let busiest = 0;
  let total = 0;
  for (const [tid, ms] of after) {
    const spent = ms - (before.get(tid) ?? 0);
    busiest = Math.max(busiest, spent);
    total += spent;
  }
  return { busiest, total };
}

/**
 * The machine's CPU ticks so far, all and idle (Linux: the first line of /proc/stat; idle + iowait),
 * summed over the cores; zeros elsewhere. Their change over a sweep gives the share of the cores that
 * stood idle: on an otherwise idle machine, time the sweep's threads left unused (waiting for work).
 */
function machineTicks() {
  if (!existsSync("/proc/stat")) return { total: 0, idle: 0 };
  const ticks = readFileSync("/proc/stat", "utf8").split("\n", 1)[0].trim().split(/\s+/).slice(1).map(Number);
  return { total: ticks.reduce((sum, value) => sum + value, 0), idle: ticks[3] + ticks[4] };
}

function temporary() {
  return mkdtempSync(join(tmpdir(), "cascade-bench-sweep-"));
}

// 1. Sweep throughput: a sweep of realistic size (each run simulates a study of 30 persons over 21 days;
//    worker start-up, a few tenths of a second, is a small part of it), a longer one (36 runs of 60
//    persons over 28 days; not in the quick run), then a small one (start-up dominated) to show where
//    two workers stop paying.

/** One sweep in a fresh process (see --one-sweep above). */
function sweepInChild(parameters) {
  const result = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--one-sweep", JSON.stringify(parameters)], { cwd: repoRoot, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`the sweep benchmark's child failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split("\n").at(-1));
}

/** Times sweeps with 1 and 2 workers, alternating, each in a fresh process; prints the figures and returns the speed-up. */
function sweepThroughput({ persons, days, replicates, runs }) {
  const figures = { 1: [], 2: [] };
  sweepInChild({ persons, days, replicates, workers: 1 }); // warm-up (file cache)
  for (let i = 0; i < runs; i++) for (const workers of [1, 2]) figures[workers].push(sweepInChild({ persons, days, replicates, workers }));
  const { tasks, persons: personsPerRun, baseline } = figures[1][0];
  console.log(
    `\nSweep of bpd-cascade over groups.bpd.parameters.wAR.median: 6 cells x ${replicates} replicates = ${tasks} runs of ${persons} persons x ${days} days ` +
      `(${personsPerRun} persons per sweep, plus the baseline study of ${baseline} for the PAC cutoffs), every outcome, no charts; ` +
      "each sweep in a fresh process, runs alternating 1 and 2 workers:",
  );
  for (const workers of [1, 2]) {
    const f = figures[workers];
    report(`--workers ${workers}: wall time`, f.map((x) => x.ms / 1000), "s", 2);
    report(`--workers ${workers}: first run finished after (start-up and baseline)`, f.map((x) => x.first / 1000), "s", 2);
    report(`--workers ${workers}: persons simulated per second`, f.map((x) => x.persons / (x.ms / 1000)), "persons/s", 1);
    if (f.every((x) => Number.isFinite(x.idle))) report(`--workers ${workers}: share of the machine's cores idle during the sweep`, f.map((x) => 100 * x.idle), "%", 0);
  }
  const speedup = median(figures[1].map((x) => x.ms)) / median(figures[2].map((x) => x.ms));
  console.log(`  speed-up --workers 2 vs 1 (ratio of the median wall times): ${fmt(speedup, 2)}`);
  let estimates;
  if (figures[1].every((x) => x.busiest > 0)) {
    const cores = cpus().length;
    const busiest = {};
    const bound = {};
    for (const workers of [1, 2]) {
      const f = figures[workers];
      busiest[workers] = report(`--workers ${workers}: CPU time of the busiest thread`, f.map((x) => x.busiest / 1000), "s", 2);
      report(`--workers ${workers}: CPU time of the whole process (all threads)`, f.map((x) => x.total / 1000), "s", 2);
      bound[workers] = median(f.map((x) => Math.max(x.busiest, x.total / cores) / 1000));
    }
    estimates = { criticalPath: busiest[1] / busiest[2], cores: bound[1] / bound[2] };
    console.log(`  estimated speed-up on idle cores, critical paths (ratio of the busiest threads' median CPU times; upper bound): ${fmt(estimates.criticalPath, 2)}`);
    console.log(
      `  estimated speed-up on ${cores} idle cores, counting every thread (ratio of the medians of max(busiest thread, process CPU / ${cores})): ${fmt(estimates.cores, 2)}`,
    );
  }
  console.log(`  load average now: ${loadavg().map((x) => x.toFixed(2)).join(", ")}`);
  return { speedup, estimates };
}

/** Prints the verdict on the 1.7 target from the wall times, with the CPU-time estimates beside it. */
function verdict({ speedup, estimates }) {
  const estimated = estimates === undefined ? "" : `; estimated on idle cores: ${fmt(estimates.criticalPath, 2)} (critical paths), ${fmt(estimates.cores, 2)} (all threads)`;
  console.log(`  => speed-up with 2 workers (wall time): ${fmt(speedup, 2)}, target >= 1.70: ${speedup >= 1.7 ? "met" : "missed"}${estimated}`);
}

{
  verdict(sweepThroughput({ persons: quick ? 20 : 30, days: quick ? 14 : 21, replicates: quick ? 2 : 4, runs: quick ? 2 : 5 }));
  if (!quick) {
    verdict(sweepThroughput({ persons: 60, days: 28, replicates: 6, runs: 3 }));
    console.log("  (a longer sweep: the fixed costs of a second thread weigh less)");
  }
  sweepThroughput({ persons: 10, days: 7, replicates: 2, runs: quick ? 2 : 3 });
  console.log("  (a sweep this small is mostly start-up: use --workers 1 for it)");

  const cli = [];
  for (let i = 0; i < (quick ? 1 : 2); i++) {
    cli.push(
      runCascade([
        "sweep", "bpd-cascade", "--param", "groups.bpd.parameters.wAR.median=0.6:1.6:6", "--replicates", "4", "--persons", "30",
        "--days", "21", "--workers", "2", "--out", "{tmp}/out", "--quiet",
      ]),
    );
  }
  console.log("`cascade sweep` end to end with the first grid, --workers 2, every outcome and its 11 bifurcation charts (process start included):");
  report("wall time", cli.map((r) => r.wallMs / 1000), "s", 2);
  report("peak RSS", cli.map((r) => r.peakRssMb), "MB", 0);
}

// 1b. Worker start-up: the bundled worker (dist/bundles/sweep-worker.js, `npm run build:workers`)
//     against the unbundled tsc output it falls back to, alternating, each in a fresh process.
{
  const files = { bundled: join(repoRoot, "dist", "bundles", "sweep-worker.js"), unbundled: join(repoRoot, "dist", "sweep", "worker.js") };
  if (existsSync(files.bundled)) {
    const figures = { bundled: [], unbundled: [] };
    for (let i = 0; i < (quick ? 3 : 7); i++) {
      for (const kind of ["bundled", "unbundled"]) {
        const result = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--worker-start", files[kind]], { cwd: repoRoot, encoding: "utf8" });
        if (result.status !== 0) throw new Error(`the worker start-up child failed: ${result.stderr}`);
        figures[kind].push(JSON.parse(result.stdout.trim().split("\n").at(-1)));
      }
    }
    console.log("\nSweep worker start-up (one worker thread loads its module and answers; fresh process each time, alternating):");
    for (const kind of ["bundled", "unbundled"]) {
      report(`${kind}: ready after`, figures[kind].map((x) => x.ms / 1000), "s", 3);
      report(`${kind}: CPU time of the new threads`, figures[kind].map((x) => x.cpu / 1000), "s", 2);
    }
  } else {
    console.log("\nSweep worker start-up: no bundle (run `npm run build`), skipped");
  }
}

// 2. Power: replicates per second for each test.
{
  const replicates = quick ? 4 : 16;
  const tests = [
    { test: "mssd-difference", groups: ["bpd", "control"], label: "mssd-difference (Welch), 30 per group" },
    { test: "selby", model: "negbin", groups: ["bpd"], label: "selby (negative binomial), 30 persons" },
    { test: "selby", model: "poisson", groups: ["bpd"], label: "selby (Poisson), 30 persons" },
    { test: "zaki", method: "mixed", groups: ["bpd"], label: "zaki (mixed model, Satterthwaite), 30 persons" },
    { test: "zaki", method: "two-stage", groups: ["bpd"], label: "zaki (two-stage slopes), 30 persons" },
  ];
  console.log(`\nPower, bpd-cascade, 14 days, 6 prompts a day, ${replicates} replicates per run (simulation included; median of ${quick ? 1 : 3} runs):`);
  for (const spec of tests) {
    const { label, ...rest } = spec;
    const plan = { scenario: { name: "bpd-cascade", input }, ...rest, persons: [30], days: [14], prompts: [6], replicates, alpha: 0.05, seed: 1, commonRandomNumbers: false };
    const context = new PowerContext(plan, "bpd-cascade.yaml");
    const rates = {};
    for (const workers of [1, 2]) {
      const values = [];
      for (let i = 0; i < (quick ? 1 : 3); i++) {
        const dir = temporary();
        const { ms } = await timed(() => runPower(context, { out: join(dir, "out"), workers }));
        rmSync(dir, { recursive: true, force: true });
        values.push(replicates / (ms / 1000));
      }
      rates[workers] = median(values);
      report(`${label}, --workers ${workers}`, values, "replicates/s", 2);
    }
    console.log(`    speed-up with 2 workers: ${fmt(rates[2] / rates[1], 2)}`);
  }
}
