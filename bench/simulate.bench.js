// Benchmarks of the simulation engine (`npm run bench -- simulate`). Prints medians of several runs:
//
// 1. latent steps per second on one core (one Euler-Maruyama step of one person's A and R on the
//    1-minute grid, with stressors, NSSI and skill hazards: the integrator alone), target >= 20 million;
//    with the cost of the normal generator (ziggurat versus Box-Muller) for context;
// 2. persons per second for the default scenario, in this thread (simulatePerson: population draw,
//    burn-in, latent path, schedule, compliance, responses) and through the command line;
// 3. wall time and peak RSS for 10,000 persons x 28 days (`cascade simulate` in a child process),
//    target peak RSS < 500 MB, with --workers 1 and --workers 2 and the speed-up.
//
// Set CASCADE_BENCH_QUICK=1 for a short run (1,000 persons instead of 10,000).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cpus, loadavg } from "node:os";
import { fmt, median, repoRoot, report, runCascade, timeRuns } from "./lib.js";

const dist = (path) => new URL(`../dist/${path}`, import.meta.url).href;
const { LatentProcess } = await import(dist("model/latent.js"));
const { personStreams, RandomStream } = await import(dist("random/stream.js"));
const { parseScenario } = await import(dist("scenario/parse.js"));
const { simulatePerson } = await import(dist("simulate/person.js"));
const { drawPerson } = await import(dist("population/draw.js"));
const { hoursOfDay } = await import(dist("scenario/schema.js"));

const quick = process.env.CASCADE_BENCH_QUICK === "1";
const scenario = parseScenario(readFileSync(join(repoRoot, "scenarios", "bpd-cascade.yaml"), "utf8"), "bpd-cascade.yaml");
console.log(`load average at start: ${loadavg().map((x) => x.toFixed(2)).join(", ")} on ${cpus().length} cores (figures are noisy when others use the machine)`);

// 1. Latent steps per second: the integrator alone, for the default scenario's BPD persons (their
// drawn parameters), 21 days each after the usual 24-hour burn-in. One core, this thread.
{
  const group = scenario.groups[0];
  const persons = 40;
  const days = 21;
  const drawn = Array.from({ length: persons }, (_, i) => drawPerson(group, personStreams(1, group.name, i).parameters));
  let steps = 0;
  const run = (seed) => {
    steps = 0;
    for (let i = 0; i < persons; i++) {
      const latent = new LatentProcess(
        drawn[i].parameters,
        {
          dtMinutes: 1,
          wakeHour: hoursOfDay("07:00"),
          sleepHour: hoursOfDay("23:00"),
          startHours: -24,
          covariates: { trauma: drawn[i].covariates.trauma, ptsd: drawn[i].covariates.ptsd },
        },
        personStreams(seed, group.name, i),
      );
      latent.advance(days * 1440);
      steps += latent.counters.steps;
    }
  };
  const durations = await timeRuns((i) => run(i + 1), { runs: 7, warmup: 2 });
  console.log(`\nLatent integrator (${persons} BPD persons x ${days} days on a 1-minute grid, ${fmt(steps)} steps per run):`);
  const rates = durations.map((ms) => steps / (ms / 1000) / 1e6);
  const rate = report("latent steps per second, one core", rates, "million", 2);
  console.log(`  = ${fmt(1000 / rate, 1)} ns per step; target 20 million (50 ns): ${rate >= 20 ? "met" : `missed (x${fmt(20 / rate, 2)} short)`}`);

  // The normal generator's share: two normals per step.
  const stream = new RandomStream("bench");
  const n = 5_000_000;
  const zig = await timeRuns(() => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += stream.normal();
    return sum;
  }, { runs: 5, warmup: 1 });
  let spare = Number.NaN;
  const boxMuller = () => {
    if (!Number.isNaN(spare)) {
      const value = spare;
      spare = Number.NaN;
      return value;
    }
    const radius = Math.sqrt(-2 * Math.log(stream.uniformPositive()));
    const angle = 2 * Math.PI * stream.uniform();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
  const bm = await timeRuns(() => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += boxMuller();
    return sum;
  }, { runs: 5, warmup: 1 });
  console.log("  normal generator over the same Alea stream (RandomStream, method call per number):");
  const zigNs = report("ziggurat", zig.map((ms) => (ms * 1e6) / n), "ns per normal", 1);
  const bmNs = report("Box-Muller (both values used)", bm.map((ms) => (ms * 1e6) / n), "ns per normal", 1);
  console.log(`  ratio Box-Muller / ziggurat: ${fmt(bmNs / zigNs, 2)}`);
}

// 2. Persons per second, default scenario (21 days, 6 prompts a day), in this thread.
{
  const persons = 60;
  const durations = await timeRuns(
    () => {
      for (let i = 0; i < persons; i++) simulatePerson(scenario, { group: i % 2, indexInGroup: i });
    },
    { runs: 5, warmup: 1 },
  );
  console.log(`\nsimulatePerson, default scenario (bpd-cascade, 21 days), ${persons} persons per run:`);
  report("persons per second, one core", durations.map((ms) => persons / (ms / 1000)), "persons/s", 1);
  const cli = [];
  for (let i = 0; i < 3; i++) cli.push(runCascade(["simulate", "bpd-cascade", "--seed", "1", "--out", "{tmp}/out", "--quiet"]));
  console.log("`cascade simulate bpd-cascade` (100 persons, all files, process start included):");
  report("wall time", cli.map((r) => r.wallMs / 1000), "s", 2);
  report("persons per second end to end", cli.map((r) => 100 / (r.wallMs / 1000)), "persons/s", 1);
}

// 3. 10,000 persons x 28 days through the command line, 1 and 2 workers.
{
  const persons = quick ? 1000 : 10_000;
  const args = (workers) => ["simulate", "bpd-cascade", "--persons", String(persons), "--days", "28", "--workers", String(workers), "--out", "{tmp}/out", "--quiet"];
  console.log(`\n\`cascade simulate bpd-cascade --persons ${persons} --days 28\` (median of 3 runs each):`);
  const results = {};
  for (const workers of [1, 2]) {
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(runCascade(args(workers)));
    results[workers] = runs;
    report(`--workers ${workers}: wall time`, runs.map((r) => r.wallMs / 1000), "s", 1);
    const rss = report(`--workers ${workers}: peak RSS`, runs.map((r) => r.peakRssMb), "MB", 0);
    console.log(`    target peak RSS < 500 MB: ${rss < 500 ? "met" : "missed"}`);
  }
  const speedup = median(results[1].map((r) => r.wallMs)) / median(results[2].map((r) => r.wallMs));
  console.log(`  speed-up --workers 2 vs 1: ${fmt(speedup, 2)} (ideal 2.00 on 2 idle cores)`);
}
