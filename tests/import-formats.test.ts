// Import of long-format ESM tables: separators, quoting, BOM, CRLF, NA markers, dates and zones,
// absent or empty missed prompts, mapping files, streaming.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mssd } from "../src/analysis/mssd.js";
import type { PersonSeries } from "../src/analysis/types.js";
import { loadPersons, streamPersons } from "../src/io/import-file.js";
import { completeMapping, parseMappingYaml, type PartialMapping } from "../src/io/import-mapping.js";
import { detectSeparator, NonContiguousPersonsError, parseEsmText, TableChunker } from "../src/io/import-text.js";
import { parseClock, parseDay, parseTimestamp } from "../src/io/import-time.js";
import { tempDir } from "./helpers/cli.js";
import { friedFile } from "./analysis-helpers.js";

const parse = (text: string, mapping: PartialMapping = {}, file = "x.csv"): PersonSeries[] =>
  parseEsmText(text, file, completeMapping({ items: ["sad", "angry"], ...mapping }));
const plain = "id,day,beep,sad,angry\n1,1,1,3,2\n1,1,2,4,NA\n1,1,3,,5\n2,1,1,1,1\n";

describe("table formats", () => {
  it("read CSV, TSV (by extension or by content), BOM and CRLF alike", () => {
    const expected = parse(plain);
    expect(parse(plain.replaceAll(",", "\t"), {}, "x.tsv")).toEqual(expected);
    expect(parse(plain.replaceAll(",", "\t"), {}, "x.dat")).toEqual(expected);
    expect(parse("\uFEFF" + plain.replaceAll("\n", "\r\n"))).toEqual(expected);
    expect(parse(plain.replaceAll(",", ";"), {}, "export.txt")).toEqual(expected);
  });
  it("read quoted fields with separators, doubled quotes and line breaks", () => {
    const text = 'id,note,day,beep,sad,angry\n"1","a, ""quoted""\nnote",1,1,"3",2\n1,x,1,2,4,NA\n';
    const [person] = parse(text);
    expect(Array.from(person.variables.sad)).toEqual([3, 4]);
  });
  it("chooses the separator from the extension, then from the header", () => {
    expect(detectSeparator("a.csv", "a,b\tc")).toBe(",");
    expect(detectSeparator("a.tsv", "a\tb")).toBe("\t");
    expect(detectSeparator("a", "a;b;c,d")).toBe(";");
  });
  it("give the same rows whatever the chunk boundaries", () => {
    const rows: string[][] = [];
    const chunker = new TableChunker("x.csv", { header: () => undefined, row: (cells) => rows.push([...cells]) });
    const text = '\uFEFFid,day,beep,sad\r\n1,1,1,"3,5"\r\n1,1,2,4\r\n';
    for (const character of text) chunker.push(character);
    chunker.end();
    expect(rows).toEqual([["1", "1", "1", "3,5"], ["1", "1", "2", "4"]]);
  });
});

describe("missing values", () => {
  it("treat NA, empty and . as missing by default, and custom markers on request", () => {
    const [person] = parse("id,day,beep,sad,angry\n1,1,1,NA,.\n1,1,2,,-99\n", {});
    expect(Array.from(person.variables.sad)).toEqual([Number.NaN, Number.NaN]);
    expect(Array.from(person.variables.angry)).toEqual([Number.NaN, -99]);
    const [custom] = parse("id,day,beep,sad,angry\n1,1,1,NA,-99\n", { naMarkers: ["-99", "NA"] });
    expect(Array.from(custom.variables.angry)).toEqual([Number.NaN]);
  });
  it("missed prompts as empty rows (fried2022) and absent rows (kossakowski2017) give the same pairs", () => {
    const withRows = parse("id,day,beep,sad,angry\n1,1,1,2,2\n1,1,2,,\n1,1,3,5,1\n1,1,4,6,1\n");
    const without = parse("id,day,beep,sad,angry\n1,1,1,2,2\n1,1,3,5,1\n1,1,4,6,1\n");
    for (const pairs of ["adjacent", "bridge"] as const) {
      const a = withRows[0];
      const b = without[0];
      expect(mssd(a.variables.sad, { day: a.day, beep: a.beep, pairs })).toBe(mssd(b.variables.sad, { day: b.day, beep: b.beep, pairs }));
    }
    expect(mssd(without[0].variables.sad, { day: without[0].day, beep: without[0].beep })).toBe(1);
  });
});

describe("dates and times", () => {
  it("parse ISO date-times with zones into instants", () => {
    const cet = parseTimestamp("2020-03-16 12:04:45 CET");
    const utc = parseTimestamp("2020-03-16T11:04:45Z");
    const offset = parseTimestamp("2020-03-16T14:04:45+03:00");
    const compact = parseTimestamp("2020-03-16 14:04:45 +03");
    expect("value" in cet && "value" in utc && "value" in offset && "value" in compact).toBe(true);
    if ("value" in cet && "value" in utc && "value" in offset && "value" in compact) {
      expect(cet.value).toBeCloseTo(utc.value, 9);
      expect(offset.value).toBeCloseTo(utc.value, 9);
      expect(compact.value).toBeCloseTo(utc.value, 9);
      expect(utc.value).toBeCloseTo(Date.parse("2020-03-16T11:04:45Z") / 3_600_000, 9);
    }
    const summer = parseTimestamp("2020-04-01 12:00:00 CEST");
    expect("value" in summer && summer.value).toBeCloseTo(Date.parse("2020-04-01T10:00:00Z") / 3_600_000, 9);
  });
  it("parse day-first and month-first dates only when the order is given", () => {
    expect(parseDay("13/08/12", "dmy")).toEqual({ value: Date.UTC(2012, 7, 13) / 86_400_000 });
    expect(parseDay("08/13/2012", "mdy")).toEqual({ value: Date.UTC(2012, 7, 13) / 86_400_000 });
    expect(parseDay("13/08/12")).toMatchObject({ error: expect.stringMatching(/ambiguous.*--date-format/) });
    expect(parseDay("2012-02-30")).toMatchObject({ error: expect.stringMatching(/not a valid date/) });
    expect(parseClock("08:58")).toEqual({ value: 8 + 58 / 60 });
    expect(parseTimestamp("2020-03-16 12:00 XYZ")).toMatchObject({ error: expect.stringMatching(/unknown time zone "XYZ"/) });
  });
  it("combine a date column and a clock column, and accept dates as days", () => {
    const [person] = parse("d,t,beep,sad,angry\n13/08/12,08:58,1,1,1\n14/08/12,14:32,5,2,2\n", { singlePerson: true, day: "d", date: "d", time: "t", dateFormat: "dmy" });
    expect(person.day[1] - person.day[0]).toBe(1);
    expect(person.time[1] - person.time[0]).toBeCloseTo(24 + 14 + 32 / 60 - 8 - 58 / 60, 9);
  });
});

describe("persons", () => {
  it("sort each person's rows by day and beep whatever their order in the file", () => {
    const [person] = parse("id,day,beep,sad,angry\n1,2,1,9,9\n1,1,2,2,2\n1,1,1,1,1\n");
    expect(Array.from(person.day)).toEqual([1, 1, 2]);
    expect(Array.from(person.variables.sad)).toEqual([1, 2, 9]);
  });
  it("stream persons one at a time with the same result as loading the file", async () => {
    const mapping = completeMapping({ items: ["irritable", "nervous", "angry"], time: "response", duplicates: "keep" });
    const streamed: PersonSeries[] = [];
    const count = await streamPersons(friedFile, mapping, (person) => {
      streamed.push(person);
    });
    expect(count).toBe(79);
    expect(streamed).toEqual(await loadPersons(friedFile, mapping));
  });
  it("report persons whose rows are not together when streaming", async () => {
    const file = join(tempDir(), "interleaved.csv");
    writeFileSync(file, "id,day,beep,sad,angry\n1,1,1,1,1\n2,1,1,2,2\n1,1,2,3,3\n");
    const mapping = completeMapping({ items: ["sad", "angry"] });
    await expect(streamPersons(file, mapping, () => undefined)).rejects.toThrow(NonContiguousPersonsError);
    expect((await loadPersons(file, mapping)).map((p) => p.id)).toEqual(["1", "2"]);
  });
});

describe("mapping files", () => {
  it("read YAML with snake_case keys and scales", () => {
    const mapping = parseMappingYaml("id: pid\nday: dayno\nitems: [a, b]\ndate_format: dmy\nscales: { a: [1, 7] }\nna: [NA, '-99']\n", "m.yaml");
    expect(mapping).toMatchObject({ id: "pid", day: "dayno", items: ["a", "b"], dateFormat: "dmy", scales: { a: { min: 1, max: 7 } }, naMarkers: ["NA", "-99"] });
    expect(completeMapping(mapping, { day: "d2" }).day).toBe("d2");
  });
  it("reject unknown keys with a suggestion, naming the file and field", () => {
    expect(() => parseMappingYaml("itmes: [a]\n", "m.yaml")).toThrow(/m\.yaml: \(top level\): unknown key "itmes" \(did you mean "items"\?\)/);
    expect(() => parseMappingYaml("scales: { a: [5, 1] }\n", "m.yaml")).toThrow(/m\.yaml: scales\.a: expected \[min, max\] with min < max/);
  });
});
