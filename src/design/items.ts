/**
 * Item responses (MODEL.md sections 3 and 6): from latent quantities to answers on response scales.
 */
import type { RandomStream } from "../random/stream.js";
import type { Item } from "../scenario/schema.js";

/** A measured (non-count) item. */
export type MeasuredItem = Exclude<Item, { kind: "nssi" }>;

/**
 * The answer to a measured item: intercept + loading * quantity + errorSd * z, rounded to the
 * scale's step (counted from its minimum) and clipped to [min, max] (floor and ceiling effects).
 * With step 0 the answer is continuous, rounded to 3 decimals.
 *
 * @example respond({ scale: { min: 1, max: 7, step: 1 }, intercept: 2, loading: 1, errorSd: 0 }, 1.4, 0) // => 3
 */
export function respond(item: Pick<MeasuredItem, "scale" | "intercept" | "loading" | "errorSd">, quantity: number, errorScore: number): number {
  const raw = item.intercept + item.loading * quantity + item.errorSd * errorScore;
  const { min, max, step } = item.scale;
  const rounded = step > 0 ? min + Math.round((raw - min) / step) * step : Math.round(raw * 1000) / 1000;
  const clipped = Math.min(max, Math.max(min, rounded));
  // Remove binary fractions such as 2.9999999999999996 from step arithmetic.
  return step > 0 ? Math.round(clipped * 1e9) / 1e9 : clipped;
}

/**
 * The emotion-specific components E_k of one person, Ornstein-Uhlenbeck processes with return rate
 * thetaE and stationary variance 1, sampled only when needed by their exact transition:
 * E(t + d) = E(t) exp(-thetaE d) + sqrt(1 - exp(-2 thetaE d)) Z. The first value is stationary, N(0, 1).
 */
export class EmotionComponents {
  private readonly values: Float64Array;
  private lastHours = Number.NaN;

  constructor(count: number) {
    this.values = new Float64Array(count);
  }

  /** Moves every component to `hours` (not before the last call) and returns them. */
  at(hours: number, thetaE: number, stream: RandomStream): Float64Array {
    if (Number.isNaN(this.lastHours)) {
      for (let k = 0; k < this.values.length; k++) this.values[k] = stream.normal();
    } else {
      const decay = Math.exp(-thetaE * (hours - this.lastHours));
      const spread = Math.sqrt(Math.max(0, 1 - decay * decay));
      for (let k = 0; k < this.values.length; k++) this.values[k] = this.values[k] * decay + spread * stream.normal();
    }
    this.lastHours = hours;
    return this.values;
  }
}
