import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  codePointLength,
  codePointSlice,
  codePointToUtf16,
  utf16ToCodePoint,
} from './codepoints.ts';

/** Reference implementation: Array.from splits a string into code points. */
const cps = (s: string): string[] => Array.from(s);

/** Strings mixing ASCII, CJK, emoji (with modifiers and ZWJ) and lone surrogates. */
const tricky = fc.string({
  unit: fc.oneof(
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    fc.constantFrom('a', '中', '巴', '😀', '🐕', '👍🏽', '👩‍💻', '\uD83D', '\uDC15', 'é', 'é'),
  ),
  maxLength: 40,
});

describe('code-point helpers on examples', () => {
  const caption = '🐕 Rex chases Alice in 巴黎.';

  it('counts code points, not UTF-16 units', () => {
    expect(codePointLength('北京😀')).toBe(3);
    expect('北京😀'.length).toBe(4);
    expect(codePointLength(caption)).toBe(25);
    expect(codePointLength('')).toBe(0);
  });

  it('slices by code points (the FORMAT.md example)', () => {
    expect(codePointSlice(caption, 2, 5)).toBe('Rex');
    expect(codePointSlice(caption, 22, 24)).toBe('巴黎');
    expect(caption.slice(22, 24)).toBe(' 巴'); // why the format does not use UTF-16
    expect(codePointSlice('我爱😀北京', 2, 3)).toBe('😀');
    expect(codePointSlice('abc', 1)).toBe('bc');
    expect(codePointSlice('abc', 2, 99)).toBe('c');
    expect(codePointSlice('abc', 2, 1)).toBe('');
  });

  it('converts between UTF-16 and code-point offsets', () => {
    expect(codePointToUtf16(caption, 22)).toBe(23);
    expect(utf16ToCodePoint(caption, 23)).toBe(22);
    expect(codePointToUtf16('😀北京', 1)).toBe(2);
    expect(utf16ToCodePoint('😀北京', 1)).toBe(0); // inside the emoji: rounds down
    expect(codePointToUtf16('ab', 2)).toBe(2);
  });

  it('counts a lone surrogate as one code point', () => {
    expect(codePointLength('a\uD83Db')).toBe(3);
    expect(codePointLength('\uDC15\uD83D')).toBe(2);
    expect(codePointSlice('\uD83Dx', 1, 2)).toBe('x');
  });

  it('rejects offsets that cannot be offsets', () => {
    expect(() => codePointToUtf16('ab', 3)).toThrow(RangeError);
    expect(() => codePointToUtf16('ab', -1)).toThrow(/cpIndex/);
    expect(() => utf16ToCodePoint('ab', 3)).toThrow(RangeError);
    expect(() => utf16ToCodePoint('ab', 0.5)).toThrow(RangeError);
    expect(() => codePointSlice('ab', -1, 1)).toThrow(/start/);
    expect(() => codePointSlice('ab', 0, 1.5)).toThrow(/end/);
  });
});

describe('code-point helpers, properties', () => {
  it('codePointLength equals Array.from length', () => {
    fc.assert(fc.property(tricky, (s) => codePointLength(s) === cps(s).length));
  });

  it('codePointSlice equals slicing the code-point array', () => {
    fc.assert(
      fc.property(tricky, fc.nat(45), fc.nat(45), (s, a, b) => {
        expect(codePointSlice(s, a, b)).toBe(cps(s).slice(a, b).join(''));
      }),
    );
  });

  it('codePointToUtf16 gives the UTF-16 length of the prefix', () => {
    fc.assert(
      fc.property(tricky, fc.nat(), (s, seed) => {
        const k = seed % (cps(s).length + 1);
        expect(codePointToUtf16(s, k)).toBe(cps(s).slice(0, k).join('').length);
      }),
    );
  });

  it('utf16ToCodePoint inverts codePointToUtf16 and rounds down inside a pair', () => {
    fc.assert(
      fc.property(tricky, fc.nat(), (s, seed) => {
        const k = seed % (cps(s).length + 1);
        expect(utf16ToCodePoint(s, codePointToUtf16(s, k))).toBe(k);
        const u = seed % (s.length + 1);
        const back = codePointToUtf16(s, utf16ToCodePoint(s, u));
        expect(back).toBeLessThanOrEqual(u);
        expect(u - back).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('a span converted to UTF-16 and back covers the same text', () => {
    fc.assert(
      fc.property(tricky, fc.nat(), fc.nat(), (s, x, y) => {
        const n = cps(s).length;
        const [start, end] = [x % (n + 1), y % (n + 1)].sort((p, q) => p - q) as [number, number];
        const u0 = codePointToUtf16(s, start);
        const u1 = codePointToUtf16(s, end);
        expect(s.slice(u0, u1)).toBe(codePointSlice(s, start, end));
        expect([utf16ToCodePoint(s, u0), utf16ToCodePoint(s, u1)]).toEqual([start, end]);
      }),
    );
  });
});
