/**
 * The standalone chart pages work in a real browser with the network off: every chart kind renders
 * from a page opened from disk, with no console error and no attempt to reach the network; a chart
 * that cannot render is reported on the page and in the console (so the checks can fail).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TopLevelSpec } from "vega-lite";
import { chartKindNames, finishSpec } from "../src/charts/index.js";
import { chartPage } from "../src/charts/html.js";
import { renderHtml } from "../src/charts/render.js";
import { launchChromium, openOffline, pageProblems, saveScreenshot, waitForCharts } from "./helpers/browser.js";
import { buildAllCharts } from "./helpers/charts-data.js";
import { tempDir } from "./helpers/cli.js";

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe("a page with every chart kind, opened from disk offline", () => {
  it("renders every chart as SVG without console errors or network requests", async () => {
    const charts = buildAllCharts();
    const html = chartPage({
      title: "Cascade Lab: every chart kind",
      charts: chartKindNames.map((kind) => ({ id: `chart-${kind}`, spec: charts[kind] })),
    });
    const path = join(tempDir(), "charts.html");
    writeFileSync(path, html);

    const opened = await openOffline(browser, path);
    try {
      const status = await waitForCharts(opened.page);
      expect(status.failed).toBe(0);
      expect(status.rendered).toBe(chartKindNames.length);
      expect(status.charts.map((c) => c.id)).toEqual(chartKindNames.map((kind) => `chart-${kind}`));
      for (const chart of status.charts) {
        expect(chart.rendered, chart.id).toBe(true);
        expect(chart.error, chart.id).toBeNull();
        expect(chart.svgShapes, chart.id).toBeGreaterThan(20);
      }
      await saveScreenshot(opened.page, "browser-charts");
      expect(pageProblems(opened)).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  it("renders a single-chart .html file the same way", async () => {
    const path = join(tempDir(), "timeline.html");
    writeFileSync(path, await renderHtml(buildAllCharts().timeline, "Timeline"));
    const opened = await openOffline(browser, path);
    try {
      const status = await waitForCharts(opened.page);
      expect(status.rendered).toBe(1);
      expect(status.charts[0].svgShapes).toBeGreaterThan(100);
      expect(pageProblems(opened)).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});

describe("the browser checks detect failures", () => {
  it("reports a chart that cannot render, on the page and in the console", async () => {
    const broken = { ...finishSpec({ data: { values: [] }, mark: "point" }), mark: "no-such-mark" } as unknown as TopLevelSpec;
    const path = join(tempDir(), "broken.html");
    writeFileSync(path, chartPage({ title: "broken", charts: [{ id: "broken", spec: broken }] }));
    const opened = await openOffline(browser, path);
    try {
      const status = await waitForCharts(opened.page);
      expect(status.failed).toBe(1);
      expect(status.charts[0].rendered).toBe(false);
      expect(status.charts[0].error ?? "").not.toBe("");
      expect(opened.consoleErrors.join("\n")).toContain("chart broken");
    } finally {
      await opened.close();
    }
  });

  it("blocks and records a request to the network", async () => {
    const path = join(tempDir(), "network.html");
    writeFileSync(
      path,
      chartPage({
        title: "network",
        charts: [],
        bodyHtml: '<img src="https://example.org/pixel.png" alt="">',
      }),
    );
    const opened = await openOffline(browser, path);
    try {
      await waitForCharts(opened.page);
      expect(opened.blockedRequests).toEqual(["https://example.org/pixel.png"]);
    } finally {
      await opened.close();
    }
  });
});
