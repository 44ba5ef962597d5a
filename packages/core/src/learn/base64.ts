import { LearnInputError } from './errors.ts';

/*
 * Saved models hold large, mostly-zero Float32Arrays (2^18 buckets per class). They are saved
 * as the non-zero entries only, indices and values each as little-endian bytes in base64, so a
 * model trained on 500 SMS is tens of kilobytes of JSON rather than megabytes. Written here
 * because core may not use Buffer, and btoa wants a binary string.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

/**
 * Standard base64 (RFC 4648, with padding) of bytes.
 *
 * @example
 * ```ts
 * bytesToBase64(Uint8Array.of(1, 2, 3)); // 'AQID'
 * ```
 */
export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    chunk += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]!;
    chunk += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63]! : '=';
    chunk += i + 2 < bytes.length ? ALPHABET[n & 63]! : '=';
    if (chunk.length >= 8192) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk);
  return parts.join('');
}

/**
 * Bytes of a standard base64 string; throws a LearnInputError naming `where` on bad input.
 *
 * @example
 * ```ts
 * base64ToBytes('AQID', 'state.weights'); // Uint8Array [1, 2, 3]
 * ```
 */
export function base64ToBytes(s: string, where: string): Uint8Array {
  if (s.length % 4 !== 0) {
    throw new LearnInputError(
      'bad_state',
      `${where}: base64 length ${s.length} is not a multiple of 4`,
    );
  }
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((s.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < s.length; i += 4) {
    let n = 0;
    for (let k = 0; k < 4; k++) {
      const ch = s.charCodeAt(i + k);
      const v = ch === 61 && i + k >= s.length - pad ? 0 : ch < 128 ? LOOKUP[ch]! : -1;
      if (v < 0) {
        throw new LearnInputError('bad_state', `${where}: invalid base64 character at ${i + k}`);
      }
      n = (n << 6) | v;
    }
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

/**
 * The non-zero entries of a float array, as base64 of little-endian uint32 indices and
 * float32 values.
 *
 * @example
 * ```ts
 * const saved = encodeSparse(weights); // { n: 1234, indices: '...', values: '...' }
 * decodeSparse(saved, weights.length, 'weights'); // equal to weights
 * ```
 */
export interface EncodedSparse {
  /** Number of non-zero entries. */
  n: number;
  indices: string;
  values: string;
}

/**
 * Encodes the non-zero entries of `a` (see {@link EncodedSparse}).
 *
 * @example
 * ```ts
 * encodeSparse(Float32Array.of(0, 1.5, 0)).n; // 1
 * ```
 */
export function encodeSparse(a: Float32Array | Float64Array): EncodedSparse {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== 0) n++;
  const idx = new DataView(new ArrayBuffer(n * 4));
  const val = new DataView(new ArrayBuffer(n * 4));
  let k = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === 0) continue;
    idx.setUint32(k * 4, i, true);
    val.setFloat32(k * 4, a[i]!, true);
    k++;
  }
  return {
    n,
    indices: bytesToBase64(new Uint8Array(idx.buffer)),
    values: bytesToBase64(new Uint8Array(val.buffer)),
  };
}

/**
 * Decodes {@link EncodedSparse} into a zero-filled Float32Array of `length` entries; errors
 * name `where`.
 *
 * @example
 * ```ts
 * decodeSparse(encodeSparse(weights), weights.length, 'lr.weights');
 * ```
 */
export function decodeSparse(e: EncodedSparse, length: number, where: string): Float32Array {
  const idx = base64ToBytes(e.indices, `${where}.indices`);
  const val = base64ToBytes(e.values, `${where}.values`);
  if (idx.length !== e.n * 4 || val.length !== e.n * 4) {
    throw new LearnInputError(
      'bad_state',
      `${where}: expected ${e.n} entries, got ${idx.length / 4} indices and ${val.length / 4} values`,
    );
  }
  const out = new Float32Array(length);
  const iv = new DataView(idx.buffer, idx.byteOffset, idx.byteLength);
  const vv = new DataView(val.buffer, val.byteOffset, val.byteLength);
  for (let k = 0; k < e.n; k++) {
    const i = iv.getUint32(k * 4, true);
    if (i >= length) {
      throw new LearnInputError('bad_state', `${where}: index ${i} is past the end (${length})`);
    }
    out[i] = vv.getFloat32(k * 4, true);
  }
  return out;
}
