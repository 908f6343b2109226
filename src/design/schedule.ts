/**
 * Prompt schedules (MODEL.md section 6): which moments of a day are prompted.
 *
 * Each day's times are drawn from the person's `schedule` stream, day after day, so a shorter study
 * (`--days`) gives the same prompts on the days it keeps. Times are whole seconds after midnight,
 * returned as hours, in increasing order.
 */
import type { RandomStream } from "../random/stream.js";
import { hoursOfDay, type Design, type Schedule } from "../scenario/schema.js";

/** Rounds hours to whole seconds. */
function toWholeSeconds(hours: number): number {
  return Math.round(hours * 3600) / 3600;
}

/** Whether study day `day` (1-based) has prompts under the design's measurement bursts. */
export function isPromptDay(bursts: Design["bursts"], day: number): boolean {
  if (bursts === null) return true;
  if (day < bursts.firstDay) return false;
  return (day - bursts.firstDay) % bursts.everyDays < bursts.lengthDays;
}

/**
 * One day's signal-contingent prompt times, in hours after midnight.
 *
 * - `stratified`: the window [start, end) is cut into perDay equal blocks with one uniform time in
 *   each; a day whose consecutive prompts are closer than minGapMinutes is redrawn whole (rejection,
 *   so the result is the stratified design conditioned on the gap).
 * - `random`: perDay times uniform over all sets in the window whose gaps are at least minGapMinutes:
 *   perDay uniforms on a window shortened by (perDay - 1) gaps, sorted, the i-th shifted by i gaps
 *   (the standard spacing construction, exact for this uniform distribution).
 * - `fixed`: the listed times. `interval`: start, start + every, ... up to end. `none`: no prompts.
 */
export function scheduleDay(schedule: Schedule, stream: RandomStream): number[] {
  switch (schedule.type) {
    case "none":
      return [];
    case "fixed":
      return schedule.times.map(hoursOfDay);
    case "interval": {
      const start = hoursOfDay(schedule.start);
      const end = hoursOfDay(schedule.end);
      const times: number[] = [];
      for (let i = 0; start + (i * schedule.everyMinutes) / 60 <= end + 1e-9; i++) times.push(toWholeSeconds(start + (i * schedule.everyMinutes) / 60));
      return times;
    }
    case "stratified": {
      const start = hoursOfDay(schedule.start);
      const block = (hoursOfDay(schedule.end) - start) / schedule.perDay;
      const gap = schedule.minGapMinutes / 60;
      for (let attempt = 0; attempt < 100_000; attempt++) {
        const times = Array.from({ length: schedule.perDay }, (_, i) => toWholeSeconds(start + (i + stream.uniform()) * block));
        if (gap === 0 || times.every((time, i) => i === 0 || time - times[i - 1] >= gap - 1e-9)) return times;
      }
      throw new Error("scheduleDay: could not place stratified prompts with the minimum gap (the scenario checks should prevent this)");
    }
    case "random": {
      const start = hoursOfDay(schedule.start);
      const gap = schedule.minGapMinutes / 60;
      const free = hoursOfDay(schedule.end) - start - (schedule.perDay - 1) * gap;
      const draws = Array.from({ length: schedule.perDay }, () => stream.uniform() * free).sort((a, b) => a - b);
      return draws.map((draw, i) => toWholeSeconds(start + draw + i * gap));
    }
  }
}
