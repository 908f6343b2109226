/**
 * Text widths for laying out charts without a browser.
 *
 * Headless Vega has no canvas to measure text, so by default it estimates every character as 0.8 em
 * wide, about 60% too wide for the theme's sans-serif font: titles and axis titles then push panels
 * apart and legends cut labels short. This module measures text with the real advance widths of
 * Liberation Sans (metric-compatible with Arial and Helvetica, the theme's first fonts; table in
 * `text-widths.ts`, generated from the font files), so the SVG and PNG are laid out like the browser
 * lays out the same spec. Characters outside the table count as 0.6 em.
 *
 * Browser-safe: no `node:` imports.
 */
import { boldWidths, regularWidths, textWidthCharacters } from "./text-widths.js";

const regular = new Map<string, number>();
const bold = new Map<string, number>();
Array.from(textWidthCharacters).forEach((character, index) => {
  regular.set(character, regularWidths[index]);
  bold.set(character, boldWidths[index]);
});

/** Width for characters not in the table, in thousandths of an em. */
const fallbackWidth = 600;

/** True for CSS font weights that select the bold face ("bold", "bolder", 600 and above). */
export function isBoldWeight(weight: string | number | undefined): boolean {
  if (weight === undefined) return false;
  if (typeof weight === "number") return weight >= 600;
  return weight === "bold" || weight === "bolder" || Number(weight) >= 600;
}

/**
 * The width in pixels of `text` set in the theme's font at `fontSize` pixels.
 *
 * @example textWidth("Hello", 10) // => 22.79 (Arial: H 722 + e 556 + l 222 + l 222 + o 556, per 1000 em)
 */
export function textWidth(text: string, fontSize: number, boldFace = false): number {
  const table = boldFace ? bold : regular;
  let thousandths = 0;
  for (const character of text) thousandths += table.get(character) ?? fallbackWidth;
  return (thousandths * fontSize) / 1000;
}
