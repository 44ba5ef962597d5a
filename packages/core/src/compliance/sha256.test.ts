import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex, utf8 } from './bytes.ts';
import { Sha256, sha256, sha256Hex } from './sha256.ts';

// NIST FIPS 180-4 examples (CSRC "Examples with Intermediate Values", SHA-256) and the
// long-message vector from FIPS 180-2 Appendix B.3.
const NIST: Array<[string, string]> = [
  ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  [
    'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
    '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
  ],
  [
    'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
    'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1',
  ],
];

describe('sha256', () => {
  it.each(NIST)('matches the NIST vector for %j', (msg, want) => {
    expect(sha256Hex(msg)).toBe(want);
  });

  it('matches the NIST one-million-"a" vector, fed in uneven pieces', () => {
    const h = new Sha256();
    const piece = utf8('a'.repeat(997));
    let left = 1_000_000;
    while (left > 0) {
      const n = Math.min(left, piece.length);
      h.update(piece.subarray(0, n));
      left -= n;
    }
    expect(toHex(h.digest())).toBe(
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    );
  });

  it('handles every length around the 55/56/64-byte padding boundaries', () => {
    for (let n = 50; n <= 130; n++) {
      const data = new Uint8Array(n).map((_, i) => (i * 7 + n) & 255);
      expect(toHex(sha256(data))).toBe(createHash('sha256').update(data).digest('hex'));
    }
  });

  it('agrees with Node crypto on random inputs and random chunking', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(300), (data, cut) => {
        const c = Math.min(cut, data.length);
        const inc = new Sha256().update(data.subarray(0, c)).update(data.subarray(c)).digest();
        const want = createHash('sha256').update(data).digest('hex');
        return toHex(sha256(data)) === want && toHex(inc) === want;
      }),
    );
  });

  it('refuses reuse after digest', () => {
    const h = new Sha256();
    h.digest();
    expect(() => h.update(new Uint8Array(1))).toThrow(/after digest/);
    expect(() => h.digest()).toThrow(/twice/);
  });
});
