import { isCjk } from './char-type.ts';

/**
 * A tokenizer: text in, word tokens out. Inject your own (jieba through the server, a
 * sentencepiece model, ...) where the default does not fit the language.
 *
 * @example
 * ```ts
 * const byWhitespace: Tokenize = (t) => t.split(/\s+/).filter(Boolean);
 * ```
 */
export type Tokenize = (text: string) => string[];

const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** Appends the unigrams and bigrams of a CJK run (an array of single characters). */
function pushCjk(chars: string[], out: string[]): void {
  for (let i = 0; i < chars.length; i++) {
    out.push(chars[i]!);
    if (i + 1 < chars.length) out.push(chars[i]! + chars[i + 1]!);
  }
}

/**
 * Splits one letter/digit run into words and CJK pieces: "iPhone手机壳" gives "iphone" and the
 * unigrams and bigrams of 手机壳.
 */
function pushRun(run: string, out: string[]): void {
  let word = '';
  let cjk: string[] = [];
  for (const ch of run) {
    if (isCjk(ch)) {
      if (word) out.push(word.toLowerCase());
      word = '';
      cjk.push(ch);
    } else {
      if (cjk.length) pushCjk(cjk, out);
      cjk = [];
      word += ch;
    }
  }
  if (word) out.push(word.toLowerCase());
  if (cjk.length) pushCjk(cjk, out);
}

/**
 * The built-in tokenizer. Latin and other spaced scripts: runs of letters, marks and digits
 * (Unicode-aware), lower-cased. CJK runs, which have no spaces to split on and for which no
 * segmenter ships in core: every character and every pair of neighbouring characters, the
 * standard segmenter-free representation for Chinese text classification.
 *
 * @example
 * ```ts
 * defaultTokenize('FREE entry! 免费抽奖');
 * // ['free', 'entry', '免', '免费', '费', '费抽', '抽', '抽奖', '奖']
 * ```
 */
export function defaultTokenize(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(WORD)) pushRun(m[0], out);
  return out;
}
