/**
 * `cascade chart <kind> --data DIR_OR_FILE [--person ID] --out FILE`: one chart, in the format the
 * output's extension names (.vl.json, .svg, .png, .html). A thin layer: flags -> typed options ->
 * `src/charts` (open the data, analyse or re-simulate it, build the spec, render, write atomically).
 */
import type { Command } from "commander";
import { CascadeError } from "../../errors.js";
import { checkOutputTarget } from "../../io/atomic.js";
import { didYouMean } from "../../io/suggest.js";
import type { EarlyWarningTransition } from "../../charts/early-warning.js";
import type { ChartDataOptions } from "../../charts/from-data.js";
import { formatFromPath } from "../../charts/formats.js";
import { chartKindNames, chartKinds, isChartKind, modelKinds, type ChartKind } from "../../charts/kinds.js";
import { integerFlag, positiveNumberFlag } from "../flags.js";

/** Options as commander parses them. */
interface ChartFlags {
  data: string;
  out: string;
  mapping?: string;
  person?: string;
  variable?: string;
  referenceGroup?: string;
  rumination?: string;
  urge?: string;
  ewsWindow?: string;
  ewsStep?: string;
  mark: string[];
  fromDay?: string;
  days?: string;
  designPersons?: string;
  force?: boolean;
}

/** The chart kind named on the command line, or a CascadeError listing the kinds. */
export function parseKind(name: string): ChartKind {
  if (isChartKind(name)) return name;
  throw new CascadeError(`unknown chart kind "${name}"${didYouMean(name, chartKindNames)}; expected one of ${chartKindNames.join(", ")}`);
}

/** `--ews-window 84` (prompts), `72h` (hours) or `14d` (days), with `--ews-step` in the same unit. */
export function parseEwsWindow(window: string | undefined, step: string | undefined): ChartDataOptions["ews"] {
  if (window === undefined && step === undefined) return undefined;
  const match = window === undefined ? null : /^\s*([\d.]+)\s*([hdp]?)\s*$/.exec(window);
  if (window !== undefined && (match === null || !(Number(match[1]) > 0))) {
    throw new CascadeError(`--ews-window: expected a length such as 84 (prompts), 72h (hours) or 14d (days), got "${window}"`);
  }
  const unit = match?.[2] === "h" ? "hours" : match?.[2] === "d" ? "days" : "prompts";
  return {
    ...(match === null ? {} : { window: Number(match[1]), unit }),
    ...(step === undefined ? {} : { step: positiveNumberFlag("--ews-step", step) }),
  };
}

/** `--mark 127=dose reduction starts`: a transition at study day 127. */
export function parseMark(text: string): EarlyWarningTransition {
  const match = /^\s*(-?[\d.]+)\s*(?:=(.*))?$/.exec(text);
  if (match === null || !Number.isFinite(Number(match[1]))) throw new CascadeError(`--mark: expected DAY=LABEL such as 127=dose reduction, got "${text}"`);
  return { time: Number(match[1]), label: (match[2] ?? "transition").trim() };
}

/** Runs `cascade chart`. */
export async function runChart(kindName: string, flags: ChartFlags): Promise<void> {
  const kind = parseKind(kindName);
  formatFromPath(flags.out);
  checkOutputTarget(flags.out, { force: flags.force, inputs: [flags.data], label: "--out" });
  // The chart layer (Vega, the analysis, the engine) is loaded only when a chart is drawn, so that
  // every other command starts quickly.
  const [{ analyseChartData, openChartData }, { chartFromAnalysis }, { chartFromSimulation }, { writeChart }] = await Promise.all([
    import("../../charts/sources.js"),
    import("../../charts/from-data.js"),
    import("../../charts/from-simulation.js"),
    import("../../charts/render.js"),
  ]);
  const data = openChartData(flags.data, flags.mapping);
  const options: ChartDataOptions = {
    person: flags.person,
    variable: flags.variable,
    rumination: flags.rumination,
    urge: flags.urge,
    ews: parseEwsWindow(flags.ewsWindow, flags.ewsStep),
    marks: flags.mark.map(parseMark),
  };
  let spec;
  if (!(modelKinds as readonly string[]).includes(kind)) {
    const analysed = await analyseChartData(data, { reference: flags.referenceGroup });
    spec = chartFromAnalysis(kind, analysed, options);
  } else {
    if (data.simulationDirectory === undefined) {
      throw new CascadeError(`the ${kind} chart shows the simulation's truth: --data must be a directory written by \`cascade simulate\` (or a \`cascade analyze\` directory of one)`, {
        file: flags.data,
      });
    }
    spec = await chartFromSimulation(kind, data, {
      ...options,
      fromDay: integerFlag("--from-day", flags.fromDay, 1),
      days: integerFlag("--days", flags.days, 1),
      designPersons: integerFlag("--design-persons", flags.designPersons, 8),
    });
  }
  const format = await writeChart(spec, flags.out, { force: flags.force, inputs: [flags.data], label: "--out" });
  process.stdout.write(`wrote ${flags.out} (${kind} chart, ${format})\n`);
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** Registers `cascade chart`. */
export function register(program: Command): void {
  const kinds = chartKindNames.map((kind) => `  ${kind.padEnd(16)}${chartKinds[kind]}`).join("\n");
  program
    .command("chart")
    .summary("draw one teaching chart (timeline, phase, instability, ...) as .vl.json, .svg, .png or .html")
    .description(
      "Draw one teaching chart from simulated or real ESM data; the --out extension picks the format\n" +
        "(.vl.json: Vega-Lite spec; .svg; .png; .html: a standalone page that works offline).\n\nKinds:\n" +
        kinds +
        `\n\nModel-based kinds (${modelKinds.join(", ")}) need a \`cascade simulate\` directory; the others also take a\n` +
        "`cascade analyze` directory or a data file with --mapping. See docs/charts.md.",
    )
    .argument("<kind>", `chart kind: ${chartKindNames.join(", ")}`)
    .requiredOption("--data <path>", "a `cascade simulate` or `cascade analyze` directory, or an ESM data file (with --mapping)")
    .requiredOption("--out <file>", "output file: .vl.json, .svg, .png or .html")
    .option("--mapping <file.yaml>", "column mapping of a data file, as for `cascade analyze --mapping`")
    .option("--person <id>", "the person (timeline, phase, early-warning); default: one chosen to show the point")
    .option("--variable <name>", "the variable (instability, early-warning); default na_mean")
    .option("--reference-group <name>", "group the others are compared with (instability); default a control or healthy group")
    .option("--rumination <column>", "rumination item (differentiation)", "rumination")
    .option("--urge <column>", "urge item (differentiation)", "urge")
    .option("--ews-window <length>", "early-warning window: prompts (84), hours (72h) or days (14d); default half the series")
    .option("--ews-step <n>", "distance between early-warning windows, in the window's unit (default 1)")
    .option("--mark <day=label>", "mark a transition at a study day on the early-warning chart (repeatable)", collect, [])
    .option("--from-day <n>", "timeline: first study day shown (default: chosen around the person's first NSSI act)")
    .option("--days <n>", "timeline: number of days shown (default 4)")
    .option("--design-persons <n>", "design: persons simulated under each design (default 60)")
    .option("--force", "replace an existing output file")
    .action(async (kind: string, flags: ChartFlags) => {
      await runChart(kind, flags);
    });
}
