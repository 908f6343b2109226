// `cascade analyze` end to end: both real datasets, a directory in the format of `cascade simulate`,
// group summaries, truth beside estimates, event-locked means.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "./helpers/cli.js";
import { agrees, friedFile, kossakowskiFile, normalStream, ornsteinUhlenbeck, readRTable, rNumber } from "./analysis-helpers.js";

/** Parses a CSV written by `cascade analyze` (no quoted commas in these tests). */
function readCsv(path: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(path, "utf8").trimEnd().split("\n");
  const columns = head.split(",");
  return lines.map((line) => Object.fromEntries(line.split(",").map((cell, i) => [columns[i], cell])));
}

describe("cascade analyze on fried2022 (README command)", () => {
  const dir = tempDir();
  const out = join(dir, "fried");
  const result = runCli(["analyze", friedFile, "--items", "irritable,nervous,angry", "--time", "response", "--duplicates", "keep", "--scale", "1:5", "--out", out]);
  it("exits 0 and reports what it did", () => {
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/analysed 79 persons, 316 person-variable rows \(pairs: adjacent; 2 passes over the file\)/);
    expect(readdir(out)).toEqual(["analysis.json", "metrics.csv"]);
  });
  it("writes every column of the R reference under the same name, with the same values and empty cells", () => {
    const rows = readCsv(join(out, "metrics.csv"));
    const reference = readRTable("fried2022_metrics.csv");
    const byKey = new Map(rows.map((row) => [`${row.id}|${row.variable}`, row]));
    const problems: string[] = [];
    for (const cells of reference.rows) {
      const row = byKey.get(`${cells[0]}|${cells[1]}`)!;
      reference.header.slice(2).forEach((column, j) => {
        const expected = rNumber(cells[j + 2]);
        const actual = row[column] === "" ? Number.NaN : Number(row[column]);
        if (!agrees(actual, expected)) problems.push(`${cells[0]} ${cells[1]} ${column}: ${expected} vs ${row[column]}`);
      });
    }
    expect(problems).toEqual([]);
  });
  it("states the options and pooled cutoffs in analysis.json", () => {
    const analysis = JSON.parse(readFileSync(join(out, "analysis.json"), "utf8")) as { options: { pairs: string }; pooled: { cutoffs: Record<string, number> } };
    expect(analysis.options.pairs).toBe("adjacent");
    expect(analysis.pooled.cutoffs).toEqual({ irritable: 1, nervous: 1, angry: 1, na_mean: 1 });
  });
});

function readdir(path: string): string[] {
  return existsSync(path) ? readdirSync(path).sort() : [];
}

describe("cascade analyze on kossakowski2017 (README command)", () => {
  it("reads dd/mm/yy dates with clock times and absent missed prompts, and writes rolling windows", () => {
    const dir = tempDir();
    const out = join(dir, "k");
    const result = runCli([
      "analyze", kossakowskiFile, "--single-person", "--day", "date", "--beep", "beepno", "--date", "date", "--time", "beeptime", "--date-format", "dmy",
      "--items", "mood_down,mood_lonely,mood_anxious,mood_guilty", "--extra-items", "pat_worry", "--scale", "mood_down=-3:3,mood_lonely=-3:3,mood_anxious=-3:3,mood_guilty=-3:3,pat_worry=1:7",
      "--ews-window", "28d", "--ews-step", "7", "--ews-windows", "--out", out,
    ]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const rows = readCsv(join(out, "metrics.csv"));
    expect(rows.map((r) => r.variable)).toEqual(["mood_down", "mood_lonely", "mood_anxious", "mood_guilty", "na_mean", "pat_worry"]);
    expect(Number(rows[0].n_obs)).toBe(1474);
    expect(Number(rows[0].median_interval)).toBeGreaterThan(1);
    expect(Number(rows[0].sd_rel)).toBeGreaterThan(0);
    const windows = readCsv(join(out, "ews.csv"));
    expect(windows.length).toBe(6 * Number(rows[0].ews_windows));
    expect(Number(windows[0].end) - Number(windows[0].start)).toBeCloseTo(28, 9);
  });
});

/**
 * Writes a small directory in the format of `cascade simulate`: latent NA follows an exact OU process
 * with the person's thetaA; emotion items mix it with item-specific noise by delta (MODEL.md section 3);
 * NSSI is reported at some high-NA prompts.
 */
function writeSimulatedDirectory(dir: string): void {
  mkdirSync(join(dir, "truth"), { recursive: true });
  const random = seedrandom("simulated-dir");
  const normal = normalStream("simulated-dir-noise");
  const items = ["sad", "anxious", "angry", "ashamed"];
  const observed = ["id,group,day,beep,scheduled,responded,answered," + [...items, "rumination", "urge", "nssi"].join(",")];
  const truth = ["id,group,delta,thetaA,acts,sigmaA"];
  for (let p = 1; p <= 24; p++) {
    const group = p <= 12 ? "bpd" : "healthy";
    const delta = 0.05 + 0.9 * random();
    const thetaA = 0.1 + 0.9 * random();
    const times: number[] = [];
    for (let d = 1; d <= 14; d++) for (let b = 1; b <= 6; b++) times.push(24 * d + 8 + 2.5 * (b - 1) + random());
    const latent = ornsteinUhlenbeck(times, thetaA, group === "bpd" ? 1.3 : 0.8, normal);
    let acts = 0;
    times.forEach((time, i) => {
      const day = Math.floor(i / 6) + 1;
      const beep = (i % 6) + 1;
      const clock = (t: number): string => new Date(Date.UTC(2024, 0, 1) + (t - 24) * 3_600_000).toISOString().slice(0, 19);
      const act = latent[i] > 1.5 && random() < 0.5 ? 1 : 0;
      acts += act;
      if (random() < 0.2) {
        observed.push(`${p},${group},${day},${beep},${clock(time - 0.2)},,0,,,,,,,`);
        return;
      }
      const score = (value: number): number => Math.min(7, Math.max(1, Math.round(4 + value)));
      const emotions = items.map(() => score(Math.sqrt(1 - delta) * 1.5 * latent[i] + Math.sqrt(delta) * 1.5 * normal()));
      observed.push(`${p},${group},${day},${beep},${clock(time - 0.2)},${clock(time)},1,${emotions.join(",")},${score(latent[i] + 0.5 * normal())},${Math.round(50 + 15 * latent[i])},${act}`);
    });
    truth.push(`${p},${group},${delta},${thetaA},${acts},1`);
  }
  writeFileSync(join(dir, "observed.csv"), observed.join("\n") + "\n");
  writeFileSync(join(dir, "truth", "persons.csv"), truth.join("\n") + "\n");
  writeFileSync(join(dir, "metadata.json"), JSON.stringify({ scenario: "test", seed: 1, items: [...items, "rumination"].map((name) => ({ name, scale: { min: 1, max: 7 } })) }));
}

describe("cascade analyze on a directory written by cascade simulate", () => {
  const dir = tempDir();
  const sim = join(dir, "sim");
  writeSimulatedDirectory(sim);
  const out = join(dir, "analysis");
  const result = runCli(["analyze", sim, "--out", out]);
  it("recognises it from metadata.json and takes items, scales, group, events and times from it", () => {
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(readdir(out)).toEqual(["analysis.json", "event-locked.csv", "groups.csv", "metrics.csv", "recovery.csv"]);
    const rows = readCsv(join(out, "metrics.csv"));
    expect([...new Set(rows.map((r) => r.variable))]).toEqual(["sad", "anxious", "angry", "ashamed", "na_mean", "rumination", "urge"]);
    expect(rows[0].group).toBe("bpd");
    const relative = rows.filter((r) => r.variable !== "urge").map((r) => Number(r.sd_rel));
    expect(relative.filter((v) => v > 0 && v <= 1).length).toBeGreaterThan(relative.length * 0.9); // scales from the metadata
    expect(rows.find((r) => r.variable === "urge")!.sd_rel).toBe(""); // no scale for urge
    expect(Number(rows[0].median_interval)).toBeGreaterThan(2); // times from `scheduled`
  });
  it("puts each person's true parameters beside the estimates", () => {
    const rows = readCsv(join(out, "metrics.csv"));
    const truth = readCsv(join(sim, "truth", "persons.csv"));
    const first = rows.find((r) => r.id === "3" && r.variable === "na_mean")!;
    const truth3 = truth.find((r) => r.id === "3")!;
    expect(Number(first.true_delta)).toBe(Number(truth3.delta));
    expect(Number(first.true_thetaA)).toBe(Number(truth3.thetaA));
    expect(Number(first.true_acts)).toBe(Number(truth3.acts));
    expect(Number(first.events_reported)).toBeLessThanOrEqual(Number(truth3.acts)); // missed prompts lose reports
  });
  it("summarises recovery: delta lowers the ICC, thetaA lowers the AR(1) slope", () => {
    const recovery = readCsv(join(out, "recovery.csv"));
    const correlation = (truthName: string, estimate: string): number => Number(recovery.find((r) => r.truth === truthName && r.estimate === estimate)!.correlation);
    expect(correlation("delta", "icc3k")).toBeLessThan(-0.5);
    expect(correlation("thetaA", "ar1")).toBeLessThan(-0.3);
    expect(correlation("acts", "events_reported")).toBeGreaterThan(0.8);
    expect(result.stdout).toMatch(/truth recovery/);
  });
  it("compares groups with Hedges' g and a 95% CI for each metric", () => {
    const groups = readCsv(join(out, "groups.csv"));
    const sd = groups.find((r) => r.variable === "na_mean" && r.metric === "sd")!;
    expect(sd.reference).toBe("bpd");
    expect(sd.group).toBe("healthy");
    expect(Number(sd.g)).toBeLessThan(0); // healthy persons have a smaller sigmaA
    expect(Number(sd.lower)).toBeLessThan(Number(sd.g));
    expect(Number(sd.upper)).toBeGreaterThan(Number(sd.g));
  });
  it("gives event-locked means by prompt offset with confidence intervals", () => {
    const locked = readCsv(join(out, "event-locked.csv"));
    const urge = locked.filter((r) => r.variable === "urge");
    expect(urge.map((r) => Number(r.offset))).toEqual([-3, -2, -1, 0, 1, 2, 3]);
    const at = (offset: number): number => Number(urge.find((r) => Number(r.offset) === offset)!.mean);
    expect(at(0)).toBeGreaterThan(at(-3)); // events were reported at high-NA prompts
  });
  it("leaves the truth out with --no-truth, and writes a single table for a .csv output", () => {
    const file = join(dir, "m.csv");
    const plain = runCli(["analyze", sim, "--no-truth", "--no-ews", "--out", file]);
    expect(plain.code).toBe(0);
    const header = readFileSync(file, "utf8").split("\n")[0];
    expect(header).not.toMatch(/true_/);
    expect(header.startsWith("id,group,variable,n_obs,n_pairs,mean,sd,mssd,rmssd,mssd_psych,pac,pac_cutoff,ac1,icc3,icc3k,n_complete")).toBe(true);
  });
});

describe("cascade analyze on a file whose persons are interleaved", () => {
  it("loads it whole, says so, and gives the same metrics as the sorted file", () => {
    const dir = tempDir();
    const sorted = "id,day,beep,sad,angry\n1,1,1,1,2\n1,1,2,3,3\n1,1,3,2,5\n1,1,4,4,4\n2,1,1,5,5\n2,1,2,1,2\n2,1,3,4,4\n2,1,4,2,1\n";
    const lines = sorted.trimEnd().split("\n");
    const interleaved = [lines[0], lines[1], lines[5], lines[2], lines[6], lines[3], lines[7], lines[4], lines[8]].join("\n") + "\n";
    writeFileSync(join(dir, "a.csv"), sorted);
    writeFileSync(join(dir, "b.csv"), interleaved);
    const a = runCli(["analyze", join(dir, "a.csv"), "--items", "sad,angry", "--out", join(dir, "a-out.csv")]);
    const b = runCli(["analyze", join(dir, "b.csv"), "--items", "sad,angry", "--out", join(dir, "b-out.csv")]);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(b.stderr).toMatch(/note: .*b\.csv, row 4: the rows of person "1" are not together/);
    expect(readFileSync(join(dir, "b-out.csv"), "utf8")).toBe(readFileSync(join(dir, "a-out.csv"), "utf8"));
  });
});

describe("cascade analyze with worker threads", () => {
  it("writes byte-identical output with 1 and 2 threads", () => {
    const dir = tempDir();
    const sim = join(dir, "sim");
    writeSimulatedDirectory(sim);
    const one = runCli(["analyze", sim, "--threads", "1", "--out", join(dir, "one")]);
    const two = runCli(["analyze", sim, "--threads", "2", "--out", join(dir, "two")]);
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    for (const file of ["metrics.csv", "groups.csv", "event-locked.csv", "recovery.csv"]) {
      expect(readFileSync(join(dir, "two", file), "utf8")).toBe(readFileSync(join(dir, "one", file), "utf8"));
    }
  });
});

describe("cascade analyze on the output of cascade simulate itself", () => {
  it("reads a bundled scenario's directory: items, scales, truth, groups and NSSI from its metadata", () => {
    const dir = tempDir();
    const sim = join(dir, "sim");
    const simulated = runCli(["simulate", "bpd-cascade", "--persons", "12", "--days", "7", "--seed", "3", "--quiet", "--out", sim]);
    expect(simulated.stderr).toBe("");
    expect(simulated.code).toBe(0);
    const result = runCli(["analyze", sim, "--out", join(dir, "a")]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const rows = readCsv(join(dir, "a", "metrics.csv"));
    expect([...new Set(rows.map((r) => r.variable))]).toEqual(["sad", "anxious", "angry", "ashamed", "na_mean", "rumination", "urge"]);
    expect(rows.length).toBe(12 * 7);
    const truth = readCsv(join(sim, "truth", "persons.csv"));
    for (const row of rows) expect(row.true_delta).toBe(String(Number(truth.find((t) => t.id === row.id)!.delta)));
    const analysis = JSON.parse(readFileSync(join(dir, "a", "analysis.json"), "utf8")) as { mapping: { event: string; time: string; scales: Record<string, { min: number; max: number }> } };
    expect(analysis.mapping.event).toBe("nssi");
    expect(analysis.mapping.time).toBe("scheduled");
    expect(analysis.mapping.scales.urge).toEqual({ min: 0, max: 100 });
    expect(readdir(join(dir, "a"))).toContain("recovery.csv");
  });
});
