/**
 * Small seeded pseudo-random generator (mulberry32) returning floats in [0, 1).
 * Quality control must be reproducible: the same seed gives the same sample or the same
 * MACE restarts on every machine, which `Math.random` cannot promise.
 *
 * @example
 * ```ts
 * const next = seededRandom(42);
 * next(); // same value on every run
 * ```
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
