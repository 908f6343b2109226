/**
 * `cascade validate [--scenario S] [--size ci|full] [--seed N] [--workers N] [--only IDS]
 * [--tolerance ID=MIN:MAX ...] [--json FILE]`: the calibration evidence. Simulates the default
 * scenario's studies, measures every validation target (src/validate/targets/), prints the table and
 * exits 1 when any target is missed. A thin layer: flags -> `ValidationPlan` -> `runValidation`.
 */
import type { Command } from "commander";
import { CascadeError, EXIT } from "../../errors.js";
import { checkOutputTarget } from "../../io/atomic.js";
import { didYouMean } from "../../io/suggest.js";
import { loadScenario } from "../../scenario/load-file.js";
import { scenarioInput } from "../../sweep/scenario-input.js";
import { VALIDATION_TARGETS } from "../../validate/registry.js";
import { runValidation, writeValidationJson } from "../../validate/run.js";
import { SIZES, TRIAL_STUDIES, ValidationContext, type ValidationPlan } from "../../validate/studies.js";
import { checkTargetIds, formatValidationTable, parseToleranceOverride } from "../../validate/suite.js";
import { VALIDATION_SIZES, type Tolerance, type ValidationSize } from "../../validate/types.js";
import { integerFlag } from "../flags.js";
import { createProgress } from "../progress.js";

interface ValidateFlags {
  scenario: string;
  size: string;
  seed?: string;
  workers: string;
  only?: string;
  tolerance: string[];
  json?: string;
  force?: boolean;
  quiet?: boolean;
}

/** Runs `cascade validate`; throws a CascadeError with exit code 1 naming the missed targets. */
export async function runValidateCommand(flags: ValidateFlags): Promise<void> {
  if (!(VALIDATION_SIZES as readonly string[]).includes(flags.size)) {
    throw new CascadeError(`--size: expected one of ${VALIDATION_SIZES.join(", ")}, got "${flags.size}"${didYouMean(flags.size, VALIDATION_SIZES)}`);
  }
  const size = flags.size as ValidationSize;
  const workers = integerFlag("--workers", flags.workers, 1) ?? 1;
  const seedFlag = integerFlag("--seed", flags.seed, 0);
  let targets = VALIDATION_TARGETS;
  if (flags.only !== undefined) {
    const ids = flags.only.split(",").map((id) => id.trim());
    checkTargetIds(ids, VALIDATION_TARGETS, "--only");
    targets = VALIDATION_TARGETS.filter((target) => ids.includes(target.id));
  }
  const tolerances = new Map<string, Tolerance>();
  for (const text of flags.tolerance) {
    const override = parseToleranceOverride(text, VALIDATION_TARGETS);
    tolerances.set(override.id, override.tolerance);
  }
  const loaded = loadScenario(flags.scenario);
  const studies = [...new Set(targets.flatMap((target) => target.studies))].sort();
  const plan: ValidationPlan = { scenario: { name: loaded.scenario.name, input: scenarioInput(loaded.text, flags.scenario) }, seed: seedFlag ?? loaded.scenario.seed, size, studies };
  const context = new ValidationContext(plan, flags.scenario);
  if (flags.json !== undefined) checkOutputTarget(flags.json, { force: flags.force, inputs: [loaded.path], label: "--json" });
  const progress = createProgress(context.tasks.length, { unit: "tasks" });
  let report;
  try {
    report = await runValidation(plan, { workers, targets, tolerances, onProgress: (done) => progress.update(done) });
  } finally {
    progress.stop();
  }
  if (flags.json !== undefined) await writeValidationJson(report, flags.json, { force: flags.force, inputs: [loaded.path] });
  const failed = report.outcomes.filter((o) => !o.pass);
  if (!flags.quiet || failed.length > 0) {
    const groups = Object.entries(report.persons.esm).map(([name, n]) => `${n} ${name}`).join(", ");
    const parts = [
      ...(studies.includes("esm") ? [`ESM study ${groups} over ${context.esm.days} days`] : []),
      ...(studies.includes("year") ? [`year run ${report.persons.year} persons x 365 days`] : []),
      ...TRIAL_STUDIES.filter((t) => studies.includes(t.study)).map((t) => t.label(report.persons.trials[t.study] ?? 0)),
      `${SIZES[size].resamples} bootstrap resamples`,
    ];
    process.stdout.write(`Validation of ${plan.scenario.name} (seed ${plan.seed}, size ${size}): ${parts.join("; ")}.\n`);
    process.stdout.write(formatValidationTable(report.outcomes));
    process.stdout.write(`${report.outcomes.length - failed.length} of ${report.outcomes.length} targets met.\n`);
  }
  if (failed.length > 0) {
    throw new CascadeError(`${failed.length} of ${report.outcomes.length} validation targets missed: ${failed.map((o) => o.id).join(", ")}`, {}, EXIT.failure);
  }
}

/** Registers `cascade validate`. */
export function register(program: Command): void {
  program
    .command("validate")
    .summary("Check that the default scenario reproduces the literature's calibration targets")
    .description(
      "Simulate the default scenario's ESM study (BPD and controls) and a year of its BPD group's latent\n" +
        "process, measure each calibration target (SCIENCE.md) with a 95% interval, and print a table:\n" +
        "target, source, value, interval, accepted range, pass or FAIL. Exit code 1 when any target is\n" +
        "missed. Byte-identical for any --workers. Targets and their sources: docs/calibration.md.",
    )
    .option("--scenario <scenario>", "the scenario: BPD group first, controls second (a file or a bundled name)", "bpd-cascade")
    .option("--size <size>", `study sizes: ci (the scenario's groups x ${SIZES.ci.esmScale}, ${SIZES.ci.yearPersons} persons for a year, trials of ${SIZES.ci.trialPersons}, ${SIZES.ci.mbtPersons} and ${SIZES.ci.recoveryPersons} persons) or full (x ${SIZES.full.esmScale}, ${SIZES.full.yearPersons}, ${SIZES.full.trialPersons}, ${SIZES.full.mbtPersons} and ${SIZES.full.recoveryPersons})`, "ci")
    .option("--seed <n>", "seed of the simulated persons (default: the scenario's seed)")
    .option("--workers <n>", "worker threads (output is byte-identical for any number)", "1")
    .option("--only <ids>", "evaluate only these targets (comma-separated ids)")
    .option("--tolerance <id=min:max>", "replace a target's accepted range by [min, max] on its value (repeatable; either side may be empty)", (value: string, previous: string[]) => [...previous, value], [] as string[])
    .option("--json <file>", "also write every target's outcome, method and reference as JSON")
    .option("--force", "replace the --json file if it exists")
    .option("--quiet", "print the table only when a target is missed")
    .addHelpText(
      "after",
      "\nExamples:\n" +
        "  cascade validate                                   # the CI size, about a minute on 2 cores\n" +
        "  cascade validate --size full --workers 2 --json out/validation.json\n" +
        "  cascade validate --only nssi-year-prevalence --tolerance nssi-year-prevalence=0.75:0.85\n\n" +
        "Targets: " + VALIDATION_TARGETS.map((t) => t.id).join(", "),
    )
    .action(async (flags: ValidateFlags) => {
      await runValidateCommand(flags);
    });
}
