import { describe, expect, it } from 'vitest';
import { detectCnPhones } from './cn-phone.ts';

const spans = (text: string) => detectCnPhones(text).map((f) => [f.entity, f.text, f.start]);

describe('detectCnPhones', () => {
  it('finds mobiles in the common spellings', () => {
    expect(spans('手机13812345678')).toEqual([['CN_MOBILE', '13812345678', 2]]);
    expect(spans('电话 138-1234-5678')).toEqual([['CN_MOBILE', '138-1234-5678', 3]]);
    expect(spans('call +86 139 1234 5678')).toEqual([['CN_MOBILE', '+86 139 1234 5678', 5]]);
    expect(spans('0086-15912345678')).toEqual([['CN_MOBILE', '0086-15912345678', 0]]);
    expect(spans('(+86)18612345678')).toEqual([['CN_MOBILE', '(+86)18612345678', 0]]);
  });

  it('counts code points after an emoji and accepts full-width digits', () => {
    const [f] = detectCnPhones('🎉🎉 联系：１８６１２３４５６７８');
    expect(f).toMatchObject({ start: 6, end: 17, text: '１８６１２３４５６７８' });
  });

  it('scores by prefix and context', () => {
    expect(detectCnPhones('编号13812345678')[0]?.score).toBe(0.7);
    expect(detectCnPhones('编号+8613812345678')[0]?.score).toBe(0.9);
    expect(detectCnPhones('手机13812345678')[0]).toMatchObject({ score: 0.95, context: ['手机'] });
  });

  it('rejects non-mobile prefixes, wrong lengths and digits inside longer numbers', () => {
    expect(spans('12812345678')).toEqual([]);
    expect(spans('1381234567')).toEqual([]);
    expect(spans('138123456789')).toEqual([]);
    expect(spans('11010519491231002X')).toEqual([]);
    expect(spans('138 1234-5678')).toEqual([]); // mixed separators
  });

  it('finds landlines with 2- and 3-digit area codes', () => {
    expect(spans('座机 010-62345678')).toEqual([['CN_LANDLINE', '010-62345678', 3]]);
    expect(spans('(0755)26543210')).toEqual([['CN_LANDLINE', '(0755)26543210', 0]]);
    expect(spans('0571 8765432')).toEqual([['CN_LANDLINE', '0571 8765432', 0]]);
    expect(spans('+86 21 62345678')).toEqual([['CN_LANDLINE', '+86 21 62345678', 0]]);
    expect(detectCnPhones('传真：010-62345678')[0]?.score).toBe(0.85);
  });

  it('rejects landlines of the wrong length for their area', () => {
    expect(spans('010-6234567')).toEqual([]); // Beijing numbers have 8 digits
    expect(spans('010-12345678')).toEqual([]); // local numbers do not start with 1
  });
});
