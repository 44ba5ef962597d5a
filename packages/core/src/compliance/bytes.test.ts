import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesEqual, concatBytes, fromBase64, fromHex, toBase64, toHex, utf8 } from './bytes.ts';

describe('bytes', () => {
  it('round-trips hex and base64', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70 }), (b) => {
        return bytesEqual(fromHex(toHex(b)), b) && bytesEqual(fromBase64(toBase64(b)), b);
      }),
    );
  });

  it('encodes base64 like RFC 4648 §10', () => {
    const cases = ['', 'Zg==', 'Zm8=', 'Zm9v', 'Zm9vYg==', 'Zm9vYmE=', 'Zm9vYmFy'];
    cases.forEach((want, n) => expect(toBase64(utf8('foobar'.slice(0, n)))).toBe(want));
  });

  it('rejects malformed hex and base64 with the offending place', () => {
    expect(() => fromHex('abc')).toThrow(/odd length 3/);
    expect(() => fromHex('zz')).toThrow(/"zz" at offset 0/);
    expect(() => fromBase64('Zm9')).toThrow(/multiple of 4/);
    expect(() => fromBase64('Z=9v')).toThrow(/offset 1/);
  });

  it('compares and concatenates', () => {
    expect(bytesEqual(utf8('ab'), concatBytes(utf8('a'), utf8('b')))).toBe(true);
    expect(bytesEqual(utf8('ab'), utf8('ac'))).toBe(false);
    expect(bytesEqual(utf8('ab'), utf8('abc'))).toBe(false);
  });
});
