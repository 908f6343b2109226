/**
 * Slow processes (src/treatment): the curve L(t) and K(t) against their closed forms, parameters
 * under processes, functioning F relaxing to its target with its time constant, their ranges and
 * monotonicity (fast-check), the schema's defaults and messages, and the engine hook in use.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CascadeError } from "../src/errors.js";
import { defaultParameters } from "../src/model/parameters.js";
import { RandomStream } from "../src/random/stream.js";
import { validateScenario } from "../src/scenario/parse.js";
import { simulatePerson } from "../src/simulate/person.js";
import { EFFECT_NAMES, PROCESS_TYPES, type ProcessSpec, type ProcessType } from "../src/treatment/catalogue.js";
import { parametersAt, processLevel, skillsAt, slowProcessFor } from "../src/treatment/curves.js";
import { actsPerWeek, functioningPath, functioningTarget, type FunctioningSettings } from "../src/treatment/functioning.js";

/** A process of `type` with its defaults, changed by `changes`. */
function process(type: ProcessType, changes: Partial<ProcessSpec> = {}): ProcessSpec {
  const defaults = PROCESS_TYPES[type];
  const effects = Object.fromEntries(EFFECT_NAMES.map((name) => [name, (defaults.effects as Partial<Record<string, number>>)[name] ?? 0])) as ProcessSpec["effects"];
  return { type, startWeek: defaults.startWeek, tauWeeks: defaults.tauWeeks, max: defaults.max, durationWeeks: defaults.durationWeeks, fadeWeeks: defaults.fadeWeeks, effects, ...changes };
}

const settings: FunctioningSettings = {
  initial: 40,
  integration: 0,
  base: 55,
  integrationEffect: 6,
  traumaEffect: -12,
  nssiEffect: -2,
  nssiWindowWeeks: 4,
  tauWeeks: 26,
  fluctuationSd: 0,
};

const curve = fc.record({
  startWeek: fc.double({ min: 0, max: 50, noNaN: true }),
  tauWeeks: fc.double({ min: 0.5, max: 300, noNaN: true }),
  max: fc.double({ min: 0, max: 1, noNaN: true }),
  durationWeeks: fc.option(fc.double({ min: 1, max: 200, noNaN: true }), { nil: null }),
  fadeWeeks: fc.option(fc.double({ min: 0.5, max: 300, noNaN: true }), { nil: null }),
});

describe("process curves", () => {
  it("L(t) = max (1 - exp(-(t - t0)/tau)): 0 before the start, max (1 - 1/e) one time constant after it", () => {
    const dbt = process("dbt", { startWeek: 2, tauWeeks: 12, max: 0.8, durationWeeks: 52 });
    expect(processLevel(dbt, 0)).toBe(0);
    expect(processLevel(dbt, 2)).toBe(0);
    expect(processLevel(dbt, 14)).toBeCloseTo(0.8 * (1 - Math.exp(-1)), 14);
    expect(processLevel(dbt, 26)).toBeCloseTo(0.8 * (1 - Math.exp(-2)), 14);
    // After the end (week 54) the level is kept without fadeWeeks, and fades with it.
    expect(processLevel(dbt, 200)).toBeCloseTo(0.8 * (1 - Math.exp(-52 / 12)), 14);
    const fading = { ...dbt, fadeWeeks: 10 };
    expect(processLevel(fading, 64)).toBeCloseTo(0.8 * (1 - Math.exp(-52 / 12)) * Math.exp(-1), 14);
  });

  it("K(t) = K0 + Kmax (1 - exp(-(t - t0)/tauSkill)) for a process with skills effect 1 (MODEL.md section 4)", () => {
    const dbt = process("dbt", { startWeek: 3, tauWeeks: 10, max: 0.6, durationWeeks: null });
    for (const week of [0, 3, 5, 13, 40, 300]) {
      const expected = week <= 3 ? 0.1 : 0.1 + 0.6 * (1 - Math.exp(-(week - 3) / 10));
      expect(parametersAt({ ...defaultParameters(), K: 0.1 }, [dbt], week).K).toBeCloseTo(expected, 14);
      expect(skillsAt(0.1, [dbt], week)).toBeCloseTo(expected, 14);
    }
  });

  it("levels stay in [0, max], rise until the end and never rise after it", () => {
    fc.assert(
      fc.property(curve, fc.double({ min: 0, max: 600, noNaN: true }), fc.double({ min: 0, max: 50, noNaN: true }), (c, week, step) => {
        const now = processLevel(c, week);
        const later = processLevel(c, week + step);
        if (!(now >= 0 && now <= c.max + 1e-15)) return false;
        const end = c.durationWeeks === null ? Infinity : c.startWeek + c.durationWeeks;
        if (week + step <= end) return later >= now - 1e-15;
        if (week >= end) return later <= now + 1e-15;
        return true;
      }),
    );
  });

  it("parameters under any processes stay in range: K and delta in [0, 1], reduced rates non-negative; the order of processes does not matter", () => {
    const types = Object.keys(PROCESS_TYPES) as ProcessType[];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...types), curve), { minLength: 1, maxLength: 4 }), fc.double({ min: 0, max: 600, noNaN: true }), (list, week) => {
        const processes = list.map(([type, c]) => process(type, c));
        const drawn = { ...defaultParameters(), K: 0.3, delta: 0.5 };
        const p = parametersAt(drawn, processes, week);
        const reversed = parametersAt(drawn, [...processes].reverse(), week);
        const inRange = p.K >= 0 && p.K <= 1 && p.delta >= 0 && p.delta <= 1 && p.nu >= 0 && p.nu <= drawn.nu && p.wAR >= 0 && p.wAR <= drawn.wAR && p.stressRate >= 0 && p.wDecay >= drawn.wDecay;
        const sameOrder = Object.keys(p).every((key) => Math.abs(p[key as keyof typeof p] - reversed[key as keyof typeof p]) <= 1e-12 * Math.max(1, Math.abs(p[key as keyof typeof p])));
        return inRange && sameOrder && p.K >= drawn.K && p.delta >= drawn.delta;
      }),
    );
  });

  it("each effect changes its parameter by its rule: nu *= 1 - urgency L, wDecay *= 1 + extinction L, wAR *= 1 - rumination L", () => {
    const custom = process("custom", { startWeek: 0, tauWeeks: 4, max: 1, effects: { ...process("custom").effects, urgency: 0.5, extinction: 2, rumination: 0.25, stress: 0.4 } });
    const level = 1 - Math.exp(-2);
    const drawn = defaultParameters();
    const p = parametersAt(drawn, [custom], 8);
    expect(p.nu).toBeCloseTo(drawn.nu * (1 - 0.5 * level), 14);
    expect(p.wDecay).toBeCloseTo(drawn.wDecay * (1 + 2 * level), 14);
    expect(p.wAR).toBeCloseTo(drawn.wAR * (1 - 0.25 * level), 14);
    expect(p.stressRate).toBeCloseTo(drawn.stressRate * (1 - 0.4 * level), 14);
    expect(p.thetaA).toBe(drawn.thetaA);
  });
});

describe("functioning F", () => {
  it("relaxes to a constant target with its time constant: F(w) = T + (F0 - T) exp(-w / tauF)", () => {
    const person = { initial: 40, integration: 1 };
    const target = 55 + 6 * 1 - 12 * 0.5;
    const path = functioningPath(settings, person, 0.5, [], new Float64Array(104));
    for (const week of [0, 1, 13, 26, 52, 104]) expect(path[week]).toBeCloseTo(target + (40 - target) * Math.exp(-week / 26), 10);
    expect(functioningTarget(settings, person, 0.5, [], 0, 0)).toBe(target);
  });

  it("depends only weakly on NSSI (log(1 + rate)) and rises with a process's functioning effect", () => {
    const person = { initial: 40, integration: 0 };
    expect(functioningTarget(settings, person, 0, [], 0, 3) - functioningTarget(settings, person, 0, [], 0, 0)).toBeCloseTo(-2 * Math.log(4), 12);
    const mbt = process("mbt", { startWeek: 0, tauWeeks: 40, max: 0.8, durationWeeks: 78, effects: { ...process("mbt").effects, functioning: 10 } });
    expect(functioningTarget(settings, person, 0, [mbt], 40, 0) - 55).toBeCloseTo(10 * 0.8 * (1 - Math.exp(-1)), 12);
  });

  it("stays within [0, 100] whatever the settings, acts and fluctuations", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: -60, max: 160, noNaN: true }),
        fc.double({ min: 0.2, max: 200, noNaN: true }),
        fc.double({ min: 0, max: 30, noNaN: true }),
        fc.array(fc.nat(40), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 0, max: 1000 }),
        (initial, base, tauWeeks, fluctuationSd, acts, seed) => {
          const path = functioningPath({ ...settings, base, tauWeeks, fluctuationSd }, { initial, integration: 0 }, 0.3, [], Float64Array.from(acts), new RandomStream(`f-${seed}`));
          return path.every((f) => f >= 0 && f <= 100);
        },
      ),
    );
  });

  it("moves monotonically toward a constant target without fluctuations", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }), (initial, base) => {
        const path = functioningPath({ ...settings, base, integrationEffect: 0, traumaEffect: 0 }, { initial, integration: 0 }, 0, [], new Float64Array(30));
        for (let w = 1; w < path.length; w++) {
          if (Math.abs(path[w] - base) > Math.abs(path[w - 1] - base) + 1e-9) return false;
        }
        return true;
      }),
    );
  });

  it("actsPerWeek counts acts in weeks of 168 hours", () => {
    expect(Array.from(actsPerWeek([1, 167.9, 168, 400, 5000], 3))).toEqual([2, 1, 1]);
  });
});

describe("processes in scenarios and in the engine", () => {
  const base = {
    name: "treated",
    days: 28,
    groups: [{ name: "g", size: 3, parameters: { b0: -9, reactivity: 2, stressRate: 0.4 } }],
  };

  it("fills each type's defaults and names unknown keys with a suggestion", () => {
    const scenario = validateScenario({ ...base, groups: [{ ...base.groups[0], processes: [{ type: "dbt" }, { type: "tau", max: 0.2 }] }] }, "treated.yaml");
    const [dbt, tau] = scenario.groups[0].processes;
    expect(dbt).toMatchObject({ type: "dbt", startWeek: 0, tauWeeks: PROCESS_TYPES.dbt.tauWeeks, max: PROCESS_TYPES.dbt.max, durationWeeks: 52, fadeWeeks: null });
    expect(dbt.effects.skills).toBe(1);
    expect(tau.max).toBe(0.2);
    expect(() => validateScenario({ ...base, groups: [{ ...base.groups[0], processes: [{ type: "dbt", tauWeek: 3 }] }] }, "treated.yaml")).toThrow(/tauWeek.*tauWeeks/s);
    expect(() => validateScenario({ ...base, groups: [{ ...base.groups[0], processes: [{ type: "dbt", effects: { urgency: 2 } }] }] }, "treated.yaml")).toThrow(CascadeError);
    expect(() => validateScenario({ ...base, groups: [{ ...base.groups[0], processes: [{ type: "cbt" }] }] }, "treated.yaml")).toThrow(/processes/);
  });

  it("a group's processes act through the slow-process hook: skills bring skill uses, and the drawn parameters are untouched", () => {
    const plain = validateScenario(base, "plain.yaml");
    const treated = validateScenario({ ...base, groups: [{ ...base.groups[0], processes: [{ type: "custom", tauWeeks: 0.5, max: 1, effects: { skills: 1 } }] }] }, "treated.yaml");
    let plainUses = 0;
    let treatedUses = 0;
    for (let i = 0; i < 3; i++) {
      const a = simulatePerson(plain, { group: 0, indexInGroup: i });
      const b = simulatePerson(treated, { group: 0, indexInGroup: i });
      plainUses += a.summary.skillUses;
      treatedUses += b.summary.skillUses;
      expect(b.parameters).toEqual(a.parameters);
      expect(b.parameters.K).toBe(0);
    }
    expect(plainUses).toBe(0);
    expect(treatedUses).toBeGreaterThan(10);
  });

  it("no process means no hook: slowProcessFor([]) is undefined and the simulation is unchanged", () => {
    expect(slowProcessFor([])).toBeUndefined();
    const plain = validateScenario(base, "plain.yaml");
    const a = simulatePerson(plain, { group: 0, indexInGroup: 1 });
    const b = simulatePerson(plain, { group: 0, indexInGroup: 1, slowProcess: slowProcessFor([]) });
    expect(b.events).toEqual(a.events);
  });
});
