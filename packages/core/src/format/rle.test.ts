import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeRleString, encodeRleString, rlePixelCount } from './rle.ts';

describe('COCO RLE strings', () => {
  it('decodes small runs, one character each', () => {
    expect(decodeRleString('345')).toEqual([3, 4, 5]);
    expect(decodeRleString('')).toEqual([]);
  });

  it('decodes multi-character runs and deltas (the FORMAT.md example)', () => {
    expect(decodeRleString('Xo0X6`jZ9')).toEqual([1000, 200, 306000]);
    expect(rlePixelCount('Xo0X6`jZ9')).toBe(480 * 640);
  });

  it('rejects characters outside the alphabet and truncated numbers', () => {
    expect(decodeRleString('3 4')).toBeUndefined(); // ' ' is below '0'
    expect(decodeRleString('3~')).toBeUndefined(); // '~' is above 'o'
    expect(decodeRleString('X')).toBeUndefined(); // continuation bit set, then nothing
  });

  it('rejects runs that decode to a negative length', () => {
    // a single group with the sign bit set: -16
    expect(decodeRleString('@')).toBeUndefined();
  });

  it('round-trips any run lengths, including long ones', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 2 ** 40 }), { maxLength: 50 }), (counts) => {
        expect(decodeRleString(encodeRleString(counts))).toEqual(counts);
      }),
    );
  });

  it('counts pixels of run arrays', () => {
    expect(rlePixelCount([2, 3, 1])).toBe(6);
    expect(rlePixelCount('X')).toBeUndefined();
  });
});
