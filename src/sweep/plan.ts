/**
 * A sweep's plan and its tasks: what to simulate for each (grid cell, replicate), with which seed,
 * and the outcomes of one task. Browser-safe (no `node:` imports): the files and worker threads are
 * in `run.ts`, `files.ts` and `worker.ts`.
 *
 * ```
 * scenario as written + --persons/--days ─► base scenario ─► + cell values (paths) ─► validated cell scenario
 *                                                               │
 * (seed, cell values, replicate) ─► derived seed ───────────────┴► simulatePerson for every person
 *                                                                    ─► outcomes per group ─► TaskResult
 * ```
 *
 * Tasks are numbered `task = cell × replicates + (replicate - 1)`: every replicate of cell 0, then
 * of cell 1, and so on. A task's result depends only on the plan and its number, so results are the
 * same in any thread, in any order, in any shard.
 *
 * Seeds (documented in docs/sweeps.md): the seed of a task is `derivedSeed(key)` (53 bits, see
 * `seeds.ts`) of the key
 *
 *     cascade-lab/sweep/v1/<seed>/<path>=<value>&<path>=<value>.../<replicate>
 *
 * with the cell's assignments sorted by path. It depends on the cell's values, not on its number, so
 * a refined or extended grid reproduces the cells it shares with the old one. With
 * `commonRandomNumbers` the key is `cascade-lab/sweep/v1/<seed>/common/<replicate>`: every cell of a
 * replicate meets the same persons (the same random streams), which removes between-cell noise from
 * comparisons, at the price of replicates being the only source of independent variation.
 */
import { CascadeError, CascadeErrors } from "../errors.js";
import { splitPersons, validateScenario } from "../scenario/parse.js";
import type { Scenario } from "../scenario/schema.js";
import { simulatePerson } from "../simulate/person.js";
import { cellCount, cellValues, type GridAxis } from "./grid.js";
import { baselineChunk, groupOutcomes, needsPacCutoffs, cutoffsOfChunks, pooledCutoffs, type BaselineChunk, type OutcomeName, type PacCutoffMethod, type PacCutoffs } from "./outcomes.js";
import { itemRoles, personSeries, type PersonSeriesView } from "./person-series.js";
import { resolvePath, setAtPath, type ResolvedPath } from "./scenario-path.js";
import { derivedSeed } from "./seeds.js";

/** Version tag of the sweep seed scheme; changing it changes every sweep's numbers. */
export const SWEEP_SEED_SCHEME = "cascade-lab/sweep/v1";

/** Everything that decides a sweep's numbers (JSON-serialisable: it travels to worker threads and into sweep.json). */
export interface SweepPlan {
  scenario: {
    /** The scenario's name (its file name without extension, or its `name`). */
    name: string;
    /** The scenario as written (YAML parsed to plain data, aliases expanded). */
    input: Record<string, unknown>;
  };
  /** Base seed of the derived seeds (--seed, else the scenario's). */
  seed: number;
  /** Total persons (--persons), split across groups in proportion to their sizes; undefined keeps the scenario's. */
  persons?: number;
  /** Study length (--days); undefined keeps the scenario's. */
  days?: number;
  /** The grid: one axis per --param, canonical paths, values in grid order. */
  parameters: GridAxis[];
  /** Replicates per cell (>= 1). */
  replicates: number;
  outcomes: OutcomeName[];
  pacCutoff: PacCutoffMethod;
  /** Same seeds in every cell of a replicate (see the module comment). */
  commonRandomNumbers: boolean;
}

/** A job for a sweep's worker thread: part of the baseline study, or one task with the PAC cutoffs it needs. */
export type SweepJob = { kind: "baseline"; from: number; to: number } | { kind: "task"; task: number; cutoffs?: PacCutoffs };

/** One group's outcomes in one task. */
export interface GroupResult {
  group: string;
  persons: number;
  /** In the order of `plan.outcomes`; NaN where undefined. */
  values: number[];
}

/** The result of one task. */
export interface TaskResult {
  task: number;
  /** Grid cell, 0-based. */
  cell: number;
  /** Replicate, 1-based. */
  replicate: number;
  seed: number;
  groups: GroupResult[];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Options of `createSweepPlan` (the command line's flags, already parsed). */
export interface SweepPlanOptions {
  name: string;
  seed?: number;
  persons?: number;
  days?: number;
  /** Axes as the user wrote them (paths not yet resolved). */
  parameters: GridAxis[];
  replicates?: number;
  outcomes: OutcomeName[];
  pacCutoff?: PacCutoffMethod;
  commonRandomNumbers?: boolean;
}

/**
 * The sweep over a scenario as written: checks every path against the scenario and its schema,
 * canonicalises the paths, and validates the scenario of every cell, so a bad path or an
 * out-of-range value is reported before anything runs. Throws a CascadeError naming the --param.
 */
export function createSweepPlan(input: Record<string, unknown>, fileName: string, options: SweepPlanOptions): { plan: SweepPlan; context: SweepContext } {
  if (options.parameters.length === 0) throw new CascadeError("--param: give at least one parameter to sweep, as PATH=FROM:TO:STEPS");
  const resolved = validateScenario(input, fileName);
  const replicates = options.replicates ?? 1;
  if (!(Number.isInteger(replicates) && replicates >= 1)) throw new CascadeError(`--replicates: expected an integer >= 1, got ${replicates}`);
  if (options.outcomes.length === 0) throw new CascadeError("--outcomes: choose at least one outcome");
  const axes: GridAxis[] = [];
  const seen = new Map<string, string>();
  for (const axis of options.parameters) {
    const path = resolvePath(resolved, axis.path);
    for (const target of path.targets) {
      const key = JSON.stringify(target);
      if (seen.has(key)) throw new CascadeError(`--param ${axis.path}: sets the same field as --param ${seen.get(key)}`);
      seen.set(key, axis.path);
    }
    if (path.integer) {
      const fraction = axis.values.find((value) => !Number.isInteger(value));
      if (fraction !== undefined) throw new CascadeError(`--param ${axis.path}: ${path.canonical} takes whole numbers, but the grid gives ${fraction}; choose FROM, TO and STEPS that give integers, or list the values`);
    }
    axes.push({ path: path.canonical, values: axis.values });
  }
  const plan: SweepPlan = {
    scenario: { name: options.name, input },
    seed: options.seed ?? resolved.seed,
    ...(options.persons === undefined ? {} : { persons: options.persons }),
    ...(options.days === undefined ? {} : { days: options.days }),
    parameters: axes,
    replicates,
    outcomes: options.outcomes,
    pacCutoff: options.pacCutoff ?? "baseline",
    commonRandomNumbers: options.commonRandomNumbers ?? false,
  };
  const context = new SweepContext(plan, fileName);
  context.validateAllCells();
  return { plan, context };
}

/**
 * A plan made ready to run: the base scenario, the resolved paths, the cells' scenarios (built on
 * demand and cached), seeds and tasks. Built once per thread.
 */
export class SweepContext {
  readonly plan: SweepPlan;
  readonly fileName: string;
  /** The scenario as written with --persons, --days and the seed applied. */
  readonly baseInput: Record<string, unknown>;
  /** The base scenario, validated (every default filled). */
  readonly base: Scenario;
  readonly paths: ResolvedPath[];
  readonly cells: number;
  readonly tasks: number;
  private readonly cache = new Map<number, Scenario>();

  constructor(plan: SweepPlan, fileName = `${plan.scenario.name}.yaml`) {
    this.plan = plan;
    this.fileName = fileName;
    const written = validateScenario(plan.scenario.input, fileName);
    const input = JSON.parse(JSON.stringify(plan.scenario.input)) as Record<string, unknown>;
    input.seed = plan.seed;
    if (plan.days !== undefined) input.days = plan.days;
    if (plan.persons !== undefined) {
      const sizes = splitPersons(written.groups.map((group) => group.size), plan.persons);
      const groups = input.groups as unknown[];
      groups.forEach((group, index) => {
        if (isPlainObject(group)) group.size = sizes[index];
      });
    }
    this.baseInput = input;
    this.base = validateScenario(input, fileName);
    this.paths = plan.parameters.map((axis) => resolvePath(this.base, axis.path));
    this.cells = cellCount(plan.parameters);
    this.tasks = this.cells * plan.replicates;
  }

  /** The values of a cell, one per parameter. */
  values(cell: number): number[] {
    return cellValues(this.plan.parameters, cell);
  }

  /** `path=value` assignments of a cell, in grid order. */
  describeCell(cell: number): string {
    const values = this.values(cell);
    return this.plan.parameters.map((axis, a) => `${axis.path}=${values[a]}`).join(", ");
  }

  /** The scenario as written for a cell (base with the cell's values set). */
  cellInput(cell: number): Record<string, unknown> {
    const values = this.values(cell);
    let input = this.baseInput;
    this.paths.forEach((path, a) => {
      for (const target of path.targets) input = setAtPath(input, this.base, target, values[a]);
    });
    return input;
  }

  /** The validated scenario of a cell; throws a CascadeError naming the cell's values and the field. */
  cellScenario(cell: number): Scenario {
    const cached = this.cache.get(cell);
    if (cached) return cached;
    let scenario: Scenario;
    try {
      scenario = validateScenario(this.cellInput(cell), this.fileName);
    } catch (error) {
      if (!(error instanceof CascadeError)) throw error;
      const problems = error instanceof CascadeErrors ? error.errors.map((e) => e.message) : [error.message];
      throw new CascadeError(`--param: the grid cell ${this.describeCell(cell)} gives an invalid scenario:\n  ${problems.join("\n  ")}`);
    }
    if (this.cache.size >= 64) this.cache.delete(this.cache.keys().next().value as number);
    this.cache.set(cell, scenario);
    return scenario;
  }

  /** Validates every cell's scenario (throws on the first invalid cell). */
  validateAllCells(): void {
    for (let cell = 0; cell < this.cells; cell++) {
      this.cellScenario(cell);
      this.cache.delete(cell);
    }
  }

  /** The derived seed of (cell, replicate); see the module comment. */
  seed(cell: number, replicate: number): number {
    if (this.plan.commonRandomNumbers) return derivedSeed(`${SWEEP_SEED_SCHEME}/${this.plan.seed}/common/${replicate}`);
    const values = this.values(cell);
    const assignments = this.plan.parameters.map((axis, a) => `${axis.path}=${values[a]}`).sort();
    return derivedSeed(`${SWEEP_SEED_SCHEME}/${this.plan.seed}/${assignments.join("&")}/${replicate}`);
  }

  /** Cell (0-based) and replicate (1-based) of a task. */
  taskAt(task: number): { cell: number; replicate: number } {
    return { cell: Math.floor(task / this.plan.replicates), replicate: (task % this.plan.replicates) + 1 };
  }

  /** Whether the tasks need the baseline PAC cutoffs (a PAC outcome with the `baseline` method). */
  needsBaseline(): boolean {
    return needsPacCutoffs(this.plan.outcomes) && this.plan.pacCutoff === "baseline";
  }

  /** Persons of the baseline study (the base scenario), numbered 0.. in group order, then by index. */
  baselinePersons(): number {
    return this.base.groups.reduce((sum, group) => sum + group.size, 0);
  }

  /**
   * Part of the baseline study: persons `from` (included) to `to` (excluded), simulated with the
   * plan's seed, reduced to their absolute NA changes. Chunks of the baseline run in worker threads;
   * `cutoffsOfChunks` pools them. A chunk's numbers depend only on `from` and `to`.
   */
  baselineChunk(from: number, to: number): BaselineChunk {
    return baselineChunk(simulateStudy(this.base, this.plan.seed, from, to));
  }

  /**
   * PAC cutoffs for the `baseline` method: the base scenario simulated with the plan's seed, pooled
   * over every person (the same numbers however the persons were split into chunks). Undefined when
   * no PAC outcome is chosen or the method is `cell`.
   */
  baselineCutoffs(): PacCutoffs | undefined {
    if (!this.needsBaseline()) return undefined;
    return cutoffsOfChunks([this.baselineChunk(0, this.baselinePersons())]);
  }

  /** Runs one job (the same in a worker thread as in this one). */
  runJob(job: SweepJob): BaselineChunk | TaskResult {
    return job.kind === "baseline" ? this.baselineChunk(job.from, job.to) : this.runTask(job.task, job.cutoffs);
  }

  /** Runs one task: simulates the cell's study with the task's seed and computes every group's outcomes. */
  runTask(task: number, baseline: PacCutoffs | undefined): TaskResult {
    const { cell, replicate } = this.taskAt(task);
    const scenario = this.cellScenario(cell);
    const seed = this.seed(cell, replicate);
    const persons = simulateStudy(scenario, seed);
    const cutoffs = needsPacCutoffs(this.plan.outcomes) ? (this.plan.pacCutoff === "cell" ? pooledCutoffs(persons) : baseline) : undefined;
    if (needsPacCutoffs(this.plan.outcomes) && cutoffs === undefined) throw new Error("runTask: baseline PAC cutoffs are needed (SweepContext.baselineCutoffs)");
    const groups = scenario.groups.map((group): GroupResult => {
      const members = persons.filter((person) => person.group === group.name);
      return { group: group.name, persons: members.length, values: groupOutcomes(members, itemRoles(group.design), this.plan.outcomes, cutoffs) };
    });
    return { task, cell, replicate, seed, groups };
  }
}

/**
 * Every person of a scenario simulated with `seed`, as series (groups in order, persons by index);
 * with `from` and `to`, only the persons numbered `from` (included) to `to` (excluded) in that order.
 */
export function simulateStudy(scenario: Scenario, seed: number, from = 0, to = Number.POSITIVE_INFINITY): PersonSeriesView[] {
  const persons: PersonSeriesView[] = [];
  let number = 0;
  scenario.groups.forEach((group, groupIndex) => {
    const roles = itemRoles(group.design);
    for (let index = 0; index < group.size; index++, number++) {
      if (number < from || number >= to) continue;
      const result = simulatePerson(scenario, { group: groupIndex, indexInGroup: index, seed });
      persons.push(personSeries(group.design, roles, result));
    }
  });
  return persons;
}
