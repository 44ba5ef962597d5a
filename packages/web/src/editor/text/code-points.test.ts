import { describe, it, expect } from 'vitest';
import {
  codePointIndexOf,
  codePointLength,
  sliceCodePoints,
  snapToGrapheme,
  stepCaret,
  trimRange,
  utf16IndexOf,
} from './code-points.ts';

describe('code points', () => {
  const text = '张三在北京😀工作';

  it('counts emoji as one code point although they are two UTF-16 units', () => {
    expect('😀'.length).toBe(2);
    expect(codePointLength('😀')).toBe(1);
    expect(codePointLength(text)).toBe(8);
  });

  it('converts both ways between UTF-16 and code-point offsets', () => {
    // '工' is code point 6 and UTF-16 index 7 (after the emoji pair).
    expect(utf16IndexOf(text, 6)).toBe(7);
    expect(codePointIndexOf(text, 7)).toBe(6);
    for (let cp = 0; cp <= codePointLength(text); cp++) {
      expect(codePointIndexOf(text, utf16IndexOf(text, cp))).toBe(cp);
    }
  });

  it('slices by code points', () => {
    expect(sliceCodePoints(text, 3, 5)).toBe('北京');
    expect(sliceCodePoints(text, 5, 7)).toBe('😀工');
  });

  it('moves the caret over a whole grapheme cluster', () => {
    const s = 'a👍🏽b'; // thumbs up + skin tone: 2 code points, 1 grapheme
    expect(stepCaret(s, 1, 1)).toBe(3);
    expect(stepCaret(s, 3, -1)).toBe(1);
    expect(stepCaret(s, 4, 1)).toBe(4);
    expect(stepCaret(s, 0, -1)).toBe(0);
    expect(snapToGrapheme(s, 2)).toBe(1);
  });

  it('moves by word in English', () => {
    const s = 'hello big world';
    expect(stepCaret(s, 0, 1, 'word')).toBe(5);
    expect(stepCaret(s, 5, 1, 'word')).toBe(6);
    expect(stepCaret(s, 15, -1, 'word')).toBe(10);
  });

  it('trims white space off a selection and refuses an all-space one', () => {
    expect(trimRange(' 北京 ', 0, 4)).toEqual({ start: 1, end: 3 });
    expect(trimRange('a  b', 1, 3)).toBeNull();
    expect(trimRange('abc', 2, 0)).toEqual({ start: 0, end: 2 });
  });
});
