// Diagnostics behind the Selby target of `cascade validate` (docs/calibration.md, "Selby"): where, in
// a simulated study, the interaction of rumination instability and NA instability on NSSI counts does
// or does not come from. Not a benchmark (bench/run.js runs only *.bench.js); a research script.
//
//   node bin/cascade.js simulate scenarios/bpd-cascade.yaml --persons 1000 --seed 1 --out /tmp/s1
//   node bench/selby-diagnostics.js /tmp/s1 [group=bpd]
//
// It reads the truth files of `cascade simulate` (truth/persons.csv, truth/prompts.csv) and prints, for
// the group's persons:
// 1. negative binomial fits of the true act count on the person's PARAMETERS (log couplings wRA and
//    wAR with their interaction, and every other parameter that varies between persons), so the
//    synergy of the cascade loop itself is visible;
// 2. the same count on the LATENT instabilities: MSSD of R and of A over the signal prompts
//    (adjacent prompts of one day, the analysis layer's pair rule), with their interaction, as the
//    Selby test does on the items;
// 3. how the two MSSDs relate to the parameters (Pearson correlations);
// 4. mean act counts by tertiles of the two MSSDs, and the log interaction contrast of the corners.
// Predictors are standardised, so coefficients are per standard deviation.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sampleCorrelation, sampleStandardDeviation, mean } from "simple-statistics";
import { inferSchema, initParser } from "udsv";

const { analysis, stats } = await import(new URL("../dist/index.js", import.meta.url).href);

const [dir, group = "bpd"] = process.argv.slice(2);
if (!dir) {
  console.error("usage: node bench/selby-diagnostics.js SIMULATE_OUTPUT_DIR [group]");
  process.exit(2);
}

/** The rows of a CSV file as objects keyed by the header (uDSV, the project's CSV parser). */
function readCsv(path) {
  const text = readFileSync(path, "utf8");
  return initParser(inferSchema(text)).stringObjs(text);
}

const persons = readCsv(join(dir, "truth", "persons.csv")).filter((row) => row.group === group);
if (persons.length === 0) {
  console.error(`${join(dir, "truth", "persons.csv")}: no persons in group "${group}"`);
  process.exit(1);
}
const promptsById = new Map();
for (const row of readCsv(join(dir, "truth", "prompts.csv"))) {
  if (row.group !== group || row.trigger !== "signal") continue;
  if (!promptsById.has(row.id)) promptsById.set(row.id, []);
  promptsById.get(row.id).push(row);
}

/** MSSD of one latent variable at the signal prompts, adjacent pairs within a day (src/analysis). */
function latentMssd(rows, key) {
  const values = rows.map((row) => Number(row[key]));
  const pairs = analysis.successivePairs(values, { day: rows.map((row) => Number(row.day)), beep: rows.map((row) => Number(row.beep)) });
  return analysis.mssdOfPairs(pairs);
}

const data = persons
  .map((p) => {
    const rows = promptsById.get(p.id) ?? [];
    return { p, acts: Number(p.acts), mssdR: latentMssd(rows, "R"), mssdA: latentMssd(rows, "A") };
  })
  .filter((d) => Number.isFinite(d.mssdR) && Number.isFinite(d.mssdA));
const acts = data.map((d) => d.acts);

function standardise(values) {
  const centre = mean(values);
  const sd = sampleStandardDeviation(values);
  // A parameter fixed in the scenario is constant (up to its printed digits): no column.
  return sd > 1e-9 * (1 + Math.abs(centre)) ? values.map((x) => (x - centre) / sd) : null;
}

function correlation(x, y) {
  return standardise(x) && standardise(y) ? sampleCorrelation(x, y) : Number.NaN;
}

/** Fits the count on the given columns (constant ones dropped) and prints the named coefficients. */
function fit(label, columns, terms, show) {
  const kept = {};
  for (const [name, values] of Object.entries(columns)) {
    const z = standardise(values);
    if (z) kept[name] = z;
  }
  const usable = terms.filter((term) => term.split(/[*:]/).every((name) => name in kept));
  const result = stats.negativeBinomialRegression(stats.designMatrix(kept, usable), acts);
  console.log(`\n${label}`);
  if (result.status !== "ok") {
    console.log(`  fit failed: ${result.status} ${result.message ?? ""}`);
    return;
  }
  for (const name of show) {
    if (!result.coefficients.names.includes(name)) continue;
    const row = stats.coefficientRow(result.coefficients, name);
    console.log(`  ${name.padEnd(14)} ${row.estimate.toFixed(3).padStart(7)}  SE ${row.standardError.toFixed(3)}  z ${(row.estimate / row.standardError).toFixed(2).padStart(6)}`);
  }
  console.log(`  theta ${result.theta.toFixed(2)}`);
}

const parameter = (name, transform = (x) => x) => data.map((d) => transform(Number(d.p[name])));
const parameters = {
  wRA: parameter("wRA", Math.log),
  wAR: parameter("wAR", Math.log),
  sigmaA: parameter("sigmaA", Math.log),
  sigmaR: parameter("sigmaR", Math.log),
  reactivity: parameter("reactivity", Math.log),
  b0: parameter("b0"),
  nu: parameter("nu"),
  delta: parameter("delta"),
};
const total = acts.reduce((a, b) => a + b, 0);
console.log(`${group}: ${data.length} persons, ${total} acts (${(total / data.length).toFixed(2)} per person), ${acts.filter((a) => a === 0).length} persons without an act`);

fit("1. acts ~ log wRA x log wAR + the other varying parameters (negative binomial)", parameters, ["wRA*wAR", "sigmaA", "sigmaR", "reactivity", "b0", "nu", "delta"], ["wRA", "wAR", "wRA:wAR"]);
const mssd = { mssd_R: data.map((d) => d.mssdR), mssd_A: data.map((d) => d.mssdA) };
fit("2. acts ~ latent MSSD(R) x latent MSSD(A) (negative binomial)", mssd, ["mssd_R*mssd_A"], ["mssd_R", "mssd_A", "mssd_R:mssd_A"]);

console.log("\n3. correlations of the latent MSSDs with the parameters");
for (const [name, values] of Object.entries(parameters)) {
  const rR = correlation(mssd.mssd_R, values);
  const rA = correlation(mssd.mssd_A, values);
  if (Number.isNaN(rR)) continue;
  console.log(`  ${name.padEnd(11)} MSSD(R) ${rR.toFixed(2).padStart(5)}   MSSD(A) ${rA.toFixed(2).padStart(5)}`);
}
console.log(`  MSSD(R) with MSSD(A): ${correlation(mssd.mssd_R, mssd.mssd_A).toFixed(2)}`);

const tertiles = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return [sorted[Math.floor(sorted.length / 3)], sorted[Math.floor((2 * sorted.length) / 3)]];
};
const cutsR = tertiles(mssd.mssd_R);
const cutsA = tertiles(mssd.mssd_A);
const tertile = (value, cuts) => (value < cuts[0] ? 0 : value < cuts[1] ? 1 : 2);
const cells = Array.from({ length: 3 }, () => Array.from({ length: 3 }, () => ({ n: 0, acts: 0 })));
for (const d of data) {
  const cell = cells[tertile(d.mssdR, cutsR)][tertile(d.mssdA, cutsA)];
  cell.n++;
  cell.acts += d.acts;
}
const meanActs = (cell) => cell.acts / cell.n;
console.log("\n4. mean acts per person (persons) by tertile: rows MSSD(R) low to high, columns MSSD(A) low to high");
for (const row of cells) console.log("  " + row.map((cell) => `${meanActs(cell).toFixed(2)} (${cell.n})`.padEnd(15)).join(""));
const contrast = Math.log(meanActs(cells[2][2])) - Math.log(meanActs(cells[2][0])) - Math.log(meanActs(cells[0][2])) + Math.log(meanActs(cells[0][0]));
console.log(`  log interaction contrast of the corners (high-high - high-low - low-high + low-low): ${contrast.toFixed(3)}`);
