/**
 * Unicode code-point offsets for text spans.
 *
 * The interchange format counts text offsets in code points, because JavaScript strings count
 * UTF-16 code units and Python (the other side of most training pipelines) counts code
 * points: `'😀a'.length === 3` in JavaScript but `len('😀a') == 2` in Python. These helpers
 * convert between the two without allocating an array per call (spans are checked on every
 * submit). A lone surrogate counts as one code point, as `Array.from` and Python do.
 */

const HIGH_START = 0xd800;
const HIGH_END = 0xdbff;
const LOW_START = 0xdc00;
const LOW_END = 0xdfff;

/** Number of UTF-16 units (1 or 2) of the code point that starts at `i`. */
function unitsAt(s: string, i: number): 1 | 2 {
  const c = s.charCodeAt(i);
  if (c < HIGH_START || c > HIGH_END || i + 1 >= s.length) return 1;
  const d = s.charCodeAt(i + 1);
  return d >= LOW_START && d <= LOW_END ? 2 : 1;
}

function assertIndex(name: string, value: number, max: number, unit: string): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${name} must be an integer from 0 to ${max} (${unit}), got ${value}`);
  }
}

/**
 * Length of `s` in Unicode code points.
 *
 * @example
 * codePointLength('北京😀'); // 3 (while '北京😀'.length is 4)
 */
export function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i += unitsAt(s, i)) n++;
  return n;
}

/**
 * UTF-16 offset of the code point at code-point index `cpIndex` (`cpIndex` may equal the
 * code-point length: the end of the string). Throws a RangeError outside `0..length`.
 *
 * @example
 * codePointToUtf16('😀北京', 1); // 2
 */
export function codePointToUtf16(s: string, cpIndex: number): number {
  assertIndex('cpIndex', cpIndex, Number.MAX_SAFE_INTEGER, 'code points');
  let i = 0;
  for (let n = 0; n < cpIndex; n++) {
    if (i >= s.length) {
      throw new RangeError(
        `cpIndex ${cpIndex} is past the end of the string (${codePointLength(s)} code points)`,
      );
    }
    i += unitsAt(s, i);
  }
  return i;
}

/**
 * Code-point index of the UTF-16 offset `utf16Index` (`0..s.length`). An offset that falls
 * between the two halves of a surrogate pair rounds down to the code point it splits, so
 * `utf16ToCodePoint(s, codePointToUtf16(s, k)) === k` always holds.
 *
 * @example
 * utf16ToCodePoint('😀北京', 2); // 1
 * utf16ToCodePoint('😀北京', 1); // 0 (inside the emoji)
 */
export function utf16ToCodePoint(s: string, utf16Index: number): number {
  assertIndex('utf16Index', utf16Index, s.length, 'UTF-16 units');
  let n = 0;
  for (let i = 0; i < utf16Index; n++) {
    const step = unitsAt(s, i);
    if (i + step > utf16Index) break;
    i += step;
  }
  return n;
}

/**
 * Substring by code-point offsets `[start, end)`, like `String.prototype.slice` but counting
 * code points. Offsets past the end are clamped to the end; negative or fractional offsets
 * throw a RangeError (a span never has them, so they signal a bug).
 *
 * @example
 * codePointSlice('我爱😀北京', 2, 3); // '😀'
 */
export function codePointSlice(s: string, start: number, end?: number): string {
  assertIndex('start', start, Number.MAX_SAFE_INTEGER, 'code points');
  if (end !== undefined) assertIndex('end', end, Number.MAX_SAFE_INTEGER, 'code points');
  let i = 0;
  let n = 0;
  for (; n < start && i < s.length; n++) i += unitsAt(s, i);
  const from = i;
  if (end === undefined) return s.slice(from);
  for (; n < end && i < s.length; n++) i += unitsAt(s, i);
  return end <= start ? '' : s.slice(from, i);
}
