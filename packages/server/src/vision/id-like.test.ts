import { describe, expect, it } from 'vitest';
import { cnIdCheckChar, detectPii, preparePii } from '@tessera/core/compliance';
import { detectIdLikeNumbers, ID_CHECKSUM_PENALTY, ID_CONTEXT_SCORE } from './id-like.ts';

/** The README's number: a real birth date (1990-03-07), check character 4 instead of the right one. */
const README_ID = '110101199003071234';

// detectPii with every entity needs compromise (English names), loaded once on first use.
await preparePii();

describe('detectIdLikeNumbers', () => {
  it('reports the README number after 身份证号 as a resident ID whose check character fails', () => {
    expect(cnIdCheckChar(README_ID.slice(0, 17))).not.toBe('4');
    const [f, ...rest] = detectIdLikeNumbers(`身份证号 ${README_ID}`);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      entity: 'CN_RESIDENT_ID',
      checksum: 'failed',
      start: 5,
      end: 23,
      text: README_ID,
      context: ['身份证号'],
    });
    expect(f!.score).toBeCloseTo(ID_CONTEXT_SCORE * ID_CHECKSUM_PENALTY, 3);
  });

  it('scores a bare number below core’s default minimum, and lower than with context', () => {
    const bare = detectIdLikeNumbers(`编号 ${README_ID}`)[0]!;
    const ctx = detectIdLikeNumbers(`身份证号${README_ID}`)[0]!;
    expect(bare.context).toEqual([]);
    expect(bare.score).toBeLessThan(0.3);
    expect(ctx.score).toBeGreaterThan(bare.score);
  });

  it('scores lower than a valid ID in the same place', () => {
    const valid = README_ID.slice(0, 17) + cnIdCheckChar(README_ID.slice(0, 17));
    const core = detectPii(`身份证号 ${valid}`).find((f) => f.entity === 'CN_RESIDENT_ID')!;
    expect(detectIdLikeNumbers(`身份证号 ${valid}`)).toEqual([]);
    expect(core.score).toBeGreaterThan(detectIdLikeNumbers(`身份证号 ${README_ID}`)[0]!.score);
  });

  it('needs a real birth date and a standalone 18-character run', () => {
    expect(detectIdLikeNumbers('身份证号 110101199013071234')).toEqual([]); // month 13
    expect(detectIdLikeNumbers('身份证号 1101011990030712345')).toEqual([]); // 19 digits
    expect(detectIdLikeNumbers('身份证号 A110101199003071234')).toEqual([]);
  });

  it('reads full-width digits and counts offsets in code points', () => {
    const wide = README_ID.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    const [f] = detectIdLikeNumbers(`😀身份证号：${wide}`);
    expect(f).toMatchObject({ start: 6, end: 24, text: wide, checksum: 'failed' });
  });
});
