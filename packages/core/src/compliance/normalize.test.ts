import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldCase, normalizeWidth } from './normalize.ts';

describe('normalizeWidth', () => {
  it('maps full-width digits, letters and punctuation to ASCII', () => {
    expect(normalizeWidth('１３８－１２３４')).toBe('138-1234');
    expect(normalizeWidth('ＡＢＣａｂｃ＠．：（）')).toBe('ABCabc@.:()');
    expect(normalizeWidth('a\u3000b\u2013c')).toBe('a b-c');
    expect(normalizeWidth('中文。')).toBe('中文。');
  });

  it('keeps the UTF-16 length and every surrogate pair, so offsets carry over', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const n = normalizeWidth(s);
        return n.length === s.length && Array.from(n).length === Array.from(s).length;
      }),
    );
  });
});

describe('foldCase', () => {
  it('lower-cases while keeping the code-point count', () => {
    expect(foldCase('ÄBC Ｘ')).toBe('äbc ｘ');
    expect(foldCase('İ')).toBe('İ');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const f = foldCase(s);
        return f.length === s.length && Array.from(f).length === Array.from(s).length;
      }),
    );
  });
});
