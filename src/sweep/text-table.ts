/**
 * A plain-text table for terminal summaries (`cascade sweep`, `cascade power`): columns padded to
 * their widest cell, numbers right-aligned, the columns listed in `left` left-aligned, two spaces
 * between columns and an indent of two. Browser-safe.
 *
 * @example formatTextTable([["a", "n"], ["xy", "1"]]) // => "   a  n\n  xy  1\n"
 */
export function formatTextTable(lines: readonly (readonly string[])[], left: readonly number[] = []): string {
  const widths = lines[0].map((_, i) => Math.max(...lines.map((line) => line[i].length)));
  return lines.map((line) => "  " + line.map((text, i) => (left.includes(i) ? text.padEnd(widths[i]) : text.padStart(widths[i]))).join("  ").trimEnd() + "\n").join("");
}
