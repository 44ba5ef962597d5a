/**
 * Width normalisation for matching: Chinese text often carries full-width digits, letters and
 * punctuation (１３８, ＡＢＣ, ＠, －, ：) that ASCII-oriented patterns would miss.
 */

/**
 * Maps full-width forms (U+FF01..U+FF5E) to ASCII, the ideographic space U+3000 to a space
 * and the Unicode hyphen and minus variants to '-'.
 *
 * Every change replaces one BMP character with one BMP character, so the result has exactly
 * the same length in UTF-16 units and in code points: an offset found in the normalised
 * text is the same offset in the original, and the original slice is what gets reported.
 * @example normalizeWidth('电话：１３８－１２３４') // '电话:138-1234'
 */
export function normalizeWidth(text: string): string {
  // A native regex scan that touches only the units to map: Chinese text nearly always holds
  // some full-width punctuation, and rebuilding it unit by unit cost a tenth of a PII scan.
  return text.replace(WIDE, (ch) => String.fromCharCode(mapUnit(ch.charCodeAt(0))));
}

// Every unit mapUnit changes.
const WIDE = /[\uff01-\uff5e\u3000\u2010-\u2013\u2212\ufe63]/g;

function mapUnit(c: number): number {
  if (c >= 0xff01 && c <= 0xff5e) return c - 0xfee0;
  if (c === 0x3000) return 0x20;
  // Hyphen, non-breaking hyphen, figure dash, en dash, minus sign, small hyphen-minus.
  if (c === 0x2010 || c === 0x2011 || c === 0x2012 || c === 0x2013) return 0x2d;
  if (c === 0x2212 || c === 0xfe63) return 0x2d;
  return c;
}

/**
 * Lower-cases one code point at a time, keeping a character unchanged when its lower case
 * would change the code-point count (e.g. 'İ' -> 'i̇'), so offsets survive case folding.
 * @example foldCase('ÄBC') // 'äbc'
 */
export function foldCase(text: string): string {
  let out = '';
  for (const ch of text) {
    const lower = ch.toLowerCase();
    out += lower.length === ch.length ? lower : ch;
  }
  return out;
}
