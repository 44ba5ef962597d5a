import { describe, expect, it } from 'vitest';
import { detectCnPlates } from './cn-plate.ts';

const texts = (t: string) => detectCnPlates(t).map((f) => f.text);

describe('detectCnPlates', () => {
  it('finds ordinary and new-energy plates', () => {
    expect(texts('京A12345 粤B·1234学 沪AD12345 苏E12345F 浙A·F1234Z')).toEqual([
      '京A12345',
      '粤B·1234学',
      '沪AD12345',
      '苏E12345F',
    ]);
  });

  it('counts code points after an emoji and scores with context', () => {
    expect(detectCnPlates('🚗车牌号：川Ａ８８８８８')[0]).toMatchObject({
      start: 5,
      end: 12,
      text: '川Ａ８８８８８',
      score: 0.95,
    });
  });

  it('rejects I/O letters, too many letters and unknown provinces', () => {
    expect(texts('京I12345 京AABCDE 京ABCD1 港A12345')).toEqual([]);
  });
});
