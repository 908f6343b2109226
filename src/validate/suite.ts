/**
 * Evaluating validation targets on simulated data and formatting the result (browser-safe).
 *
 * A target passes when every bound of its tolerance holds for the number it names (the value, or an
 * end of its 95% interval); an undefined number (NaN: a failed fit, no act) never passes.
 */
import { CascadeError } from "../errors.js";
import { didYouMean } from "../io/suggest.js";
import { formatTextTable } from "../sweep/text-table.js";
import { VALIDATION_SEED_SCHEME } from "./studies.js";
import type { Bound, Measurement, TargetOutcome, Tolerance, ValidationData, ValidationSize, ValidationTarget } from "./types.js";

/** Whether one bound holds. */
function boundHolds(bound: Bound, measurement: Measurement): boolean {
  const x = measurement[bound.on ?? "value"];
  if (!Number.isFinite(x)) return false;
  if (bound.min !== undefined && x < bound.min) return false;
  if (bound.max !== undefined && x > bound.max) return false;
  return true;
}

/** Whether every bound of a tolerance holds. */
export function tolerancePasses(tolerance: Tolerance, measurement: Measurement): boolean {
  return tolerance.bounds.every((bound) => boundHolds(bound, measurement));
}

/** "value in [0.69, 0.9]; 95% lower end >= 0" */
export function toleranceText(tolerance: Tolerance): string {
  return tolerance.bounds
    .map((bound) => {
      const what = bound.on === undefined || bound.on === "value" ? "value" : `95% ${bound.on} end`;
      if (bound.min !== undefined && bound.max !== undefined) return `${what} in [${bound.min}, ${bound.max}]`;
      if (bound.min !== undefined) return `${what} >= ${bound.min}`;
      if (bound.max !== undefined) return `${what} <= ${bound.max}`;
      return `${what} defined`;
    })
    .join("; ");
}

/**
 * `ID=MIN:MAX` (either side may be empty): replaces the target's tolerance by one bound on its value,
 * for stricter or looser requirements. Throws a CascadeError naming the flag.
 */
export function parseToleranceOverride(text: string, targets: readonly ValidationTarget[]): { id: string; tolerance: Tolerance } {
  const match = /^([^=]+)=([^:]*):([^:]*)$/.exec(text);
  if (match === null) throw new CascadeError(`--tolerance ${text}: expected ID=MIN:MAX (either may be empty), for example nssi-year-prevalence=0.7:0.9`);
  const [, id, minText, maxText] = match;
  checkTargetIds([id], targets, "--tolerance");
  const number = (part: string): number | undefined => {
    if (part.trim() === "") return undefined;
    const value = Number(part);
    if (!Number.isFinite(value)) throw new CascadeError(`--tolerance ${text}: expected numbers, got "${part}"`);
    return value;
  };
  const min = number(minText);
  const max = number(maxText);
  if (min === undefined && max === undefined) throw new CascadeError(`--tolerance ${text}: give MIN, MAX or both`);
  if (min !== undefined && max !== undefined && min > max) throw new CascadeError(`--tolerance ${text}: MIN is larger than MAX`);
  return { id, tolerance: { bounds: [{ min, max }], rationale: `set on the command line (--tolerance ${text})` } };
}

/** Throws a CascadeError for an unknown target id (with a suggestion). */
export function checkTargetIds(ids: readonly string[], targets: readonly ValidationTarget[], flag: string): void {
  const known = targets.map((t) => t.id);
  for (const id of ids) {
    if (!known.includes(id)) throw new CascadeError(`${flag}: no validation target "${id}"${didYouMean(id, known)}; the targets are ${known.join(", ")}`);
  }
}

export interface EvaluateOptions {
  seed: number;
  size: ValidationSize;
  resamples: number;
  /** Tolerances replacing a target's own, by id. */
  tolerances?: ReadonlyMap<string, Tolerance>;
}

/** Measures every target on `data` and judges it. */
export function evaluateTargets(targets: readonly ValidationTarget[], data: ValidationData, options: EvaluateOptions): TargetOutcome[] {
  return targets.map((target) => {
    const measurement = target.measure({ data, seed: `${VALIDATION_SEED_SCHEME}/${options.seed}`, resamples: options.resamples, size: options.size });
    const tolerance = options.tolerances?.get(target.id) ?? target.tolerance;
    return {
      id: target.id,
      claim: target.claim,
      source: target.source,
      reference: target.reference,
      method: target.method,
      unit: target.unit,
      measurement,
      tolerance,
      accepted: toleranceText(tolerance),
      pass: tolerancePasses(tolerance, measurement),
    };
  });
}

/** A number for the table: 3 significant digits, at most 4 decimals. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return "n/a";
  if (x === 0) return "0";
  const magnitude = Math.abs(x);
  if (magnitude >= 1000) return x.toFixed(0);
  const decimals = Math.min(4, Math.max(0, 2 - Math.floor(Math.log10(magnitude))));
  return x.toFixed(decimals);
}

/** The table `cascade validate` prints: target, source, value [95% interval], accepted, basis, result. */
export function formatValidationTable(outcomes: readonly TargetOutcome[]): string {
  const lines = [["target", "source", "value", "95% interval", "accepted", "basis", "result"]];
  for (const o of outcomes) {
    const m = o.measurement;
    lines.push([o.id, o.source, formatNumber(m.value), `[${formatNumber(m.lower)}, ${formatNumber(m.upper)}]`, o.accepted, m.basis, o.pass ? "pass" : "FAIL"]);
  }
  return formatTextTable(lines, [0, 1, 4, 5, 6]);
}
