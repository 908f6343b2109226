// Benchmark of the classroom explorer in a real browser (`npm run bench -- explorer`).
//
// Target (issue: classroom explorer): a slider change re-simulates and redraws within 100 ms for one
// person over 28 days, and the page stays responsive during the work.
//
// What is timed: the built page (dist-explorer/index.html, made by `npm run build`) opened from disk
// in Debian's headless Chromium (playwright-core, network off), at its defaults (the typical BPD
// person, 28 days, 6 prompts a day, the first week shown). Each change sets one slider to a new value
// and fires its `input` event, as a drag does; the latency is the page's own record, from the event's
// time stamp to the charts drawn on their canvases (`window.cascadeExplorer.latencies`, also sent as
// the `cascade-explorer:drawn` event; see explorer/src/main.ts). The next change waits for the
// previous one to be drawn, so changes never merge. The sliders are moved in turn, a few steps each, through every model and study control, so
// every change simulates a new person and a change of the coupling or differentiation also draws new
// nullclines and flow field.
//
// Printed: the median and 90th percentile of the latency over all changes, the median per run, the
// median of each step (compute side in the worker: validate, simulate, analyse, chart specs, Vega
// compile; page: drawing), the longest task on the page's main thread during the changes (the page
// stays responsive while the worker computes; drawing runs on the main thread), and the load average.
//
// Environment: CHROMIUM_PATH (default /usr/bin/chromium); CASCADE_BENCH_QUICK=1 for 2 runs of 12 changes;
// CASCADE_EXPLORER_PAGE=FILE times another build of the page.
import { existsSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { fmt, median, repoRoot, report } from "./lib.js";

const quick = process.env.CASCADE_BENCH_QUICK === "1";
const runs = quick ? 2 : 5;
const changesPerRun = quick ? 12 : 30;
const warmupChanges = 8;
// CASCADE_EXPLORER_PAGE: another build of the page (to compare two versions on the same machine).
const page = process.env.CASCADE_EXPLORER_PAGE ?? join(repoRoot, "dist-explorer", "index.html");
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** The p-th percentile (0..1) by linear interpolation between order statistics. */
function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * p;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

const load = () => loadavg().map((x) => x.toFixed(2)).join(", ");

if (!existsSync(page)) {
  console.error(`${page} is missing: run \`npm run build\` first`);
  process.exit(1);
}
if (!existsSync(executablePath)) {
  console.error(`Chromium not found at ${executablePath} (apt-get install chromium, or set CHROMIUM_PATH)`);
  process.exit(1);
}

console.log(`load average at start: ${load()} on ${cpus().length} cores (figures are noisy when others use the machine)`);
const browser = await chromium.launch({ executablePath, headless: true, args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"] });
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.setOffline(true);
  const tab = await context.newPage();
  const errors = [];
  tab.on("pageerror", (error) => errors.push(error.message));
  tab.on("console", (message) => message.type() === "error" && errors.push(message.text()));
  const opened = performance.now();
  await tab.goto(pathToFileURL(page).href, { waitUntil: "load" });
  await tab.waitForSelector("body[data-ready]", { timeout: 120_000 });
  const firstDraw = performance.now() - opened;
  const mode = await tab.evaluate(() => window.cascadeExplorer.mode);
  console.log(`page opened from disk and first drawn in ${fmt(firstDraw)} ms (compute side: ${mode === "worker" ? "web worker" : "page thread"})`);

  // Long tasks on the main thread, collected from here on.
  await tab.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
    }).observe({ type: "longtask" });
  });

  /**
   * Moves slider `k` of the sequence (control, value) and resolves with the page's latency record once
   * the charts are drawn.
   */
  // The page's own record (window.cascadeExplorer.latencies, also sent as the cascade-explorer:drawn
  // event) is read once the drawing is done; polling for it does not enter the measured latency.
  const change = (id, value) =>
    tab.evaluate(
      ([id, value]) =>
        new Promise((resolve, reject) => {
          const handle = window.cascadeExplorer;
          const before = handle.drawn;
          const started = performance.now();
          const slider = document.getElementById(`control-${id}`);
          slider.value = String(value);
          slider.dispatchEvent(new Event("input", { bubbles: true }));
          const poll = () => {
            if (handle.drawn > before && document.body.dataset.busy === "false") resolve(handle.latencies[handle.latencies.length - 1]);
            else if (performance.now() - started > 30_000) reject(new Error(`no redraw within 30 s after ${id}=${value}`));
            else setTimeout(poll, 5);
          };
          setTimeout(poll, 5);
        }),
      [id, value],
    );

  // The sliders moved, each through a few neighbouring steps around its default, as a drag does.
  const moves = [
    ["coupling", [1.15, 1.2, 1.25, 1.3]],
    ["delta", [0.32, 0.34, 0.36]],
    ["urgency", [1.05, 1.1, 1.15]],
    ["stressRate", [0.16, 0.17, 0.18]],
    ["reactivity", [1.55, 1.6, 1.65]],
    ["relief", [2.05, 2.1, 2.15]],
    ["rebound", [0.55, 0.6, 0.65]],
    ["skills", [0.01, 0.02, 0.03]],
    ["perDay", [7, 8, 9]],
    ["compliance", [0.86, 0.85, 0.84]],
    ["distressSkip", [-0.3, -0.35, -0.4]],
    ["seed", [2, 3, 4]],
  ];
  const sequence = moves.flatMap(([id, values]) => values.map((value) => [id, value]));
  let position = 0;
  // Values alternate direction on each pass through the sequence, so no change repeats the last state.
  const next = () => {
    const [id, value] = sequence[position % sequence.length];
    const pass = Math.floor(position / sequence.length);
    position += 1;
    const controlMoves = moves.find(([name]) => name === id)[1];
    const index = controlMoves.indexOf(value);
    const shown = pass % 2 === 0 ? value : controlMoves[controlMoves.length - 1 - index];
    return [id, shown];
  };

  for (let i = 0; i < warmupChanges; i++) await change(...next());
  await tab.evaluate(() => (window.__longTasks = []));

  const all = [];
  const perRun = [];
  for (let run = 0; run < runs; run++) {
    const latencies = [];
    for (let i = 0; i < changesPerRun; i++) {
      const record = await change(...next());
      latencies.push(record);
      all.push(record);
    }
    perRun.push(median(latencies.map((record) => record.total)));
  }
  const longTasks = await tab.evaluate(() => window.__longTasks);

  const totals = all.map((record) => record.total);
  console.log(`\nSlider change to charts redrawn, one person x 28 days (${runs} runs x ${changesPerRun} changes, after ${warmupChanges} unmeasured):`);
  const overall = median(totals);
  const p90 = percentile(totals, 0.9);
  console.log(`  latency: median ${fmt(overall, 1)} ms, p90 ${fmt(p90, 1)} ms, max ${fmt(Math.max(...totals), 1)} ms`);
  report("median latency per run", perRun, "ms", 1);
  console.log(`  target 100 ms (median): ${overall <= 100 ? "met" : "missed"} (median / target = ${fmt(overall / 100, 2)}; p90 / median = ${fmt(p90 / overall, 2)})`);
  console.log("  median per step:");
  const steps = [...new Set(all.flatMap((record) => Object.keys(record.compute)))];
  for (const step of steps) console.log(`    worker ${step}: ${fmt(median(all.map((record) => record.compute[step] ?? 0)), 1)} ms`);
  console.log(`    page drawing (Vega views, canvas): ${fmt(median(all.map((record) => record.draw)), 1)} ms`);
  const rebuiltRecords = all.filter((record) => record.rebuilt.timeline || record.rebuilt.phase);
  const dataOnly = all.filter((record) => !record.rebuilt.timeline && !record.rebuilt.phase);
  console.log(`  charts rebuilt from a new Vega spec in ${rebuiltRecords.length} of ${all.length} changes (the others: data-only updates)`);
  if (rebuiltRecords.length > 0 && dataOnly.length > 0) {
    const rebuiltDraw = median(rebuiltRecords.map((record) => record.draw));
    const dataOnlyDraw = median(dataOnly.map((record) => record.draw));
    console.log(`    page drawing, median: ${fmt(rebuiltDraw, 1)} ms with a view rebuilt, ${fmt(dataOnlyDraw, 1)} ms data-only (ratio ${fmt(rebuiltDraw / dataOnlyDraw, 2)})`);
  }
  console.log(
    `  main thread: ${longTasks.length} tasks over 50 ms during ${all.length} changes; longest ${longTasks.length === 0 ? "none" : `${fmt(Math.max(...longTasks), 0)} ms`}` +
      " (the simulation runs in a web worker; drawing runs on the page)",
  );
  if (errors.length > 0) console.log(`  page errors: ${errors.join("; ")}`);
  await context.close();
} finally {
  await browser.close();
}
console.log(`load average at end: ${load()}`);
