/**
 * SHA-256 (FIPS 180-4) in plain TypeScript: synchronous, Uint8Array in and out, no Node
 * `crypto` and no WebCrypto (which is async-only), so PII pseudonyms and Merkle hashing run
 * the same in the browser, the server and the CLI.
 */

import { toHex, utf8 } from './bytes.ts';

// FIPS 180-4 §4.2.2: first 32 bits of the fractional parts of the cube roots of the first
// 64 primes.
const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

// FIPS 180-4 §5.3.3: initial hash value.
const H0 = [
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

/**
 * Incremental SHA-256 for data that arrives in pieces (large exports, streamed files).
 * @example new Sha256().update(utf8('ab')).update(utf8('c')).digest() // = sha256(utf8('abc'))
 */
export class Sha256 {
  private readonly h = new Uint32Array(H0);
  private readonly w = new Uint32Array(64);
  private readonly block = new Uint8Array(64);
  private blockLen = 0;
  private totalBytes = 0;
  private done = false;

  /** Feeds more bytes; returns `this` for chaining. Throws after `digest()`. */
  update(data: Uint8Array): this {
    if (this.done) throw new Error('Sha256.update called after digest()');
    let i = 0;
    this.totalBytes += data.length;
    while (i < data.length) {
      const take = Math.min(64 - this.blockLen, data.length - i);
      this.block.set(data.subarray(i, i + take), this.blockLen);
      this.blockLen += take;
      i += take;
      if (this.blockLen === 64) {
        this.compress(this.block);
        this.blockLen = 0;
      }
    }
    return this;
  }

  /** Starts over, as a new instance would (used by {@link sha256} to reuse one instance). */
  reset(): this {
    this.h.set(H0);
    this.blockLen = 0;
    this.totalBytes = 0;
    this.done = false;
    return this;
  }

  /** Finishes and returns the 32-byte digest. The instance cannot be reused until `reset()`. */
  digest(): Uint8Array {
    if (this.done) throw new Error('Sha256.digest called twice');
    this.done = true;
    const bitsHi = Math.floor(this.totalBytes / 0x20000000); // bytes * 8 / 2^32
    const bitsLo = (this.totalBytes * 8) >>> 0;
    this.block[this.blockLen++] = 0x80;
    if (this.blockLen > 56) {
      this.block.fill(0, this.blockLen);
      this.compress(this.block);
      this.blockLen = 0;
    }
    this.block.fill(0, this.blockLen);
    const block = this.block;
    for (let i = 0; i < 4; i++) {
      block[56 + i] = bitsHi >>> (24 - 8 * i);
      block[60 + i] = bitsLo >>> (24 - 8 * i);
    }
    this.compress(block);
    const out = new Uint8Array(32);
    for (let i = 0; i < 8; i++) {
      const v = this.h[i]!;
      out[4 * i] = v >>> 24;
      out[4 * i + 1] = v >>> 16;
      out[4 * i + 2] = v >>> 8;
      out[4 * i + 3] = v;
    }
    return out;
  }

  private compress(chunk: Uint8Array): void {
    const w = this.w;
    for (let t = 0; t < 16; t++) {
      const j = 4 * t;
      w[t] = (chunk[j]! << 24) | (chunk[j + 1]! << 16) | (chunk[j + 2]! << 8) | chunk[j + 3]!;
    }
    for (let t = 16; t < 64; t++) {
      const x = w[t - 15]!;
      const y = w[t - 2]!;
      const s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x >>> 3);
      const s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y >>> 10);
      w[t] = (w[t - 16]! + s0 + w[t - 7]! + s1) | 0;
    }
    const h = this.h;
    let a = h[0]!,
      b = h[1]!,
      c = h[2]!,
      d = h[3]!,
      e = h[4]!,
      f = h[5]!,
      g = h[6]!,
      k = h[7]!;
    for (let t = 0; t < 64; t++) {
      const S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
      const ch = (e & f) ^ (~e & g);
      const t1 = (k + S1 + ch + K[t]! + w[t]!) | 0;
      const S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) | 0;
      k = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h[0] = h[0]! + a;
    h[1] = h[1]! + b;
    h[2] = h[2]! + c;
    h[3] = h[3]! + d;
    h[4] = h[4]! + e;
    h[5] = h[5]! + f;
    h[6] = h[6]! + g;
    h[7] = h[7]! + k;
  }
}

function rotr(x: number, n: number): number {
  return (x >>> n) | (x << (32 - n));
}

/**
 * SHA-256 digest of some bytes (32 bytes).
 * @example toHex(sha256(utf8('abc'))) // 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 */
export function sha256(data: Uint8Array): Uint8Array {
  // One instance serves every call (synchronous, nothing re-enters it): a Merkle tree of a
  // million leaves hashes two million times, and allocating four typed arrays a hash cost
  // more than the hashing.
  return ONE_SHOT.reset().update(data).digest();
}

const ONE_SHOT = new Sha256();

/**
 * Lower-case hex SHA-256 of bytes, or of a string's UTF-8 bytes.
 * @example sha256Hex('') // 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
 */
export function sha256Hex(data: Uint8Array | string): string {
  return toHex(sha256(typeof data === 'string' ? utf8(data) : data));
}
