/**
 * HMAC-SHA256 (RFC 2104) over the pure-TS SHA-256, for pseudonyms and test signers.
 */

import { utf8 } from './bytes.ts';
import { Sha256, sha256 } from './sha256.ts';

const BLOCK = 64;

/**
 * HMAC-SHA256 of `message` under `key` (strings are taken as UTF-8). Returns 32 bytes.
 * @example toHex(hmacSha256('key', 'The quick brown fox jumps over the lazy dog'))
 * // 'f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8'
 */
export function hmacSha256(key: Uint8Array | string, message: Uint8Array | string): Uint8Array {
  let k = typeof key === 'string' ? utf8(key) : key;
  if (k.length > BLOCK) k = sha256(k);
  const ipad = new Uint8Array(BLOCK).fill(0x36);
  const opad = new Uint8Array(BLOCK).fill(0x5c);
  for (let i = 0; i < k.length; i++) {
    ipad[i] = ipad[i]! ^ k[i]!;
    opad[i] = opad[i]! ^ k[i]!;
  }
  const msg = typeof message === 'string' ? utf8(message) : message;
  const inner = new Sha256().update(ipad).update(msg).digest();
  return new Sha256().update(opad).update(inner).digest();
}
