import { describe, expect, it } from 'vitest';
import { detectBankCards } from './bank-card.ts';

describe('detectBankCards', () => {
  it('finds a 19-digit UnionPay number in 4-4-4-4-3 groups after an emoji', () => {
    const [f] = detectBankCards('💳卡号 6222 0212 3456 7890 128');
    expect(f).toMatchObject({ start: 4, end: 27, text: '6222 0212 3456 7890 128', score: 0.95 });
  });

  it('accepts full-width digits and Amex 4-6-5 grouping', () => {
    expect(detectBankCards('６２２２０２１２３４５６７８９０１２８')[0]?.score).toBe(0.8);
    expect(detectBankCards('amex 3714 496353 98431')[0]?.text).toBe('3714 496353 98431');
  });

  it('scores an unknown prefix lower than a network prefix', () => {
    expect(detectBankCards('122000000000003')[0]?.score).toBe(0.5);
    expect(detectBankCards('4111111111111111')[0]?.score).toBe(0.8);
  });

  it('rejects Luhn failures, 13-digit millisecond timestamps and too-long runs', () => {
    expect(detectBankCards('6222021234567890')).toEqual([]);
    expect(detectBankCards('1748503543012')).toEqual([]);
    expect(detectBankCards('41111111111111111111')).toEqual([]);
    expect(detectBankCards('4111 1111 1111 1111 1111')).toEqual([]);
  });
});
