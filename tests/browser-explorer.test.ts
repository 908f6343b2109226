/**
 * The classroom explorer in a real browser (Debian's Chromium through playwright-core), with the
 * network off: the built page (dist-explorer/index.html, made by `npm run build`) opened straight from
 * disk, and served by `cascade explore`.
 *
 * - it loads with no console error or warning and no request, computes in a web worker, draws both
 *   charts and the numbers, and says it is not a clinical tool;
 * - moving each slider (with the keyboard, as a user does) changes the charts and the link, and the
 *   link brings the first picture back pixel for pixel;
 * - each lesson sets every control and shows its explanation (screenshots of two lessons go to
 *   tests/artifacts/explorer-*.png);
 * - a shared link, opened in a fresh browser context, shows the same numbers and the same pixels;
 * - the numbers shown equal what `cascade simulate` and `cascade analyze` give for the scenario the
 *   page downloads, and the CSV downloads equal `cascade simulate`'s files byte for byte; the chart
 *   downloads are a PNG and an SVG;
 * - every control at its minimum and at its maximum (one at a time, in the slider test, and all at
 *   once) gives numbers or a stated reason, never NaN, two drawn charts and no error; a value beyond
 *   the model's valid range is reported in the page, and the value simulated instead is shown;
 * - without web workers the page computes in its own thread and shows the same numbers.
 *
 * One browser for the file; pages are reused where a test does not need a fresh one. Nothing here is
 * timed: the explorer's speed is measured by bench/explorer.bench.js.
 *
 * CASCADE_DOCS_IMAGES=1 also writes docs/images/explorer.png (the README's picture, 1280 by 800).
 */
import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTROLS, CONTROL_IDS, type ControlId, type ControlSpec, type ControlValues } from "../explorer/src/controls.js";
import { LESSONS, lessonValues } from "../explorer/src/lessons.js";
import { PAC_CUTOFF } from "../explorer/src/metrics.js";
import { TRAJECTORY_MINUTES } from "../explorer/src/session.js";
import { encodeState } from "../explorer/src/state.js";
import { artifactsDir, launchChromium, openWithoutNetwork, pageProblems, saveScreenshot, type OfflinePage } from "./helpers/browser.js";
import { repoRoot, runCli, tempDir } from "./helpers/cli.js";
import { afterRedraw, chartPixels, shownNumbers, startExplore, waitForExplorer, type ShownNumbers } from "./helpers/explore.js";

const builtPage = join(repoRoot, "dist-explorer", "index.html");
/**
 * The file tests open a copy of the built page, so that a build running meanwhile (the working tree
 * is shared) cannot swap the page under them.
 */
const pagePath = join(tempDir("cascade-explorer-page-"), "index.html");
const pageUrl = pathToFileURL(pagePath).href;

let browser: Browser;
/** The page opened from disk, shared by the tests that can reuse it. */
let main: OfflinePage;
let defaults: ControlValues;

/** Opens the page from disk (optionally at a link's fragment) and waits for its first drawing. */
async function openPage(fragment = "", options: { initScripts?: string[] } = {}): Promise<OfflinePage> {
  const opened = await openWithoutNetwork(browser, pageUrl + fragment, options);
  await waitForExplorer(opened.page);
  return opened;
}

/** The page's current control values. */
function values(page: Page): Promise<ControlValues> {
  return page.evaluate(() => (window as unknown as { cascadeExplorer: { values(): ControlValues } }).cascadeExplorer.values());
}

/** Marks drawn in each chart. */
function marks(page: Page): Promise<{ timeline: number; phase: number }> {
  return page.evaluate(() => {
    const handle = (window as unknown as { cascadeExplorer: { marks(name: string): number } }).cascadeExplorer;
    return { timeline: handle.marks("timeline"), phase: handle.marks("phase") };
  });
}

/**
 * Shows `state` by changing the link's fragment (as pasting a link does) and waits for the drawing;
 * nothing to do when the page already shows it.
 */
async function goToLink(page: Page, state: { values: ControlValues; lesson?: string }): Promise<void> {
  const fragment = encodeState(state);
  if ((await page.evaluate(() => location.hash.slice(1))) === fragment) return;
  await afterRedraw(page, () => page.evaluate((hash) => (location.hash = hash), fragment));
}

/**
 * Presses `key` on a control's slider (Home: its minimum, End: its maximum, arrows: one step) and
 * waits for the drawing. A key that would not move the slider (Home at the minimum) is not pressed:
 * no input event, nothing to draw.
 */
async function pressOnSlider(page: Page, id: ControlId, key: string): Promise<void> {
  const slider = page.locator(`#control-${id}`);
  const at = await slider.evaluate((node: HTMLInputElement) => ({ value: Number(node.value), min: Number(node.min), max: Number(node.max) }));
  if ((key === "Home" && at.value === at.min) || (key === "End" && at.value === at.max)) return;
  await afterRedraw(page, () => slider.press(key));
}

/** The decoded values of the page's link. */
async function linkValues(page: Page): Promise<Record<string, string>> {
  const hash = await page.evaluate(() => location.hash.slice(1));
  return Object.fromEntries(hash.split("&").map((part) => part.split("=").map(decodeURIComponent)));
}

/** Problems the page shows: the "outside the valid range" box, and the error box. */
function shownProblems(page: Page): Promise<{ issues: string | null; error: string | null }> {
  return page.evaluate(() => {
    const text = (id: string): string | null => {
      const node = document.getElementById(id) as HTMLElement;
      return node.hidden ? null : (node.textContent ?? "");
    };
    return { issues: text("issues"), error: text("error") };
  });
}

/**
 * Every number the page shows is finite or, in the metrics panel, "not defined" with a reason; no
 * "NaN", "Infinity" or "undefined" anywhere on the page; both charts drew marks; no error box.
 */
async function expectSaneDrawing(page: Page, label: string): Promise<void> {
  const body = await page.locator("body").innerText();
  expect(body, label).not.toMatch(/NaN|Infinity|undefined/);
  const shown = await shownNumbers(page);
  for (const [metric, text] of Object.entries(shown.metrics)) {
    expect(text, `${label}: ${metric}`).toMatch(/^(−?\d+\.\d\d|not defined\s*\S.*)$/s);
  }
  expect(Object.keys(shown.metrics)).toHaveLength(15);
  const drawn = await marks(page);
  expect(drawn.timeline, `${label}: timeline marks`).toBeGreaterThan(20);
  expect(drawn.phase, `${label}: phase marks`).toBeGreaterThan(20);
  const canvases = await page.evaluate(() =>
    ["timeline", "phase"].map((name) => {
      const canvas = document.querySelector<HTMLCanvasElement>(`#chart-${name} .chart-view:not([hidden]) canvas`);
      return canvas === null ? 0 : canvas.width * canvas.height;
    }),
  );
  expect(canvases.every((pixels) => pixels > 100_000), `${label}: canvases ${canvases.join(", ")}`).toBe(true);
  expect((await shownProblems(page)).error, label).toBeNull();
}

/** The value a control's number box shows for `value`. */
function boxText(spec: ControlSpec, value: number): string {
  const digits = spec.integer ? 0 : (String(spec.step).split(".")[1] ?? "").length;
  return value.toFixed(digits);
}

beforeAll(async () => {
  expect(existsSync(builtPage), `${builtPage} is missing: run npm run build`).toBe(true);
  copyFileSync(builtPage, pagePath);
  browser = await launchChromium();
  main = await openPage();
  defaults = await values(main.page);
});

afterAll(async () => {
  await main?.close();
  await browser?.close();
});

describe("the explorer opened from disk with the network off", () => {
  it("loads with no console error and no request, computes in a web worker, and draws the charts and the numbers", async () => {
    const { page } = main;
    expect(await page.evaluate(() => (window as unknown as { cascadeExplorer: { mode: string } }).cascadeExplorer.mode)).toBe("worker");
    expect(await page.title()).toBe("Cascade Lab classroom explorer");
    await expectSaneDrawing(page, "defaults");
    const shown = await shownNumbers(page);
    expect(shown.window).toBe("Charts show days 1 to 7 of 28; the numbers cover the whole study.");
    expect(shown.figures["answered"]).toMatch(/^\d+ of 168 \(\d+%\)$/);
    expect(shown.table.split("\n")[0]).toMatch(/^id\tgroup\tday\tbeep\t/);
    const notice = await page.locator("#notice").innerText();
    expect(notice).toContain("Not a clinical tool.");
    expect(await page.locator("#lessons button").count()).toBe(LESSONS.length);
    expect(await page.locator("#controls input[type=range]").count()).toBe(CONTROLS.length);
    // Each control names its model parameter in small print.
    for (const spec of CONTROLS.filter((c) => c.parameter !== "view")) {
      expect(await page.locator(`[data-control="${spec.id}"] .control-parameter`).innerText()).toBe(spec.parameter);
    }
    expect(pageProblems(main)).toEqual([]);
  });

  it("moving each slider changes the charts and the link; each at its minimum and its maximum gives numbers or reasons, two drawn charts, no error and nothing out of range; the first link brings the first picture back", async () => {
    const { page } = main;
    // A person who self-injures in the first week, so that the relief, rebound and urgency show.
    const relief = LESSONS.find((l) => l.id === "relief") as (typeof LESSONS)[number];
    const first = lessonValues(relief, defaults);
    await goToLink(page, { values: first });
    const start = await chartPixels(page);
    for (const spec of CONTROLS) {
      // To the slider's far end, except the study length: its first week looks the same at 90 days.
      const key = spec.id === "days" ? "Home" : "End";
      // The view controls' sliders end at the study's last day.
      const target = key === "Home" ? spec.min : spec.parameter === "view" ? Math.min(spec.max, first.days) : spec.max;
      await pressOnSlider(page, spec.id, key);
      const moved = await chartPixels(page);
      const changed = (["timeline", "phase"] as const).filter((chart) => moved[chart] !== start[chart]);
      expect(changed.length, `${spec.id}: charts changed`).toBeGreaterThan(0);
      expect((await values(page))[spec.id], spec.id).toBe(target);
      expect(Number((await linkValues(page))[spec.id]), spec.id).toBe(target);
      expect(await page.locator(`[data-control="${spec.id}"] .control-value`).inputValue()).toBe(boxText(spec, target));
      // This end and the other end of the slider: a sane drawing, and no value is reported as out of
      // the model's range (the sliders' ranges lie inside it).
      for (const end of [key, key === "Home" ? "End" : "Home"]) {
        await pressOnSlider(page, spec.id, end);
        const label = `${spec.id} at its ${end === "Home" ? "minimum" : "maximum"}`;
        await expectSaneDrawing(page, label);
        expect((await shownProblems(page)).issues, label).toBeNull();
      }
      await goToLink(page, { values: first });
      expect(await chartPixels(page), `${spec.id}: back to the first link`).toEqual(start);
    }
    expect(pageProblems(main)).toEqual([]);
  });

  it("each lesson sets every control and shows its explanation; screenshots of two lessons", async () => {
    const { page } = main;
    for (const lesson of LESSONS) {
      await afterRedraw(page, () => page.locator(`#lessons button[data-lesson="${lesson.id}"]`).click());
      const expected = lessonValues(lesson, defaults);
      expect(await values(page), lesson.id).toEqual(expected);
      for (const id of CONTROL_IDS) {
        expect(Number(await page.locator(`#control-${id}`).inputValue()), `${lesson.id}: ${id}`).toBe(expected[id]);
      }
      expect(await page.locator("#lesson-title").innerText()).toBe(lesson.title);
      const text = await page.locator("#lesson-text").innerText();
      expect(text).toContain(lesson.text[0].slice(0, 60));
      expect(text).toContain(lesson.tryThis);
      expect(await page.locator(`#lessons button[data-lesson="${lesson.id}"]`).getAttribute("aria-pressed")).toBe("true");
      expect((await linkValues(page))["lesson"]).toBe(lesson.id);
      await expectSaneDrawing(page, lesson.id);
      if (lesson.id === "cascade" || lesson.id === "esm") await saveScreenshot(page, `explorer-lesson-${lesson.id}`);
    }
    expect(existsSync(join(artifactsDir, "explorer-lesson-cascade.png"))).toBe(true);
    expect(existsSync(join(artifactsDir, "explorer-lesson-esm.png"))).toBe(true);

    // Moving a slider after a lesson says so and offers the way back.
    await pressOnSlider(page, "seed", "ArrowRight");
    expect(await page.locator("#lesson-changed").isVisible()).toBe(true);
    await afterRedraw(page, () => page.locator("#lesson-reset").click());
    expect(await values(page)).toEqual(lessonValues(LESSONS[LESSONS.length - 1], defaults));
    expect(await page.locator("#lesson-changed").isVisible()).toBe(false);
    expect(pageProblems(main)).toEqual([]);
  });

  it("a shared link, opened afresh, shows the same numbers and the same pictures", async () => {
    const { page } = main;
    await afterRedraw(page, () => page.locator('#lessons button[data-lesson="relief"]').click());
    await pressOnSlider(page, "coupling", "ArrowLeft");
    await pressOnSlider(page, "fromDay", "ArrowRight");
    const link = await page.evaluate(() => location.href);
    const shown = await shownNumbers(page);
    const pixels = await chartPixels(page);
    const lessonTitle = await page.locator("#lesson-title").innerText();

    const shared = await openPage(link.slice(link.indexOf("#")));
    try {
      expect(await values(shared.page)).toEqual(await values(page));
      expect(await shownNumbers(shared.page)).toEqual(shown);
      expect(await chartPixels(shared.page)).toEqual(pixels);
      expect(await shared.page.locator("#lesson-title").innerText()).toBe(lessonTitle);
      expect(await shared.page.locator("#lesson-changed").isVisible()).toBe(true);
      expect(pageProblems(shared)).toEqual([]);
    } finally {
      await shared.close();
    }
  });
});

describe("the numbers shown are the command line's", () => {
  /** Downloads a file through one of the page's buttons; returns its suggested name and its bytes. */
  async function download(page: Page, kind: string, dir: string): Promise<{ name: string; bytes: Buffer }> {
    const [file] = await Promise.all([page.waitForEvent("download"), page.locator(`#downloads button[data-export="${kind}"]`).click()]);
    const path = join(dir, file.suggestedFilename());
    await file.saveAs(path);
    return { name: file.suggestedFilename(), bytes: readFileSync(path) };
  }

  /** Rows of a CSV file keyed by column (the files compared here have no quoted commas). */
  function csvRows(text: string): Record<string, string>[] {
    const [header, ...lines] = text.trimEnd().split("\n");
    const columns = header.split(",");
    return lines.map((line) => Object.fromEntries(line.split(",").map((cell, index) => [columns[index], cell])));
  }

  /** A number as the page's panel writes it: two decimals, a real minus sign. */
  function asShown(value: number): string {
    const text = value.toFixed(2);
    return /^-0\.00$/.test(text) ? "0.00" : text.replace("-", "\u2212");
  }

  it("cascade simulate on the downloaded scenario gives the page's data, counts and metrics; downloads are CSV, PNG and SVG", async () => {
    const { page } = main;
    const settings: ControlValues = { ...defaults, coupling: 1.35, delta: 0.25, urgency: 1.4, relief: 2.6, skills: 0.2, perDay: 7, compliance: 0.8, distressSkip: -0.6, days: 12, seed: 23 };
    await goToLink(page, { values: settings });
    const shown = await shownNumbers(page);
    const dir = tempDir();

    const scenario = await download(page, "scenario", dir);
    expect(scenario.name).toBe("cascade-explorer-seed23.yaml");
    expect(scenario.bytes.toString("utf8")).toContain("# Page: file://");
    const simulated = runCli(["simulate", join(dir, scenario.name), "--out", join(dir, "sim"), "--trajectory-every", String(TRAJECTORY_MINUTES), "--quiet"]);
    expect(simulated.code, simulated.stderr).toBe(0);

    // The CSV downloads are cascade simulate's files, byte for byte.
    const files = { observed: "observed.csv", prompts: "truth/prompts.csv", events: "truth/events.csv", persons: "truth/persons.csv", trajectory: "truth/trajectory.csv" };
    for (const [kind, file] of Object.entries(files)) {
      const csv = await download(page, kind, dir);
      expect(csv.name).toBe(`cascade-explorer-seed23-${kind}.csv`);
      expect(csv.bytes.equals(readFileSync(join(dir, "sim", file))), kind).toBe(true);
    }

    // The counts shown.
    const observed = csvRows(readFileSync(join(dir, "sim", "observed.csv"), "utf8"));
    const events = csvRows(readFileSync(join(dir, "sim", "truth", "events.csv"), "utf8"));
    const answered = observed.filter((row) => row["answered"] === "1").length;
    expect(shown.figures["answered"]).toBe(`${answered} of ${observed.length} (${Math.round((100 * answered) / observed.length)}%)`);
    expect(shown.figures["acts"]).toBe(String(events.filter((row) => row["event"] === "nssi").length));
    expect(shown.figures["skills"]).toBe(String(events.filter((row) => row["event"] === "skill").length));
    expect(shown.figures["stressors"]).toBe(String(events.filter((row) => ["stressor", "rejection", "reminder"].includes(row["event"])).length));
    expect(shown.figures["reported"]).toBe(String(observed.reduce((sum, row) => sum + (row["nssi"] === "" ? 0 : Number(row["nssi"])), 0)));
    const persons = csvRows(readFileSync(join(dir, "sim", "truth", "persons.csv"), "utf8"));
    expect(shown.figures["reinforcement"]).toBe(asShown(Number(persons[0]["finalW"])));
    // The data table: the first rows of observed.csv.
    const tableLines = shown.table.split("\n").map((line) => line.split("\t").join(","));
    expect(tableLines).toEqual(readFileSync(join(dir, "sim", "observed.csv"), "utf8").trimEnd().split("\n").slice(0, tableLines.length));

    // The study column: cascade analyze's metrics of na_mean, with the explorer's PAC cutoff.
    const analysed = runCli(["analyze", join(dir, "sim"), "--pac-cutoff", String(PAC_CUTOFF), "--out", join(dir, "analysis")]);
    expect(analysed.code, analysed.stderr).toBe(0);
    const metrics = csvRows(readFileSync(join(dir, "analysis", "metrics.csv"), "utf8")).find((row) => row["variable"] === "na_mean") as Record<string, string>;
    const columns: Record<string, string> = { mean: "mean", mssd: "mssd", pac: "pac", ac1: "ac1", icc: "icc3k" };
    for (const [metric, column] of Object.entries(columns)) {
      expect(shown.metrics[`${metric}-study`], metric).toBe(asShown(Number(metrics[column])));
    }

    // The charts as PNG (drawn at twice their size) and SVG.
    const png = await download(page, "timeline-png", dir);
    expect(png.name).toBe("cascade-explorer-seed23-timeline.png");
    expect(png.bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    expect(png.bytes.readUInt32BE(16)).toBeGreaterThan(1200); // IHDR width in pixels
    const svg = await download(page, "phase-svg", dir);
    expect(svg.name).toBe("cascade-explorer-seed23-phase.svg");
    const svgText = svg.bytes.toString("utf8");
    expect(svgText).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svgText).toContain("resting state");
    expect((svgText.match(/<path/g) ?? []).length).toBeGreaterThan(100);
    expect(pageProblems(main)).toEqual([]);
  });
});

describe("extreme settings (each control alone at its ends: the slider test above)", () => {
  it.each(["minimum", "maximum"] as const)("every control at its %s at once", async (end) => {
    const { page } = main;
    const extreme = Object.fromEntries(CONTROLS.map((spec) => [spec.id, end === "minimum" ? spec.min : spec.max])) as ControlValues;
    await goToLink(page, { values: extreme });
    await expectSaneDrawing(page, `all at their ${end}`);
    expect((await shownProblems(page)).issues).toBeNull();
    expect(pageProblems(main)).toEqual([]);
  });

  it("a value typed beyond the model's valid range is reported, and the value simulated instead is shown", async () => {
    const { page } = main;
    await goToLink(page, { values: defaults });
    const box = page.locator('[data-control="delta"] .control-value');
    await afterRedraw(page, async () => {
      await box.fill("1.5");
      await box.press("Enter");
      await box.blur();
    });
    const problems = await shownProblems(page);
    expect(problems.issues).toContain("Emotion differentiation (delta): 1.5 is outside the model's valid range");
    expect(problems.issues).toContain("expected a number <= 1, got 1.5");
    expect(problems.issues).toContain("Shown with 1.00 instead.");
    expect(await page.locator('[data-control="delta"]').getAttribute("class")).toContain("invalid");
    expect(await box.inputValue()).toBe("1.00");
    expect((await values(page)).delta).toBe(1);
    await expectSaneDrawing(page, "delta typed as 1.5");

    // A link with values the model cannot take, or that are not numbers.
    await goToLink(page, { values: { ...defaults, compliance: 1, days: 0 } });
    const fromLink = (await shownProblems(page)).issues ?? "";
    expect(fromLink).toContain("Compliance (design.compliance.base): 1 is outside the model's valid range");
    expect(fromLink).toContain("Days (days): 0 is outside the model's valid range");
    await afterRedraw(page, () => page.evaluate(() => (location.hash = "#v=1&seed=abc&colour=red")));
    const notNumbers = (await shownProblems(page)).issues ?? "";
    expect(notNumbers).toContain('expected a number, got "abc"');
    expect(notNumbers).toContain('The link\'s setting "colour" is not known to the explorer and was ignored.');
    await expectSaneDrawing(page, "link with text for the seed");

    // The next move of a slider leaves the link's problems behind.
    await pressOnSlider(page, "seed", "ArrowRight");
    expect((await shownProblems(page)).issues).toBeNull();
    expect(pageProblems(main)).toEqual([]);
  });
});

describe("other ways to open the page", () => {
  let reference: ShownNumbers;
  const state = { values: {} as ControlValues, lesson: "esm" };

  beforeAll(async () => {
    const lesson = LESSONS.find((l) => l.id === "esm");
    state.values = lessonValues(lesson as (typeof LESSONS)[number], defaults);
    await goToLink(main.page, state);
    reference = await shownNumbers(main.page);
  });

  it("served by cascade explore on 127.0.0.1: the same page, the same numbers for the same link", async () => {
    const served = await startExplore(["--port", "0"]);
    // The server reads dist-explorer/index.html when it starts: the page the other tests opened.
    expect(readFileSync(builtPage).equals(readFileSync(pagePath)), "dist-explorer/index.html was rebuilt during the test").toBe(true);
    try {
      const origin = served.url.replace(/\/$/, "");
      const opened = await openWithoutNetwork(browser, `${served.url}#${encodeState(state)}`, { allowedOrigin: origin });
      try {
        await waitForExplorer(opened.page);
        expect(await opened.page.evaluate(() => (window as unknown as { cascadeExplorer: { mode: string } }).cascadeExplorer.mode)).toBe("worker");
        expect(await shownNumbers(opened.page)).toEqual(reference);
        await expectSaneDrawing(opened.page, "served");
        await pressOnSlider(opened.page, "seed", "ArrowRight");
        expect(opened.page.url()).toContain(`${served.url}#v=1&lesson=esm&`);
        expect(pageProblems(opened)).toEqual([]);
      } finally {
        await opened.close();
      }
    } finally {
      served.child.kill("SIGTERM");
    }
  });

  it("without web workers the page computes in its own thread and shows the same numbers", async () => {
    const opened = await openPage(`#${encodeState(state)}`, { initScripts: ["delete window.Worker;"] });
    try {
      const mode = await opened.page.evaluate(() => {
        const handle = (window as unknown as { cascadeExplorer: { mode: string; fallbackReason?: string } }).cascadeExplorer;
        return { mode: handle.mode, reason: handle.fallbackReason };
      });
      expect(mode.mode).toBe("page");
      expect(mode.reason).toMatch(/^no web worker/);
      expect(await shownNumbers(opened.page)).toEqual(reference);
      await expectSaneDrawing(opened.page, "in-page computing");
      expect(pageProblems(opened)).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});

describe("the README's picture", () => {
  it.runIf(process.env["CASCADE_DOCS_IMAGES"] === "1")("writes docs/images/explorer.png at 1280 by 800", async () => {
    const lesson = LESSONS.find((l) => l.id === "cascade") as (typeof LESSONS)[number];
    const opened = await openWithoutNetwork(browser, `${pageUrl}#${encodeState({ values: lessonValues(lesson, defaults), lesson: lesson.id })}`, { viewport: { width: 1280, height: 800 } });
    try {
      await waitForExplorer(opened.page);
      // The lessons and sliders (their column stays in view) beside the charts.
      await opened.page.evaluate(() => window.scrollTo(0, (document.getElementById("chart-timeline") as HTMLElement).offsetTop - 16));
      const image = await opened.page.screenshot({ fullPage: false });
      writeFileSync(join(repoRoot, "docs", "images", "explorer.png"), image);
      expect(image.readUInt32BE(16)).toBe(1280);
    } finally {
      await opened.close();
    }
  });
});
