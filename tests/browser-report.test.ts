/**
 * The report works in a real browser with the network off: `cascade report`'s index.html, opened from
 * disk in Chromium, draws every chart as SVG, with no console error or warning and no request beyond
 * the file itself; a screenshot goes to tests/artifacts/browser-report.png.
 */
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chartKindNames } from "../src/charts/index.js";
import { launchChromium, openOffline, pageProblems, saveScreenshot, waitForCharts } from "./helpers/browser.js";
import { repoRoot, runCli, tempDir } from "./helpers/cli.js";

let browser: Browser;
let report: string;

beforeAll(async () => {
  report = join(tempDir(), "report");
  const result = runCli([
    "report",
    join(repoRoot, "scenarios", "bpd-cascade.yaml"),
    "--persons",
    "12",
    "--days",
    "7",
    "--seed",
    "3",
    "--design-persons",
    "12",
    "--out",
    report,
  ]);
  expect(result.code, result.stderr).toBe(0);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe("the report opened from disk with the network off", () => {
  it("draws every chart, with no console error and no network request", async () => {
    const opened = await openOffline(browser, join(report, "index.html"));
    try {
      const status = await waitForCharts(opened.page);
      expect(status.failed).toBe(0);
      expect(status.rendered).toBe(chartKindNames.length);
      expect(status.charts.map((chart) => chart.id).sort()).toEqual(chartKindNames.map((kind) => `chart-${kind}`).sort());
      for (const chart of status.charts) {
        expect(chart.rendered, chart.id).toBe(true);
        expect(chart.svgShapes, chart.id).toBeGreaterThan(50);
      }
      const text = await opened.page.locator("body").innerText();
      expect(text).toContain("Not a clinical tool.");
      expect(text).toContain("What to notice.");
      await saveScreenshot(opened.page, "browser-report");
      expect(pageProblems(opened)).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});
