import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codePointLength, codePointSlice } from '../../format/index.ts';
import { defaultTokenize } from './tokenize.ts';

const words = (text: string) => defaultTokenize(text).map(([s, e]) => codePointSlice(text, s, e));

describe('defaultTokenize', () => {
  it('splits Latin words, digit runs, punctuation and emoji, in code points', () => {
    const text = '😀 Rex 在巴黎 2025!';
    expect(defaultTokenize(text)).toEqual([
      [0, 1],
      [2, 5],
      [6, 7],
      [7, 8],
      [8, 9],
      [10, 14],
      [14, 15],
    ]);
    expect(words(text)).toEqual(['😀', 'Rex', '在', '巴', '黎', '2025', '!']);
  });

  it('counts an emoji before Chinese text as one code point, not two UTF-16 units', () => {
    const text = '🐕🐕北京大学';
    expect(defaultTokenize(text)).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
      [4, 5],
      [5, 6],
    ]);
  });

  it('keeps emoji sequences, combining marks and Hangul words together', () => {
    expect(words('👩‍💻 👍🏽 cafe\u0301 한국어 ok')).toEqual(['👩‍💻', '👍🏽', 'cafe\u0301', '한국어', 'ok']);
  });

  it('treats kana one character at a time and full-width digits as digits', () => {
    expect(words('東京タワー１２３')).toEqual(['東', '京', 'タ', 'ワ', 'ー', '１２３']);
  });

  it('splits letters from digits and skips every kind of white space', () => {
    expect(words('COVID19\u3000x\ty\n')).toEqual(['COVID', '19', 'x', 'y']);
    expect(defaultTokenize('')).toEqual([]);
    expect(defaultTokenize(' \u3000\n')).toEqual([]);
  });

  it('returns ordered, disjoint tokens that cover every non-space code point', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        const tokens = defaultTokenize(s);
        const n = codePointLength(s);
        let last = 0;
        let covered = '';
        for (const [a, b] of tokens) {
          expect(a).toBeGreaterThanOrEqual(last);
          expect(b).toBeGreaterThan(a);
          expect(b).toBeLessThanOrEqual(n);
          const gap = codePointSlice(s, last, a);
          expect(gap.trim()).toBe('');
          covered += codePointSlice(s, a, b);
          last = b;
        }
        expect(codePointSlice(s, last).trim()).toBe('');
        expect(covered).toBe(s.replace(/\s/gu, ''));
      }),
      { numRuns: 300 },
    );
  });
});

/*
 * The tokenizer's rules written as one regex: slower, but easy to read, so the loop in
 * tokenize.ts is checked against it on random text.
 */
const CJK = '\\p{Ideographic}\\p{Script=Hiragana}\\p{Script=Katakana}\\u3005\\u3006';
const REFERENCE = new RegExp(
  [
    `[${CJK}]\\p{M}*`,
    `(?:(?![${CJK}])[\\p{L}\\p{M}])+`,
    '\\p{Nd}+',
    '[^\\s\\p{M}](?:[\\p{M}\\u{1F3FB}-\\u{1F3FF}]|\\u200D[^\\s])*',
  ].join('|'),
  'gu',
);

function referenceTokenize(text: string): Array<[number, number]> {
  return [...text.matchAll(REFERENCE)].map((m) => {
    const start = Array.from(text.slice(0, m.index)).length;
    return [start, start + Array.from(m[0]).length];
  });
}

describe('defaultTokenize against the reference regex', () => {
  const tricky = [
    ...'aZé\u03019٣５ 　\t北京かカー々〆한😀👍🏽\u200D\u{1F3FB}\uFE0F.,!。、-_\u0300\uD800\u{20000}\u{2A6D6}ѐ',
  ];
  it('agrees on random text of tricky characters and on any code points', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...tricky), { maxLength: 30 }), (chars) => {
        const s = chars.join('');
        expect(defaultTokenize(s)).toEqual(referenceTokenize(s));
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (s) => {
        expect(defaultTokenize(s)).toEqual(referenceTokenize(s));
      }),
      { numRuns: 1000 },
    );
  });
});
