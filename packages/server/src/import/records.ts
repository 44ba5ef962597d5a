import { createHash } from 'node:crypto';

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
 * JSON with object keys sorted at every level: two tasks with the same content but another key
 * order hash the same.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return '[' + value.map(canonicalJson).join(',') + ']';
  const keys = Object.keys(value).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const v = (value as Record<string, unknown>)[k];
    if (v === undefined) continue;
    if (out.length > 1) out += ',';
    out += JSON.stringify(k) + ':' + canonicalJson(v);
  }
  return out + '}';
}

/** The task content hash: sha256 over the canonical JSON of its data. */
export function contentHash(data: unknown): string {
  return createHash('sha256').update(canonicalJson(data)).digest('hex');
}
