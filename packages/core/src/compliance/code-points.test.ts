import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codePointIndex, codePointLength, sliceCodePoints } from './code-points.ts';

describe('code points', () => {
  it('counts an emoji or a supplementary CJK character as one code point', () => {
    const text = '😀a𠀀b';
    const cp = codePointIndex(text);
    expect(cp.length).toBe(4);
    expect(cp.toCodePoint(2)).toBe(1);
    expect(cp.toCodePoint(5)).toBe(3);
    expect(cp.toUnit(3)).toBe(5);
    expect(codePointLength(text)).toBe(4);
    expect(sliceCodePoints(text, 2, 4)).toBe('𠀀b');
  });

  it('round-trips unit and code-point offsets for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const cp = codePointIndex(s);
        if (cp.length !== Array.from(s).length) return false;
        for (let i = 0; i <= cp.length; i++) if (cp.toCodePoint(cp.toUnit(i)) !== i) return false;
        return true;
      }),
    );
  });

  it('rejects offsets outside the string', () => {
    const cp = codePointIndex('ab');
    expect(() => cp.toCodePoint(3)).toThrow(/outside 0..2/);
    expect(() => cp.toUnit(-1)).toThrow(/outside 0..2/);
  });
});
