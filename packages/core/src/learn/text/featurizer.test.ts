import { describe, expect, it } from 'vitest';
import { LearnInputError } from '../errors.ts';
import { sparseDot } from '../sparse-vector.ts';
import { Featurizer } from './featurizer.ts';

describe('Featurizer', () => {
  it('gives deterministic unit vectors with sorted distinct indices', () => {
    const f = new Featurizer({ buckets: 2 ** 16 });
    const v = f.featurize('Free entry in 2 a wkly comp to win FA Cup final tkts');
    expect(v.indices.length).toBeGreaterThan(20);
    expect(sparseDot(v, v)).toBeCloseTo(1, 5);
    for (let i = 1; i < v.indices.length; i++)
      expect(v.indices[i]!).toBeGreaterThan(v.indices[i - 1]!);
    expect(Math.max(...v.indices)).toBeLessThan(2 ** 16);
    expect(
      Array.from(
        new Featurizer({ buckets: 2 ** 16 }).featurize(
          'Free entry in 2 a wkly comp to win FA Cup final tkts',
        ).indices,
      ),
    ).toEqual(Array.from(v.indices));
  });

  it('makes similar texts closer than unrelated ones, also without spaces (CJK)', () => {
    const f = new Featurizer();
    const a = f.featurize('恭喜您获得免费抽奖机会');
    const b = f.featurize('恭喜您获得免费礼品');
    const c = f.featurize('明天下午三点开会');
    expect(sparseDot(a, b)).toBeGreaterThan(sparseDot(a, c) + 0.2);
  });

  it('ignores layout (white space) in character n-grams', () => {
    const f = new Featurizer();
    expect(sparseDot(f.featurize('call  now\n'), f.featurize('call now'))).toBeCloseTo(1, 5);
  });

  it('uses an injected tokenizer and can turn n-grams off', () => {
    const calls: string[] = [];
    const f = new Featurizer({
      charNgrams: false,
      tokenize: (t) => {
        calls.push(t);
        return t.split('|');
      },
    });
    expect(f.featurize('a|b|a').indices.length).toBe(2);
    expect(calls).toEqual(['a|b|a']);
    expect(f.config.customTokenizer).toBe(true);
    expect(f.featurize('').indices.length).toBe(0);
  });

  it('rejects bad options with a clear message', () => {
    expect(() => new Featurizer({ buckets: 1000 })).toThrow(LearnInputError);
    expect(() => new Featurizer({ buckets: 1000 })).toThrow(/power of two/);
    expect(() => new Featurizer({ charNgrams: [3, 2] })).toThrow(/charNgrams/);
  });
});
