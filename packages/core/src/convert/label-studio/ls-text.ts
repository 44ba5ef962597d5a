import { codePointSlice, codePointToUtf16, utf16ToCodePoint } from '../../format/index.ts';
import { ConvertError, reportLoss } from '../errors.ts';
import type { LossOptions, Where } from '../errors.ts';

/**
 * Text offsets between Label Studio and Tessera.
 *
 * Finding: current Label Studio stores `<Text>` span offsets (`start`, `end`) in Unicode code
 * points, as Python counts them, not in JavaScript UTF-16 units. Its own end-to-end test
 * (web/libs/editor/tests/integration/e2e/ner/emoji, "Should calculate offsets by code points
 * in text") labels "test" in "🐱 Warning: This is a test text" and expects start 21, end 25:
 * code points (UTF-16 would give 22, 26). HyperText results carry `globalOffsets` in code
 * points and xpath-relative `startOffset`/`endOffset` in UTF-16 units. Exports made before
 * the fix (Label Studio issues #1347, #1008, 2021) counted UTF-16 units; `textOffsets: 'auto'`
 * detects those by the region's `text` and converts them.
 */

/**
 * How to read Label Studio span offsets: `'code-points'` (current Label Studio), `'utf16'`
 * (old exports), or `'auto'` (default: code points, unless the region's `text` matches only
 * when read as UTF-16).
 */
export type TextOffsets = 'auto' | 'code-points' | 'utf16';

/** A span in code points with the text it covers (when known). */
export type CpSpan = { start: number; end: number; text?: string };

function fromUtf16(data: string, start: number, end: number, where: Where): CpSpan {
  if (end > data.length)
    throw new ConvertError(
      where,
      `end ${end} is past the end of the text (${data.length} UTF-16 units)`,
    );
  return { start: utf16ToCodePoint(data, start), end: utf16ToCodePoint(data, end) };
}

/**
 * Label Studio span offsets -> Tessera code points. A `text` that matches neither reading is
 * dropped and reported as a loss (the offsets are kept as code points); Label Studio writes
 * newlines in `text` as a literal backslash-n, which is read back as a newline.
 *
 * @example
 * spanFromLs(0, 2, '😀', '😀 ok', 'auto', {}, {}); // { start: 0, end: 1, text: '😀' } (UTF-16 detected)
 */
export function spanFromLs(
  start: number,
  end: number,
  text: string | undefined,
  data: string | undefined,
  mode: TextOffsets,
  where: Where,
  options: LossOptions,
): CpSpan {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start) {
    throw new ConvertError(
      where,
      `span offsets must be whole numbers with 0 <= start < end, got ${start}..${end}`,
    );
  }
  if (mode === 'utf16') {
    if (data === undefined)
      throw new ConvertError(where, 'UTF-16 offsets need the task text to convert them');
    return { ...fromUtf16(data, start, end, where), ...(text === undefined ? {} : { text }) };
  }
  if (text === undefined || data === undefined)
    return { start, end, ...(text === undefined ? {} : { text }) };
  const cp = codePointSlice(data, start, end);
  if (cp === text) return { start, end, text };
  if (cp === text.replace(/\\n/g, '\n')) return { start, end, text: cp };
  if (mode === 'auto' && end <= data.length && data.slice(start, end) === text) {
    return { ...fromUtf16(data, start, end, where), text };
  }
  reportLoss(
    options,
    where,
    `span text ${JSON.stringify(text)} does not match the task text at ${start}..${end}; kept the offsets, dropped the text`,
  );
  return { start, end };
}

/**
 * Tessera code points -> Label Studio offsets (`'utf16'` for Label Studio versions before the
 * code-point fix; the default writes code points).
 *
 * @example
 * spanToLs(2, 5, '😀 Rex', 'utf16'); // { start: 3, end: 6 }
 */
export function spanToLs(
  start: number,
  end: number,
  data: string | undefined,
  mode: TextOffsets,
): { start: number; end: number } {
  if (mode !== 'utf16' || data === undefined) return { start, end };
  return { start: codePointToUtf16(data, start), end: codePointToUtf16(data, end) };
}
