/**
 * Seeded random streams: every random number in a simulation comes from one of these.
 *
 * A stream is an Alea generator (see `alea.ts`) seeded by `seedrandom` from a string. Each person has
 * several independent streams, one per purpose (latent noise, stressors, NSSI thresholds, schedule,
 * compliance, responses, ...), each seeded by a string built from the scenario seed, the person's group,
 * the person's index within the group and the purpose:
 *
 * ```
 * cascade-lab/v1/<scenario seed>/<group>/<index>/<purpose>
 * ```
 *
 * So a person's data depends only on the scenario, the seed, the group's name and the person's index:
 * never on the number of worker threads, on the order in which persons are simulated, or on the sizes
 * of other groups. Separate streams per purpose also give common random numbers: changing the prompt
 * schedule does not change the person's latent path, and changing one parameter does not shift the
 * stressors the person meets.
 */
import { aleaNext, aleaState } from "./alea.js";
import { zigguratNormal } from "./ziggurat.js";

/** Version tag of the seed derivation; changing it changes every simulated dataset. */
export const STREAM_SCHEME = "cascade-lab/v1";

/** The seed string of one person's stream for `purpose`. */
export function streamSeed(scenarioSeed: number | string, group: string, index: number, purpose: string): string {
  return `${STREAM_SCHEME}/${scenarioSeed}/${group}/${index}/${purpose}`;
}

/** A seeded source of random numbers. */
export class RandomStream {
  /** The Alea state `[s0, s1, s2, c]`; hot loops may step it directly (see `alea.ts`). */
  readonly state: Float64Array;

  constructor(seed: string) {
    this.state = aleaState(seed);
  }

  /** A uniform number in [0, 1) (32-bit resolution). */
  uniform(): number {
    return aleaNext(this.state);
  }

  /** A uniform number in (0, 1]: safe to take the logarithm of. */
  uniformPositive(): number {
    return 1 - aleaNext(this.state);
  }

  /** A standard normal number (ziggurat method). */
  normal(): number {
    return zigguratNormal(this.state);
  }

  /** An exponential number with mean 1 (inversion: -ln U). */
  exponential(): number {
    return -Math.log(this.uniformPositive());
  }

  /** An integer in 0..n-1, uniformly. */
  integerBelow(n: number): number {
    return Math.floor(aleaNext(this.state) * n);
  }

  /** True with probability `p`. */
  bernoulli(p: number): boolean {
    return aleaNext(this.state) < p;
  }
}

/** The streams of one person, one per purpose. */
export interface PersonStreams {
  /** Parameter and covariate draws (population layer). */
  parameters: RandomStream;
  /** Noise of negative affect (dW1). */
  noiseA: RandomStream;
  /** Noise of rumination (dW2). */
  noiseR: RandomStream;
  /** Stressor arrivals, kinds and magnitudes. */
  stress: RandomStream;
  /** Thresholds of the NSSI point process. */
  nssi: RandomStream;
  /** Thresholds of the skill-use point process. */
  skills: RandomStream;
  /** Prompt times. */
  schedule: RandomStream;
  /** Whether prompts are answered, and response delays. */
  compliance: RandomStream;
  /** Emotion-specific components E_k at prompts. */
  emotions: RandomStream;
  /** Measurement error of item responses. */
  responses: RandomStream;
}

const PURPOSES: readonly (keyof PersonStreams)[] = [
  "parameters",
  "noiseA",
  "noiseR",
  "stress",
  "nssi",
  "skills",
  "schedule",
  "compliance",
  "emotions",
  "responses",
];

/** Every stream of person `index` of `group` under `scenarioSeed`. */
export function personStreams(scenarioSeed: number | string, group: string, index: number): PersonStreams {
  const streams = {} as Record<keyof PersonStreams, RandomStream>;
  for (const purpose of PURPOSES) streams[purpose] = new RandomStream(streamSeed(scenarioSeed, group, index, purpose));
  return streams;
}
