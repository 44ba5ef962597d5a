/*
 * 32-bit hashing for feature hashing and deterministic assignment. Not cryptographic: it only
 * has to spread strings evenly over buckets and be identical in Node and the browser, which
 * rules out `Math.random` and Node's crypto.
 */

/**
 * MurmurHash3's 32-bit finaliser: mixes every input bit into every output bit.
 *
 * @example
 * ```ts
 * fmix32(1) !== fmix32(2); // neighbouring inputs land far apart
 * ```
 */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * One FNV-1a step: folds a 16-bit unit (or any 32-bit integer) into the running hash.
 *
 * @example
 * ```ts
 * let h = FNV_BASIS;
 * for (const cp of [104, 105]) h = fnvStep(h, cp);
 * ```
 */
export function fnvStep(h: number, unit: number): number {
  return Math.imul(h ^ unit, 0x01000193) >>> 0;
}

/**
 * FNV offset basis, the starting value of every hash (xor a salt into it per namespace).
 *
 * @example
 * ```ts
 * const start = FNV_BASIS ^ 0x7f4a7c15; // the character n-gram namespace
 * ```
 */
export const FNV_BASIS = 0x811c9dc5;

/**
 * Hash of a string (its UTF-16 units) with a salt, finalised with fmix32.
 *
 * @example
 * ```ts
 * hashString('free', 1) === hashString('free', 1); // true, on every machine
 * hashString('free', 1) !== hashString('free', 2); // salts separate namespaces
 * ```
 */
export function hashString(s: string, salt = 0): number {
  let h = (FNV_BASIS ^ salt) >>> 0;
  for (let i = 0; i < s.length; i++) h = fnvStep(h, s.charCodeAt(i));
  return fmix32(h);
}

/**
 * A string hashed to a float in [0, 1): a deterministic "coin" for a task id.
 *
 * @example
 * ```ts
 * hashUnit('task-17', 'seed-1'); // e.g. 0.4213..., the same everywhere
 * ```
 */
export function hashUnit(s: string, salt = ''): number {
  return hashString(`${salt}\u0000${s}`) / 4294967296;
}
