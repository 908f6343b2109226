/**
 * The page's state in its URL, so a link reproduces exactly what the class saw.
 *
 * The state lives in the fragment (`#v=1&lesson=cascade&coupling=1.1&...&seed=7`), which works the
 * same for a page opened from disk (file:) and served by `cascade explore`, and never reaches a
 * server. Every control is written, not only those that differ from the defaults, so a link keeps
 * its meaning if a later version changes a default; `v` is the format's version.
 *
 * Browser-safe: no `node:` imports.
 */
import { CONTROL_IDS, type ControlId, type ControlValues } from "./controls.js";
import type { ValueIssue } from "./protocol.js";

/** Version of the link format. */
export const STATE_VERSION = 1;

/** What a link holds. */
export interface PageState {
  values: ControlValues;
  /** The lesson whose explanation is shown, if any. */
  lesson?: string;
}

/** The fragment (without `#`) for a state. Numbers are written in their shortest exact form. */
export function encodeState(state: PageState): string {
  const parts = [`v=${STATE_VERSION}`];
  if (state.lesson !== undefined) parts.push(`lesson=${encodeURIComponent(state.lesson)}`);
  for (const id of CONTROL_IDS) parts.push(`${id}=${String(state.values[id])}`);
  return parts.join("&");
}

/** A decoded link: the state, and what in it could not be used. */
export interface DecodedState extends PageState {
  /** Values that were not numbers (the default is used instead). */
  issues: ValueIssue[];
  /** Keys the page does not know (ignored), and a newer format version. */
  notes: string[];
}

/**
 * The state in a fragment (with or without `#`). Missing controls take `defaults`; a value that is
 * not a number is reported and replaced by the default. Range checks are left to the scenario schema
 * (`resolveScenario`), so a link is judged by the rules the command line applies.
 */
export function decodeState(fragment: string, defaults: ControlValues): DecodedState {
  const values = { ...defaults };
  const issues: ValueIssue[] = [];
  const notes: string[] = [];
  let lesson: string | undefined;
  const text = fragment.startsWith("#") ? fragment.slice(1) : fragment;
  for (const part of text.split("&")) {
    if (part === "") continue;
    const equals = part.indexOf("=");
    const key = decodeURIComponent(equals < 0 ? part : part.slice(0, equals));
    const raw = equals < 0 ? "" : decodeURIComponent(part.slice(equals + 1));
    if (key === "v") {
      if (raw !== String(STATE_VERSION)) notes.push(`This link was made by another version of the explorer (format ${raw}); its settings are read as version ${STATE_VERSION}.`);
      continue;
    }
    if (key === "lesson") {
      lesson = raw;
      continue;
    }
    if (!(CONTROL_IDS as readonly string[]).includes(key)) {
      notes.push(`The link's setting "${key}" is not known to the explorer and was ignored.`);
      continue;
    }
    const id = key as ControlId;
    const value = raw.trim() === "" ? Number.NaN : Number(raw);
    if (Number.isFinite(value)) {
      values[id] = value;
    } else {
      issues.push({ control: id, given: raw, used: defaults[id], message: `expected a number, got ${JSON.stringify(raw)}` });
    }
  }
  return { values, ...(lesson === undefined ? {} : { lesson }), issues, notes };
}
