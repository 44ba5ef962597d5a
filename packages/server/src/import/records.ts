import { hash } from 'node:crypto';

/** One record pulled from an import stream: its position, and either raw text or a parsed value. */
export type SourceRecord =
  | { line: number; text: string; value?: undefined; error?: undefined }
  | { line: number; value: unknown; text?: undefined; error?: undefined }
  | { line: number; error: string; fatal?: boolean; text?: undefined; value?: undefined };
// `fatal`: the stream cannot be read past this error (a broken JSON document, a CSV parse failure).

/** Deepest nesting accepted in imported JSON. Deeper documents would overflow serialisers later. */
export const MAX_DEPTH = 64;

/**
 * Returns the nesting depth of a parsed JSON value, stopping early once `limit` is passed.
 * Iterative, so a hostile 10,000-deep document cannot overflow the stack here.
 */
export function depthExceeds(value: unknown, limit = MAX_DEPTH): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (d > limit) return true;
    if (Array.isArray(v)) {
      for (const x of v) if (typeof x === 'object' && x !== null) stack.push([x, d + 1]);
    } else {
      for (const k in v as Record<string, unknown>) {
        const x = (v as Record<string, unknown>)[k];
        if (typeof x === 'object' && x !== null) stack.push([x, d + 1]);
      }
    }
  }
  return false;
}

/**
 * A copy of a parsed JSON value whose objects were built with their keys in sorted order, so
 * that `JSON.stringify` of it is the same text for the same content whatever the input's key
 * order. (Integer-like keys come first, as JavaScript enumerates them; that order is just as
 * deterministic.) One native stringify of the copy is much faster than a hand-written writer.
 */
export function canonicalize(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(canonicalize);
  const src = value as Record<string, unknown>;
  const keys = Object.keys(src).sort();
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = canonicalize(src[k]);
  return out;
}

/** Canonical JSON text: keys in sorted order at every level. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonicalize(value)) ?? 'null';
}

/**
 * Canonical JSON text of a freshly parsed value, or undefined when it nests deeper than
 * `MAX_DEPTH`: the depth check and the sorted copy in one walk, for the import's hot path.
 */
export function canonicalJsonWithin(value: unknown): string | undefined {
  try {
    return JSON.stringify(canonicalWithin(value, 1)) ?? 'null';
  } catch (err) {
    if (err === TOO_DEEP) return undefined;
    throw err;
  }
}

const TOO_DEEP = Symbol('too deep');

function canonicalWithin(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH) throw TOO_DEEP;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = canonicalWithin(value[i], depth + 1);
    return out;
  }
  const src = value as Record<string, unknown>;
  const keys = Object.keys(src).sort();
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = canonicalWithin(src[k], depth + 1);
  return out;
}

/** The task content hash: sha256 over canonical JSON, in hex. */
export function hashText(canonical: string): string {
  return hash('sha256', canonical, 'hex');
}

/** The indexed 52-bit prefix of a content hash: a safe integer on both dialects. */
export function hashKey(contentHashHex: string): number {
  return parseInt(contentHashHex.slice(0, 13), 16);
}

/**
 * The key to try on the `attempt`-th probe for a content hash. `(project_id, hash_key)` is
 * unique, so a task whose 52-bit prefix is already taken by DIFFERENT content (about one chance
 * in 10⁴ for a project of a million tasks) moves on, as in open addressing: the next 52 bits of
 * its hash, then the one after, and past those linearly. The same rule is written out in
 * sqlite-writer.worker.mjs, which cannot import TypeScript.
 */
export function probeKey(contentHashHex: string, attempt: number): number {
  if (attempt < 4) return parseInt(contentHashHex.slice(13 * attempt, 13 * attempt + 13), 16);
  return (hashKey(contentHashHex) + attempt) % 2 ** 52;
}

export function contentHash(data: unknown): string {
  return hashText(canonicalJson(data));
}
