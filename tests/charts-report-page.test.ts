/**
 * The report page's parts: the body (notice, facts, command, one chart slot per section, tables) and
 * the captions, whose numbers must be this run's.
 */
import { describe, expect, it } from "vitest";
import {
  designCaption,
  earlyWarningCaption,
  instabilityCaption,
  phaseCaption,
  timelineCaption,
} from "../src/charts/captions.js";
import { finishSpec } from "../src/charts/index.js";
import { notClinicalNotice, reportBody, tableHtml, type ReportContent } from "../src/charts/report-page.js";
import { bistableParameters, ecmDrift, ecmParameters, groupEffects, instabilityRows, simulateStudy, thinLatent } from "./helpers/charts-data.js";

const spec = finishSpec({ data: { values: [{ a: 1 }] }, mark: "point", encoding: { x: { field: "a", type: "quantitative" } } });

function content(overrides: Partial<ReportContent> = {}): ReportContent {
  return {
    title: "Report <test>",
    summary: ["A & B."],
    facts: [
      ["Scenario", "bpd-cascade (scenarios/bpd-cascade.yaml)"],
      ["Seed", "1"],
    ],
    command: "cascade report scenarios/bpd-cascade.yaml --seed 1 --out out/report",
    sections: [
      { id: "timeline", heading: "Timeline", spec, caption: ["First.", "Second <b>."], specFile: "charts/timeline.vl.json" },
      { id: "phase", heading: "Phase", spec, caption: ["Third."] },
    ],
    tables: [{ caption: "Numbers", columns: ["Name", "Value"], rows: [["x", -1.234], ["y", null]] }],
    files: [["metrics.csv", "metrics"]],
    ...overrides,
  };
}

describe("reportBody(content)", () => {
  it("carries the not-a-clinical-tool notice, the facts, the command and a slot per chart", () => {
    const { bodyHtml, charts } = reportBody(content());
    expect(bodyHtml).toContain(notClinicalNotice.title);
    expect(bodyHtml).toContain("does not assess, predict or monitor");
    expect(bodyHtml).toContain("<th scope=\"row\">Seed</th><td>1</td>");
    expect(bodyHtml).toContain("<pre><code>cascade report scenarios/bpd-cascade.yaml --seed 1 --out out/report</code></pre>");
    expect(charts.map((chart) => chart.id)).toEqual(["chart-timeline", "chart-phase"]);
    for (const chart of charts) expect(bodyHtml).toContain(`<div id="${chart.id}" class="cascade-chart"`);
    expect(bodyHtml).toContain('<a href="charts/timeline.vl.json">Vega-Lite spec</a>');
  });

  it("escapes every text it is given", () => {
    const { bodyHtml } = reportBody(content());
    expect(bodyHtml).toContain("Report &lt;test&gt;");
    expect(bodyHtml).toContain("A &amp; B.");
    expect(bodyHtml).toContain("Second &lt;b&gt;.");
    expect(bodyHtml).not.toContain("<b>");
  });

  it("prints numbers with a real minus sign and undefined cells as a dash", () => {
    const html = tableHtml({ caption: "t", columns: ["a", "b", "c"], rows: [[-1.234, null, Number.NaN], [3, 0.5, "x"]] });
    expect(html).toContain("<td>\u22121.23</td><td>–</td><td>–</td>");
    expect(html).toContain("<td>3</td><td>0.50</td><td>x</td>");
  });
});

describe("captions", () => {
  const study = simulateStudy(6, 3);
  const person = [...study].sort((a, b) => b.path.events.filter((e) => e.type === "nssi").length - a.path.events.filter((e) => e.type === "nssi").length)[0];

  it("timeline: counts the window's prompts, missed prompts and acts, and the acts that reached the record", () => {
    const input = { person: person.id, latent: thinLatent(person.path), prompts: person.prompts, events: person.path.events };
    const text = timelineCaption(input, 0, 72).join(" ");
    const missed = person.prompts.filter((p) => !p.answered).length;
    const acts = person.path.events.filter((e) => e.type === "nssi");
    expect(text).toContain(`asked ${person.prompts.length} times and got no answer ${missed} time`);
    expect(text).toContain(`${acts.length} NSSI act`);
    const reported = acts.filter((act) => person.prompts.find((p) => p.hours > act.hours)?.answered === true).length;
    expect(text).toContain(`${reported} of this person's ${acts.length} act`);
  });

  it("phase: names two resting states only when there are two", () => {
    const trajectory = thinLatent(person.path);
    const bistable = phaseCaption({
      trajectory,
      drift: ecmDrift(bistableParameters),
      fixedPoints: [
        { A: 0.08, R: 0.1, kind: "stable" },
        { A: 1.9, R: 2.1, kind: "saddle" },
        { A: 3.4, R: 4.4, kind: "stable" },
      ],
    }).join(" ");
    expect(bistable).toContain("two resting states: calm and cascade");
    expect(bistable).toMatch(/spent \d+% of the time above the tipping point/);
    const single = phaseCaption({ trajectory, drift: ecmDrift(ecmParameters), fixedPoints: [{ A: 0.04, R: 0.06, kind: "stable" }] }).join(" ");
    expect(single).toContain("one resting state (calm)");
  });

  it("instability: quotes each metric's Hedges' g", () => {
    const rows = instabilityRows(study);
    const effects = groupEffects(rows, "BPD", "Healthy");
    const text = instabilityCaption({ rows, effects }).join(" ");
    const mssd = effects.find((e) => e.metric === "mssd");
    expect(text).toContain(`BPD vs Healthy: MSSD ${(mssd?.g as number).toFixed(2)}`);
    expect(text).toContain("Relative MSSD divides by the largest MSSD possible");
  });

  it("early-warning: says rising, falling or no clear trend from Kendall's tau", () => {
    const text = (variance: number, autocorrelation: number): string =>
      earlyWarningCaption({ indicators: [], tau: { variance, autocorrelation } }).join(" ");
    expect(text(0.6, -0.5)).toContain("variance is rising (Kendall's τ = 0.60) and the lag-1 autocorrelation falling (τ = \u22120.50)");
    expect(text(0.1, 0.2)).toContain("without a clear trend");
  });

  it("design: names the worst and the best design for MSSD", () => {
    const points = [
      { promptsPerDay: 3, compliance: 0.5, metric: "mssd", value: 0.4 },
      { promptsPerDay: 10, compliance: 0.95, metric: "mssd", value: 0.9 },
      { promptsPerDay: 6, compliance: 0.75, metric: "mssd", value: 0.7 },
      { promptsPerDay: 3, compliance: 0.5, metric: "pac", value: 0.1 },
    ];
    const text = designCaption({ points }).join(" ");
    expect(text).toContain("worst with 3 prompts a day with 50% answered (0.40)");
    expect(text).toContain("best with 10 prompts a day with 95% answered (0.90)");
  });
});
