import { describe, expect, it } from 'vitest';
import { charType, isCjk } from './char-type.ts';
import { defaultTokenize } from './tokenize.ts';

describe('defaultTokenize', () => {
  it('lower-cases Unicode words and drops punctuation', () => {
    expect(defaultTokenize('FREE entry!! Café Über-größe 42x')).toEqual([
      'free',
      'entry',
      'café',
      'über',
      'größe',
      '42x',
    ]);
    expect(defaultTokenize('Привет, мир')).toEqual(['привет', 'мир']);
  });

  it('turns CJK runs into character unigrams and bigrams, splitting mixed runs', () => {
    expect(defaultTokenize('免费抽奖')).toEqual(['免', '免费', '费', '费抽', '抽', '抽奖', '奖']);
    expect(defaultTokenize('iPhone手机')).toEqual(['iphone', '手', '手机', '机']);
    expect(defaultTokenize('東京タワー')).toContain('タワ');
  });

  it('handles empty and symbol-only text', () => {
    expect(defaultTokenize('')).toEqual([]);
    expect(defaultTokenize('!!! 😀 ...')).toEqual([]);
  });
});

describe('charType', () => {
  it('classes characters', () => {
    expect(['北', 'A', 'é', '7', '٣', ' ', '，', '!', '\u0000'].map(charType)).toEqual([
      'cjk',
      'latin',
      'latin',
      'digit',
      'digit',
      'space',
      'punct',
      'punct',
      'other',
    ]);
    expect(isCjk('京')).toBe(true);
    expect(isCjk('k')).toBe(false);
    expect(isCjk('ア')).toBe(true);
  });
});
