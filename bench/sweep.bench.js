// Benchmarks of sweeps and power analyses (`npm run bench -- sweep`). Prints medians of several runs:
//
// 1. sweep throughput, `runSweep` in this process (the command's work without Node's start-up):
//    wall time, persons simulated per second and the time to the first finished run with --workers 1
//    and 2, and the speed-up (target >= 1.7 with 2 workers on a 2-core machine), for a sweep of
//    realistic size and for a small one; one end-to-end command-line run for context. Runs alternate
//    between 1 and 2 workers so that a change in the machine's load hits both alike, and the load
//    average is printed before and after;
// 2. power: replicates per second for each test at a typical size, with 1 and 2 workers.
//
// Set CASCADE_BENCH_QUICK=1 for a short run.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
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
console.log(`load average at start: ${loadavg().map((x) => x.toFixed(2)).join(", ")} on ${cpus().length} cores (figures are noisy when others use the machine)`);

async function timed(fn) {
  const start = performance.now();
  const result = await fn();
  return { ms: performance.now() - start, result };
}

function temporary() {
  return mkdtempSync(join(tmpdir(), "cascade-bench-sweep-"));
}

// 1. Sweep throughput: a sweep of realistic size (each run simulates a study of 20 persons over 14 days;
//    worker start-up, about a second on a loaded machine, is a small part of it), then a small one
//    (start-up dominated) to show where two workers stop paying.
const grid = [{ path: "groups.bpd.parameters.wAR.median", values: [0.6, 0.8, 1, 1.2, 1.4, 1.6] }];

/** Times `runSweep` with 1 and 2 workers, alternating; prints the figures and returns the speed-up. */
async function sweepThroughput({ persons, days, replicates, runs }) {
  const { context } = createSweepPlan(input, "bpd-cascade.yaml", { name: "bpd-cascade", persons, days, parameters: grid, replicates, outcomes: [...OUTCOME_NAMES] });
  const measured = { 1: [], 2: [] };
  const firstResult = { 1: [], 2: [] };
  let personsPerRun = 0;
  const once = async (workers, record = true) => {
    const dir = temporary();
    const start = performance.now();
    let first = Number.NaN;
    const onProgress = (done) => {
      if (done === 1) first = performance.now() - start;
    };
    const { ms, result } = await timed(() => runSweep(context, { out: join(dir, "out"), workers, charts: false, onProgress }));
    rmSync(dir, { recursive: true, force: true });
    personsPerRun = result.persons;
    if (record) firstResult[workers].push(first);
    return ms;
  };
  await once(1, false); // warm-up (JIT of this thread, file cache)
  for (let i = 0; i < runs; i++) for (const workers of [1, 2]) measured[workers].push(await once(workers));
  console.log(
    `\nSweep of bpd-cascade over groups.bpd.parameters.wAR.median: 6 cells x ${replicates} replicates = ${context.tasks} runs of ${persons} persons x ${days} days ` +
      `(${personsPerRun} persons per sweep, plus the baseline study of ${context.baselinePersons()} for the PAC cutoffs), every outcome, no charts; runs alternate 1 and 2 workers:`,
  );
  for (const workers of [1, 2]) {
    report(`--workers ${workers}: wall time`, measured[workers].map((ms) => ms / 1000), "s", 2);
    report(`--workers ${workers}: first run finished after (start-up and baseline)`, firstResult[workers].map((ms) => ms / 1000), "s", 2);
    report(`--workers ${workers}: persons simulated per second`, measured[workers].map((ms) => personsPerRun / (ms / 1000)), "persons/s", 1);
  }
  const speedup = median(measured[1]) / median(measured[2]);
  console.log(`  speed-up --workers 2 vs 1 (ratio of the medians): ${fmt(speedup, 2)}`);
  console.log(`  load average now: ${loadavg().map((x) => x.toFixed(2)).join(", ")}`);
  return speedup;
}

{
  const speedup = await sweepThroughput({ persons: 20, days: 14, replicates: quick ? 2 : 4, runs: quick ? 2 : 5 });
  console.log(`  => target >= 1.70 with 2 workers: ${speedup >= 1.7 ? "met" : "missed"} (ideal 2.00 on 2 idle cores)`);
  await sweepThroughput({ persons: 10, days: 7, replicates: 2, runs: quick ? 2 : 3 });
  console.log("  (a sweep this small is mostly start-up: use --workers 1 for it)");

  const cli = [];
  for (let i = 0; i < (quick ? 1 : 2); i++) {
    cli.push(
      runCascade([
        "sweep", "bpd-cascade", "--param", "groups.bpd.parameters.wAR.median=0.6:1.6:6", "--replicates", "4", "--persons", "20",
        "--days", "14", "--workers", "2", "--out", "{tmp}/out", "--quiet",
      ]),
    );
  }
  console.log("`cascade sweep` end to end with the first grid, --workers 2, every outcome and its 11 bifurcation charts (process start included):");
  report("wall time", cli.map((r) => r.wallMs / 1000), "s", 2);
  report("peak RSS", cli.map((r) => r.peakRssMb), "MB", 0);
}

// 2. Power: replicates per second for each test.
{
  const replicates = quick ? 4 : 8;
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
