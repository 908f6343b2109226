/**
 * The teaching notebooks (notebooks/NN-*.ipynb), executed headlessly with real Jupyter.
 *
 * Every notebook runs top to bottom with `jupyter nbconvert --to notebook --execute` and the Deno
 * kernel of this repository's pinned Deno (notebooks/tools/jupyter.mjs: a private kernelspec on
 * JUPYTER_PATH, so the run never depends on, or changes, what `npm run notebooks:setup` registered),
 * at most two at a time, into a temporary folder. Then:
 *
 * - any cell error fails (nbconvert's message, with the failing cell, is the failure text);
 * - every cell tagged `chart` displayed a Vega-Lite chart under both Vega-Lite MIME types, the spec
 *   compiles with vega-lite, and no untagged cell displayed one;
 * - the numbers a notebook prints as its key numbers (`keyNumbers` in notebooks/lib/show.ts) equal
 *   what the built library (dist/) computes for the same scenario and seed, recomputed here; for the
 *   simulated studies by another route where there is one: `runSimulation` writes the files
 *   `cascade simulate` writes, and the import layer reads them back (the notebooks simulate in memory);
 * - the committed files are in the committed form (no outputs; notebooks/tools/strip.mjs), state
 *   learning goals first, end with exercises, and import the toolkit's src/ (not dist/).
 *
 * Missing Jupyter or Deno is an error with the command that installs it, never a skip: `.ci/run`
 * installs both (Debian's jupyter-nbconvert, python3-ipykernel and jupyter-client; `npm ci` brings
 * Deno) and registers the kernel with `npm run notebooks:setup`.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { sampleRankCorrelation } from "simple-statistics";
import { compile } from "vega-lite";
import { beforeAll, describe, expect, it } from "vitest";
import {
  analysis,
  charts,
  completeMapping,
  engine,
  fixedPoints,
  loadPersons,
  loadScenario,
  readSimulationDirectory,
  readTruthPersons,
  runSimulation,
  runTrial,
  simulatePerson,
  stats,
  validateScenario,
  withOverrides,
  type PersonResult,
  type Scenario,
} from "../dist/index.js";
import {
  cellCharts,
  cellSource,
  cellTags,
  executeNotebookWithDisplays,
  findDeno,
  findNbconvert,
  listNotebooks,
  notebookErrors,
  notebookKeyNumbers,
  privateKernel,
  readNotebook,
  repoRoot,
  vegaLiteMimeTypes,
} from "../notebooks/tools/jupyter.mjs";
import { meanOf } from "../notebooks/lib/numbers.ts";
import { committedText } from "../notebooks/tools/strip.mjs";
import { tempDir } from "./helpers/cli.js";

type Notebook = { cells: { cell_type: string; source: string | string[]; metadata?: { tags?: string[] }; outputs?: { output_type: string; data?: Record<string, unknown> }[] }[] };
type PersonSeries = analysis.PersonSeries;
type MetricRow = analysis.PersonVariableMetrics;

const notebookPaths: string[] = listNotebooks();
const expectedNotebooks = ["01-tour", "02-cascades", "03-differentiation", "04-what-esm-sees", "05-relief-and-treatment", "06-real-data-pipeline"];

/** Executed notebooks by name (without .ipynb), or the reason one did not run. */
const executed = new Map<string, { notebook?: Notebook; failure?: string; seconds: number; runs: number }>();

/** nbconvert's message without Python's debugger chatter. */
function nbconvertMessage(stderr: string): string {
  const lines = stderr.split("\n").filter((line) => !/Debugger warning|frozen modules|PYDEVD|breakpoints|is unstable|^\s*$/.test(line));
  const start = lines.findIndex((line) => line.includes("CellExecutionError") || line.includes("An error occurred"));
  return (start >= 0 ? lines.slice(start) : lines.slice(-40)).join("\n");
}

beforeAll(async () => {
  const nbconvert = findNbconvert();
  if ("error" in nbconvert) throw new Error(`The notebook tests need Jupyter: ${nbconvert.error}`);
  const deno = findDeno();
  if ("error" in deno) throw new Error(`The notebook tests need the Deno kernel: ${deno.error}`);
  const work = tempDir("cascade-notebooks-");
  const env = privateKernel(join(work, "jupyter"), deno.path);
  const queue = [...notebookPaths];
  // At most two notebooks at once (two kernels and two nbconvert processes).
  const worker = async (): Promise<void> => {
    for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
      // Executed again (at most three runs) if a display message was lost on a busy machine; see
      // cellsMissingDisplays. A notebook that never displays still fails the checks below.
      const result = await executeNotebookWithDisplays(path, join(work, "executed"), { env, cellTimeoutSeconds: 300, attempts: 3 });
      const name = basename(path, ".ipynb");
      if (result.code === 0 && existsSync(result.output)) executed.set(name, { notebook: readNotebook(result.output) as Notebook, seconds: result.seconds, runs: result.runs });
      else executed.set(name, { failure: `${name}.ipynb failed (nbconvert exit ${result.code}):\n${nbconvertMessage(result.stderr)}`, seconds: result.seconds, runs: result.runs });
    }
  };
  await Promise.all([worker(), worker()]);
  // Wall times for the CI log (two notebooks at a time, so each is slower than alone).
  console.log(["Notebook wall times, two at a time:", ...[...executed].sort().map(([name, run]) => `  ${name.padEnd(26)} ${run.seconds.toFixed(1).padStart(6)} s${run.runs > 1 ? `  (run ${run.runs} times: displays lost)` : ""}${run.notebook === undefined ? "  FAILED" : ""}`)].join("\n"));
}, 900_000);

/** The executed notebook, or a failure naming the cell error. */
function executedNotebook(name: string): Notebook {
  const run = executed.get(name);
  if (run === undefined) throw new Error(`${name}.ipynb was not executed`);
  if (run.notebook === undefined) throw new Error(run.failure);
  return run.notebook;
}

/**
 * Asserts that every expected number equals the notebook's (relative tolerance 1e-9: the same
 * arithmetic in Deno's and Node's V8) or the given absolute tolerance, NaN matching the null a notebook
 * carries for it, and that the notebook printed no number the test does not check.
 */
function expectKeyNumbers(name: string, expected: Record<string, number>, tolerances: Record<string, number> = {}): void {
  const printed = notebookKeyNumbers(executedNotebook(name)) as Record<string, number | null>;
  expect(Object.keys(printed).sort(), `${name}: key numbers printed`).toEqual(Object.keys(expected).sort());
  for (const [key, value] of Object.entries(expected)) {
    const actual = printed[key];
    if (Number.isNaN(value)) {
      expect(actual, `${name}: ${key}`).toBeNull();
      continue;
    }
    expect(actual, `${name}: ${key}`).not.toBeNull();
    const tolerance = tolerances[key] ?? 1e-9 * Math.max(1, Math.abs(value));
    expect(Math.abs((actual as number) - value), `${name}: ${key} = ${actual}, library ${value}`).toBeLessThanOrEqual(tolerance);
  }
}

// ---------------------------------------------------------------------------------------------------
// The library's side: simulated studies through the files `cascade simulate` writes.

interface FileStudy {
  persons: PersonSeries[];
  options: analysis.AnalysisOptions;
  truth: Map<string, Record<string, number>>;
}

/** Simulates `scenario` into files (as `cascade simulate`), reads them back with the import layer. */
async function simulateToFiles(scenario: Scenario): Promise<FileStudy> {
  const out = join(tempDir("cascade-notebook-study-"), "sim");
  await runSimulation(scenario, { out });
  const directory = readSimulationDirectory(out)!;
  const mapping = completeMapping(directory.mapping);
  const persons = await loadPersons(directory.observed, mapping);
  const truth = (await readTruthPersons(directory.truthPersons!)).byId;
  return { persons, truth, options: { items: mapping.items, extraItems: mapping.extraItems, scales: mapping.scales, eventColumn: mapping.event } };
}

/** The `na_mean` rows of an analysis of `persons` as one study. */
function naRows(persons: readonly PersonSeries[], options: analysis.AnalysisOptions): MetricRow[] {
  return analysis.analyzeDataset(persons, options).rows.filter((row: MetricRow) => row.variable === analysis.NA_MEAN);
}

function groupMean(rows: readonly MetricRow[], group: string, column: keyof MetricRow): number {
  return meanOf(rows.filter((row) => row.group === group).map((row) => row[column] as number));
}

/** Hedges' g of `group` against `reference` for one metric of `na_mean`. */
function hedgesG(rows: readonly MetricRow[], metric: string, reference: string, group: string): number {
  const comparison = new analysis.GroupComparison([metric], reference);
  for (const row of rows) comparison.add(row as unknown as { group: string | undefined; variable: string } & Record<string, unknown>);
  return comparison.rows().find((row: analysis.GroupComparisonRow) => row.group === group && row.metric === metric)!.g;
}

/** Sum of a truth/persons.csv column over the persons of a group. */
function truthSum(study: FileStudy, group: string, column: string): number {
  return inGroup(study, group).reduce((sum, person) => sum + study.truth.get(person.id)![column], 0);
}

/** Persons of a group, in file order. */
function inGroup(study: FileStudy, group: string): PersonSeries[] {
  return study.persons.filter((person) => person.group === group);
}

/** The first person index of a group for which `accept` holds. */
function firstPerson(scenario: Scenario, group: string, accept: (person: PersonResult) => boolean, options: { trajectoryEveryMinutes?: number; days?: number } = {}): { index: number; person: PersonResult } {
  for (let index = 0; index < 1000; index++) {
    const person = simulatePerson(scenario, { group, indexInGroup: index, ...options });
    if (accept(person)) return { index, person };
  }
  throw new Error(`no person of group ${group} qualifies`);
}

// ---------------------------------------------------------------------------------------------------

describe("teaching notebooks: files", () => {
  it("are the six notebooks of issue 7, in the committed form (no outputs)", () => {
    expect(notebookPaths.map((path) => basename(path, ".ipynb"))).toEqual(expectedNotebooks);
    for (const path of notebookPaths) expect(readFileSync(path, "utf8"), `${basename(path)}: run npm run notebooks:strip`).toBe(committedText(path));
  });

  it("state learning goals first, end with exercises, import src/ and display charts and key numbers", () => {
    for (const path of notebookPaths) {
      const notebook = readNotebook(path) as Notebook;
      const name = basename(path);
      const first = cellSource(notebook.cells[0]);
      const last = cellSource(notebook.cells.at(-1)!);
      expect(notebook.cells[0].cell_type, name).toBe("markdown");
      expect(first, name).toMatch(/\*\*Learning goals\.\*\*[^]*\n1\. /);
      expect(notebook.cells.at(-1)!.cell_type, name).toBe("markdown");
      expect(last, name).toMatch(/^## Exercises\n\n1\. \*\*/);
      const code = notebook.cells.filter((cell) => cell.cell_type === "code").map(cellSource).join("\n");
      expect(code, name).toContain('from "../src/index.ts"');
      expect(code, name).not.toMatch(/dist\//);
      expect(notebook.cells.filter((cell) => cellTags(cell).includes("chart")).length, `${name}: chart cells`).toBeGreaterThanOrEqual(2);
      expect(notebook.cells.filter((cell) => cellTags(cell).includes("key-numbers")).length, `${name}: one key-numbers cell`).toBe(1);
    }
  });
});

describe("teaching notebooks: the registered kernel", () => {
  it("`npm run notebooks:setup` registered a Deno kernel that runs this repository's pinned Deno version", () => {
    const listed = spawnSync("jupyter", ["kernelspec", "list", "--json"], { encoding: "utf8" });
    expect(listed.status, `jupyter kernelspec list failed: ${listed.stderr}${listed.error?.message ?? ""}`).toBe(0);
    const spec = (JSON.parse(listed.stdout) as { kernelspecs: Record<string, { spec: { argv: string[] } }> }).kernelspecs.deno?.spec;
    expect(spec, 'no Jupyter kernel "deno": run `npm run notebooks:setup`').toBeDefined();
    const binary = spec!.argv[0];
    expect(existsSync(binary), `the "deno" kernel runs ${binary}, which does not exist: run \`npm run notebooks:setup\``).toBe(true);
    const version = spawnSync(binary, ["--version"], { encoding: "utf8" }).stdout.split("\n")[0];
    const pinned = (JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { devDependencies: Record<string, string> }).devDependencies.deno;
    expect(version, `the "deno" kernel runs ${binary} (${version}), not the pinned Deno ${pinned}: run \`npm run notebooks:setup\``).toMatch(new RegExp(`^deno ${pinned.replaceAll(".", "\\.")} `));
  });
});

describe.each(expectedNotebooks)("notebook %s, executed", (name) => {
  it("runs every cell without an error", () => {
    const notebook = executedNotebook(name);
    expect(notebookErrors(notebook)).toEqual([]);
  });

  it("displays a Vega-Lite chart in each chart cell, and only there", () => {
    const notebook = executedNotebook(name);
    notebook.cells.forEach((cell, index) => {
      const specs = cellCharts(cell) as Record<string, unknown>[];
      const where = `${name}, cell ${index + 1}: ${cellSource(cell).split("\n")[0]}`;
      if (!cellTags(cell).includes("chart")) {
        expect(specs, where).toEqual([]);
        return;
      }
      expect(specs.length, where).toBeGreaterThanOrEqual(1);
      for (const output of cell.outputs ?? []) {
        if (output.data?.[vegaLiteMimeTypes[0]] === undefined) continue;
        for (const mime of vegaLiteMimeTypes) expect(output.data[mime], `${where}: ${mime}`).toEqual(output.data[vegaLiteMimeTypes[0]]);
        expect(String(output.data["text/plain"]), where).toMatch(/^\[Vega-Lite chart: /);
      }
      for (const spec of specs) {
        expect(String(spec.$schema), where).toMatch(/vega-lite\/v\d+\.json$/);
        expect(() => compile(spec as never), where).not.toThrow();
      }
    });
  });
});

describe("notebook key numbers equal the library's for the same seed", () => {
  it("01-tour: one person, and the study analysed from cascade simulate's files", async () => {
    const { scenario } = loadScenario("bpd-cascade");
    const { index, person } = firstPerson(scenario, "bpd", (p) => p.summary.acts > 0 && p.prompts.some((prompt) => !prompt.answered));
    const study = await simulateToFiles(withOverrides(scenario, { persons: 50 }));
    const rows = naRows(study.persons, study.options);
    const signal = (group: string, column: string) => truthSum(study, group, column);
    expectKeyNumbers("01-tour", {
      "person.index": index,
      "person.acts": person.summary.acts,
      "cohort.persons": study.persons.length,
      "bpd.mssd": groupMean(rows, "bpd", "mssd"),
      "control.mssd": groupMean(rows, "control", "mssd"),
      "bpd.pac": groupMean(rows, "bpd", "pac"),
      "control.pac": groupMean(rows, "control", "pac"),
      "bpd.mssd_rel": groupMean(rows, "bpd", "mssd_rel"),
      "g.mssd": hedgesG(rows, "mssd", "control", "bpd"),
      "bpd.acts": signal("bpd", "acts"),
      "bpd.reported": rows.filter((row) => row.group === "bpd").reduce((sum, row) => sum + row.events_reported, 0),
      "bpd.compliance": signal("bpd", "answeredSignalPrompts") / signal("bpd", "signalPrompts"),
    });
  });

  it("02-cascades: fixed points, bifurcation scans, the tipping impulse and the run-up to cascades", () => {
    const defaults = engine.defaultParameters();
    const strong = { ...defaults, wRA: 1.5, wAR: 1.5 };
    const atDefaults = fixedPoints(defaults);
    const atStrong = fixedPoints(strong);
    const couplings = Array.from({ length: 201 }, (_, i) => Number((0.4 + i * 0.01).toFixed(2)));
    const stressLevels = Array.from({ length: 121 }, (_, i) => Number((i * 0.01).toFixed(2)));
    // Noise-free Euler path (1-minute steps) after an impulse m, from the calm state; tipped when R
    // ends beyond the saddle 48 hours later. Bisection over [0, 10], 50 halvings.
    const tips = (m: number): boolean => {
      let { A, R } = atStrong.calm!;
      const dt = 1 / 60;
      for (let step = 1; step <= 48 * 60; step++) {
        const rates = engine.drift(strong, A, R, m * Math.exp(-strong.thetaS * (step - 1) * dt));
        A += rates.dA * dt;
        R += rates.dR * dt;
      }
      return R > atStrong.saddle!.R;
    };
    let low = 0;
    let high = 10;
    for (let i = 0; i < 50; i++) {
      const mid = (low + high) / 2;
      if (tips(mid)) high = mid;
      else low = mid;
    }
    const { scenario } = loadScenario("bpd-cascade");
    const phase = firstPerson(scenario, "bpd", (p) => p.fixedPoints.bistable, { days: 1 });
    // Cascade onsets (2 h above the tipping point after 12 calm hours) in 20 BPD persons.
    const stressorKinds = new Set(["stressor", "rejection", "reminder"]);
    let onsets = 0;
    let afterStressor = 0;
    let calm = 0;
    let calmAfterStressor = 0;
    for (let index = 0; index < 20; index++) {
      const person = simulatePerson(scenario, { group: "bpd", indexInGroup: index, trajectoryEveryMinutes: 10 });
      const trajectory = person.trajectory!;
      const threshold = person.fixedPoints.saddle?.R ?? person.parameters.h;
      const stressorBefore = (hours: number) => person.events.some((event) => stressorKinds.has(event.kind) && event.hours <= hours && event.hours > hours - 3);
      for (const hours of charts.cascadeOnsets(trajectory, threshold, 2, 12)) {
        onsets += 1;
        if (stressorBefore(hours)) afterStressor += 1;
      }
      trajectory.hours.forEach((hours, i) => {
        if (trajectory.R[i] > threshold) return;
        calm += 1;
        if (stressorBefore(hours)) calmAfterStressor += 1;
      });
    }
    expectKeyNumbers("02-cascades", {
      "defaults.fixedPoints": atDefaults.points.length,
      "defaults.calm.A": atDefaults.calm!.A,
      "strong.saddle.R": atStrong.saddle!.R,
      "strong.cascade.A": atStrong.cascade!.A,
      "coupling.bistableFrom": couplings.find((w) => fixedPoints({ ...defaults, wRA: w, wAR: w }).bistable)!,
      "stress.calmUpTo": stressLevels.filter((S) => fixedPoints(defaults, S).calm !== undefined).at(-1)!,
      "stress.cascadeFrom": stressLevels.find((S) => fixedPoints(defaults, S).cascade !== undefined)!,
      "impulse.critical": high,
      "phase.person": phase.index,
      "runUp.onsets": onsets,
      "runUp.afterStressor": afterStressor,
      "runUp.calmShareAfterStressor": calmAfterStressor / calm,
    });
  });

  it("03-differentiation: the paired scenario and the Zaki moderation, from cascade simulate's files", async () => {
    const paired = await simulateToFiles(loadScenario("differentiation").scenario);
    // truth/persons.csv rounds cascadeShare to 4 decimals: means of it agree to 5e-5.
    const pairedRows = naRows(paired.persons, paired.options);
    const truthOf = (group: string, column: string) => inGroup(paired, group).map((person) => paired.truth.get(person.id)![column]);
    const fewer = truthOf("low-ed", "acts").filter((acts, i) => truthOf("high-ed", "acts")[i] < acts).length;
    const withIcc = pairedRows.filter((row) => !Number.isNaN(row.icc3k));
    // The notebook rounds the ICC and delta for its chart (charts.roundTo, 4 digits for delta) before the fit.
    // Exact delta (truth/persons.csv rounds it): the persons' parameters do not depend on the days simulated.
    const pairedScenario = loadScenario("differentiation").scenario;
    const exactDelta = new Map(
      paired.persons.map((series) => {
        const groupStart = paired.persons.findIndex((p) => p.group === series.group);
        const drawn = simulatePerson(pairedScenario, { group: series.group!, indexInGroup: paired.persons.indexOf(series) - groupStart, days: 1 });
        return [series.id, drawn.parameters.delta];
      }),
    );
    const delta = withIcc.map((row) => Number(exactDelta.get(row.id)!.toFixed(4)));
    const icc = withIcc.map((row) => charts.roundTo(row.icc3k) as number);
    const rSquared = stats.ordinaryLeastSquares(stats.designMatrix({ delta }, ["delta"]), icc).rSquared;

    const bpd = await simulateToFiles(loadScenario("bpd-cascade").scenario);
    const bpdPersons = inGroup(bpd, "bpd");
    const edOf = new Map(naRows(bpdPersons, bpd.options).map((row) => [row.id, row.ed]));
    const person: string[] = [];
    const within: number[] = [];
    const urge: number[] = [];
    const ed: number[] = [];
    const personEds: number[] = [];
    for (const series of bpdPersons) {
      const value = edOf.get(series.id)!;
      if (!Number.isFinite(value)) continue;
      const r = series.variables.rumination;
      const u = series.variables.urge;
      const answered = Array.from(r.keys()).filter((t) => !Number.isNaN(r[t]) && !Number.isNaN(u[t]));
      if (answered.length === 0) continue;
      const personMean = meanOf(answered.map((t) => r[t]));
      for (const t of answered) {
        person.push(series.id);
        within.push(r[t] - personMean);
        urge.push(u[t]);
        ed.push(value);
      }
      personEds.push(value);
    }
    const edMean = personEds.reduce((a, b) => a + b, 0) / personEds.length;
    const fixed = stats.designMatrix({ rumination_within: within, ed: ed.map((value) => value - edMean) }, ["rumination_within*ed"]);
    const fit = stats.linearMixedModel(fixed, urge, person, stats.designMatrix({ rumination_within: within }, ["rumination_within"]));
    const interaction = stats.coefficientRow(fit.coefficients, "rumination_within:ed");
    expectKeyNumbers("03-differentiation", {
      "paired.low.icc3k": groupMean(pairedRows, "low-ed", "icc3k"),
      "paired.high.icc3k": groupMean(pairedRows, "high-ed", "icc3k"),
      "paired.low.cascadeShare": meanOf(truthOf("low-ed", "cascadeShare")),
      "paired.high.cascadeShare": meanOf(truthOf("high-ed", "cascadeShare")),
      "paired.low.acts": meanOf(truthOf("low-ed", "acts")),
      "paired.high.acts": meanOf(truthOf("high-ed", "acts")),
      "paired.fewerActs": fewer,
      "recovery.rSquared": rSquared,
      "zaki.persons": personEds.length,
      "zaki.observations": fit.observations,
      "zaki.slope": stats.coefficientRow(fit.coefficients, "rumination_within").estimate,
      "zaki.interaction": interaction.estimate,
      "zaki.interaction.p": interaction.pValue,
    }, { "paired.low.cascadeShare": 5e-5, "paired.high.cascadeShare": 5e-5 });
  });

  it("04-what-esm-sees: three designs, the design grid and three compliance models", async () => {
    const { scenario: designs } = loadScenario("sampling-designs");
    const designStudy = await simulateToFiles(withOverrides(designs, { persons: 60 }));
    // Each design analysed as a study of its own, as in the notebook.
    const rowsOf = (study: FileStudy, group: string) => naRows(inGroup(study, group), study.options);
    const design = (group: string, column: keyof MetricRow) => meanOf(rowsOf(designStudy, group).map((row) => row[column] as number));
    const grid = charts.designRecovery(designs, { group: "sparse", persons: 24, days: 14, promptsPerDay: [3, 6, 10], compliance: [0.5, 0.95] });
    const gridValue = (perDay: number, compliance: number) => grid.points.find((p: { metric: string; promptsPerDay: number; compliance: number }) => p.metric === "mssd" && p.promptsPerDay === perDay && p.compliance === compliance)!.value as number;

    const { scenario: defaults } = loadScenario("bpd-cascade");
    const bpd = defaults.groups.find((group: { name: string }) => group.name === "bpd")!;
    const variants = { complete: { base: 0.99, negativeAffect: 0 }, random: { base: 0.7, negativeAffect: 0 }, distress: { base: 0.95, negativeAffect: -1 } };
    const missing: Scenario = validateScenario(
      {
        ...defaults,
        name: "bpd-compliance",
        groups: Object.entries(variants).map(([name, compliance], index) => ({
          ...bpd,
          name,
          size: 30,
          samePersonsAs: index === 0 ? undefined : "complete",
          design: { ...bpd.design, compliance: { ...bpd.design.compliance, ...compliance, personSd: 0, perDay: 0, hours: [] } },
        })),
      },
      "compliance variants",
    );
    const missingStudy = await simulateToFiles(missing);
    const compliance = (group: string) => truthSum(missingStudy, group, "answeredSignalPrompts") / truthSum(missingStudy, group, "signalPrompts");
    const mssd = (group: string) => meanOf(rowsOf(missingStudy, group).map((row) => row.mssd));
    // Latent NA at the answered and the missed signal prompts of the distress variant (in memory: the files round it).
    const distressPrompts = Array.from({ length: 30 }, (_, index) => simulatePerson(missing, { group: "distress", indexInGroup: index }).prompts.filter((p) => p.trigger === "signal")).flat();
    expectKeyNumbers("04-what-esm-sees", {
      "designs.sparse.mssd": design("sparse", "mssd"),
      "designs.typical.mssd": design("typical", "mssd"),
      "designs.hourly.mssd": design("hourly", "mssd"),
      "designs.sparse.ac1": design("sparse", "ac1"),
      "designs.hourly.ac1": design("hourly", "ac1"),
      "designs.rankAgreement": sampleRankCorrelation(rowsOf(designStudy, "sparse").map((row) => row.mssd), rowsOf(designStudy, "hourly").map((row) => row.mssd)),
      "grid.mssd.3.0.5": gridValue(3, 0.5),
      "grid.mssd.10.0.95": gridValue(10, 0.95),
      "missing.random.compliance": compliance("random"),
      "missing.distress.compliance": compliance("distress"),
      "missing.complete.mssd": mssd("complete"),
      "missing.random.mssd": mssd("random"),
      "missing.distress.mssd": mssd("distress"),
      "missing.distress.latentAnswered": meanOf(distressPrompts.filter((p) => p.answered).map((p) => p.latent.A)),
      "missing.distress.latentMissed": meanOf(distressPrompts.filter((p) => !p.answered).map((p) => p.latent.A)),
    });
  });

  it("05-relief-and-treatment: the relief trap, event-locked means, skills, a skills training and the DBT trial", async () => {
    const { scenario } = loadScenario("bpd-cascade");
    const trap = firstPerson(scenario, "bpd", (p) => p.summary.acts >= 5, { trajectoryEveryMinutes: 10 });
    const acts = trap.person.events.filter((event) => event.kind === "nssi");

    const esm = await simulateToFiles(withOverrides(scenario, { persons: 67 }));
    const bpdPersons = inGroup(esm, "bpd");
    const locked = new analysis.EventLockedMeans({ event: esm.options.eventColumn!, variables: [analysis.NA_MEAN, ...(esm.options.extraItems ?? [])] });
    for (const person of bpdPersons) locked.add(person, { [analysis.NA_MEAN]: analysis.naMean(person, esm.options.items) });
    const lockedNa = (offset: number) => locked.rows().find((row: analysis.EventLockedRow) => row.variable === analysis.NA_MEAN && row.offset === offset)!.mean;

    const bpd = scenario.groups.find((group: { name: string }) => group.name === "bpd")!;
    const skills: Scenario = validateScenario(
      {
        ...scenario,
        name: "bpd-skills",
        groups: [
          { ...bpd, name: "no-skills", size: 30, parameters: { ...bpd.parameters, K: 0 } },
          { ...bpd, name: "skills", size: 30, samePersonsAs: "no-skills", parameters: { ...bpd.parameters, K: 0.8 } },
        ],
      },
      "skills",
    );
    const arm = (group: string, options: { days?: number; slowProcess?: engine.SlowProcess } = {}) =>
      Array.from({ length: 30 }, (_, index) => simulatePerson(skills, { group, indexInGroup: index, ...options }));
    const none = arm("no-skills");
    const trained = arm("skills");
    const week = 7 * 24;
    const training: engine.SlowProcess = {
      everyHours: 24,
      update: (drawn, current, hours) => ({ ...current, K: Math.max(drawn.K, hours < week ? 0 : 0.8 * (1 - Math.exp(-(hours - week) / (2 * week)))) }),
    };
    const actsInWeek = (persons: PersonResult[], w: number) => meanOf(persons.map((p) => p.events.filter((e) => e.kind === "nssi" && e.hours >= (w - 1) * week && e.hours < w * week).length));
    const withTraining = arm("no-skills", { days: 56, slowProcess: training });
    const withoutTraining = arm("no-skills", { days: 56 });
    const trialResult = await runTrial(loadScenario("dbt-vs-tau").scenario, { persons: 40 });
    const armMean = (arm: string, outcome: string) => trialResult.arms.find((row: { arm: string; assessment: string; outcome: string }) => row.arm === arm && row.assessment === "month-12" && row.outcome === outcome)!.mean;
    const trialEffect = (outcome: string) => trialResult.effects.find((row: { assessment: string; outcome: string }) => row.assessment === "month-12" && row.outcome === outcome)!.estimate;
    expectKeyNumbers("05-relief-and-treatment", {
      "trap.person": trap.index,
      "trap.acts": acts.length,
      "trap.firstRelief": acts[0].magnitude,
      "trap.finalW": trap.person.summary.finalW,
      "esm.acts": truthSum(esm, "bpd", "acts"),
      "esm.na.before": lockedNa(-1),
      "esm.na.report": lockedNa(0),
      "esm.na.after": lockedNa(1),
      "skills.none.acts": meanOf(none.map((p) => p.summary.acts)),
      "skills.k08.acts": meanOf(trained.map((p) => p.summary.acts)),
      "skills.k08.uses": meanOf(trained.map((p) => p.summary.skillUses)),
      "skills.none.cascade": meanOf(none.map((p) => p.summary.cascadeShare)),
      "skills.k08.cascade": meanOf(trained.map((p) => p.summary.cascadeShare)),
      "skills.fewer": none.filter((p, i) => trained[i].summary.acts < p.summary.acts).length,
      "training.week1.acts": actsInWeek(withTraining, 1),
      "training.week8.acts": actsInWeek(withTraining, 8),
      "training.none.week8.acts": actsInWeek(withoutTraining, 8),
      "trial.dbt.nssi.month12": armMean("dbt", "nssi_per_week"),
      "trial.tau.nssi.month12": armMean("tau", "nssi_per_week"),
      "trial.dbt.gaf.month12": armMean("dbt", "gaf"),
      "trial.tau.gaf.month12": armMean("tau", "gaf"),
      "trial.g.nssi.month12": trialEffect("nssi_per_week"),
      "trial.g.gaf.month12": trialEffect("gaf"),
    });
  });

  it("06-real-data-pipeline: the synthetic validation and the two real datasets", async () => {
    const { scenario } = loadScenario("bpd-cascade");
    const sim = await simulateToFiles(withOverrides(scenario, { persons: 40, days: 14 }));
    const pairs: analysis.RecoveryPair[] = [
      ...analysis.DEFAULT_RECOVERY_PAIRS,
      { truth: "meanA", estimate: "mean", variable: analysis.NA_MEAN, expectedSign: 1, note: "" },
      { truth: "sdA", estimate: "sd", variable: analysis.NA_MEAN, expectedSign: 1, note: "" },
    ];
    const recovery = new analysis.TruthRecovery(pairs);
    for (const row of analysis.analyzeDataset(sim.persons, sim.options).rows) recovery.add(row as unknown as { variable: string } & Record<string, unknown>, sim.truth.get(row.id)!);
    const correlation = (truth: string, estimate: string) => recovery.rows().find((row: analysis.RecoveryRow) => row.truth === truth && row.estimate === estimate)!.correlation;

    const data = join(repoRoot, "tests", "fixtures", "data");
    const items = ["irritable", "nervous", "angry"];
    const mapping = completeMapping({ items, time: "response", duplicates: "keep", scales: Object.fromEntries(items.map((item) => [item, { min: 1, max: 5 }])) });
    const fried = await loadPersons(join(data, "fried2022_covid_ema_ts.tsv"), mapping);
    const answered = (persons: PersonSeries[], names: string[]) => persons.reduce((sum, p) => sum + Array.from(p.day.keys()).filter((t) => names.some((item) => !Number.isNaN(p.variables[item][t]))).length, 0);
    const friedRows = naRows(fried, { items, extraItems: [], scales: mapping.scales });
    const friedMean = (column: keyof MetricRow) => meanOf(friedRows.map((row) => row[column] as number));
    const withMssd = friedRows.filter((row) => !Number.isNaN(row.mssd));

    const mood = ["mood_down", "mood_lonely", "mood_anxious", "mood_guilty"];
    const single = (
      await loadPersons(
        join(data, "kossakowski2017_ESMdata.csv"),
        completeMapping({ singlePerson: true, day: "date", beep: "beepno", date: "date", time: "beeptime", dateFormat: "dmy", items: mood }),
      )
    )[0];
    const signals = analysis.earlyWarningSignals(analysis.naMean(single, mood), { day: single.day, beep: single.beep, time: single.time, unit: "days", window: 28, step: 7 });
    expectKeyNumbers("06-real-data-pipeline", {
      "sim.persons": 40,
      "sim.prompts": sim.persons.reduce((sum, p) => sum + p.day.length, 0),
      "sim.largestDifference": 0,
      "sim.plantedOutside": 1,
      "sim.recovery.delta.ed": correlation("delta", "ed"),
      "sim.recovery.sdA.sd": correlation("sdA", "sd"),
      // tests/fixtures/data/README.md: 79 persons, 4,372 rows of which 33 repeat a person-day-beep.
      "fried.persons": 79,
      "fried.prompts": 4372,
      "fried.answered": answered(fried, items),
      "fried.repeated": 33,
      "fried.mean": friedMean("mean"),
      "fried.mssd": friedMean("mssd"),
      "fried.pac": friedMean("pac"),
      "fried.mssd_rel": friedMean("mssd_rel"),
      "fried.icc3k": friedMean("icc3k"),
      "fried.meanMssdRank": sampleRankCorrelation(withMssd.map((row) => row.mean), withMssd.map((row) => row.mssd)),
      "kossakowski.answered": answered([single], mood),
      "kossakowski.windows": signals.windows.length,
      "kossakowski.varianceTau": signals.varianceTau,
      "kossakowski.ac1Tau": signals.ac1Tau,
    });
  });
});
