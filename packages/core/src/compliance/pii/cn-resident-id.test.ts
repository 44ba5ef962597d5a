import { describe, expect, it } from 'vitest';
import { detectCnResidentIds } from './cn-resident-id.ts';

describe('detectCnResidentIds', () => {
  it('finds an 18-character ID after an emoji, in code-point offsets', () => {
    const [f, ...rest] = detectCnResidentIds('👍🏻身份证号：11010519491231002X。');
    expect(rest).toEqual([]);
    expect(f).toEqual({
      entity: 'CN_RESIDENT_ID',
      start: 7,
      end: 25,
      text: '11010519491231002X',
      score: 1,
      context: ['身份证号'],
    });
  });

  it('accepts full-width digits and reports the original characters', () => {
    const [f] = detectCnResidentIds('证件号码３１０１１５２００００２２９００２１');
    expect(f?.text).toBe('３１０１１５２００００２２９００２１');
    expect(f?.start).toBe(4);
  });

  it('scores an ID without context slightly lower', () => {
    expect(detectCnResidentIds('编号 310115200002290021')[0]?.score).toBe(0.9);
  });

  it('rejects a wrong check digit, an impossible date and a slice of a longer number', () => {
    expect(detectCnResidentIds('身份证 440305199001011249')).toEqual([]);
    expect(detectCnResidentIds('身份证 310115200102290027')).toEqual([]);
    expect(detectCnResidentIds('订单 9310115200002290021')).toEqual([]);
    expect(detectCnResidentIds('ID A310115200002290021')).toEqual([]);
  });

  it('finds the legacy 15-digit form, confidently only with context', () => {
    expect(detectCnResidentIds('旧身份证110105491231002')[0]).toMatchObject({
      score: 0.85,
      end: 19,
    });
    expect(detectCnResidentIds('编号110105491231002')[0]?.score).toBe(0.4);
    expect(detectCnResidentIds('编号110105491332002')).toEqual([]);
  });
});
