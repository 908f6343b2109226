/**
 * A power analysis's plan and tasks (browser-safe; files and threads are in `run.ts`).
 *
 * ```
 * scenario + test ─► for each setting (days x prompts a day x persons):
 *                      scenario with the analysed groups at `persons` each (other groups 0), `days`, `prompts`
 *                    for each replicate: derived seed ─► simulated study ─► test ─► p-value
 * ```
 *
 * Settings are ordered by days, then prompts per day, then persons (persons vary fastest); tasks
 * are `task = setting x replicates + replicate - 1`. A task's result depends only on the plan and its
 * number, so results are identical for any number of worker threads.
 *
 * Seeds: `derivedSeed("cascade-lab/power/v1/<seed>/persons=<n>&days=<d>&prompts=<k>/<replicate>")`
 * (`prompts=scenario` when --prompts is not given), or with common random numbers
 * `cascade-lab/power/v1/<seed>/common/<replicate>`: then replicate r uses the same persons in every
 * setting (a study with more persons adds persons to a smaller one), which makes power curves smoother
 * but their points dependent.
 */
import { CascadeError } from "../errors.js";
import { didYouMean } from "../io/suggest.js";
import { validateScenario } from "../scenario/parse.js";
import type { Design, Scenario } from "../scenario/schema.js";
import { itemRoles, type ItemRoles } from "../sweep/person-series.js";
import { simulateStudy } from "../sweep/plan.js";
import { derivedSeed } from "../sweep/seeds.js";
import { mssdDifferenceTest, selbyTest, zakiTest, type PowerTest, type SelbyModel, type TestResult, type ZakiMethod } from "./tests.js";

/** Version tag of the power seed scheme. */
export const POWER_SEED_SCHEME = "cascade-lab/power/v1";

/** Everything that decides a power analysis's numbers (JSON: travels to workers and into power.json). */
export interface PowerPlan {
  scenario: { name: string; input: Record<string, unknown> };
  test: PowerTest;
  /** Selby: the count model. */
  model?: SelbyModel;
  /** Zaki: the estimator. */
  method?: ZakiMethod;
  /** The analysed group(s): one for selby and zaki, two for mssd-difference (first minus second). */
  groups: string[];
  /** Persons per analysed group. */
  persons: number[];
  days: number[];
  /** Prompts per day; null keeps each group's schedule. */
  prompts: number[] | null;
  replicates: number;
  alpha: number;
  seed: number;
  commonRandomNumbers: boolean;
  /** An NA item used instead of na_mean (selby, mssd-difference). */
  naItem?: string;
}

/** One setting of the design grid. */
export interface PowerSetting {
  persons: number;
  days: number;
  /** Prompts per day, or null for the scenario's schedule. */
  prompts: number | null;
}

/** One replicate's test. */
export interface ReplicateResult extends TestResult {
  task: number;
  setting: number;
  replicate: number;
  seed: number;
}

/** The settings of a plan, in order (days, then prompts, then persons). */
export function powerSettings(plan: Pick<PowerPlan, "persons" | "days" | "prompts">): PowerSetting[] {
  const settings: PowerSetting[] = [];
  for (const days of plan.days) for (const prompts of plan.prompts ?? [null]) for (const persons of plan.persons) settings.push({ persons, days, prompts });
  return settings;
}

/** "21 days, 6 prompts a day" (or "the scenario's schedule"). */
export function settingLabel(setting: Pick<PowerSetting, "days" | "prompts">): string {
  return `${setting.days} day${setting.days === 1 ? "" : "s"}, ${setting.prompts === null ? "the scenario's schedule" : `${setting.prompts} prompt${setting.prompts === 1 ? "" : "s"} a day`}`;
}

function withPromptsPerDay(design: Design, prompts: number, group: string): Design {
  const schedule = design.schedule;
  if (schedule.type !== "stratified" && schedule.type !== "random") {
    throw new CascadeError(`--prompts: group ${group} has a ${schedule.type} schedule; --prompts sets perDay of a stratified or random schedule (leave --prompts out to keep the scenario's schedule)`);
  }
  return { ...design, schedule: { ...schedule, perDay: prompts } };
}

/** A plan made ready to run: the base scenario, item roles, the settings' scenarios and seeds. */
export class PowerContext {
  readonly plan: PowerPlan;
  readonly fileName: string;
  readonly base: Scenario;
  readonly roles: ItemRoles;
  readonly settings: PowerSetting[];
  readonly tasks: number;
  private readonly cache = new Map<number, Scenario>();

  constructor(plan: PowerPlan, fileName = `${plan.scenario.name}.yaml`) {
    this.plan = plan;
    this.fileName = fileName;
    this.base = validateScenario(plan.scenario.input, fileName);
    const names = this.base.groups.map((g) => g.name);
    for (const group of plan.groups) {
      if (!names.includes(group)) throw new CascadeError(`--group: the scenario has no group "${group}"${didYouMean(group, names)}; its groups are ${names.join(", ")}`);
    }
    const analysed = this.base.groups.filter((g) => plan.groups.includes(g.name));
    this.roles = itemRoles(analysed[0].design);
    this.checkItems(analysed);
    this.settings = powerSettings(plan);
    this.tasks = this.settings.length * plan.replicates;
  }

  /** The items the test needs must exist in every analysed group. */
  private checkItems(analysed: Scenario["groups"]): void {
    const plan = this.plan;
    for (const group of analysed) {
      const roles = itemRoles(group.design);
      const need = (ok: boolean, what: string): void => {
        if (!ok) throw new CascadeError(`--test ${plan.test}: group ${group.name}'s design has no ${what} (design.items)`);
      };
      if (plan.test === "selby") {
        need(roles.rumination !== undefined, "rumination item");
        need(roles.nssi !== undefined, "nssi item");
      }
      if (plan.test === "zaki") {
        need(roles.rumination !== undefined, "rumination item");
        need(roles.urge !== undefined, "urge item");
        need(roles.na.length >= 2, "two or more emotion items (for emotion differentiation)");
      }
      if (plan.test !== "zaki") need(roles.na.length > 0 || plan.naItem !== undefined, "emotion or affect item");
      if (plan.naItem !== undefined && !group.design.items.some((item) => item.name === plan.naItem)) {
        const items = group.design.items.map((item) => item.name);
        throw new CascadeError(`--na-item: group ${group.name} has no item "${plan.naItem}"${didYouMean(plan.naItem, items)}; its items are ${items.join(", ")}`);
      }
    }
    if (JSON.stringify(itemRoles(analysed[0].design)) !== JSON.stringify(itemRoles(analysed[analysed.length - 1].design))) {
      throw new CascadeError(`--groups: the groups ${plan.groups.join(" and ")} have different items; the MSSD difference compares the same measure`);
    }
  }

  /** The validated scenario of a setting; throws a CascadeError naming the option and the field. */
  settingScenario(index: number): Scenario {
    const cached = this.cache.get(index);
    if (cached) return cached;
    const setting = this.settings[index];
    const candidate = {
      ...this.base,
      seed: this.plan.seed,
      days: setting.days,
      groups: this.base.groups.map((group) => {
        if (!this.plan.groups.includes(group.name)) return { ...group, size: 0 };
        return { ...group, size: setting.persons, design: setting.prompts === null ? group.design : withPromptsPerDay(group.design, setting.prompts, group.name) };
      }),
    };
    let scenario: Scenario;
    try {
      scenario = validateScenario(candidate, this.fileName);
    } catch (error) {
      if (!(error instanceof CascadeError)) throw error;
      throw new CascadeError(`the setting ${setting.persons} persons, ${settingLabel(setting)} gives an invalid scenario: ${error.message}`);
    }
    if (this.cache.size >= 64) this.cache.delete(this.cache.keys().next().value as number);
    this.cache.set(index, scenario);
    return scenario;
  }

  /** Validates every setting's scenario. */
  validateAllSettings(): void {
    for (let index = 0; index < this.settings.length; index++) this.settingScenario(index);
  }

  /** Derived seed of (setting, replicate); see the module comment. */
  seed(index: number, replicate: number): number {
    if (this.plan.commonRandomNumbers) return derivedSeed(`${POWER_SEED_SCHEME}/${this.plan.seed}/common/${replicate}`);
    const s = this.settings[index];
    return derivedSeed(`${POWER_SEED_SCHEME}/${this.plan.seed}/persons=${s.persons}&days=${s.days}&prompts=${s.prompts ?? "scenario"}/${replicate}`);
  }

  /** Simulates one replicate of one setting and runs the test. */
  runTask(task: number): ReplicateResult {
    const setting = Math.floor(task / this.plan.replicates);
    const replicate = (task % this.plan.replicates) + 1;
    const seed = this.seed(setting, replicate);
    const persons = simulateStudy(this.settingScenario(setting), seed);
    const options = { naItem: this.plan.naItem, model: this.plan.model, zakiMethod: this.plan.method };
    let result: TestResult;
    switch (this.plan.test) {
      case "selby":
        result = selbyTest(persons, this.roles, options);
        break;
      case "zaki":
        result = zakiTest(persons, this.roles, options);
        break;
      case "mssd-difference":
        result = mssdDifferenceTest(persons, [this.plan.groups[0], this.plan.groups[1]], options);
        break;
    }
    return { task, setting, replicate, seed, ...result };
  }
}
