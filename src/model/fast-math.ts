/**
 * Table-based logistic and exponential functions for the integrator's inner loop.
 *
 * `Math.exp` is a library call that V8 does not inline; the integrator needs two logistic functions
 * and one exponential per step (hundreds of millions per run), and on the critical path of the
 * update. Both are computed here from small precomputed tables:
 *
 * - `sigmoidFast(x)`: linear interpolation in a table of sig(x) = 1/(1 + exp(-x)) on [-40, 40] with
 *   spacing 1/128; beyond, sig is within 5e-18 of 0 or 1 and is clamped. Absolute error at most
 *   (1/128)^2 / 8 * max|sig''| = 7.4e-7, far below the Euler-Maruyama discretisation error.
 * - `expFast(x)`: exp(x) = exp(n/64) * exp(r) with exp(n/64) from a table on [-64, 20] and
 *   0 <= r < 1/64 by its Taylor polynomial to r^4; relative error below 1e-11. It is used only for the
 *   NSSI hazard: below -64 it returns 0 (a hazard under 2e-28 per hour), above 20 it returns exp(20)
 *   (a hazard of 5e8 per hour, an act within a step either way).
 *
 * Tests compare both with the exact functions. The tables are built once at module load and never
 * changed.
 */

/** Lowest argument of the logistic table. */
export const SIGMOID_LOW = -40;
/** Table points per unit. */
export const SIGMOID_SCALE = 128;
/** Last valid index for interpolation (the table has one more entry). */
export const SIGMOID_LAST = (40 - SIGMOID_LOW) * SIGMOID_SCALE;
/** sig(SIGMOID_LOW + i / SIGMOID_SCALE), i = 0..SIGMOID_LAST + 1. */
export const SIGMOID_TABLE = new Float64Array(SIGMOID_LAST + 2);
for (let i = 0; i < SIGMOID_TABLE.length; i++) SIGMOID_TABLE[i] = 1 / (1 + Math.exp(-(SIGMOID_LOW + i / SIGMOID_SCALE)));

/** The logistic function sig(x) = 1 / (1 + exp(-x)), from the table (absolute error < 1e-6). */
export function sigmoidFast(x: number): number {
  let position = (x - SIGMOID_LOW) * SIGMOID_SCALE;
  if (position < 0) position = 0;
  else if (position > SIGMOID_LAST) position = SIGMOID_LAST;
  const index = position | 0;
  const below = SIGMOID_TABLE[index];
  return below + (position - index) * (SIGMOID_TABLE[index + 1] - below);
}

/** The exact logistic function, for everything outside the inner loop. */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Lowest argument of the exponential table. */
export const EXP_LOW = -64;
/** Table points per unit. */
export const EXP_SCALE = 64;
/** Highest table index. */
export const EXP_LAST = (20 - EXP_LOW) * EXP_SCALE;
/** exp(EXP_LOW + n / EXP_SCALE), n = 0..EXP_LAST. */
export const EXP_TABLE = new Float64Array(EXP_LAST + 1);
for (let n = 0; n <= EXP_LAST; n++) EXP_TABLE[n] = Math.exp(EXP_LOW + n / EXP_SCALE);

/** exp(x) from the table (relative error < 1e-11); 0 below -64, exp(20) above 20. */
export function expFast(x: number): number {
  let position = (x - EXP_LOW) * EXP_SCALE;
  if (position < 0) return 0;
  if (position > EXP_LAST) position = EXP_LAST;
  const index = Math.floor(position);
  const r = (position - index) / EXP_SCALE;
  return EXP_TABLE[index] * (1 + r * (1 + r * (0.5 + r * (1 / 6 + r * (1 / 24)))));
}
