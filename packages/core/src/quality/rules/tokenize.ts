/**
 * A tokenizer for the `span_token_boundary` rule: returns the tokens of `text` as
 * `[start, end)` **code-point** offsets (the unit of span offsets), in order. The server
 * passes a dictionary segmenter for Chinese (e.g. @node-rs/jieba, its UTF-16 offsets converted
 * to code points); `defaultTokenize` is used otherwise.
 *
 * @example
 * const tokenize: Tokenizer = (text) => [[0, codePointLength(text)]]; // whole text, one token
 */
export type Tokenizer = (text: string) => ReadonlyArray<readonly [number, number]>;

/*
 * Token classes, tried in this order at each position:
 * - one CJK ideograph or kana (Chinese and Japanese have no spaces, so without a dictionary a
 *   character is the only safe word boundary), with any combining marks after it;
 * - a run of letters and combining marks of other scripts (Latin, Cyrillic, Hangul, ...);
 * - a run of decimal digits;
 * - any other non-space character (punctuation, symbols, emoji) on its own, keeping combining
 *   marks, variation selectors, skin-tone modifiers and zero-width-joiner sequences with it,
 *   so an emoji such as 👩‍💻 is one token.
 * White space is not a token. The same rules as one regex (tokenize.test.ts holds it as the
 * reference) run about twice as slowly, so this is a loop over code points that classifies
 * ASCII and the main CJK blocks by range and everything else by Unicode property, memoized.
 */
const SPACE = 0;
const CJK = 1;
const LETTER = 2;
const MARK = 3;
const DIGIT = 4;
const OTHER = 5;

const ASCII = new Uint8Array(128).map((_, c) => {
  if (c === 32 || (c >= 9 && c <= 13)) return SPACE;
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return LETTER;
  return c >= 48 && c <= 57 ? DIGIT : OTHER;
});

const IS_SPACE = /^\s$/u;
const IS_CJK = /^[\p{Ideographic}\p{Script=Hiragana}\p{Script=Katakana}\u3005\u3006]$/u;
const IS_MARK = /^\p{M}$/u;
const IS_LETTER = /^\p{L}$/u;
const IS_DIGIT = /^\p{Nd}$/u;

// Memoized classes of non-ASCII code points outside the fast ranges; bounded so that a text
// of many distinct rare characters cannot grow it without limit.
const classes = new Map<number, number>();
const MAX_CACHED = 1 << 16;

function classifySlow(c: number): number {
  const s = String.fromCodePoint(c);
  if (IS_SPACE.test(s)) return SPACE;
  if (IS_CJK.test(s)) return CJK;
  if (IS_MARK.test(s)) return MARK;
  if (IS_LETTER.test(s)) return LETTER;
  return IS_DIGIT.test(s) ? DIGIT : OTHER;
}

function classify(c: number): number {
  if (c < 128) return ASCII[c] as number;
  // CJK Unified Ideographs (assigned since Unicode 13), Hiragana and Katakana letters.
  if (
    (c >= 0x4e00 && c <= 0x9fef) ||
    (c >= 0x3041 && c <= 0x3096) ||
    (c >= 0x30a1 && c <= 0x30fa)
  ) {
    return CJK;
  }
  let k = classes.get(c);
  if (k === undefined) {
    k = classifySlow(c);
    if (classes.size < MAX_CACHED) classes.set(c, k);
  }
  return k;
}

/** The code point at UTF-16 index `i` (a lone surrogate stands for itself). */
function codePointAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
  }
  return c;
}

/** Whether the code point `c` continues an "other" token (emoji sequences, marks). */
function isModifier(c: number): boolean {
  return (c >= 0x1f3fb && c <= 0x1f3ff) || classify(c) === MARK;
}

/**
 * The default tokenizer: Latin (and other spaced-script) words, digit runs, one token per CJK
 * character, one per punctuation mark or emoji; offsets in code points.
 *
 * @example
 * defaultTokenize('😀 Rex 在巴黎 2025!');
 * // [[0, 1], [2, 5], [6, 7], [7, 8], [8, 9], [10, 14], [14, 15]]
 */
export function defaultTokenize(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const n = text.length;
  let i = 0; // UTF-16 index
  let cp = 0; // code points before i
  const advance = (c: number) => {
    i += c > 0xffff ? 2 : 1;
    cp++;
  };
  while (i < n) {
    const c = codePointAt(text, i);
    const k = classify(c);
    advance(c);
    if (k === SPACE) continue;
    const start = cp - 1;
    for (; i < n;) {
      const d = codePointAt(text, i);
      const kd = classify(d);
      let take: boolean;
      if (k === CJK) take = kd === MARK;
      else if (k === LETTER || k === MARK) take = kd === LETTER || kd === MARK;
      else if (k === DIGIT) take = kd === DIGIT;
      else if (d === 0x200d && i + 1 < n) {
        // A joiner glues the next non-space code point into the same emoji.
        const e = codePointAt(text, i + 1);
        if (classify(e) === SPACE) break;
        advance(d);
        advance(e);
        continue;
      } else take = isModifier(d);
      if (!take) break;
      advance(d);
    }
    out.push([start, cp]);
  }
  return out;
}
