// Fits per second of the three models `cascade power` runs in every simulated study (src/stats):
//   (a) Selby et al. (2013): NSSI counts ~ mssd_R * mssd_A + offset(log prompts), Poisson and
//       negative binomial, per person;
//   (b) Zaki et al. (2013): urge ~ rumination_within * ED + (1 + rumination_within | person), REML,
//       with Satterthwaite or normal df, and the two-stage alternative;
//   (c) a group difference in MSSD: Welch's t test.
// Each figure is the median over runs of fitting a batch of freshly simulated datasets (simulation
// is not timed). The machine is shared: read medians, not single runs.
import seedrandom from "seedrandom";
import { designMatrix, linearMixedModel, negativeBinomialRegression, poissonRegression, twoStageSlopes, welchTTest } from "../dist/stats/index.js";
import { fmt, report, timeRuns } from "./lib.js";

const random = seedrandom("cascade-stats-bench");
const normal = () => {
  // Box-Muller; the second variate is discarded for simplicity.
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
};
const poisson = (mean) => {
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal()));
  let product = random();
  let count = 0;
  const limit = Math.exp(-mean);
  while (product > limit) {
    product *= random();
    count += 1;
  }
  return count;
};

/** Person-level Selby data: instability of rumination and NA, answered prompts, overdispersed NSSI counts. */
function selbyStudy(persons) {
  const mssd_R = [];
  const mssd_A = [];
  const prompts = [];
  const nssi = [];
  for (let i = 0; i < persons; i++) {
    const r = Math.exp(0.4 * normal());
    const a = Math.exp(0.4 * normal());
    const answered = 60 + Math.floor(random() * 67);
    const rate = Math.exp(-4 + 0.4 * Math.log(r) + 0.5 * Math.log(a) + 0.3 * Math.log(r) * Math.log(a) + 0.9 * normal() - 0.4);
    mssd_R.push(r);
    mssd_A.push(a);
    prompts.push(answered);
    nssi.push(poisson(answered * rate));
  }
  const design = designMatrix({ mssd_R, mssd_A }, ["mssd_R*mssd_A"], { center: ["mssd_R", "mssd_A"] });
  return { design, nssi, offset: prompts.map(Math.log) };
}

/** Prompt-level Zaki data: persons x prompts, within-person rumination, ED, urge. */
function zakiStudy(persons, promptsPerPerson) {
  const person = [];
  const rumination = [];
  const ed = [];
  const urge = [];
  for (let i = 0; i < persons; i++) {
    const differentiation = normal();
    const intercept = 6 * normal();
    const slope = 0.5 - 0.25 * differentiation + 0.2 * normal();
    const answered = Math.round(promptsPerPerson * (0.75 + 0.1 * random()));
    for (let t = 0; t < answered; t++) {
      const within = 12 * normal();
      person.push(i);
      rumination.push(within);
      ed.push(differentiation);
      urge.push(20 + 2 * differentiation + intercept + slope * within + 8 * normal());
    }
  }
  const data = { rumination, ed };
  return { design: designMatrix(data, ["rumination*ed"]), random: designMatrix(data, ["rumination"]), urge, person, rumination, ed };
}

function mssdGroups(size) {
  const group = (scale) => Array.from({ length: size }, () => scale * Math.exp(0.5 * normal()));
  return [group(1.4), group(1)];
}

/**
 * Times `fit` over batches of `batchSize` simulated datasets (a fresh batch per run), each fitted
 * `repeat` times (for fast fits, so that a run is long enough to measure after JIT warm-up).
 */
async function measure(name, makeBatch, fit, batchSize, { runs = 5, repeat = 1 } = {}) {
  const batches = Array.from({ length: runs + 1 }, () => Array.from({ length: batchSize }, makeBatch));
  let failures = 0;
  const durations = await timeRuns(
    (run) => {
      for (let r = 0; r < repeat; r++) {
        for (const dataset of batches[run % batches.length]) if (fit(dataset) === false && r === 0) failures += 1;
      }
    },
    { runs, warmup: 1 },
  );
  const perSecond = durations.map((ms) => (batchSize * repeat * 1000) / ms);
  const value = report(name, perSecond, "fits/s");
  console.log(`    (${fmt(1000 / value, 2)} ms per fit${failures > 0 ? `; ${failures} fits without status "ok"` : ""})`);
  return value;
}

console.log("(a) Selby interaction on NSSI counts, per-person GLM");
for (const persons of [100, 300]) {
  await measure(`Poisson, ${persons} persons`, () => selbyStudy(persons), (d) => poissonRegression(d.design, d.nssi, { offset: d.offset }).status === "ok", 40, { repeat: 5 });
  await measure(`negative binomial, ${persons} persons`, () => selbyStudy(persons), (d) => negativeBinomialRegression(d.design, d.nssi, { offset: d.offset }).status === "ok", 40);
}

console.log("\n(b) Zaki moderation of the rumination-to-urge slope, random intercept and slope (REML)");
const lmmRates = {};
for (const [persons, prompts] of [[40, 100], [100, 100], [300, 100]]) {
  const label = `${persons} persons x ~${Math.round(prompts * 0.8)} prompts`;
  const batch = persons >= 300 ? 6 : 12;
  lmmRates[`sat${persons}`] = await measure(`LMM, Satterthwaite df, ${label}`, () => zakiStudy(persons, prompts), (d) => linearMixedModel(d.design, d.urge, d.person, d.random).status === "ok", batch);
  lmmRates[`normal${persons}`] = await measure(`LMM, normal df, ${label}`, () => zakiStudy(persons, prompts), (d) => linearMixedModel(d.design, d.urge, d.person, d.random, { df: "normal" }).status === "ok", batch);
  lmmRates[`two${persons}`] = await measure(`two-stage slopes, ${label}`, () => zakiStudy(persons, prompts), (d) => twoStageSlopes(d.urge, d.rumination, d.person, { ed: d.ed }).status === "ok", batch, { repeat: 10 });
}
console.log(`  ratio two-stage / LMM (Satterthwaite), 300 persons: ${fmt(lmmRates.two300 / lmmRates.sat300, 1)}x`);
console.log(`  ratio LMM normal / Satterthwaite, 300 persons: ${fmt(lmmRates.normal300 / lmmRates.sat300, 2)}x`);

console.log("\n(c) Group difference in MSSD, Welch's t test");
await measure("Welch t test, 2 x 50 persons", () => mssdGroups(50), ([x, y]) => Number.isFinite(welchTTest(x, y).pValue), 2000);
