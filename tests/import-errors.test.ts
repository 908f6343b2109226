// Malformed inputs: each gives a message naming the file, row and column (or the flag), exit code 2,
// and leaves no output behind.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "./helpers/cli.js";

interface Case {
  name: string;
  /** File content (written as data.csv unless `file` says otherwise). */
  data: string;
  file?: string;
  args: string[];
  message: RegExp;
}

const header = "id,day,beep,time,sad,angry,grp\n";
const cases: Case[] = [
  { name: "a missing item column, with a suggestion", data: header + "1,1,1,,2,3,a\n", args: ["--items", "sadd,angry"], message: /data\.csv, row 1: missing column "sadd" \(the item column\) \(did you mean "sad"\?\)/ },
  { name: "a missing id column", data: "pid,day,beep,sad\n1,1,1,2\n", args: ["--items", "sad"], message: /row 1: missing column "id" \(the person id column\) \(did you mean "pid"\?\)/ },
  { name: "a non-numeric item value", data: header + "1,1,1,,2,3,a\n1,1,2,,abc,3,a\n", args: ["--items", "sad,angry"], message: /data\.csv, row 3, column "sad": expected a number or an NA marker \(NA, empty, \.\), got "abc"/ },
  { name: "a duplicate person-day-beep", data: header + "1,1,1,,2,3,a\n1,1,2,,2,3,a\n1,1,2,,4,3,a\n", args: ["--items", "sad,angry"], message: /data\.csv, row 4, column "beep": person "1" has day 1 beep 2 twice \(also at row 3\)/ },
  { name: "time going backwards within a person", data: header + "1,1,1,2020-03-16T10:00:00,2,3,a\n1,1,2,2020-03-16T09:30:00,2,3,a\n", args: ["--items", "sad,angry", "--time", "time"], message: /data\.csv, row 3, column "time": time goes backwards for person "1": day 1 beep 2 is 30 min earlier than day 1 beep 1 \(row 2\)/ },
  { name: "a missing person id", data: header + "1,1,1,,2,3,a\n,1,2,,2,3,a\n", args: ["--items", "sad,angry"], message: /row 3, column "id": the person id is missing/ },
  { name: "a beep that is not a whole number", data: header + "1,1,1.5,,2,3,a\n", args: ["--items", "sad,angry"], message: /row 2, column "beep": expected a whole number for the beep, got "1\.5"/ },
  { name: "a day that is neither a number nor a date", data: header + "1,monday,1,,2,3,a\n", args: ["--items", "sad,angry"], message: /row 2, column "day": expected a whole number or a date for the day, got "monday"/ },
  { name: "an invalid timestamp", data: header + "1,1,1,2020-13-45 10:00,2,3,a\n", args: ["--items", "sad,angry", "--time", "time"], message: /row 2, column "time": "2020-13-45 10:00" is not a valid date/ },
  { name: "an unknown time zone", data: header + "1,1,1,2020-03-16 10:00 XYZ,2,3,a\n", args: ["--items", "sad,angry", "--time", "time"], message: /row 2, column "time": .* has an unknown time zone "XYZ"/ },
  { name: "an ambiguous slashed date", data: header + "1,1,1,13/08/12 10:00,2,3,a\n", args: ["--items", "sad,angry", "--time", "time"], message: /row 2, column "time": "13\/08\/12 10:00" is ambiguous: give the date order with --date-format/ },
  { name: "a group that changes within a person", data: header + "1,1,1,,2,3,a\n1,1,2,,2,3,b\n", args: ["--items", "sad,angry", "--groups", "grp"], message: /row 3, column "grp": person "1" is in group "b" here but in "a" at row 2/ },
  { name: "an empty file", data: "", args: ["--items", "sad"], message: /data\.csv: is empty: expected a header line and rows/ },
  { name: "no items", data: header, args: [], message: /no items: name the negative-affect item columns with --items/ },
  { name: "an unknown pair policy", data: header, args: ["--items", "sad", "--pairs", "nightly"], message: /--pairs: expected one of adjacent, bridge, psych, got "nightly"/ },
  { name: "a negative PAC cutoff", data: header, args: ["--items", "sad", "--pac-cutoff", "-1"], message: /--pac-cutoff: expected "pooled" or a number >= 0, got "-1"/ },
  { name: "reversed scale bounds", data: header, args: ["--items", "sad", "--scale", "5:1"], message: /--scale: expected MIN:MAX with MIN < MAX/ },
  { name: "a bad lambda", data: header, args: ["--items", "sad", "--lambda", "half"], message: /--lambda: expected "estimate" or a number, got "half"/ },
  { name: "a bad early-warning window", data: header, args: ["--items", "sad", "--ews-window", "2w"], message: /--ews-window: expected a length such as 84 \(prompts\), 72h or 14d, got "2w"/ },
  { name: "a PAC reference group without persons", data: header + "1,1,1,,2,3,a\n1,1,2,,2,3,a\n", args: ["--items", "sad,angry", "--groups", "grp", "--pac-reference", "b"], message: /PAC reference group "b" has no persons.*; the groups are: a/ },
  { name: "a reference group without persons", data: header + "1,1,1,,2,3,ctrl\n1,1,2,,2,3,ctrl\n2,1,1,,2,3,bpd\n", args: ["--items", "sad,angry", "--groups", "grp", "--reference-group", "ctl"], message: /reference group "ctl" has no persons \(did you mean "ctrl"\?\); the groups are: bpd, ctrl/ },
  { name: "an item named twice", data: header, args: ["--items", "sad,angry", "--extra-items", "sad"], message: /item "sad" is named twice/ },
  { name: "a mapping file with an unknown key", data: header, args: ["--mapping", "{dir}/m.yaml"], message: /m\.yaml: \(top level\): unknown key "itmes" \(did you mean "items"\?\)/ },
];

describe("malformed inputs", () => {
  it.each(cases)("$name", ({ data, file, args, message }) => {
    const dir = tempDir();
    const input = join(dir, file ?? "data.csv");
    writeFileSync(input, data);
    writeFileSync(join(dir, "m.yaml"), "itmes: [sad]\n");
    const out = join(dir, "out");
    const result = runCli(["analyze", input, ...args.map((a) => a.replace("{dir}", dir)), "--out", out]);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/^cascade: error: /);
    expect(result.code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });
});

describe("output safety", () => {
  const data = "id,day,beep,sad\n1,1,1,2\n1,1,2,3\n1,1,3,1\n1,1,4,2\n";
  it("refuses to overwrite existing output without --force, and keeps it", () => {
    const dir = tempDir();
    const input = join(dir, "data.csv");
    writeFileSync(input, data);
    mkdirSync(join(dir, "out"));
    writeFileSync(join(dir, "out", "keep.txt"), "keep");
    const result = runCli(["analyze", input, "--items", "sad", "--out", join(dir, "out")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/already exists; use --force/);
    expect(readFileSync(join(dir, "out", "keep.txt"), "utf8")).toBe("keep");
  });
  it("never writes over its input, even with --force", () => {
    const dir = tempDir();
    const input = join(dir, "data.csv");
    writeFileSync(input, data);
    const result = runCli(["analyze", input, "--items", "sad", "--out", input, "--force"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/would overwrite the input/);
    expect(readFileSync(input, "utf8")).toBe(data);
  });
  it("names a missing input file and a directory that is not a simulation", () => {
    const dir = tempDir();
    expect(runCli(["analyze", join(dir, "nope.csv"), "--items", "sad", "--out", join(dir, "o.csv")]).stderr).toMatch(/nope\.csv: file not found/);
    const result = runCli(["analyze", dir, "--items", "sad", "--out", join(dir, "o.csv")]);
    expect(result.stderr).toMatch(/is a directory but not one written by `cascade simulate`/);
    expect(result.code).toBe(2);
  });
});
