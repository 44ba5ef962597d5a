import { describe, it, expect } from 'vitest';
import { caretRange, moveCaret } from './caret.ts';
import { sliceCodePoints } from './code-points.ts';

const plain = { extend: false, word: false };
const extend = { extend: true, word: false };

describe('keyboard caret', () => {
  const text = '张三在北京😀工作';

  it('selects Chinese characters with Shift+Arrow, in code points', () => {
    let c = { field: 'text', anchor: 3, focus: 3 };
    c = moveCaret(text, c, 'right', extend);
    c = moveCaret(text, c, 'right', extend);
    expect(caretRange(c)).toEqual({ start: 3, end: 5 });
    expect(sliceCodePoints(text, 3, 5)).toBe('北京');
  });

  it('steps over an emoji as one character and counts it as one code point', () => {
    let c = { field: 'text', anchor: 5, focus: 5 };
    c = moveCaret(text, c, 'right', extend);
    expect(caretRange(c)).toEqual({ start: 5, end: 6 });
    c = moveCaret(text, c, 'right', extend);
    expect(sliceCodePoints(text, 5, 7)).toBe('😀工');
    expect(caretRange(c)).toEqual({ start: 5, end: 7 });
  });

  it('collapses a selection to its edge, and supports home/end/all', () => {
    const sel = { field: 'text', anchor: 2, focus: 5 };
    expect(moveCaret(text, sel, 'left', plain)).toMatchObject({ anchor: 2, focus: 2 });
    expect(moveCaret(text, sel, 'right', plain)).toMatchObject({ anchor: 5, focus: 5 });
    expect(moveCaret(text, sel, 'end', extend)).toMatchObject({ anchor: 2, focus: 8 });
    expect(caretRange(moveCaret(text, sel, 'all', plain))).toEqual({ start: 0, end: 8 });
    expect(moveCaret(text, { field: 'text', anchor: 0, focus: 0 }, 'left', plain).focus).toBe(0);
  });
});
