/**
 * Unicode code-point arithmetic for text spans.
 *
 * The interchange format stores span offsets in code points, but JavaScript strings index
 * UTF-16 units: an emoji such as "😀" is one code point and two units. Every conversion
 * between the DOM (UTF-16) and regions (code points) goes through this file.
 * The caret moves by grapheme cluster (so "👨‍👩‍👧" is one step) while offsets stay code points.
 *
 * @example
 * codePointLength('a😀b') // 3
 * sliceCodePoints('你好😀世界', 2, 3) // '😀'
 */

/** Number of code points in `s`. */
export function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A high surrogate followed by a low surrogate is one code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** UTF-16 index of code point `cp` in `s` (clamped to the string). */
export function utf16IndexOf(s: string, cp: number): number {
  let i = 0;
  let n = 0;
  while (i < s.length && n < cp) {
    const c = s.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < s.length;
    const d = pair ? s.charCodeAt(i + 1) : 0;
    i += pair && d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
    n++;
  }
  return i;
}

/** Code-point offset of UTF-16 index `unit` (an index inside a pair counts as before it). */
export function codePointIndexOf(s: string, unit: number): number {
  return codePointLength(s.slice(0, Math.max(0, Math.min(unit, s.length))));
}

/** `s` between code points `start` and `end`. */
export function sliceCodePoints(s: string, start: number, end: number): string {
  return s.slice(utf16IndexOf(s, start), utf16IndexOf(s, end));
}

/** Grapheme-cluster boundaries (code points), always including 0 and the length. */
function graphemeStops(s: string): number[] {
  const out = [0];
  let cp = 0;
  for (const part of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(s)) {
    cp += codePointLength(part.segment);
    out.push(cp);
  }
  return out;
}

/** Cached grapheme boundaries of the last text (texts are long; the caret moves often). */
let cache: { text: string; grapheme: number[]; word: number[] } | null = null;

function stops(s: string, granularity: 'grapheme' | 'word'): number[] {
  if (cache?.text !== s) cache = { text: s, grapheme: graphemeStops(s), word: [] };
  if (granularity === 'word' && cache.word.length === 0) cache.word = wordStops(s);
  return cache[granularity];
}

/** Word-start and word-end stops, so Ctrl+Arrow lands like in a text editor. */
function wordStops(s: string): number[] {
  const out = new Set<number>([0, codePointLength(s)]);
  const seg = new Intl.Segmenter(undefined, { granularity: 'word' });
  let cp = 0;
  for (const part of seg.segment(s)) {
    const len = codePointLength(part.segment);
    if (part.isWordLike) {
      out.add(cp);
      out.add(cp + len);
    }
    cp += len;
  }
  return Array.from(out).sort((a, b) => a - b);
}

/**
 * The caret position one step from `cp` in direction `dir`, by grapheme or by word.
 *
 * @example
 * stepCaret('a👍🏽b', 1, 1, 'grapheme') // 3: the skin-tone emoji is one grapheme, two code points
 */
export function stepCaret(
  s: string,
  cp: number,
  dir: 1 | -1,
  granularity: 'grapheme' | 'word' = 'grapheme',
): number {
  const list = stops(s, granularity);
  if (dir > 0) return list.find((b) => b > cp) ?? list[list.length - 1] ?? 0;
  for (let i = list.length - 1; i >= 0; i--) if (list[i]! < cp) return list[i]!;
  return 0;
}

/** Snaps a code-point offset to the nearest grapheme boundary at or before it. */
export function snapToGrapheme(s: string, cp: number): number {
  const list = stops(s, 'grapheme');
  let best = 0;
  for (const b of list) {
    if (b <= cp) best = b;
    else break;
  }
  return best;
}

/**
 * Shrinks [start, end) to exclude leading and trailing white space (mouse selections often
 * catch a space). Returns null when nothing but white space is selected.
 *
 * @example
 * trimRange(' 北京 ', 0, 4) // { start: 1, end: 3 }
 */
export function trimRange(
  s: string,
  start: number,
  end: number,
): { start: number; end: number } | null {
  const cps = Array.from(s);
  let a = Math.max(0, Math.min(start, end));
  let b = Math.min(cps.length, Math.max(start, end));
  while (a < b && /\s/u.test(cps[a]!)) a++;
  while (b > a && /\s/u.test(cps[b - 1]!)) b--;
  return a < b ? { start: a, end: b } : null;
}
