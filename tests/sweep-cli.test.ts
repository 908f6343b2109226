/**
 * `cascade sweep` and `cascade merge` from the command line: byte-identical directories for any
 * number of workers and for one run versus merged shards; merge refuses shards that do not make one
 * sweep; bad parameters give named errors and leave nothing behind. Small studies (2 days on a
 * 10-minute grid) keep the file fast.
 */
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "./helpers/cli.js";
import { expectSameFiles, runInProcess, snapshot } from "./sweep-helpers.js";

const scenario = `
seed: 11
days: 2
simulation: { dtMinutes: 10, burnInHours: 6 }
groups:
  - name: bpd
    size: 3
    parameters:
      sigmaA: 1.1
      wAR: { dist: lognormal, median: 1.1, sdlog: 0.2 }
  - name: control
    size: 2
    parameters: { sigmaA: 0.84, wAR: 0.6, wRA: 0.6 }
`;

let dir: string;
const file = () => join(dir, "s.yaml");

/** `cascade sweep` as a child process (the compiled command, as a user runs it). */
function sweep(args: string[], out: string) {
  return runCli(["sweep", file(), ...args, "--out", out, "--quiet"], { cwd: dir });
}

/** `cascade sweep` in this process (for runs without worker threads). */
function sweepHere(args: string[], out: string) {
  return runInProcess(["sweep", file(), ...args, "--out", out, "--quiet"]);
}

const twoParameters = ["--param", "groups.bpd.parameters.wAR.median=0.6:1.6:3", "--param", "groups.*.parameters.sigmaA=0.8,1.2", "--replicates", "2", "--outcomes", "cascade_share,mssd_na,pac_na"];
const oneParameter = ["--param", "groups[0].parameters.wRA=0.5:1.5:3", "--replicates", "3", "--outcomes", "cascade_share,acts_per_person"];

beforeAll(() => {
  dir = tempDir("cascade-sweep-");
  writeFileSync(file(), scenario);
});

describe("cascade sweep: determinism", () => {
  it("writes the same bytes with --workers 1 and --workers 2 (heatmaps)", () => {
    const one = join(dir, "w1");
    const two = join(dir, "w2");
    expect(sweep(twoParameters, one).code).toBe(0);
    expect(sweep([...twoParameters, "--workers", "2"], two).code).toBe(0);
    expectSameFiles(one, two);
    const names = [...snapshot(one).keys()].sort();
    expect(names).toEqual([
      "charts/heatmap-cascade_share.svg",
      "charts/heatmap-cascade_share.vl.json",
      "charts/heatmap-mssd_na.svg",
      "charts/heatmap-mssd_na.vl.json",
      "charts/heatmap-pac_na.svg",
      "charts/heatmap-pac_na.vl.json",
      "results.csv",
      "summary.csv",
      "sweep.json",
    ]);
    const results = readFileSync(join(one, "results.csv"), "utf8").trimEnd().split("\n");
    expect(results[0]).toBe("cell,replicate,seed,groups.bpd.parameters.wAR.median,groups.*.parameters.sigmaA,group,persons,cascade_share,mssd_na,pac_na");
    expect(results.length).toBe(1 + 6 * 2 * 2); // 6 cells x 2 replicates x 2 groups
    expect(results[1]).toMatch(/^1,1,\d+,0\.6,0\.8,bpd,3,/);
    expect(results[24]).toMatch(/^6,2,\d+,1\.6,1\.2,control,2,/);
  });

  it("writes the same bytes for one run and for shards merged in any order (bifurcation charts)", async () => {
    const single = join(dir, "single");
    expect(sweep(oneParameter, single).code).toBe(0);
    // Shards and merge run in this process: no worker threads, and no second of start-up each.
    for (const i of [0, 1, 2]) expect((await sweepHere([...oneParameter, "--shard", `${i}/3`], join(dir, `shard${i}`))).code).toBe(0);
    // A shard holds its own tasks only: task t belongs to shard t mod 3.
    const shard1 = readFileSync(join(dir, "shard1", "results.csv"), "utf8").trimEnd().split("\n").slice(1);
    expect(shard1.map((line) => line.split(",").slice(0, 2).join(","))).toEqual(["1,2", "1,2", "2,2", "2,2", "3,2", "3,2"]);
    expect(existsSync(join(dir, "shard1", "charts"))).toBe(false);
    const merged = join(dir, "merged");
    const result = await runInProcess(["merge", join(dir, "shard2"), join(dir, "shard0"), join(dir, "shard1"), "--out", merged]);
    expect(result.code, result.stderr).toBe(0);
    expectSameFiles(single, merged);
    expect(existsSync(join(single, "charts", "bifurcation-cascade_share.svg"))).toBe(true);
  });

  it("records the plan and seeds; a run's seed reproduces its persons with cascade simulate", async () => {
    const out = join(dir, "reproduce");
    // The swept value equals the scenario's own, so the cell's scenario is the scenario itself.
    expect((await sweepHere(["--param", "groups.bpd.parameters.sigmaA=1.1", "--replicates", "1", "--outcomes", "cascade_share,acts_per_person", "--no-charts"], out)).code).toBe(0);
    const metadata = JSON.parse(readFileSync(join(out, "sweep.json"), "utf8"));
    expect(metadata.kind).toBe("sweep");
    expect(metadata.plan.parameters).toEqual([{ path: "groups.bpd.parameters.sigmaA", values: [1.1] }]);
    expect(metadata.seeds.scheme).toBe("cascade-lab/sweep/v1");
    expect(metadata.files["results.csv"].rows).toBe(2);
    const rows = readFileSync(join(out, "results.csv"), "utf8").trimEnd().split("\n").slice(1).map((line) => line.split(","));
    const seed = rows[0][2];
    expect((await runInProcess(["simulate", file(), "--seed", seed, "--out", join(dir, "sim"), "--quiet"])).code).toBe(0);
    const persons = readFileSync(join(dir, "sim", "truth", "persons.csv"), "utf8").trimEnd().split("\n");
    const header = persons[0].split(",");
    const share = header.indexOf("cascadeShare");
    const acts = header.indexOf("acts");
    const bpd = persons.slice(1).map((line) => line.split(",")).filter((cells) => cells[1] === "bpd");
    const mean = (column: number) => bpd.reduce((sum, cells) => sum + Number(cells[column]), 0) / bpd.length;
    expect(Number(rows[0][6])).toBeCloseTo(mean(share), 4); // persons.csv rounds to 6 digits
    expect(Number(rows[0][7])).toBeCloseTo(mean(acts), 12);
  });
});

describe("cascade sweep --png", () => {
  it("also writes each chart as a PNG twice the SVG's size", async () => {
    const out = join(dir, "png");
    const result = await sweepHere(["--param", "groups.bpd.parameters.wAR.median=0.8,1.4", "--replicates", "1", "--outcomes", "cascade_share", "--png"], out);
    expect(result.code, result.stderr).toBe(0);
    const png = readFileSync(join(out, "charts", "bifurcation-cascade_share.png"));
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    const svg = readFileSync(join(out, "charts", "bifurcation-cascade_share.svg"), "utf8");
    const svgWidth = Number(/<svg[^>]*width="([\d.]+)"/.exec(svg)?.[1]);
    expect(png.readUInt32BE(16)).toBe(Math.round(svgWidth * 2)); // IHDR width
    expect(JSON.parse(readFileSync(join(out, "sweep.json"), "utf8")).files.charts).toEqual(["bifurcation-cascade_share"]);
  });
});

describe("cascade merge refuses shards that do not make one sweep, and writes nothing", () => {
  /** Shard `index` of `count` of a small sweep (made once, in this process). */
  const shard = async (index: number, count: number, extra: string[] = []): Promise<string> => {
    const out = join(dir, `part${extra.join("")}-${index}of${count}`);
    if (!existsSync(out)) {
      const result = await sweepHere(["--param", "groups.bpd.parameters.sigmaA=0.9,1.3", "--replicates", "2", "--outcomes", "any_act", ...extra, "--shard", `${index}/${count}`], out);
      expect(result.code, result.stderr).toBe(0);
    }
    return out;
  };

  const refuse = async (args: string[], message: RegExp): Promise<void> => {
    const out = join(dir, "refused");
    const result = await runInProcess(["merge", ...args, "--out", out]);
    expect(result.code, result.stdout).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  };

  it("merges the shards of one sweep", async () => {
    const result = await runInProcess(["merge", await shard(1, 2), await shard(0, 2), "--out", join(dir, "merged-parts"), "--no-charts"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/4 runs from 2 shards/);
  });
  it("a missing shard", async () => refuse([await shard(0, 3), await shard(1, 3)], /missing shard 2\/3 of 3/));
  it("a shard given twice", async () => {
    const a = await shard(0, 2);
    await refuse([a, await shard(1, 2), a], /shard 0\/2 is given twice/);
  });
  it("shards of another seed, naming the difference", async () => {
    await refuse([await shard(0, 2), await shard(1, 2, ["--seed", "99"])], /not the same sweep as .*: the plans differ at plan\.seed \(11 vs 99\)/);
  });
  it("shards of another grid", async () => {
    const other = join(dir, "othergrid");
    expect((await sweepHere(["--param", "groups.bpd.parameters.sigmaA=0.9,1.4", "--replicates", "2", "--outcomes", "any_act", "--shard", "1/2"], other)).code).toBe(0);
    await refuse([await shard(0, 2), other], /plans differ at plan\.parameters\[0\]\.values\[1\] \(1\.3 vs 1\.4\)/);
  });
  it("shards split into a different number of parts", async () => {
    await refuse([await shard(0, 2), await shard(2, 3)], /is shard 2\/3, but .* is shard 0\/2/);
  });
  it("a complete sweep instead of a shard", async () => refuse([join(dir, "w1")], /this is a complete sweep, not a shard/));
  it("a directory that is not a shard", async () => refuse([join(dir, "nothing-here")], /no such directory/));
  it("a shard whose results were cut short", async () => {
    const cut = join(dir, "cut-1of2");
    cpSync(await shard(1, 2), cut, { recursive: true });
    const results = join(cut, "results.csv");
    const lines = readFileSync(results, "utf8").trimEnd().split("\n");
    writeFileSync(results, lines.slice(0, -2).join("\n") + "\n");
    await refuse([await shard(0, 2), cut], /results\.csv holds 1 runs, but shard 1\/2 of this sweep has 2/);
  });
});

describe("cascade sweep rejects bad parameters with named errors and no output", () => {
  const cases: [string, string[], RegExp][] = [
    ["unknown parameter", ["--param", "groups.bpd.parameters.wAX=1:2:2"], /--param groups\.bpd\.parameters\.wAX: unknown field "wAX" in groups\.bpd\.parameters \(did you mean "wAR"\?\)/],
    ["unknown group", ["--param", "groups.bdp.parameters.wAR=1:2:2"], /groups has no element named "bdp" \(did you mean "bpd"\?\)/],
    ["out-of-range value", ["--param", "groups.bpd.parameters.sigmaA=-1:1:3"], /the grid cell groups\.bpd\.parameters\.sigmaA=-1 gives an invalid scenario:\n\s+.*s\.yaml: groups\[0\]\.parameters\.sigmaA: expected a number/],
    ["fraction for an integer", ["--param", "design.schedule.perDay=2:5:3"], /design\.schedule\.perDay takes whole numbers, but the grid gives 3\.5/],
    ["malformed grid", ["--param", "days=1:3"], /--param days=1:3: expected FROM:TO:STEPS with three parts/],
    ["a mapping", ["--param", "design.schedule=1,2"], /design\.schedule is a mapping; sweeps set a number/],
    ["no --param", [], /--param: give at least one parameter to sweep/],
    ["bad shard", ["--param", "days=1,2", "--shard", "3/3"], /--shard: expected I\/N with 0 <= I < N, got "3\/3"/],
    ["bad outcome", ["--param", "days=1,2", "--outcomes", "mssd"], /unknown outcome "mssd"/],
  ];
  it.each(cases)("%s", async (_, args, message) => {
    const out = join(dir, "bad");
    const result = await sweepHere(args, out);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it("replaces an existing directory only with --force", async () => {
    const out = join(dir, "existing");
    const args = ["--param", "days=1", "--replicates", "1", "--outcomes", "any_act", "--no-charts"];
    expect((await sweepHere(args, out)).code).toBe(0);
    const again = await sweepHere(args, out);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists; use --force/);
    rmSync(join(out, "summary.csv"));
    expect((await sweepHere([...args, "--force"], out)).code).toBe(0);
    expect(existsSync(join(out, "summary.csv"))).toBe(true);
  });
});
