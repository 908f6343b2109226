import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { CascadeError, formatLocation } from "../src/errors.js";
import { writeDirectoryAtomically, writeFileAtomically } from "../src/io/atomic.js";
import { CsvWriter, formatCell, formatFixed, formatRow } from "../src/io/csv-writer.js";
import { closestName, editDistance } from "../src/io/suggest.js";
import { tempDir } from "./helpers/cli.js";

describe("error locations", () => {
  it("name the file, row and column of tabular input", () => {
    expect(formatLocation({ file: "a.csv", row: 12, column: "sad" })).toBe('a.csv, row 12, column "sad": ');
  });
  it("name the file and field path of structured input", () => {
    const error = new CascadeError("expected a number > 0, got -1", { file: "s.yaml", field: "groups[1].parameters.thetaA" });
    expect(error.message).toBe("s.yaml: groups[1].parameters.thetaA: expected a number > 0, got -1");
    expect(error.exitCode).toBe(2);
  });
});

describe("did-you-mean suggestions", () => {
  it("find one-edit misspellings and transpositions", () => {
    expect(closestName("thetA", ["thetaA", "thetaR", "sigmaA"])).toBe("thetaA");
    expect(closestName("tehtaA", ["thetaA", "sigmaA"])).toBe("thetaA");
    expect(closestName("DELTA", ["delta", "eps"])).toBe("delta");
  });
  it("suggest nothing for unrelated names", () => {
    expect(closestName("prompts", ["thetaA", "delta"])).toBeUndefined();
  });
  it("edit distance is a symmetric metric", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), (a, b) => {
        expect(editDistance(a, b)).toBe(editDistance(b, a));
        expect(editDistance(a, a)).toBe(0);
        expect(editDistance(a, b)).toBeLessThanOrEqual(Math.max(a.length, b.length));
      }),
    );
  });
});

describe("CSV cells", () => {
  it("write undefined values as empty cells, never 0", () => {
    expect(formatRow([1, null, undefined, Number.NaN, "x"])).toBe("1,,,,x\n");
  });
  it("quote strings holding separators or quotes", () => {
    expect(formatCell('a,"b"')).toBe('"a,""b"""');
    expect(formatCell("line\nbreak")).toBe('"line\nbreak"');
  });
  it("round to fixed decimals without negative zero", () => {
    expect(formatFixed(1.23456789, 3)).toBe(1.235);
    expect(String(formatFixed(-0.00001, 3))).toBe("0");
  });
  it("stream rows to a file with a header", async () => {
    const dir = tempDir();
    const writer = new CsvWriter(join(dir, "x.csv"), ["a", "b"], 8);
    for (let i = 0; i < 100; i++) await writer.write([i, i / 2]);
    await writer.close();
    const lines = readFileSync(join(dir, "x.csv"), "utf8").trimEnd().split("\n");
    expect(lines[0]).toBe("a,b");
    expect(lines).toHaveLength(101);
    expect(lines[100]).toBe("99,49.5");
  });
});

describe("atomic output", () => {
  it("renames a finished directory into place", async () => {
    const dir = tempDir();
    const target = join(dir, "out");
    await writeDirectoryAtomically(target, {}, (tmp) => writeFileSync(join(tmp, "a.txt"), "done"));
    expect(readFileSync(join(target, "a.txt"), "utf8")).toBe("done");
    expect(readdirSync(dir)).toEqual(["out"]);
  });
  it("leaves nothing behind when the work fails", async () => {
    const dir = tempDir();
    const target = join(dir, "out");
    await expect(
      writeDirectoryAtomically(target, {}, (tmp) => {
        writeFileSync(join(tmp, "partial.txt"), "half");
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(readdirSync(dir)).toEqual([]);
  });
  it("refuses to replace existing output without force, and keeps it intact", async () => {
    const dir = tempDir();
    const target = join(dir, "out");
    mkdirSync(target);
    writeFileSync(join(target, "old.txt"), "keep");
    await expect(writeDirectoryAtomically(target, {}, () => undefined)).rejects.toThrow(/already exists; use --force/);
    expect(readFileSync(join(target, "old.txt"), "utf8")).toBe("keep");
    await writeDirectoryAtomically(target, { force: true }, (tmp) => writeFileSync(join(tmp, "new.txt"), "new"));
    expect(readdirSync(target)).toEqual(["new.txt"]);
    expect(readdirSync(dir)).toEqual(["out"]);
  });
  it("never overwrites an input, even with force", async () => {
    const dir = tempDir();
    const input = join(dir, "data.csv");
    writeFileSync(input, "id\n1\n");
    await expect(writeFileAtomically(input, { force: true, inputs: [input] }, () => undefined)).rejects.toThrow(/would overwrite the input/);
    await expect(writeDirectoryAtomically(dir, { force: true, inputs: [input] }, () => undefined)).rejects.toThrow(/would overwrite the input/);
    expect(readFileSync(input, "utf8")).toBe("id\n1\n");
    expect(existsSync(input)).toBe(true);
  });
});
