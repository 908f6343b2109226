/**
 * `cascade power` from the command line: the same bytes for --workers 1 and --workers 2, the files
 * and their columns, and bad options or scenarios giving named errors with nothing written.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "./helpers/cli.js";
import { expectSameFiles, runInProcess, snapshot } from "./sweep-helpers.js";
import { vegaLiteValidator } from "./helpers/charts-data.js";

const scenario = `
seed: 8
days: 3
simulation: { dtMinutes: 10, burnInHours: 6 }
groups:
  - name: bpd
    size: 10
    parameters:
      sigmaA: 1.1
      wAR: { dist: lognormal, median: 1.2, sdlog: 0.2 }
      delta: { dist: normal, mean: 0.3, sd: 0.15, min: 0, max: 1 }
      b0: { dist: normal, mean: -9, sd: 1 }
  - name: control
    size: 10
    parameters: { sigmaA: 0.84, wAR: 0.6, wRA: 0.6 }
`;

let dir: string;
const file = () => join(dir, "s.yaml");

beforeAll(() => {
  dir = tempDir("cascade-power-");
  writeFileSync(file(), scenario);
  writeFileSync(join(dir, "fixed.yaml"), scenario.replace("days: 3", "days: 3\ndesign: { schedule: { type: fixed, times: ['10:00', '16:00'] } }"));
  writeFileSync(join(dir, "no-rumination.yaml"), scenario.replace("days: 3", "days: 3\ndesign: { items: [{ name: sad, kind: emotion }, { name: nssi, kind: nssi }] }"));
});

describe("cascade power: determinism and files", () => {
  it.each([
    ["zaki", ["--test", "zaki", "--method", "mixed-fallback", "--persons", "6,9", "--days", "2", "--prompts", "5", "--replicates", "4"]],
    ["selby", ["--test", "selby", "--model", "negbin", "--persons", "8", "--days", "2,3", "--replicates", "4"]],
  ])("%s writes the same bytes with --workers 1 and --workers 2", async (_, args) => {
    const one = join(dir, `${args[1]}-1`);
    const two = join(dir, `${args[1]}-2`);
    const first = await runInProcess(["power", file(), ...args, "--out", one, "--quiet"]);
    expect(first.code, first.stderr).toBe(0);
    const second = runCli(["power", file(), ...args, "--workers", "2", "--out", two, "--quiet"], { cwd: dir });
    expect(second.code, second.stderr).toBe(0);
    expectSameFiles(one, two);
    expect([...snapshot(one).keys()].sort()).toEqual(["power-curve.svg", "power-curve.vl.json", "power.csv", "power.json", "replicates.csv"]);
  });

  it("writes power with its interval and failed fits, every replicate, the model in words and a valid chart", async () => {
    const out = join(dir, "mssd");
    const result = await runInProcess(["power", file(), "--test", "mssd-difference", "--persons", "4,8", "--days", "2", "--replicates", "5", "--png", "--out", out]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/2 settings x 5 replicates/);
    expect(result.stdout).toMatch(/persons\s+design\s+power\s+95% CI \(Wilson\)\s+failed/);
    const power = readFileSync(join(out, "power.csv"), "utf8").trimEnd().split("\n");
    expect(power[0]).toBe("persons,days,prompts,replicates,ok,failed,significant,power,lower,upper,mean_estimate,median_p,mean_persons,methods");
    expect(power[1]).toMatch(/^4,2,,5,5,0,\d,[\d.]+,[\d.]+,[\d.]+,/);
    expect(power[1].endsWith(",welch:5")).toBe(true);
    const replicates = readFileSync(join(out, "replicates.csv"), "utf8").trimEnd().split("\n");
    expect(replicates.length).toBe(1 + 10);
    expect(replicates[0]).toBe("persons,days,prompts,replicate,seed,status,method,estimate,standard_error,statistic,df,p_value,significant,persons_analysed,message");
    const significant = replicates.slice(1).filter((line) => line.split(",")[12] === "1").length;
    expect(significant).toBe(power.slice(1).reduce((sum, line) => sum + Number(line.split(",")[6]), 0));
    const metadata = JSON.parse(readFileSync(join(out, "power.json"), "utf8"));
    expect(metadata.plan).toMatchObject({ test: "mssd-difference", groups: ["bpd", "control"], persons: [4, 8], days: [2], prompts: null, replicates: 5, alpha: 0.05, seed: 8 });
    expect(metadata.model.model).toMatch(/Welch/);
    expect(metadata.significance).toMatch(/status is ok and p < 0\.05/);
    expect(vegaLiteValidator()(JSON.parse(readFileSync(join(out, "power-curve.vl.json"), "utf8")))).toEqual([]);
    expect(readFileSync(join(out, "power-curve.png")).subarray(1, 4).toString("latin1")).toBe("PNG");
  });
});

describe("cascade power rejects bad options with named errors and no output", () => {
  const base = ["--persons", "6", "--days", "2", "--replicates", "2"];
  const cases: [string, string, string[], RegExp][] = [
    ["unknown test", "s.yaml", ["--test", "selbi", ...base], /--test: expected one of selby, zaki, mssd-difference, got "selbi" \(did you mean "selby"\?\)/],
    ["unknown model", "s.yaml", ["--test", "selby", "--model", "nb", ...base], /--model: expected one of poisson, negbin, got "nb"/],
    ["bad persons", "s.yaml", ["--test", "selby", "--persons", "10,x", "--days", "2"], /--persons 10,x: expected whole numbers/],
    ["too few persons", "s.yaml", ["--test", "zaki", "--persons", "3", "--days", "2"], /--persons 3: expected values from 5 to 100000, got 3/],
    ["bad alpha", "s.yaml", ["--test", "selby", ...base, "--alpha", "1.5"], /--alpha: expected a number between 0 and 1, got "1\.5"/],
    ["unknown group", "s.yaml", ["--test", "zaki", ...base, "--group", "bdp"], /--group: the scenario has no group "bdp" \(did you mean "bpd"\?\)/],
    ["one group for a difference", "s.yaml", ["--test", "mssd-difference", ...base, "--groups", "bpd"], /--groups: expected two different groups as A,B/],
    ["prompts with a fixed schedule", "fixed.yaml", ["--test", "mssd-difference", ...base, "--prompts", "4"], /--prompts: group bpd has a fixed schedule/],
    ["missing items", "no-rumination.yaml", ["--test", "selby", ...base], /--test selby: group bpd's design has no rumination item/],
    ["unknown NA item", "s.yaml", ["--test", "mssd-difference", ...base, "--na-item", "sadd"], /--na-item: group bpd has no item "sadd" \(did you mean "sad"\?\)/],
    ["too many days", "s.yaml", ["--test", "selby", "--persons", "6", "--days", "4000"], /--days 4000: expected values from 1 to 3650/],
  ];
  it.each(cases)("%s", async (_, scenarioFile, args, message) => {
    const out = join(dir, "bad");
    const result = await runInProcess(["power", join(dir, scenarioFile), ...args, "--out", out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });
});
