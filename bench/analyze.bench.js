// `cascade analyze` end to end: import plus every metric on a simulated study of 10,000 persons x
// 168 prompts (28 days x 6 beeps), in rows per second, and the process's peak memory (RSS).
//
// The file has the columns of `cascade simulate`'s observed.csv (id, group, day, beep, scheduled,
// responded, answered, sad, anxious, angry, ashamed, rumination, urge, nssi; missed prompts are rows
// with empty item cells). The benchmark writes a comparable file itself rather than running
// `cascade simulate`, which integrates every person on a one-minute grid and needs several minutes
// for 10,000 persons x 28 days: a latent AR(1) negative affect per person, four emotion items and
// rumination on 1..7, an urge on 0..100, NSSI counts, 80% compliance, local times without zones.
// `cascade analyze` reads the same as on a simulated directory's observed.csv (tests/analysis-cli
// runs it on real `cascade simulate` output).
//
// Memory should depend on the persons analysed at once, not on the file: the benchmark also runs a
// file a quarter the size (2,500 persons) and prints both peak RSS figures and their ratio. Peak RSS
// of a garbage-collected process also reflects how lazily V8 collects, so each size is run once more
// with the JavaScript heap capped at 40 MB (--max-old-space-size=40): finishing under that cap, with
// the same peak RSS at both sizes, shows that what the analysis keeps does not grow with the file.
// Every figure is the median of several runs; the machine is shared, so read medians, not single runs.
//
// Speed is reported three ways: wall time (what a user waits), CPU time of the process (user + system,
// all threads; less disturbed by other work on a shared machine than wall time), and against parsing
// alone: the same file read in 1 MiB chunks and split into cell strings by uDSV through the project's
// TableChunker with an empty sink, in a child process of its own, measured in the same run. The ratio
// end to end / parse only says how close the analysis comes to the cost of reading the file at all.
import { spawnSync } from "node:child_process";
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { once } from "node:events";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import seedrandom from "seedrandom";
import { fmt, repoRoot, report } from "./lib.js";

const PROMPTS_PER_DAY = 6;
const DAYS = 28;
const RUNS = Number(process.env.CASCADE_BENCH_RUNS ?? 3);
/** CASCADE_BENCH_QUICK=1: 1,000 and 250 persons instead of 10,000 and 2,500 (to try the benchmark out). */
const [BIG, SMALL] = process.env.CASCADE_BENCH_QUICK === "1" ? [1_000, 250] : [10_000, 2_500];

/** Writes a study of `persons` persons x 168 prompts to `path`; returns its number of rows. */
async function writeStudy(path, persons, seed) {
  const random = seedrandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, Math.round(v)));
  const stream = createWriteStream(path);
  let buffer = "id,group,day,beep,scheduled,responded,answered,sad,anxious,angry,ashamed,rumination,urge,nssi\n";
  let rows = 0;
  const two = (n) => String(n).padStart(2, "0");
  for (let p = 1; p <= persons; p++) {
    const group = p % 2 === 0 ? "bpd" : "healthy";
    const inertia = 0.2 + 0.6 * random();
    const noise = group === "bpd" ? 1.1 : 0.8;
    let latent = normal();
    for (let day = 1; day <= DAYS; day++) {
      for (let beep = 1; beep <= PROMPTS_PER_DAY; beep++) {
        latent = inertia * latent + noise * Math.sqrt(1 - inertia * inertia) * normal();
        const hour = 8 + 2.5 * (beep - 1) + random();
        const date = `2024-03-${two(day)}`;
        const scheduled = `${date}T${two(Math.floor(hour))}:${two(Math.floor((hour % 1) * 60))}:00`;
        rows++;
        if (random() < 0.2) {
          buffer += `${p},${group},${day},${beep},${scheduled},,0,,,,,,,\n`;
        } else {
          const delay = Math.floor(random() * 50);
          const responded = `${date}T${two(Math.floor(hour))}:${two(Math.min(59, Math.floor((hour % 1) * 60) + (delay % 10)))}:${two(delay)}`;
          const item = () => clamp(3 + 1.3 * latent + 0.8 * normal(), 1, 7);
          const nssi = latent > 1.8 && random() < 0.3 ? 1 : 0;
          buffer += `${p},${group},${day},${beep},${scheduled},${responded},1,${item()},${item()},${item()},${item()},${item()},${clamp(40 + 20 * latent, 0, 100)},${nssi}\n`;
        }
        if (buffer.length > 1 << 16) {
          if (!stream.write(buffer)) await once(stream, "drain");
          buffer = "";
        }
      }
    }
  }
  stream.end(buffer);
  await once(stream, "finish");
  return rows;
}

/**
 * Runs `node ...nodeArgs` in a child process; returns wall time (ms), CPU time (s, user + system of
 * every thread) and peak RSS (MB), reported by the child itself on exit. `{tmp}` in the arguments
 * becomes a fresh temporary directory.
 */
function runMeasured(nodeArgs, { env = {} } = {}) {
  const tmp = mkdtempSync(join(tmpdir(), "cascade-bench-"));
  const usageFile = join(tmp, "usage.json");
  const onExit = `process.on("exit", () => process.getBuiltinModule("node:fs").writeFileSync(${JSON.stringify(usageFile)}, JSON.stringify(process.resourceUsage())));`;
  const hook = `data:text/javascript,${encodeURIComponent(onExit)}`;
  const start = performance.now();
  const result = spawnSync(process.execPath, ["--import", hook, ...nodeArgs.map((a) => a.replaceAll("{tmp}", tmp))], {
    cwd: repoRoot, env: { ...process.env, ...env }, encoding: "utf8", maxBuffer: 1 << 28,
  });
  const wallMs = performance.now() - start;
  if (result.status !== 0) {
    rmSync(tmp, { recursive: true, force: true });
    throw new Error(`node ${nodeArgs.join(" ")} exited ${result.status}: ${result.stderr}`);
  }
  const usage = JSON.parse(readFileSync(usageFile, "utf8"));
  rmSync(tmp, { recursive: true, force: true });
  return { wallMs, cpuS: (usage.userCPUTime + usage.systemCPUTime) / 1e6, peakRssMb: usage.maxRSS / 1024 };
}

/** `cascade ...args`, measured. */
const runCascade = (args, options) => runMeasured([join(repoRoot, "bin", "cascade.js"), ...args], options);

/** Parsing only: the file through TableChunker (uDSV) into cell strings, rows counted, nothing decoded. */
const parseOnly = (file) =>
  runMeasured([
    "--input-type=module", "-e",
    `import { createReadStream } from "node:fs";
     const { TableChunker } = await import(${JSON.stringify(new URL("../dist/io/import-text.js", import.meta.url).href)});
     let rows = 0;
     const chunker = new TableChunker(${JSON.stringify(file)}, { header() {}, row() { rows++; } });
     for await (const chunk of createReadStream(${JSON.stringify(file)}, { encoding: "utf8", highWaterMark: 1 << 20 })) chunker.push(chunk);
     chunker.end();
     if (rows === 0) process.exit(1);`,
  ]);

const load = () => loadavg().map((x) => x.toFixed(2)).join(", ");
console.log(`  load average at start: ${load()} on ${cpus().length} cores (figures are noisy when others use the machine)`);

const dir = mkdtempSync(join(tmpdir(), "cascade-analyze-bench-"));
const args = (file) => [
  "analyze", file,
  "--items", "sad,anxious,angry,ashamed", "--extra-items", "rumination,urge", "--event", "nssi", "--groups", "group",
  "--time", "responded", "--scale", "sad=1:7,anxious=1:7,angry=1:7,ashamed=1:7,rumination=1:7,urge=0:100",
  "--out", "{tmp}/out",
];
/** Runs `run` RUNS times; prints wall time, rows/s (wall), CPU time and rows per CPU second; returns the medians. */
function measure(label, rows, run) {
  const results = [];
  for (let i = 0; i < RUNS; i++) results.push(run());
  const walls = results.map((r) => r.wallMs / 1000);
  const cpu = results.map((r) => r.cpuS);
  report(`${label}: wall time`, walls, "s", 2);
  const rate = report(`${label}: rows per second (wall)`, walls.map((w) => rows / w), "rows/s", 0);
  const cpuTime = report(`${label}: CPU time (user + system)`, cpu, "s", 2);
  const cpuRate = report(`${label}: rows per CPU second`, cpu.map((c) => rows / c), "rows/s", 0);
  const peak = report(`${label}: peak RSS`, results.map((r) => r.peakRssMb), "MB", 0);
  return { rate, cpuTime, cpuRate, peak };
}
try {
  const results = {};
  for (const persons of [BIG, SMALL]) {
    const file = join(dir, `study-${persons}.csv`);
    const rows = await writeStudy(file, persons, `analyze-bench-${persons}`);
    const megabytes = statSync(file).size / 1e6;
    console.log(`  file: ${fmt(persons)} persons x ${DAYS * PROMPTS_PER_DAY} prompts = ${fmt(rows)} rows, ${fmt(megabytes, 1)} MB`);
    const endToEnd = measure(`end to end (${fmt(persons)} persons)`, rows, () => runCascade(args(file)));
    results[persons] = { ...endToEnd, megabytes };
    if (persons === BIG) {
      const parsing = measure(`parse only, uDSV (${fmt(persons)} persons)`, rows, () => parseOnly(file));
      console.log(`  end to end / parse only: ${fmt(endToEnd.rate / parsing.rate, 2)} of the parse-only speed in wall time, ${fmt(endToEnd.cpuRate / parsing.cpuRate, 2)} in CPU time`);
      results.parsing = parsing;
      const threaded = measure(`end to end (${fmt(persons)} persons, --threads 2)`, rows, () => runCascade([...args(file), "--threads", "2"]));
      console.log(`  --threads 2 / --threads 1 speed ratio (wall): ${fmt(threaded.rate / endToEnd.rate, 2)}; CPU time ratio: ${fmt(threaded.cpuTime / endToEnd.cpuTime, 2)}`);
      const withoutEws = measure(`end to end (${fmt(persons)} persons, --no-ews)`, rows, () => runCascade([...args(file), "--no-ews"]));
      console.log(`  share of the CPU time spent on early-warning signals: ${fmt(100 * (1 - withoutEws.cpuTime / endToEnd.cpuTime), 0)}%`);
    }
    const capped = runCascade(args(file), { env: { NODE_OPTIONS: "--max-old-space-size=40" } });
    console.log(`  with the heap capped at 40 MB (${fmt(persons)} persons): finished, peak RSS ${fmt(capped.peakRssMb, 0)} MB, ${fmt(capped.wallMs / 1000, 1)} s`);
    results[persons].capped = capped.peakRssMb;
    rmSync(file);
  }
  const big = results[BIG];
  const small = results[SMALL];
  console.log(`  target >= 1,000,000 rows/s: ${fmt(big.rate / 1e6, 2)} of it (${fmt(big.rate, 0)} rows/s wall; ${fmt(big.cpuRate, 0)} rows per CPU second); parsing alone: ${fmt(results.parsing.rate, 0)} rows/s wall`);
  console.log(`  peak RSS ratio for a file ${fmt(big.megabytes / small.megabytes, 1)}x larger: ${fmt(big.peak / small.peak, 2)} (1.00 = independent of file size)`);
  console.log(`  peak RSS ratio with the heap capped at 40 MB: ${fmt(big.capped / small.capped, 2)}`);
  console.log(`  load average at the end: ${load()}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
