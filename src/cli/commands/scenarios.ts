/**
 * `cascade scenarios list | show NAME | validate FILE... | reference | schema`: the bundled scenarios,
 * checking scenario files, and the generated reference of every scenario key.
 */
import type { Command } from "commander";
import { stringify } from "yaml";
import { CascadeError, CascadeErrors } from "../../errors.js";
import { listBundledScenarios, loadScenario } from "../../scenario/load-file.js";
import { scenarioJsonSchema, scenarioReferenceMarkdown } from "../../scenario/reference.js";
import type { Scenario } from "../../scenario/schema.js";

export function register(program: Command): void {
  const scenarios = program.command("scenarios").description("List, show and validate scenarios");

  scenarios
    .command("list")
    .description("List the bundled scenarios")
    .action(() => {
      const bundled = listBundledScenarios();
      const width = Math.max(0, ...bundled.map((s) => s.name.length));
      for (const scenario of bundled) process.stdout.write(`${scenario.name.padEnd(width)}  ${scenario.title}\n`);
    });

  scenarios
    .command("show")
    .description("Print a scenario: the file as written, or with --resolved every default filled in")
    .argument("<scenario>", "a bundled scenario name or a scenario file")
    .option("--resolved", "print the scenario as the simulator sees it, with every default")
    .action((name: string, flags: { resolved?: boolean }) => {
      const loaded = loadScenario(name);
      process.stdout.write(flags.resolved ? stringify(loaded.scenario, { lineWidth: 0 }) : loaded.text);
    });

  scenarios
    .command("validate")
    .description("Check scenario files; prints every problem with its field path and line")
    .argument("<files...>", "scenario files or bundled names")
    .action((files: string[]) => {
      const problems: CascadeError[] = [];
      for (const file of files) {
        try {
          const { scenario } = loadScenario(file);
          const persons = scenario.groups.reduce((sum, group) => sum + group.size, 0);
          process.stdout.write(`${file}: valid (${scenario.groups.length} groups, ${persons} persons, ${scenario.days} days${trialSummary(scenario)})\n`);
        } catch (error) {
          if (!(error instanceof CascadeError)) throw error;
          problems.push(error);
        }
      }
      if (problems.length > 0) throw problems.length === 1 ? problems[0] : new CascadeErrors(problems);
    });

  scenarios
    .command("reference")
    .description("Print the reference of every scenario key (Markdown, as in docs/scenario-reference.md)")
    .action(() => {
      process.stdout.write(scenarioReferenceMarkdown());
    });

  scenarios
    .command("schema")
    .description("Print the scenario schema as JSON Schema (for editors with YAML validation)")
    .action(() => {
      process.stdout.write(JSON.stringify(scenarioJsonSchema(), null, 2) + "\n");
    });
}

/**
 * For a scenario with a trial, what `cascade trial` runs (its horizon is the trial's, not `days`):
 * "; trial: arms dbt, tau; 4 ESM bursts of 14 days, the last from week 54".
 */
function trialSummary(scenario: Scenario): string {
  const trial = scenario.trial;
  if (trial === null) return "";
  const last = trial.assessments[trial.assessments.length - 1];
  return `; trial: arms ${trial.arms.map((arm) => arm.name).join(", ")}; ${trial.assessments.length} ESM bursts of ${trial.burstDays} days, the last from week ${last.week}`;
}
