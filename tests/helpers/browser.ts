/**
 * Browser tests: open a page from disk in Debian's Chromium, with the network off, and check what it
 * drew. Shared by the chart, report and classroom-explorer tests.
 *
 * The browser is the system's Chromium (`/usr/bin/chromium`, or `$CHROMIUM_PATH`), driven by
 * playwright-core, which never downloads a browser of its own; `.ci/run` installs the Debian package.
 * Every request that is not for a `file:` or `data:` URL is aborted and recorded, and the context is
 * put offline, so a page that works here works without a network; tests assert that nothing was
 * attempted. Console errors and warnings and uncaught page errors are collected.
 *
 * Usage:
 *   const browser = await launchChromium();
 *   const opened = await openOffline(browser, "/tmp/report/index.html");
 *   // or, for a page served on 127.0.0.1: openWithoutNetwork(browser, url, { allowedOrigin: origin })
 *   const status = await waitForCharts(opened.page);      // pages made by src/charts/page.ts
 *   await saveScreenshot(opened.page, "report");           // tests/artifacts/report.png
 *   expect(pageProblems(opened)).toEqual([]);               // no console error, no request
 *   await opened.close(); await browser.close();
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { repoRoot } from "./cli.js";

/** Where the browser is: `$CHROMIUM_PATH`, or Debian's `/usr/bin/chromium`. */
export function chromiumPath(): string {
  return process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";
}

/** Chromium flags for a headless, sandbox-less CI container that never phones home. */
export const chromiumArgs: readonly string[] = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Launches the system's Chromium headless; throws a clear message when it is not installed. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}: install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH`,
    );
  }
  return chromium.launch({ executablePath, args: [...chromiumArgs], headless: true });
}

/** A page opened from disk with the network off, and what it reported. */
export interface OfflinePage {
  page: Page;
  context: BrowserContext;
  /** Text of every console message of type "error". */
  consoleErrors: string[];
  /** Text of every console message of type "warning". */
  consoleWarnings: string[];
  /** Uncaught exceptions in the page. */
  pageErrors: string[];
  /** URLs of requests that were attempted and aborted (anything but file: and data:). */
  blockedRequests: string[];
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Viewport size (default 1400 by 900). */
  viewport?: { width: number; height: number };
  /** Milliseconds to wait for the page's load event (default 60 s). */
  timeout?: number;
  /** Run these scripts in the page before its own (e.g. to take an API away). */
  initScripts?: string[];
}

const isLocal = (url: string): boolean => url.startsWith("file:") || url.startsWith("data:") || url.startsWith("blob:") || url === "about:blank";

/** Opens `filePath` as a file: URL in a fresh offline context and waits for its load event. */
export async function openOffline(browser: Browser, filePath: string, options: OpenOptions = {}): Promise<OfflinePage> {
  return openWithoutNetwork(browser, pathToFileURL(filePath).href, options);
}

/**
 * Opens `url` in a fresh context where nothing but local URLs (file:, data:, blob:) and, when given,
 * `allowedOrigin` (a page served on 127.0.0.1, e.g. by `cascade explore`) can load: every other
 * request is aborted and recorded. Without `allowedOrigin` the context is also put offline.
 */
export async function openWithoutNetwork(browser: Browser, url: string, options: OpenOptions & { allowedOrigin?: string } = {}): Promise<OfflinePage> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1400, height: 900 }, serviceWorkers: "block" });
  const origin = options.allowedOrigin;
  // Offline emulation would also refuse the loopback server; the route below still blocks the rest.
  if (origin === undefined) await context.setOffline(true);
  const allowed = (address: string): boolean => isLocal(address) || (origin !== undefined && address.startsWith(origin));
  const blockedRequests: string[] = [];
  const record = (address: string): void => {
    if (!allowed(address) && !blockedRequests.includes(address)) blockedRequests.push(address);
  };
  await context.route("**/*", async (route) => {
    const address = route.request().url();
    if (allowed(address)) {
      await route.continue();
    } else {
      record(address);
      await route.abort("internetdisconnected");
    }
  });
  for (const script of options.initScripts ?? []) await context.addInitScript(script);
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const consoleWarnings: string[] = [];
  const pageErrors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
    if (message.type() === "warning") consoleWarnings.push(message.text());
  });
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("request", (request) => record(request.url()));
  await page.goto(url, { waitUntil: "load", timeout: options.timeout ?? 60_000 });
  return {
    page,
    context,
    consoleErrors,
    consoleWarnings,
    pageErrors,
    blockedRequests,
    close: () => context.close(),
  };
}

/**
 * Everything that went wrong on an opened page, labelled: console errors and warnings, uncaught
 * errors, and attempted network requests. A clean offline page gives an empty list.
 */
export function pageProblems(opened: OfflinePage): string[] {
  return [
    ...opened.consoleErrors.map((text) => `console error: ${text}`),
    ...opened.consoleWarnings.map((text) => `console warning: ${text}`),
    ...opened.pageErrors.map((text) => `page error: ${text}`),
    ...opened.blockedRequests.map((url) => `network request: ${url}`),
  ];
}

/** What a page made by `src/charts/page.ts` reports once every chart has settled. */
export interface ChartsStatus {
  rendered: number;
  failed: number;
  /** One entry per chart slot on the page. */
  charts: Array<{ id: string; rendered: boolean; error: string | null; svgShapes: number; canvas: boolean }>;
}

/**
 * Waits until every chart on the page has rendered or failed (`<body data-charts-done>`), then
 * describes each chart slot: whether it rendered, its error, the number of drawn SVG shapes (path,
 * line, rect, text, circle elements) and whether it holds a canvas.
 */
export async function waitForCharts(page: Page, timeout = 60_000): Promise<ChartsStatus> {
  await page.waitForSelector("body[data-charts-done]", { timeout, state: "attached" });
  return page.evaluate(() => {
    const slots = Array.from(document.querySelectorAll(".cascade-chart"));
    return {
      rendered: Number(document.body.getAttribute("data-charts-done")),
      failed: Number(document.body.getAttribute("data-charts-failed")),
      charts: slots.map((slot) => ({
        id: slot.id,
        rendered: slot.getAttribute("data-rendered") === "true",
        error: slot.getAttribute("data-error"),
        svgShapes: slot.querySelectorAll("svg path, svg line, svg rect, svg text, svg circle").length,
        canvas: slot.querySelector("canvas") !== null,
      })),
    };
  });
}

/** Where screenshots go (git-ignored). */
export const artifactsDir = join(repoRoot, "tests", "artifacts");

/** Saves a full-page screenshot as tests/artifacts/<name>.png and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(artifactsDir, { recursive: true });
  const path = join(artifactsDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
