/**
 * Seeds derived from a text key, for runs that must differ from each other yet be reproducible: the
 * cells and replicates of a sweep and the replicates of a power analysis.
 *
 * A key such as `cascade-lab/sweep/v1/1/groups.bpd.parameters.wAR=1.1/3` is hashed by seedrandom's
 * Mash function into an Alea generator (the same generator the engine uses, `src/random/`); its first
 * two 32-bit numbers give a 53-bit integer, a seed for the engine's per-person streams
 * (`cascade-lab/v1/<seed>/<group>/<index>/<purpose>`). With 2^53 possible seeds, two of a million runs
 * share one with probability below 1e-4.
 *
 * Browser-safe: no `node:` imports.
 */
import { RandomStream } from "../random/stream.js";

/** 2^21: the high part of a 53-bit integer. */
const TWO_POW_21 = 2097152;
/** 2^32. */
const TWO_POW_32 = 4294967296;

/**
 * A 53-bit integer seed derived from `key` (deterministic, the same on every machine and in the
 * browser).
 *
 * @example derivedSeed("cascade-lab/sweep/v1/1/wAR=1/1") // => the same integer in every run
 */
export function derivedSeed(key: string): number {
  const stream = new RandomStream(key);
  const high = Math.floor(stream.uniform() * TWO_POW_21);
  const low = Math.floor(stream.uniform() * TWO_POW_32);
  return high * TWO_POW_32 + low;
}
