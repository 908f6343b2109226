/**
 * Checks that involve several fields of a scenario (the schema checks each field alone): unique
 * names, references between groups, correlation matrices, time windows, the time step.
 *
 * Each problem is reported as a zod-style custom issue with the path of the field to fix, so it is
 * formatted (with its line number) like every other validation error.
 */
import { didYouMean } from "../io/suggest.js";
import { choleskyLower } from "../population/cholesky.js";
import { CORRELATABLE, RESERVED_COLUMNS, hoursOfDay, type Design, type Group } from "./schema.js";

export interface CustomIssue {
  code: "custom";
  path: PropertyKey[];
  message: string;
  input?: unknown;
}

type Path = PropertyKey[];

function issue(path: Path, message: string): CustomIssue {
  return { code: "custom", path, message };
}

/** Problems of one design (scenario-level or a group's merged design) at `base`. */
export function checkDesign(design: Design, base: Path): CustomIssue[] {
  const issues: CustomIssue[] = [];
  const schedule = design.schedule;
  if (schedule.type === "stratified" || schedule.type === "random" || schedule.type === "interval") {
    const start = hoursOfDay(schedule.start);
    const end = hoursOfDay(schedule.end);
    if (!(end > start)) issues.push(issue([...base, "schedule", "end"], `expected the window's end after its start (${schedule.start}), got "${schedule.end}"`));
    const windowMinutes = (end - start) * 60;
    if (schedule.type === "stratified" && end > start && schedule.minGapMinutes >= windowMinutes / schedule.perDay) {
      issues.push(
        issue(
          [...base, "schedule", "minGapMinutes"],
          `expected less than the block length (${(windowMinutes / schedule.perDay).toFixed(1)} minutes for ${schedule.perDay} prompts between ${schedule.start} and ${schedule.end}), got ${schedule.minGapMinutes}`,
        ),
      );
    }
    if (schedule.type === "random" && end > start && (schedule.perDay - 1) * schedule.minGapMinutes > windowMinutes) {
      issues.push(
        issue(
          [...base, "schedule", "minGapMinutes"],
          `${schedule.perDay} prompts at least ${schedule.minGapMinutes} minutes apart do not fit between ${schedule.start} and ${schedule.end}`,
        ),
      );
    }
  }
  if (schedule.type === "fixed") {
    const hours = schedule.times.map(hoursOfDay);
    for (let i = 1; i < hours.length; i++) {
      if (!(hours[i] > hours[i - 1])) {
        issues.push(issue([...base, "schedule", "times", i], `expected times in increasing order, got "${schedule.times[i]}" after "${schedule.times[i - 1]}"`));
      }
    }
  }
  if (schedule.type === "none" && !design.eventContingent.enabled) {
    issues.push(issue([...base, "schedule", "type"], 'the design has no prompts: with schedule type "none", enable eventContingent'));
  }
  design.compliance.hours.forEach((effect, index) => {
    if (!(hoursOfDay(effect.to) > hoursOfDay(effect.from))) {
      issues.push(issue([...base, "compliance", "hours", index, "to"], `expected a time after "from" (${effect.from}), got "${effect.to}"`));
    }
  });
  const seen = new Map<string, number>();
  design.items.forEach((item, index) => {
    if (RESERVED_COLUMNS.includes(item.name)) {
      issues.push(issue([...base, "items", index, "name"], `"${item.name}" is a reserved column name (${RESERVED_COLUMNS.join(", ")})`));
    }
    const first = seen.get(item.name);
    if (first !== undefined) issues.push(issue([...base, "items", index, "name"], `duplicate item name "${item.name}" (also items[${first}])`));
    else seen.set(item.name, index);
  });
  return issues;
}

/** Problems of one group's correlations at `groups[index]`. */
export function checkCorrelations(group: Group, index: number): CustomIssue[] {
  const issues: CustomIssue[] = [];
  const base: Path = ["groups", index, "correlations"];
  const names: string[] = [];
  const pairs = new Map<string, number>();
  group.correlations.forEach((correlation, c) => {
    const [first, second] = correlation.between;
    for (const [slot, name] of [first, second].entries()) {
      if (!(CORRELATABLE as readonly string[]).includes(name)) {
        issues.push(issue([...base, c, "between", slot], `unknown parameter or covariate "${name}"${didYouMean(name, CORRELATABLE)}`));
      }
    }
    if (first === second) issues.push(issue([...base, c, "between"], `expected two different names, got "${first}" twice`));
    const key = [first, second].sort().join("\u0000");
    if (pairs.has(key)) issues.push(issue([...base, c], `the correlation of ${first} and ${second} is given twice (also correlations[${pairs.get(key)}])`));
    pairs.set(key, c);
    for (const name of [first, second]) if (!names.includes(name)) names.push(name);
  });
  if (issues.length > 0 || names.length === 0) return issues;
  const matrix = names.map((row) =>
    names.map((column) => {
      if (row === column) return 1;
      const c = pairs.get([row, column].sort().join("\u0000"));
      return c === undefined ? 0 : group.correlations[c].r;
    }),
  );
  if (choleskyLower(matrix) === undefined) {
    issues.push(issue(base, `these correlations are impossible together (the correlation matrix of ${names.join(", ")} is not positive semi-definite)`));
  }
  return issues;
}

/** Every cross-field problem of a parsed scenario. */
export function checkScenario(scenario: {
  clock: { wake: string; sleep: string };
  simulation: { dtMinutes: number };
  design: Design;
  groups: (Group & { design?: Design })[];
}): CustomIssue[] {
  const issues: CustomIssue[] = [];
  if (!(hoursOfDay(scenario.clock.sleep) > hoursOfDay(scenario.clock.wake))) {
    issues.push(issue(["clock", "sleep"], `expected a time after wake (${scenario.clock.wake}), got "${scenario.clock.sleep}"`));
  }
  const stepsPerDay = 1440 / scenario.simulation.dtMinutes;
  if (Math.abs(stepsPerDay - Math.round(stepsPerDay)) > 1e-9) {
    issues.push(issue(["simulation", "dtMinutes"], `expected a step that divides a day (1440 minutes) into whole steps, such as 0.5, 1, 2, 3, 4, 5, 6, 10, 12 or 15, got ${scenario.simulation.dtMinutes}`));
  }
  issues.push(...checkDesign(scenario.design, ["design"]));
  const names = new Map<string, number>();
  scenario.groups.forEach((group, index) => {
    const first = names.get(group.name);
    if (first !== undefined) issues.push(issue(["groups", index, "name"], `duplicate group name "${group.name}" (also groups[${first}])`));
    else names.set(group.name, index);
    if (group.design !== undefined) issues.push(...checkDesign(group.design, ["groups", index, "design"]));
    issues.push(...checkCorrelations(group, index));
  });
  scenario.groups.forEach((group, index) => {
    if (group.samePersonsAs === undefined) return;
    if (group.samePersonsAs === group.name) {
      issues.push(issue(["groups", index, "samePersonsAs"], `a group cannot name itself ("${group.name}")`));
    } else if (!names.has(group.samePersonsAs)) {
      issues.push(issue(["groups", index, "samePersonsAs"], `no group is called "${group.samePersonsAs}"${didYouMean(group.samePersonsAs, [...names.keys()])}`));
    }
  });
  return issues;
}

