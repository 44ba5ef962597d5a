/**
 * Unicode code-point offsets. Tessera stores text spans as code-point offsets (docs/FORMAT.md)
 * while JavaScript strings and RegExp indices count UTF-16 units; an emoji or a rare CJK
 * character outside the BMP is one code point but two units. Detectors work in units and
 * convert once at the edge with these helpers.
 */

/**
 * Converter between UTF-16 unit offsets and code-point offsets for one string, built in one
 * pass so repeated conversions are O(1).
 * @example
 * const cp = codePointIndex('😀ab');
 * cp.toCodePoint(2); // 1 ('a' is the 2nd code point)
 * cp.toUnit(1); // 2
 */
export interface CodePointIndex {
  /** Number of code points in the string. */
  readonly length: number;
  /** Code-point offset of a UTF-16 offset (0..units); an offset inside a pair rounds down. */
  toCodePoint(unit: number): number;
  /** UTF-16 offset of a code-point offset (0..length). */
  toUnit(codePoint: number): number;
}

/**
 * Builds a {@link CodePointIndex} for `text`.
 * @example codePointIndex('😀ab').toCodePoint(2) // 1
 */
export function codePointIndex(text: string): CodePointIndex {
  const unitToCp = new Uint32Array(text.length + 1);
  const cpToUnit: number[] = [];
  let cp = 0;
  for (let u = 0; u < text.length; u++) {
    unitToCp[u] = cp;
    cpToUnit.push(u);
    const c = text.charCodeAt(u);
    if (c >= 0xd800 && c <= 0xdbff && u + 1 < text.length) {
      const d = text.charCodeAt(u + 1);
      if (d >= 0xdc00 && d <= 0xdfff) unitToCp[++u] = cp;
    }
    cp++;
  }
  unitToCp[text.length] = cp;
  cpToUnit.push(text.length);
  return {
    length: cp,
    toCodePoint(unit) {
      if (!Number.isInteger(unit) || unit < 0 || unit > text.length) {
        throw new RangeError(`UTF-16 offset ${unit} is outside 0..${text.length}`);
      }
      return unitToCp[unit]!;
    },
    toUnit(codePoint) {
      if (!Number.isInteger(codePoint) || codePoint < 0 || codePoint > cp) {
        throw new RangeError(`code-point offset ${codePoint} is outside 0..${cp}`);
      }
      return cpToUnit[codePoint]!;
    },
  };
}

/**
 * Slice of `text` by code-point offsets [start, end).
 * @example sliceCodePoints('😀ab', 1, 2) // 'a'
 */
export function sliceCodePoints(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('');
}

/**
 * Number of code points in `text`.
 * @example codePointLength('😀a') // 2
 */
export function codePointLength(text: string): number {
  // A counting loop, not `for (const _ of text)`: the string iterator allocates per character
  // and this runs over every scanned text.
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}
