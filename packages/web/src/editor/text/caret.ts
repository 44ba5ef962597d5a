/**
 * Keyboard caret and selection in a text field, in code points. Arrows move by grapheme
 * (Ctrl/⌘: by word), Shift extends the selection from its anchor, as in a text editor; the
 * selected range then takes a label hotkey.
 *
 * @example
 * let c = { field: 'text', anchor: 0, focus: 0 };
 * c = moveCaret('北京😀', c, 'right', { extend: true, word: false }); // selects '北'
 */
import type { TextCaret } from '../state/editor-reducer.ts';
import { codePointLength, stepCaret } from './code-points.ts';

/** Caret moves. */
export type CaretMove = 'left' | 'right' | 'home' | 'end' | 'all';

/** The selected range [start, end), or null when the selection is empty. */
export function caretRange(c: TextCaret | null): { start: number; end: number } | null {
  if (!c || c.anchor === c.focus) return null;
  return { start: Math.min(c.anchor, c.focus), end: Math.max(c.anchor, c.focus) };
}

/** Applies a caret move. */
export function moveCaret(
  text: string,
  c: TextCaret,
  move: CaretMove,
  opts: { extend: boolean; word: boolean },
): TextCaret {
  const len = codePointLength(text);
  if (move === 'all') return { ...c, anchor: 0, focus: len };
  const range = caretRange(c);
  let focus: number;
  if (move === 'home') focus = 0;
  else if (move === 'end') focus = len;
  else if (!opts.extend && range && !opts.word) {
    // Collapsing a selection lands on its edge, like a text editor.
    focus = move === 'left' ? range.start : range.end;
  } else {
    focus = stepCaret(
      text,
      Math.min(c.focus, len),
      move === 'left' ? -1 : 1,
      opts.word ? 'word' : 'grapheme',
    );
  }
  return { ...c, anchor: opts.extend ? c.anchor : focus, focus };
}
