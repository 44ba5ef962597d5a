/**
 * A small tokenizer for BIO/CoNLL export, with offsets in code points: white space separates
 * tokens; a run of letters, digits and combining marks is one token; each CJK character
 * (Han, kana, CJK punctuation and full-width forms) is its own token, as Chinese NER
 * datasets tag per character; any other character (punctuation, symbols, emoji, kept whole
 * with their modifiers and joiners) is its own token. Extra break points (span boundaries)
 * split tokens, so that every span starts and ends on a token boundary.
 */

/**
 * A token and its place in the text, `[start, end)` in code points.
 *
 * @example
 * const t: Token = { text: 'Rex', start: 2, end: 5 };
 */
export type Token = { text: string; start: number; end: number };

type Kind = 'space' | 'word' | 'cjk' | 'single';

const CJK = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303F\uFF00-\uFFEF]/u;
const WORD = /^[\p{L}\p{N}\p{M}_]/u;

function kindOf(grapheme: string): Kind {
  if (/^\s/u.test(grapheme)) return 'space';
  if (CJK.test(grapheme)) return 'cjk';
  if (WORD.test(grapheme)) return 'word';
  return 'single';
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Graphemes with code-point offsets, split further at the given break points. */
function pieces(
  text: string,
  breaks: ReadonlySet<number>,
): { text: string; start: number; end: number }[] {
  const out: { text: string; start: number; end: number }[] = [];
  let cp = 0;
  for (const { segment } of segmenter.segment(text)) {
    const cps = Array.from(segment);
    let from = 0;
    for (let k = 1; k < cps.length; k++) {
      if (breaks.has(cp + k)) {
        out.push({ text: cps.slice(from, k).join(''), start: cp + from, end: cp + k });
        from = k;
      }
    }
    out.push({ text: cps.slice(from).join(''), start: cp + from, end: cp + cps.length });
    cp += cps.length;
  }
  return out;
}

/**
 * Splits text into tokens (see the module comment). `breaks` are code-point offsets where a
 * token must end.
 *
 * @example
 * tokenize('Rex 在巴黎, 🐕!').map((t) => t.text); // ['Rex', '在', '巴', '黎', ',', '🐕', '!']
 */
export function tokenize(text: string, breaks: ReadonlySet<number> = new Set()): Token[] {
  const tokens: Token[] = [];
  let current: Token | undefined;
  for (const p of pieces(text, breaks)) {
    const kind = kindOf(p.text);
    const extend =
      current &&
      kind === 'word' &&
      kindOf(current.text) === 'word' &&
      current.end === p.start &&
      !breaks.has(p.start);
    if (extend && current) {
      current.text += p.text;
      current.end = p.end;
      continue;
    }
    current = undefined;
    if (kind === 'space') continue;
    current = { text: p.text, start: p.start, end: p.end };
    tokens.push(current);
  }
  return tokens;
}

/**
 * True when a token is a single CJK character (joined without spaces).
 *
 * @example
 * isCjkToken('京'); // true
 * isCjkToken('Rex'); // false
 */
export function isCjkToken(token: string): boolean {
  return Array.from(token).length === 1 && CJK.test(token);
}

/**
 * Joins tokens back into text: one space between tokens, none between two CJK characters
 * (so a Chinese sentence tagged per character reads as written).
 *
 * @example
 * detokenize(['Rex', '在', '巴', '黎', '!']); // 'Rex 在巴黎 !'
 */
export function detokenize(tokens: readonly string[]): string {
  return detokenizeWithOffsets(tokens).text;
}

/**
 * `detokenize`, with each token's `[start, end)` in code points of the result.
 *
 * @example
 * detokenizeWithOffsets(['U.S.', '巴', '黎']).tokens; // [{ text: 'U.S.', start: 0, end: 4 }, { text: '巴', start: 5, end: 6 }, ...]
 */
export function detokenizeWithOffsets(tokens: readonly string[]): {
  text: string;
  tokens: Token[];
} {
  let text = '';
  let cp = 0;
  const out: Token[] = [];
  tokens.forEach((t, i) => {
    const prev = tokens[i - 1];
    if (i > 0 && !(prev !== undefined && isCjkToken(prev) && isCjkToken(t))) {
      text += ' ';
      cp += 1;
    }
    const n = Array.from(t).length;
    out.push({ text: t, start: cp, end: cp + n });
    text += t;
    cp += n;
  });
  return { text, tokens: out };
}
