import { isUtf8 } from 'node:buffer';
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

/**
 * The offset of the first byte of `b` that does not belong to well-formed UTF-8 (overlong forms,
 * surrogates and truncated sequences included), or -1 when it is all UTF-8.
 */
export function invalidUtf8At(b: Uint8Array): number {
  if (isUtf8(b)) return -1;
  for (let i = 0; i < b.length;) {
    const c = b[i]!;
    const more =
      c < 0x80
        ? 0
        : c >= 0xc2 && c <= 0xdf
          ? 1
          : c >= 0xe0 && c <= 0xef
            ? 2
            : c >= 0xf0 && c <= 0xf4
              ? 3
              : -1;
    if (more < 0 || i + more >= b.length) return i;
    if (more > 0) {
      // The second byte's range is narrower after E0 (overlong), ED (surrogates), F0 and F4.
      const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
      const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
      if (b[i + 1]! < lo || b[i + 1]! > hi) return i;
      for (let k = 2; k <= more; k++) if ((b[i + k]! & 0xc0) !== 0x80) return i;
    }
    i += more + 1;
  }
  return -1; // the checks above are the whole definition of well-formed UTF-8, as isUtf8's
}

/**
 * Why a record whose bytes are not UTF-8 was refused, and what to do: files saved in GBK or
 * Latin-1 would otherwise be stored as replacement characters without a word. Only for bytes
 * that are not UTF-8.
 *
 * @example
 * notUtf8(Buffer.from([0x7b, 0xc4, 0xe3]), 'line'); // 'not valid UTF-8: byte 0xC4 at byte 2 of the line …'
 */
export function notUtf8(b: Uint8Array, what: string): string {
  const at = invalidUtf8At(b);
  const byte = b[at]!.toString(16).toUpperCase().padStart(2, '0');
  return `not valid UTF-8: byte 0x${byte} at byte ${at + 1} of the ${what}. Save the file as UTF-8 (it may be in GBK, GB 18030 or Latin-1) and import it again`;
}

/**
 * The first line of `bytes` that is not UTF-8: its number (from 1), the offset where it starts
 * and the reason to report; undefined when all of it is UTF-8.
 */
export function firstNonUtf8Line(
  bytes: Buffer,
): { line: number; start: number; error: string } | undefined {
  const bad = invalidUtf8At(bytes);
  if (bad === -1) return undefined;
  const start = bytes.lastIndexOf(10, bad) + 1;
  let line = 1;
  for (let i = bytes.indexOf(10); i !== -1 && i < start; i = bytes.indexOf(10, i + 1)) line++;
  const end = bytes.indexOf(10, start);
  return {
    line,
    start,
    error: notUtf8(bytes.subarray(start, end === -1 ? bytes.length : end), 'line'),
  };
}
