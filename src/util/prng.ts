/**
 * Seeded randomness for tools (delay jitter, flaky failures): mulberry32, seeded from the scenario
 * seed mixed with a hash of the agent id, so every agent draws its own reproducible sequence.
 */
import { fnv1a, seededRandom } from './random.js';

/** A source of uniform numbers in [0, 1). */
export interface Prng {
  next(): number;
  /** Uniform in [min, max]. */
  between(min: number, max: number): number;
}

/** mulberry32 seeded with `seed` (the planner's generator, with a range helper). */
export function mulberry32(seed: number): Prng {
  const next = seededRandom(seed);
  return { next, between: (min, max) => min + next() * (max - min) };
}

/** The PRNG of agent `id` in a run seeded with `seed`. */
export function agentPrng(seed: number, id: string): Prng {
  return mulberry32((Math.trunc(seed) ^ fnv1a(id)) >>> 0);
}
