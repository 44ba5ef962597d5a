/**
 * Byte helpers used across compliance: UTF-8, hex and base64 without Node's Buffer, so the
 * same code runs in the browser.
 */

const encoder = new TextEncoder();

/**
 * UTF-8 bytes of a string.
 * @example utf8('é') // Uint8Array [0xc3, 0xa9]
 */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/**
 * Lower-case hex of some bytes.
 * @example toHex(new Uint8Array([1, 255])) // '01ff'
 */
export function toHex(bytes: Uint8Array): string {
  // One flat string: `+=` per byte would leave a rope of 32 pieces per hash (about 1 KB of
  // heap each), which a manifest with millions of proof hashes cannot afford.
  const parts = new Array<string>(bytes.length);
  for (let i = 0; i < bytes.length; i++) parts[i] = HEX_BYTE[bytes[i]!]!;
  return parts.join('');
}

const HEX_BYTE = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/**
 * Parses hex (either case). Throws a RangeError naming the problem on odd length or a
 * non-hex character, because a silently shortened hash would verify nothing.
 * @example fromHex('01ff') // Uint8Array [1, 255]
 */
export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0) throw new RangeError(`hex string has odd length ${hex.length}`);
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = hexDigit(hex.charCodeAt(2 * i));
    const lo = hexDigit(hex.charCodeAt(2 * i + 1));
    if (hi < 0 || lo < 0)
      throw new RangeError(`invalid hex "${hex.slice(2 * i, 2 * i + 2)}" at offset ${2 * i}`);
    out[i] = hi * 16 + lo;
  }
  return out;
}

/** The value of one hex digit's char code, or -1. */
function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * Standard (RFC 4648 §4) padded base64 of some bytes.
 * @example toBase64(utf8('hi')) // 'aGk='
 */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const n = (a << 16) | (b << 8) | c;
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]!;
    out += i + 1 < bytes.length ? B64[(n >> 6) & 63]! : '=';
    out += i + 2 < bytes.length ? B64[n & 63]! : '=';
  }
  return out;
}

/**
 * Parses standard padded base64 (RFC 4648 §4). Throws a RangeError on bad length, bad
 * characters or non-canonical padding.
 * @example fromBase64('aGk=') // UTF-8 bytes of 'hi'
 */
export function fromBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0)
    throw new RangeError(`base64 length ${text.length} is not a multiple of 4`);
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const ch = text[i + j]!;
      const isPad = ch === '=' && i + 4 === text.length && j >= 4 - pad;
      const v = isPad ? 0 : B64.indexOf(ch);
      if (v < 0) throw new RangeError(`invalid base64 character "${ch}" at offset ${i + j}`);
      n = (n << 6) | v;
    }
    const triple = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
    for (const b of triple) if (o < out.length) out[o++] = b;
  }
  return out;
}

/**
 * Equality of two byte arrays, comparing every byte (no early exit) so a verifier does not
 * leak how much of a MAC or hash matched.
 * @example bytesEqual(utf8('a'), utf8('a')) // true
 */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/**
 * Concatenates byte arrays.
 * @example concatBytes(utf8('a'), utf8('b')) // UTF-8 bytes of 'ab'
 */
export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  let len = 0;
  for (const p of parts) len += p.length;
  const out = new Uint8Array(len);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
