// Benchmarks of simulated trials (`npm run bench -- trial`). Prints medians of several runs:
//
// 1. seconds per person-year of one trial person in this thread (simulateTrialPerson: the latent
//    process over the whole horizon with the arm's slow processes, prompts only in the assessment
//    bursts, weekly functioning and the outcomes), for dbt-vs-tau (12 months, four 14-day bursts) and
//    mbt-long-term (8 years, five 7-day bursts);
// 2. what the bursts save: one year of one person with prompts only in four 14-day bursts, with
//    prompts every day, and with no prompts at all (the latent process alone), and their ratios;
// 3. wall time of `cascade trial dbt-vs-tau --persons 40` (child process, tables and charts) with
//    --workers 1 and 2, and the speed-up.
//
// Set CASCADE_BENCH_QUICK=1 for fewer runs.
import { cpus, loadavg } from "node:os";
import { fmt, median, report, runCascade, timeRuns } from "./lib.js";

const dist = (path) => new URL(`../dist/${path}`, import.meta.url).href;
const { loadScenario } = await import(dist("scenario/load-file.js"));
const { createTrialPlan, isBurstDay } = await import(dist("trial/plan.js"));
const { simulateTrialPerson } = await import(dist("trial/person.js"));
const { simulatePerson } = await import(dist("simulate/person.js"));
const { slowProcessFor } = await import(dist("treatment/curves.js"));

const quick = process.env.CASCADE_BENCH_QUICK === "1";
const runs = quick ? 3 : 5;
console.log(`load average at start: ${loadavg().map((x) => x.toFixed(2)).join(", ")} on ${cpus().length} cores (figures are noisy when others use the machine)`);

// 1. Seconds per person-year, one trial person at a time, this thread.
for (const [name, persons] of [
  ["dbt-vs-tau", 8],
  ["mbt-long-term", 2],
]) {
  const { scenario } = loadScenario(name);
  const plan = createTrialPlan(scenario, { persons: Math.max(persons, 2) });
  const years = (persons * plan.days) / 365.25;
  const durations = await timeRuns(
    (run) => {
      for (let i = 0; i < persons; i++) simulateTrialPerson(scenario, plan, (run * persons + i) % plan.persons);
    },
    { runs, warmup: 1 },
  );
  console.log(`\n${name}: ${persons} persons x ${fmt(plan.days)} days (${fmt(years, 1)} person-years) per run, ${plan.assessments.length} bursts of ${plan.burstDays} days:`);
  report("seconds per person-year, one core", durations.map((ms) => ms / 1000 / years), "s", 3);
}

// 2. What the bursts save: the same person-year with prompts in bursts, every day, or never.
{
  const { scenario } = loadScenario("dbt-vs-tau");
  const plan = createTrialPlan(scenario);
  const processes = plan.arms[0].processes;
  const persons = 4;
  const days = 365;
  const variants = {
    "four 14-day bursts": (day) => isBurstDay(plan, day),
    "prompts every day": () => true,
    "no prompts (latent process only)": () => false,
  };
  console.log(`\nOne year of ${persons} DBT-arm persons (dbt-vs-tau), 6 prompts a day on prompt days:`);
  const medians = {};
  for (const [label, promptDays] of Object.entries(variants)) {
    const durations = await timeRuns(
      () => {
        for (let i = 0; i < persons; i++) simulatePerson(scenario, { group: 0, indexInGroup: i, days, promptDays, slowProcess: slowProcessFor(processes) });
      },
      { runs, warmup: 1 },
    );
    medians[label] = report(label, durations.map((ms) => ms / 1000 / persons), "s per person-year", 3);
  }
  console.log(`  ratio every day / bursts: ${fmt(medians["prompts every day"] / medians["four 14-day bursts"], 2)}; bursts / latent only: ${fmt(medians["four 14-day bursts"] / medians["no prompts (latent process only)"], 2)}`);
}

// 3. The command line, 1 and 2 workers.
{
  const persons = 40;
  const walls = { 1: [], 2: [] };
  for (let run = 0; run < (quick ? 1 : 3); run++) {
    for (const workers of [1, 2]) {
      walls[workers].push(runCascade(["trial", "dbt-vs-tau", "--persons", String(persons), "--workers", String(workers), "--quiet", "--out", "{tmp}/trial"]).wallMs / 1000);
    }
  }
  console.log(`\ncascade trial dbt-vs-tau --persons ${persons} (${fmt((persons * 392) / 365.25, 1)} person-years, tables and charts):`);
  const one = report("wall time, --workers 1", walls[1], "s", 2);
  const two = report("wall time, --workers 2", walls[2], "s", 2);
  console.log(`  speed-up with 2 workers: x${fmt(one / two, 2)} (median ${fmt(median(walls[1]), 2)} s vs ${fmt(median(walls[2]), 2)} s)`);
}
