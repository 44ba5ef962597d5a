/**
 * Coarse class of one character, used as a feature by the span tagger and to find CJK runs.
 * `cjk` covers Han, Hiragana, Katakana and CJK punctuation-free ideographs (scripts written
 * without spaces between words); `latin` is any other letter (Latin, Cyrillic, Greek, ...).
 *
 * @example
 * ```ts
 * charType('北'); // 'cjk'
 * charType('A'); // 'latin'
 * ```
 */
export type CharType = 'cjk' | 'latin' | 'digit' | 'space' | 'punct' | 'other';

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const LETTER = /[\p{L}\p{M}]/u;
const DIGIT = /\p{N}/u;
const SPACE = /\s/u;
const PUNCT = /[\p{P}\p{S}]/u;

/**
 * Short codes of the char types, used in feature strings.
 *
 * @example
 * ```ts
 * CHAR_TYPE_CODE[charType('北')]; // 'C'
 * ```
 */
export const CHAR_TYPE_CODE: Readonly<Record<CharType, string>> = {
  cjk: 'C',
  latin: 'L',
  digit: 'D',
  space: 'S',
  punct: 'P',
  other: 'O',
};

/**
 * Class of the character (a string of one code point). ASCII is decided without regular
 * expressions because it is most of the text in most projects.
 *
 * @example
 * ```ts
 * charType('7'); // 'digit'
 * charType('，'); // 'punct'
 * ```
 */
export function charType(ch: string): CharType {
  const c = ch.codePointAt(0) ?? 0;
  if (c < 128) {
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return 'latin';
    if (c >= 48 && c <= 57) return 'digit';
    if (c === 32 || (c >= 9 && c <= 13)) return 'space';
    return c < 32 || c === 127 ? 'other' : 'punct';
  }
  if (CJK.test(ch)) return 'cjk';
  if (LETTER.test(ch)) return 'latin';
  if (DIGIT.test(ch)) return 'digit';
  if (SPACE.test(ch)) return 'space';
  if (PUNCT.test(ch)) return 'punct';
  return 'other';
}

/**
 * True when the character belongs to a script written without spaces between words (Han,
 * Hiragana, Katakana), where word tokens must come from characters instead.
 *
 * @example
 * ```ts
 * isCjk('京'); // true
 * ```
 */
export function isCjk(ch: string): boolean {
  return ch.charCodeAt(0) >= 0x2e80 && CJK.test(ch);
}
