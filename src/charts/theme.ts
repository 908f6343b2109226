/**
 * The one look shared by every Cascade Lab chart.
 *
 * Charts are made to be shown on a classroom projector and read by students, so the theme uses large
 * type, thick lines and big points, a white background, and a colour-blind-safe palette. Every chart
 * builder in this folder returns a spec with `config: chartConfig` (through `finishSpec`), so a change
 * here changes every chart, in the SVG, the PNG and the browser alike.
 *
 * Colours come from the Okabe-Ito palette (Okabe & Ito 2008, "Color Universal Design",
 * https://jfly.uni-koeln.de/color/), designed to stay distinguishable for the common forms of colour
 * blindness. The same quantity always has the same colour in every chart (negative affect vermillion,
 * rumination blue, urge reddish purple), so students learn the code once. Continuous time is coloured
 * with viridis, a perceptually uniform scale that is also colour-blind safe.
 *
 * Browser-safe: no `node:` imports.
 */
import type { Config } from "vega-lite";

/** The eight Okabe-Ito colours, in their published order. */
export const okabeIto = {
  black: "#000000",
  orange: "#E69F00",
  skyBlue: "#56B4E9",
  bluishGreen: "#009E73",
  yellow: "#F0E442",
  blue: "#0072B2",
  vermillion: "#D55E00",
  reddishPurple: "#CC79A7",
} as const;

/** Palette for groups and other categories, in order of use (yellow last: it is weak on white). */
export const categoryPalette: readonly string[] = [
  okabeIto.vermillion,
  okabeIto.blue,
  okabeIto.bluishGreen,
  okabeIto.orange,
  okabeIto.reddishPurple,
  okabeIto.skyBlue,
  okabeIto.black,
  okabeIto.yellow,
];

/** Fixed colours for the quantities that appear in several charts. */
export const quantityColour = {
  negativeAffect: okabeIto.vermillion,
  rumination: okabeIto.blue,
  urge: okabeIto.reddishPurple,
  stressor: okabeIto.orange,
  rejection: okabeIto.reddishPurple,
  reminder: okabeIto.skyBlue,
  nssi: okabeIto.black,
  skill: okabeIto.bluishGreen,
  missed: "#7A7A7A",
  night: "#B8C4D6",
  reference: "#555555",
} as const;

/** Plain-language names used in titles and legends, so every chart words things the same way. */
export const quantityName = {
  negativeAffect: "Negative affect",
  rumination: "Rumination",
  urge: "Urge to self-injure",
  stressor: "Stressor",
  rejection: "Rejection",
  reminder: "Trauma reminder",
  nssi: "NSSI act",
  skill: "Skill use",
  missed: "Missed prompt",
  answered: "Answered prompt",
  night: "Night (asleep)",
} as const;

/** Font stack: the first that the viewer (browser or the PNG renderer) has installed is used. */
export const fontFamily = "Liberation Sans, Arial, Helvetica, DejaVu Sans, sans-serif";

/** Type sizes in pixels, chosen to stay legible from the back of a classroom. */
export const fontSize = { title: 26, subtitle: 18, axisTitle: 19, axisLabel: 16, legend: 16, text: 16 } as const;

/** Line width for data lines (thin lines vanish on projectors). */
export const lineWidth = 3;

/** Default size of one chart panel, in pixels. */
export const panelSize = { width: 760, height: 300, narrowWidth: 300 } as const;

/** The shared Vega-Lite configuration. */
export const chartConfig: Config = {
  background: "white",
  padding: 16,
  font: fontFamily,
  view: { stroke: null },
  title: {
    fontSize: fontSize.title,
    subtitleFontSize: fontSize.subtitle,
    subtitleColor: "#333333",
    anchor: "start",
    offset: 16,
    subtitlePadding: 6,
    fontWeight: "bold",
  },
  axis: {
    titleFontSize: fontSize.axisTitle,
    labelFontSize: fontSize.axisLabel,
    titleFontWeight: "normal",
    titlePadding: 10,
    labelColor: "#222222",
    titleColor: "#111111",
    gridColor: "#E3E3E3",
    domainColor: "#666666",
    tickColor: "#666666",
    labelLimit: 260,
  },
  header: { titleFontSize: fontSize.axisTitle, labelFontSize: fontSize.axisTitle, labelFontWeight: "bold" },
  legend: {
    titleFontSize: fontSize.legend,
    labelFontSize: fontSize.legend,
    symbolSize: 180,
    symbolStrokeWidth: lineWidth,
    titleFontWeight: "bold",
    labelLimit: 420,
    titleLimit: 420,
    symbolOpacity: 1,
    orient: "bottom",
    direction: "horizontal",
    columns: 4,
  },
  range: { category: [...categoryPalette] },
  line: { strokeWidth: lineWidth },
  rule: { strokeWidth: 2 },
  point: { size: 90, strokeWidth: 2, filled: true },
  circle: { size: 90 },
  text: { fontSize: fontSize.text },
  boxplot: { size: 40 },
  concat: { spacing: 40 },
};
