/**
 * Alea, Johannes Baagøe's multiply-with-carry generator, as the `seedrandom` package provides it,
 * with its state held in a `Float64Array` so that hot loops can step it without allocating.
 *
 * Why not call `seedrandom.alea(seed)()` directly: that closure keeps its carry in an object field that
 * holds 32-bit integers, which V8 stores boxed, so every call allocates; the simulation draws hundreds
 * of millions of numbers. Instead we let `seedrandom` do the seeding (its Mash hash of the seed string,
 * exactly as `seedrandom.alea(seed)` does), read the generator's state, and continue the same recurrence
 * here:
 *
 * ```
 * t  = 2091639 * s0 + c * 2^-32
 * s0 = s1;  s1 = s2;  c = floor(t);  s2 = t - c      // s2 is the next uniform in [0, 1)
 * ```
 *
 * A test checks that the numbers are identical to `seedrandom.alea(seed)` for the same seed, so a
 * stream here is a `seedrandom` stream and runs the same in Node and in the browser.
 *
 * Resolution: 32 bits per number (values are multiples of 2^-32). Period about 2^116.
 *
 * Reference: J. Baagøe (2010), "Better random numbers for JavaScript",
 * https://github.com/nquinlan/better-random-numbers-for-javascript-mirror
 */
import seedrandom from "seedrandom";

/** 2^-32: the carry's weight in the recurrence. */
export const TWO_POW_MINUS_32 = 2.3283064365386963e-10;
/** The multiplier of Alea's recurrence. */
export const ALEA_MULTIPLIER = 2091639;

/** Indices into an Alea state vector. */
export const S0 = 0;
export const S1 = 1;
export const S2 = 2;
export const CARRY = 3;

/**
 * The state of `seedrandom.alea(seed)` before its first number, as `[s0, s1, s2, c]`.
 *
 * @example aleaNext(aleaState("x")) === seedrandom.alea("x")() // => true
 */
export function aleaState(seed: string): Float64Array {
  const generator = seedrandom.alea(seed, { state: true });
  const state = generator.state();
  return Float64Array.of(state.s0, state.s1, state.s2, state.c);
}

/** Advances `state` by one step and returns the uniform number in [0, 1) it produced. */
export function aleaNext(state: Float64Array): number {
  const t = ALEA_MULTIPLIER * state[S0] + state[CARRY] * TWO_POW_MINUS_32;
  state[S0] = state[S1];
  state[S1] = state[S2];
  const carry = Math.floor(t);
  state[CARRY] = carry;
  const uniform = t - carry;
  state[S2] = uniform;
  return uniform;
}
