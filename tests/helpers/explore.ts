/**
 * Helpers for the classroom explorer's tests: starting `cascade explore`, and driving the built page
 * (dist-explorer/index.html) in Chromium through what it shows and through `window.cascadeExplorer`
 * (explorer/src/main.ts).
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { repoRoot } from "./cli.js";

/** Starts `cascade explore ...args` and resolves with the process and the address it printed. */
export function startExplore(args: readonly string[]): Promise<{ child: ChildProcessWithoutNullStreams; url: string; output: () => string }> {
  const child = spawn(process.execPath, [join(repoRoot, "bin", "cascade.js"), "explore", ...args], { cwd: repoRoot });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no address printed within 60 s: ${output}`)), 60_000);
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /http:\/\/[^\s]+\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[0], output: () => output });
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`cascade explore exited with ${code}: ${output}`));
    });
  });
}

/** What the page offers on `window.cascadeExplorer`, as far as the tests use it. */
interface ExplorerWindow {
  cascadeExplorer: {
    mode: string;
    fallbackReason?: string;
    drawn: number;
    values(): Record<string, number>;
    lesson(): string | undefined;
    marks(name: "timeline" | "phase"): number;
  };
}

/** Waits until the page has started and drawn its first result, with nothing pending. */
export async function waitForExplorer(page: Page, timeout = 90_000): Promise<void> {
  await page.waitForSelector('body[data-ready="true"][data-busy="false"]', { timeout, state: "attached" });
}

/**
 * Runs `action` (a key press, a click, a change of the link) and waits until the page has drawn a
 * result for it, with nothing pending.
 */
export async function afterRedraw(page: Page, action: () => Promise<unknown>, timeout = 60_000): Promise<void> {
  const before = await page.evaluate(() => (window as unknown as ExplorerWindow).cascadeExplorer.drawn);
  await action();
  await page.waitForFunction(
    (drawn) => (window as unknown as ExplorerWindow).cascadeExplorer.drawn > drawn && document.body.dataset["busy"] === "false",
    before,
    { timeout },
  );
}

/** Everything the page shows as numbers and text about the simulated person. */
export interface ShownNumbers {
  /** The person's counts (`[data-figure]`), as shown. */
  figures: Record<string, string>;
  /** The metrics panel (`[data-metric]`: e.g. "mssd-study"), as shown. */
  metrics: Record<string, string>;
  /** The first rows of observed.csv, as shown. */
  table: string;
  /** Which days the charts show. */
  window: string;
}

export function shownNumbers(page: Page): Promise<ShownNumbers> {
  return page.evaluate(() => {
    const texts = (selector: string, key: string): Record<string, string> =>
      Object.fromEntries(Array.from(document.querySelectorAll<HTMLElement>(selector)).map((node) => [node.dataset[key] ?? "", node.textContent ?? ""]));
    return {
      figures: texts("[data-figure]", "figure"),
      metrics: texts("[data-metric]", "metric"),
      table: document.getElementById("data-table")?.innerText ?? "",
      window: document.getElementById("window-note")?.textContent ?? "",
    };
  });
}

/**
 * A fingerprint of the pixels of each chart as drawn on the page (32-bit FNV-1a over the RGBA bytes
 * of the visible canvas, copied to a fresh canvas first: reading the page's own canvases again and
 * again makes Chromium warn), and its size: equal fingerprints mean the same picture.
 */
export function chartPixels(page: Page): Promise<Record<"timeline" | "phase", string>> {
  return page.evaluate(() => {
    const fingerprint = (name: string): string => {
      const canvas = document.querySelector<HTMLCanvasElement>(`#chart-${name} .chart-view:not([hidden]) canvas`);
      if (canvas === null) return "no canvas";
      if (canvas.width === 0 || canvas.height === 0) return "empty canvas";
      const copy = document.createElement("canvas");
      copy.width = canvas.width;
      copy.height = canvas.height;
      const context = copy.getContext("2d", { willReadFrequently: true }) as CanvasRenderingContext2D;
      context.drawImage(canvas, 0, 0);
      const words = new Uint32Array(context.getImageData(0, 0, copy.width, copy.height).data.buffer);
      let hash = 0x811c9dc5;
      for (let i = 0; i < words.length; i++) {
        hash ^= words[i];
        hash = Math.imul(hash, 0x01000193);
      }
      return `${canvas.width}x${canvas.height}:${(hash >>> 0).toString(16)}`;
    };
    return { timeline: fingerprint("timeline"), phase: fingerprint("phase") };
  });
}
