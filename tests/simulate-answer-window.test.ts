/**
 * Answer windows (src/design/compliance.ts): a prompt stays open until it expires or the next
 * scheduled prompt arrives, so answer times increase within each person. Before the fix, a 20-minute
 * expiry let person 57 of `cascade simulate scenarios/bpd-cascade.yaml --seed 1` answer the first
 * prompt of day 17 (11:07:54) after the second (11:06:01).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answerWindowMinutes, responseDelayMinutes } from "../src/design/compliance.js";
import { RandomStream } from "../src/random/stream.js";
import { validateScenario } from "../src/scenario/parse.js";
import { simulatePerson } from "../src/simulate/person.js";
import { runCli, tempDir } from "./helpers/cli.js";

/** The answered rows of observed.csv as (id, responded) in file order. */
function answeredTimes(path: string): { id: string; responded: string; line: number }[] {
  const lines = readFileSync(path, "utf8").trimEnd().split("\n");
  const header = lines[0].split(",");
  const idColumn = header.indexOf("id");
  const respondedColumn = header.indexOf("responded");
  return lines
    .slice(1)
    .map((line, i) => ({ cells: line.split(","), line: i + 2 }))
    .filter(({ cells }) => cells[respondedColumn] !== "")
    .map(({ cells, line }) => ({ id: cells[idColumn], responded: cells[respondedColumn], line }));
}

/** Rows whose answer time is not after the previous answer of the same person. */
function backwardAnswers(rows: { id: string; responded: string; line: number }[]): string[] {
  const last = new Map<string, string>();
  const problems: string[] = [];
  for (const row of rows) {
    const previous = last.get(row.id);
    if (previous !== undefined && !(row.responded > previous)) problems.push(`line ${row.line}: person ${row.id} answered at ${row.responded}, not after ${previous}`);
    last.set(row.id, row.responded);
  }
  return problems;
}

describe("answer windows end at the next scheduled prompt", () => {
  it("answerWindowMinutes is the expiry, or the time until one second before the next prompt when sooner", () => {
    expect(answerWindowMinutes({ expiryMinutes: 20 }, 600, 600 + 7 * 60)).toBeCloseTo(6 + 59 / 60, 12);
    expect(answerWindowMinutes({ expiryMinutes: 20 }, 600, 600 + 3600)).toBe(20);
    expect(answerWindowMinutes({ expiryMinutes: 20 }, 600, Infinity)).toBe(20);
    expect(answerWindowMinutes({ expiryMinutes: 20 }, 600, 601)).toBe(0);
  });

  it("delays drawn within a window never reach its end once rounded to seconds", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 0, max: 1e6 }), (gapSeconds, seed) => {
        const stream = new RandomStream(`window-${seed}`);
        const response = { delayMedianMinutes: 2, delaySdLog: 0.8, expiryMinutes: 20 };
        const window = answerWindowMinutes(response, 0, gapSeconds);
        for (let i = 0; i < 20; i++) {
          const seconds = Math.round(60 * responseDelayMinutes(response, stream, window));
          if (!(seconds >= 0 && seconds < gapSeconds)) return false;
        }
        return true;
      }),
      { numRuns: 200 },
    );
  });

  it("cascade simulate of the default scenario gives increasing answer times within each person (seeds 1-3)", () => {
    const directory = tempDir();
    for (const [seed, extra] of [
      [1, []],
      [2, ["--days", "7"]],
      [3, ["--days", "7"]],
    ] as const) {
      const out = join(directory, `seed-${seed}`);
      const result = runCli(["simulate", "scenarios/bpd-cascade.yaml", "--seed", String(seed), ...extra, "--out", out]);
      expect(result.code, result.stderr).toBe(0);
      const rows = answeredTimes(join(out, "observed.csv"));
      expect(rows.length).toBeGreaterThan(1000);
      expect(backwardAnswers(rows)).toEqual([]);
    }
  });

  it("event-contingent reports due while a signal prompt is open come after its answer", () => {
    const scenario = validateScenario({
      name: "events",
      days: 10,
      design: {
        schedule: { type: "random", perDay: 12, start: "08:00", end: "22:00", minGapMinutes: 5 },
        eventContingent: { enabled: true, delayMinutes: 10, compliance: 1 },
        response: { delayMedianMinutes: 8, delaySdLog: 1, expiryMinutes: 30 },
      },
      groups: [{ name: "g", size: 6, parameters: { b0: -5, refractoryHours: 0.2, stressRate: 0.5, reactivity: 2 } }],
    }, "events.yaml");
    let events = 0;
    for (let index = 0; index < 6; index++) {
      const result = simulatePerson(scenario, { group: 0, indexInGroup: index });
      events += result.prompts.filter((prompt) => prompt.trigger === "event").length;
      let previous = -Infinity;
      for (const prompt of result.prompts) {
        if (!prompt.answered) continue;
        expect(prompt.respondedSeconds).toBeGreaterThanOrEqual(previous);
        expect(prompt.respondedSeconds).toBeLessThan(10 * 86_400);
        previous = prompt.respondedSeconds ?? Number.NaN;
      }
    }
    expect(events).toBeGreaterThan(20);
  });
});
