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
import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import { join } from "node:path";
import seedrandom from "seedrandom";
import { fmt, median, report, runCascade } from "./lib.js";

const PROMPTS_PER_DAY = 6;
const DAYS = 28;
const RUNS = Number(process.env.CASCADE_BENCH_RUNS ?? 3);

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

const dir = mkdtempSync(join(tmpdir(), "cascade-analyze-bench-"));
const args = (file) => [
  "analyze", file,
  "--items", "sad,anxious,angry,ashamed", "--extra-items", "rumination,urge", "--event", "nssi", "--groups", "group",
  "--time", "responded", "--scale", "sad=1:7,anxious=1:7,angry=1:7,ashamed=1:7,rumination=1:7,urge=0:100",
  "--out", "{tmp}/out",
];
try {
  const results = {};
  for (const persons of [10_000, 2_500]) {
    const file = join(dir, `study-${persons}.csv`);
    const rows = await writeStudy(file, persons, `analyze-bench-${persons}`);
    const megabytes = statSync(file).size / 1e6;
    console.log(`  file: ${fmt(persons)} persons x ${DAYS * PROMPTS_PER_DAY} prompts = ${fmt(rows)} rows, ${fmt(megabytes, 1)} MB`);
    const walls = [];
    const rss = [];
    for (let run = 0; run < RUNS; run++) {
      const result = runCascade(args(file));
      walls.push(result.wallMs / 1000);
      rss.push(result.peakRssMb);
    }
    report(`end to end (${fmt(persons)} persons): wall time`, walls, "s", 2);
    const rate = report(`end to end (${fmt(persons)} persons): rows per second`, walls.map((s) => rows / s), "rows/s", 0);
    const peak = report(`end to end (${fmt(persons)} persons): peak RSS`, rss, "MB", 0);
    results[persons] = { rate, peak, megabytes };
    if (persons === 10_000) {
      const threaded = [];
      for (let run = 0; run < RUNS; run++) threaded.push(runCascade([...args(file), "--threads", "2"]));
      const walls2 = threaded.map((r) => r.wallMs / 1000);
      const rate2 = report(`end to end (${fmt(persons)} persons, --threads 2): rows per second`, walls2.map((s) => rows / s), "rows/s", 0);
      report(`end to end (${fmt(persons)} persons, --threads 2): peak RSS`, threaded.map((r) => r.peakRssMb), "MB", 0);
      console.log(`  --threads 2 / --threads 1 speed ratio: ${fmt(rate2 / rate, 2)}`);
      const withoutEws = [];
      for (let run = 0; run < RUNS; run++) withoutEws.push(rows / (runCascade([...args(file), "--no-ews"]).wallMs / 1000));
      const rate3 = report(`end to end (${fmt(persons)} persons, --no-ews): rows per second`, withoutEws, "rows/s", 0);
      console.log(`  share of the time spent on early-warning signals: ${fmt(100 * (1 - rate / rate3), 0)}%`);
    }
    const capped = runCascade(args(file), { env: { NODE_OPTIONS: "--max-old-space-size=40" } });
    console.log(`  with the heap capped at 40 MB (${fmt(persons)} persons): finished, peak RSS ${fmt(capped.peakRssMb, 0)} MB, ${fmt(capped.wallMs / 1000, 1)} s`);
    results[persons].capped = capped.peakRssMb;
    rmSync(file);
  }
  const big = results[10_000];
  const small = results[2_500];
  console.log(`  target >= 1,000,000 rows/s: ${fmt(big.rate / 1e6, 2)} of it (${fmt(big.rate, 0)} rows/s)`);
  console.log(`  peak RSS ratio for a file ${fmt(big.megabytes / small.megabytes, 1)}x larger: ${fmt(big.peak / small.peak, 2)} (1.00 = independent of file size)`);
  console.log(`  peak RSS ratio with the heap capped at 40 MB: ${fmt(big.capped / small.capped, 2)}`);
  void median;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
