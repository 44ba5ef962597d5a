import { defaultTokenize, type Tokenize } from '@tessera/core/learn';
import { serverTokenize } from '../../services/qc/tokenizer.ts';

const CJK = /[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{2fa1f}]/u;
const WORDLIKE = /[\p{L}\p{N}]/u;

/**
 * Word tokens for the text classifier: jieba's segmentation (the server's loader, so the
 * dictionary is shared with the span rule) for text with Chinese characters, core's default
 * tokenizer elsewhere. Punctuation-only pieces are dropped; words are lower-cased. Character
 * n-grams are added by the featurizer either way.
 *
 * @example
 * jiebaTokenize('我在北京工作'); // ['我', '在', '北京', '工作']
 */
export const jiebaTokenize: Tokenize = (text) => {
  if (!CJK.test(text)) return defaultTokenize(text);
  const cps = Array.from(text);
  const out: string[] = [];
  for (const [s, e] of serverTokenize(text)) {
    const w = cps.slice(s, e).join('').toLowerCase();
    if (WORDLIKE.test(w)) out.push(w);
  }
  return out;
};
