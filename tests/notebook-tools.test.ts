// The notebook runner's check for displays lost on a busy machine (notebooks/tools/jupyter.mjs):
// which cells count, and that a cell with its display, or one that displays nothing, is not flagged.
import { describe, expect, it } from "vitest";
import { cellsMissingDisplays } from "../notebooks/tools/jupyter.mjs";

const code = (source: string | string[], outputs: { output_type: string }[] = []) => ({ cell_type: "code", source, metadata: {}, outputs });
const display = { output_type: "display_data" };
const stream = { output_type: "stream" };

describe("cellsMissingDisplays", () => {
  it("flags code cells that await show, table or keyNumbers without a display output", () => {
    const notebook = {
      cells: [
        code("await show(charts.phaseChart(spec));", [display]),
        code("await show(charts.timelineChart(person));"),
        code(["const rows = summary();\n", "await table(rows);"], [stream]),
        code("await keyNumbers({ a: 1 });"),
        code("console.log(1);", [stream]),
        code("const x = showMore(1); // not a display helper"),
        { cell_type: "markdown", source: "await show(not code)", metadata: {} },
      ],
    };
    expect(cellsMissingDisplays(notebook)).toEqual([1, 2, 3]);
  });

  it("finds nothing in a notebook whose display cells all have outputs", () => {
    const notebook = { cells: [code("await show(a);", [display, stream]), code("await keyNumbers(b);", [display])] };
    expect(cellsMissingDisplays(notebook)).toEqual([]);
  });
});
