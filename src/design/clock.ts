/**
 * Study time and calendar time.
 *
 * Inside the simulation, time is measured from midnight at the start of study day 1: in grid steps
 * by the latent process, in hours by the model, and in whole seconds for prompts. Output shows local
 * date-times counted from the scenario's `startDate`, as ISO 8601 without a time zone
 * (`2025-01-06T09:13:27`): every day has 24 hours (no daylight-saving shifts), which is what ESM
 * analysis code expects from a study's local clock.
 */

/** Seconds in a day. */
export const SECONDS_PER_DAY = 86_400;

/**
 * The local date-time `seconds` after midnight of `startDate` ("YYYY-MM-DD"), as
 * "YYYY-MM-DDTHH:MM:SS". Fractions of a second are rounded.
 *
 * @example localDateTime("2025-01-06", 9 * 3600 + 13 * 60 + 27) // => "2025-01-06T09:13:27"
 */
export function localDateTime(startDate: string, seconds: number): string {
  const [year, month, day] = startDate.split("-").map(Number);
  const milliseconds = Date.UTC(year, month - 1, day) + Math.round(seconds) * 1000;
  return new Date(milliseconds).toISOString().slice(0, 19);
}

/** The 1-based study day that `seconds` (since the study start) falls on. */
export function studyDay(seconds: number): number {
  return Math.floor(seconds / SECONDS_PER_DAY) + 1;
}

/** Hours after midnight of the day that `seconds` (since the study start) falls on. */
export function hourOfDay(seconds: number): number {
  return (seconds - (studyDay(seconds) - 1) * SECONDS_PER_DAY) / 3600;
}
