import { describe, expect, it } from 'vitest';
import { detectPassports } from './passport.ts';

const best = (text: string) =>
  [...detectPassports(text)].sort((a, b) => b.score - a.score)[0] ?? { entity: 'none', score: 0 };

describe('detectPassports', () => {
  it('recognises Chinese passports, confidently with context', () => {
    expect(best('🛂护照号码：E12345678')).toMatchObject({
      entity: 'CN_PASSPORT',
      start: 6,
      score: 0.9,
    });
    expect(best('护照 EA1234567')).toMatchObject({ entity: 'CN_PASSPORT', text: 'EA1234567' });
    expect(best('G12345678').score).toBe(0.5);
  });

  it('needs context for 9-digit UK numbers and prefers the country named', () => {
    expect(detectPassports('123456789').map((f) => f.entity)).toEqual(['US_PASSPORT']);
    expect(best('my UK passport number is 123456789')).toMatchObject({
      entity: 'UK_PASSPORT',
      score: 0.75,
    });
    expect(best('US passport 123456789')).toMatchObject({ entity: 'US_PASSPORT', score: 0.75 });
  });

  it('does not fire inside longer tokens', () => {
    expect(detectPassports('XE12345678Y')).toEqual([]);
  });
});
