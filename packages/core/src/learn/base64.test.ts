import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64, decodeSparse, encodeSparse } from './base64.ts';

const enc = (s: string) => bytesToBase64(new TextEncoder().encode(s));

describe('base64', () => {
  it('matches the RFC 4648 test vectors', () => {
    expect(['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar'].map(enc)).toEqual([
      '',
      'Zg==',
      'Zm8=',
      'Zm9v',
      'Zm9vYg==',
      'Zm9vYmE=',
      'Zm9vYmFy',
    ]);
    expect(new TextDecoder().decode(base64ToBytes('Zm9vYmE=', 'x'))).toBe('fooba');
  });

  it('round-trips all byte values and rejects bad input with its place', () => {
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 37) & 255);
    expect(Array.from(base64ToBytes(bytesToBase64(bytes), 'x'))).toEqual(Array.from(bytes));
    expect(() => base64ToBytes('abc', 'state.w')).toThrow(/state\.w: base64 length 3/);
    expect(() => base64ToBytes('ab!d', 'state.w')).toThrow(/invalid base64 character at 2/);
  });

  it('stores the non-zero entries of a float array exactly (float32)', () => {
    const a = new Float32Array(1000);
    a[3] = 1.5;
    a[999] = -2.25e-8;
    const e = encodeSparse(a);
    expect(e.n).toBe(2);
    expect(Array.from(decodeSparse(e, 1000, 'w'))).toEqual(Array.from(a));
    expect(() => decodeSparse(e, 10, 'w')).toThrow(/w: index 999 is past the end/);
  });
});
