import { createRequire } from 'node:module';
import { defaultTokenize, type Tokenizer } from '@tessera/core/quality';

type JiebaLike = { cut(text: string, hmm?: boolean): string[] };
let jieba: JiebaLike | undefined;

/** jieba's dictionary costs memory, so it is loaded on the first text that needs it. */
function loadJieba(): JiebaLike {
  if (!jieba) {
    const require = createRequire(import.meta.url);
    const { Jieba } = require('@node-rs/jieba') as {
      Jieba: { withDict(d: Uint8Array): JiebaLike };
    };
    const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
    jieba = Jieba.withDict(dict);
  }
  return jieba;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{2fa1f}]/u;

/**
 * Token boundaries in code points for the span rule: jieba's word segmentation for text with
 * Chinese characters (so a span that cuts 北京 in half is caught), core's default elsewhere.
 */
export const serverTokenize: Tokenizer = (text) => {
  if (!CJK.test(text)) return defaultTokenize(text);
  const out: [number, number][] = [];
  let pos = 0;
  for (const word of loadJieba().cut(text, true)) {
    const len = [...word].length;
    if (word.trim() !== '') out.push([pos, pos + len]);
    pos += len;
  }
  return out;
};
