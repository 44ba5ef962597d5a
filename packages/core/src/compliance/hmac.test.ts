import { describe, expect, it } from 'vitest';
import { fromHex, toHex, utf8 } from './bytes.ts';
import { hmacSha256 } from './hmac.ts';

// RFC 4231 §4 test cases 1, 2, 3, 4, 6, 7 (HMAC-SHA-256 rows). Case 5 tests truncation,
// which this API does not offer.
const RFC4231: Array<{ key: Uint8Array; data: Uint8Array; want: string }> = [
  {
    key: new Uint8Array(20).fill(0x0b),
    data: utf8('Hi There'),
    want: 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
  },
  {
    key: utf8('Jefe'),
    data: utf8('what do ya want for nothing?'),
    want: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
  },
  {
    key: new Uint8Array(20).fill(0xaa),
    data: new Uint8Array(50).fill(0xdd),
    want: '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe',
  },
  {
    key: fromHex('0102030405060708090a0b0c0d0e0f10111213141516171819'),
    data: new Uint8Array(50).fill(0xcd),
    want: '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b',
  },
  {
    key: new Uint8Array(131).fill(0xaa),
    data: utf8('Test Using Larger Than Block-Size Key - Hash Key First'),
    want: '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
  },
  {
    key: new Uint8Array(131).fill(0xaa),
    data: utf8(
      'This is a test using a larger than block-size key and a larger than block-size data. ' +
        'The key needs to be hashed before being used by the HMAC algorithm.',
    ),
    want: '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2',
  },
];

describe('hmacSha256', () => {
  it.each(RFC4231.map((c, i) => [i, c] as const))('matches RFC 4231 case #%i', (_i, c) => {
    expect(toHex(hmacSha256(c.key, c.data))).toBe(c.want);
  });

  it('takes strings as UTF-8', () => {
    expect(toHex(hmacSha256('key', 'The quick brown fox jumps over the lazy dog'))).toBe(
      'f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8',
    );
  });
});
