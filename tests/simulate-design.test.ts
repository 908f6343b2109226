import { describe, expect, it } from "vitest";
import { SECONDS_PER_DAY, localDateTime } from "../src/design/clock.js";
import { answerProbability, responseDelayMinutes } from "../src/design/compliance.js";
import { EmotionComponents, respond } from "../src/design/items.js";
import { isPromptDay, scheduleDay } from "../src/design/schedule.js";
import { RandomStream } from "../src/random/stream.js";
import { parseScenario } from "../src/scenario/parse.js";
import type { Schedule } from "../src/scenario/schema.js";
import { simulatePerson, type PersonResult } from "../src/simulate/person.js";

function schedule(yaml: string): Schedule {
  return parseScenario(`design:\n  schedule: ${yaml}\ngroups:\n  - { name: a, size: 1 }\n`).design.schedule;
}

function people(yaml: string, count: number, days?: number): PersonResult[] {
  const scenario = parseScenario(yaml, "design.yaml");
  return Array.from({ length: count }, (_, i) => simulatePerson(scenario, { group: 0, indexInGroup: i, days }));
}

describe("prompt schedules", () => {
  const stream = new RandomStream("schedule");
  it("stratified: one prompt uniformly in each of perDay equal blocks of the window", () => {
    const s = schedule("{ type: stratified, perDay: 6, start: '09:00', end: '21:00' }");
    const offsets: number[] = [];
    for (let day = 0; day < 2000; day++) {
      const times = scheduleDay(s, stream);
      expect(times).toHaveLength(6);
      times.forEach((t, i) => {
        expect(t).toBeGreaterThanOrEqual(9 + 2 * i);
        expect(t).toBeLessThanOrEqual(9 + 2 * (i + 1));
        offsets.push(t - (9 + 2 * i));
        expect(Math.abs(t * 3600 - Math.round(t * 3600))).toBeLessThan(1e-6); // whole seconds
      });
    }
    const mean = offsets.reduce((a, b) => a + b, 0) / offsets.length;
    expect(Math.abs(mean - 1)).toBeLessThan(0.02); // uniform in a 2-hour block has mean 1 hour
  });
  it("stratified with a minimum gap never places prompts closer than the gap", () => {
    const s = schedule("{ type: stratified, perDay: 6, start: '09:00', end: '21:00', minGapMinutes: 60 }");
    for (let day = 0; day < 500; day++) {
      const times = scheduleDay(s, stream);
      for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(1 - 1e-6);
    }
  });
  it("random: perDay sorted prompts inside the window, at least minGapMinutes apart, spread over the window", () => {
    const s = schedule("{ type: random, perDay: 8, start: '10:00', end: '22:00', minGapMinutes: 45 }");
    const all: number[] = [];
    for (let day = 0; day < 1000; day++) {
      const times = scheduleDay(s, stream);
      expect(times).toHaveLength(8);
      expect(times[0]).toBeGreaterThanOrEqual(10);
      expect(times[7]).toBeLessThanOrEqual(22);
      for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(0.75 - 1e-6);
      all.push(...times);
    }
    expect(Math.abs(all.reduce((a, b) => a + b, 0) / all.length - 16)).toBeLessThan(0.05); // symmetric around the middle
  });
  it("fixed, interval and none", () => {
    expect(scheduleDay(schedule("{ type: fixed, times: ['10:00', '14:30'] }"), stream)).toEqual([10, 14.5]);
    expect(scheduleDay(schedule("{ type: interval, start: '09:00', end: '12:00', everyMinutes: 90 }"), stream)).toEqual([9, 10.5, 12]);
    expect(scheduleDay({ type: "none" }, stream)).toEqual([]);
  });
  it("measurement bursts prompt only on burst days", () => {
    const bursts = { lengthDays: 7, everyDays: 91, firstDay: 1 };
    const days = Array.from({ length: 200 }, (_, i) => i + 1).filter((day) => isPromptDay(bursts, day));
    expect(days).toEqual([1, 2, 3, 4, 5, 6, 7, 92, 93, 94, 95, 96, 97, 98, 183, 184, 185, 186, 187, 188, 189]);
    expect(isPromptDay(null, 50)).toBe(true);
  });
});

describe("clock", () => {
  it("formats local date-times from the start date, across months", () => {
    expect(localDateTime("2025-01-06", 9 * 3600 + 13 * 60 + 27)).toBe("2025-01-06T09:13:27");
    expect(localDateTime("2025-01-30", 3 * SECONDS_PER_DAY + 1)).toBe("2025-02-02T00:00:01");
  });
});

describe("responses", () => {
  const item = { scale: { min: 1, max: 7, step: 1 }, intercept: 2, loading: 1, errorSd: 0 };
  it("round to the scale's step and clip to its floor and ceiling", () => {
    expect(respond(item, 1.4, 0)).toBe(3);
    expect(respond(item, -5, 0)).toBe(1);
    expect(respond(item, 20, 0)).toBe(7);
    expect(respond({ ...item, scale: { min: 0, max: 100, step: 5 } }, 11.2, 0)).toBe(15);
    expect(respond({ ...item, scale: { min: 0, max: 1, step: 0 } }, -5, 0)).toBe(0);
    expect(respond({ ...item, scale: { min: -5, max: 5, step: 0 } }, 0.123456, 0)).toBe(2.123);
  });
  it("add measurement error in scale points", () => {
    expect(respond({ ...item, errorSd: 0.5 }, 0, 2)).toBe(3);
  });
});

describe("emotion-specific components E_k", () => {
  it("are Ornstein-Uhlenbeck with variance 1 and autocorrelation exp(-thetaE d), sampled exactly", () => {
    const components = new EmotionComponents(2);
    const stream = new RandomStream("E");
    const values: number[] = [];
    for (let i = 0; i < 40_000; i++) values.push(components.at(i * 2, 0.5, stream)[0]);
    const variance = values.reduce((s, v) => s + v * v, 0) / values.length;
    let lag = 0;
    for (let i = 1; i < values.length; i++) lag += values[i] * values[i - 1];
    expect(Math.abs(variance - 1)).toBeLessThan(0.04);
    expect(Math.abs(lag / (values.length - 1) / variance - Math.exp(-1))).toBeLessThan(0.02);
  });
});

describe("compliance", () => {
  it("is the logistic model of base, day, negative affect and hour effects", () => {
    const compliance = { base: 0.8, personSd: 0, perDay: -0.1, negativeAffect: -0.5, hours: [{ from: "07:00", to: "10:00", logOdds: -1 }] };
    const logit = Math.log(0.8 / 0.2);
    expect(answerProbability(compliance, 0, 1, 12, 0)).toBeCloseTo(0.8, 12);
    expect(answerProbability(compliance, 0.3, 3, 8, 1)).toBeCloseTo(1 / (1 + Math.exp(-(logit + 0.3 - 0.2 - 0.5 - 1))), 12);
  });
  it("the missing share matches the compliance probability when nothing else acts", () => {
    const persons = people(
      "days: 14\ndesign:\n  compliance: { base: 0.75, personSd: 0 }\ngroups:\n  - { name: a, size: 20 }\n",
      20,
    );
    const prompts = persons.flatMap((p) => p.prompts);
    const answered = prompts.filter((p) => p.answered).length / prompts.length;
    expect(Math.abs(answered - 0.75)).toBeLessThan(4 * Math.sqrt((0.75 * 0.25) / prompts.length));
  });
  it("the answered share matches the model's probabilities with fatigue, and distress lowers it (missing not at random)", () => {
    const yaml = "days: 20\ndesign:\n  compliance: { base: 0.85, personSd: 0, perDay: -0.05, negativeAffect: -0.6 }\ngroups:\n  - { name: a, size: 30, parameters: { delta: 0.1 } }\n";
    const scenario = parseScenario(yaml, "c.yaml");
    const persons = people(yaml, 30);
    const prompts = persons.flatMap((p) => p.prompts);
    const missed = prompts.filter((p) => !p.answered);
    // For missed prompts the truth is the state at the scheduled time, which decided them.
    const expectedMissed = prompts.reduce(
      (s, p) => s + 1 - answerProbability(scenario.design.compliance, 0, p.day, (p.scheduledSeconds % SECONDS_PER_DAY) / 3600, p.latent.A),
      0,
    );
    expect(Math.abs(missed.length - expectedMissed) / prompts.length).toBeLessThan(0.025);
    const meanA = (list: typeof prompts) => list.reduce((s, p) => s + p.latent.A, 0) / list.length;
    expect(meanA(missed)).toBeGreaterThan(meanA(prompts.filter((p) => p.answered)) + 0.2);
    const early = prompts.filter((p) => p.day <= 5);
    const late = prompts.filter((p) => p.day > 15);
    expect(early.filter((p) => p.answered).length / early.length).toBeGreaterThan(late.filter((p) => p.answered).length / late.length + 0.08);
  });
  it("response delays are log-normal, truncated at expiry", () => {
    const stream = new RandomStream("delay");
    const delays = Array.from({ length: 20_000 }, () => responseDelayMinutes({ delayMedianMinutes: 3, delaySdLog: 1, expiryMinutes: 10 }, stream));
    expect(Math.max(...delays)).toBeLessThanOrEqual(10);
    expect(Math.min(...delays)).toBeGreaterThan(0);
    const sorted = [...delays].sort((a, b) => a - b);
    // The median of the truncated log-normal: exp(qnorm(0.5 * pnorm(log(10/3)))) * 3 = 2.687...
    expect(Math.abs(sorted[10_000] - 2.687)).toBeLessThan(0.1);
  });
});

describe("observed items and the NSSI count", () => {
  const base = `days: 21
design:
  compliance: { base: 0.7, personSd: 0.5 }
  items:
    - { name: sad, kind: emotion, scale: { min: 1, max: 7, step: 1 }, intercept: 2, loading: 1, errorSd: 0.6 }
    - { name: slider, kind: affect, scale: { min: 0, max: 100, step: 0 }, intercept: 20, loading: 20, errorSd: 5 }
    - { name: urge, kind: urge, scale: { min: 0, max: 100, step: 1 }, intercept: 0, loading: 100, errorSd: 8 }
    - { name: nssi, kind: nssi }
groups:
  - { name: a, size: 12, parameters: { b0: -8.5 } }
`;
  const persons = people(base, 12);

  it("responses stay within their scales and steps", () => {
    for (const prompt of persons.flatMap((p) => p.prompts).filter((p) => p.answered)) {
      const [sad, slider, urge, nssi] = prompt.items as number[];
      expect(Number.isInteger(sad) && sad >= 1 && sad <= 7).toBe(true);
      expect(slider >= 0 && slider <= 100).toBe(true);
      expect(Number.isInteger(urge) && urge >= 0 && urge <= 100).toBe(true);
      expect(Number.isInteger(nssi) && nssi >= 0).toBe(true);
    }
  });
  it("missed prompts have no item values", () => {
    for (const prompt of persons.flatMap((p) => p.prompts).filter((p) => !p.answered)) expect(prompt.items.every((v) => v === undefined)).toBe(true);
  });
  it("counts the acts since the previous prompt (answered or not); acts in a missed prompt's window are not reported", () => {
    let reported = 0;
    let total = 0;
    for (const person of persons) {
      const acts = person.events.filter((e) => e.kind === "nssi").map((e) => e.hours * 3600);
      total += acts.length;
      let start = -Infinity;
      for (const prompt of person.prompts) {
        const end = prompt.answered ? prompt.respondedSeconds! : prompt.scheduledSeconds;
        const count = acts.filter((t) => t > start && t <= end).length;
        if (prompt.answered) {
          expect(prompt.items[3]).toBe(count);
          reported += count;
        }
        start = end;
      }
    }
    expect(total).toBeGreaterThan(20);
    expect(reported).toBeLessThan(total);
  });
  it("with nssiWindow previous-answered, every act before the last answered prompt is reported", () => {
    const others = people(base.replace("design:\n", "design:\n  nssiWindow: previous-answered\n"), 12);
    for (const person of others) {
      const answered = person.prompts.filter((p) => p.answered);
      const last = answered[answered.length - 1].respondedSeconds!;
      const acts = person.events.filter((e) => e.kind === "nssi" && e.hours * 3600 <= last).length;
      expect(answered.reduce((s, p) => s + (p.items[3] as number), 0)).toBe(acts);
    }
  });
  it("the latent path does not depend on the design (the same person under another schedule meets the same acts)", () => {
    const dense = people(base.replace("design:\n", "design:\n  schedule: { type: interval, start: '08:00', end: '22:00', everyMinutes: 30 }\n"), 12);
    expect(dense.map((p) => p.events.length)).toEqual(persons.map((p) => p.events.length));
    expect(dense[3].events.map((e) => e.hours)).toEqual(persons[3].events.map((e) => e.hours));
  });
});

describe("event-contingent reports", () => {
  it("follow reported acts as extra answered rows with trigger `event`", () => {
    const persons = people(
      "days: 14\ndesign:\n  eventContingent: { enabled: true, delayMinutes: 10, compliance: 0.6 }\ngroups:\n  - { name: a, size: 40, parameters: { b0: -8 } }\n",
      40,
    );
    let acts = 0;
    let reports = 0;
    for (const person of persons) {
      const events = person.prompts.filter((p) => p.trigger === "event");
      const actTimes = person.events.filter((e) => e.kind === "nssi").map((e) => e.hours * 3600);
      acts += actTimes.length;
      reports += events.length;
      for (const report of events) {
        expect(report.answered).toBe(true);
        expect(actTimes.some((t) => t <= report.scheduledSeconds && report.scheduledSeconds - t < 4 * 3600)).toBe(true);
      }
      const times = person.prompts.map((p) => p.scheduledSeconds);
      expect([...times].sort((a, b) => a - b)).toEqual(times);
    }
    expect(acts).toBeGreaterThan(100);
    // Binomial SE of the reported share is below 0.05 with more than 100 acts.
    expect(Math.abs(reports / acts - 0.6)).toBeLessThan(0.15);
  });
  it("bursts leave the days between bursts without prompts", () => {
    const [person] = people("days: 30\ndesign:\n  bursts: { lengthDays: 5, everyDays: 14 }\ngroups:\n  - { name: a, size: 1 }\n", 1);
    expect([...new Set(person.prompts.map((p) => p.day))]).toEqual([1, 2, 3, 4, 5, 15, 16, 17, 18, 19, 29, 30]);
  });
});
